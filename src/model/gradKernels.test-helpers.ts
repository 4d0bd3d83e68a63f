/** Helpers shared by the gradient kernel tests. */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

/** The largest |a[k] - b[k]|, after checking both have the same length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs((a[k] ?? NaN) - (b[k] ?? NaN)));
  return max;
}

/** Runs `fn` on the named backend, failing the test if the backend cannot start. */
export async function onBackend<T>(name: string, fn: () => Promise<T>): Promise<T> {
  expect(await tf.setBackend(name)).toBe(true);
  return fn();
}
