/** The watch helpers other tests lean on to prove that nothing happened: they must be able to fail. */
import { expect, test } from '@playwright/test';
import { expectStaysTheSame, readOver } from './fixtures';

/** A read that gives `values` in turn, then keeps giving the last. */
function reads<T>(...values: T[]): () => Promise<T> {
  let next = 0;
  return async () => values[Math.min(next++, values.length - 1)]!;
}

test('expectStaysTheSame returns the value that held for the whole time', async () => {
  const start = Date.now();
  expect(await expectStaysTheSame(reads({ row: 2, col: 3 }), { forMs: 300, everyMs: 20 })).toEqual({ row: 2, col: 3 });
  expect(Date.now() - start).toBeGreaterThanOrEqual(300);
});

test('expectStaysTheSame fails at the first reading that differs, without waiting out the time', async () => {
  const start = Date.now();
  await expect(expectStaysTheSame(reads(7, 7, 8, 7), { forMs: 5_000, everyMs: 20 }, 'the count')).rejects.toThrow(
    /the count/,
  );
  expect(Date.now() - start).toBeLessThan(2_000);
});

test('readOver reads for at least forMs, then on until its condition holds', async () => {
  const readings = await readOver(reads(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), {
    forMs: 50,
    everyMs: 10,
    until: (sofar) => sofar.includes(9),
  });
  expect(readings.slice(0, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(readings.at(-1)).toBeGreaterThanOrEqual(9);
});
