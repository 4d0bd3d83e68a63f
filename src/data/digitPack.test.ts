import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeDigitPack,
  DIGIT_PACK_FILE,
  DIGIT_PACK_SIZE,
  DigitPackError,
  encodeDigitPack,
  packPosition,
} from './digitPack';
import { loadDigitPack, loadMnistTest, trainingDownloadBytes } from './mnist';
import { BASE, fakeFetch } from './mnistFiles.test-helpers';

/** Three 28×28 images whose pixels name their image (image i is all i + 1), labels 3, 1, 4. */
function tinySplit() {
  const images = new Uint8Array(3 * 784).map((_, p) => Math.floor(p / 784) + 1);
  return { images, labels: Uint8Array.from([3, 1, 4]), count: 3 };
}

describe('the test-digit pack format', () => {
  it('round-trips the chosen images, labels and their places in the test set', () => {
    const pack = decodeDigitPack(encodeDigitPack(tinySplit(), [2, 0]));
    expect(Array.from(pack.indices)).toEqual([2, 0]);
    expect(Array.from(pack.split.labels)).toEqual([4, 3]);
    expect(pack.split.count).toBe(2);
    expect(new Set(pack.split.images.subarray(0, 784))).toEqual(new Set([3]));
    expect(new Set(pack.split.images.subarray(784))).toEqual(new Set([1]));
    expect(packPosition(pack, 0)).toBe(1);
    expect(packPosition(pack, 1)).toBe(-1);
  });

  it('refuses an index outside the test set', () => {
    expect(() => encodeDigitPack(tinySplit(), [3])).toThrow(/Test digit 3 is not in a test set of 3/);
  });

  it('says what is wrong with a damaged or foreign file', () => {
    const good = encodeDigitPack(tinySplit(), [0, 1]);
    expect(() => decodeDigitPack(new TextEncoder().encode('<!doctype html>'))).toThrow(/header is wrong/);
    expect(() => decodeDigitPack(good.subarray(0, good.length - 1))).toThrow(
      new DigitPackError(
        `The test-digit pack holds ${good.length - 1} bytes where 2 digits need ${good.length}: it is damaged.`,
      ),
    );
    const future = good.slice();
    future[4] = 9;
    expect(() => decodeDigitPack(future)).toThrow(/version 9; this page reads version 1/);
    const badLabel = good.slice();
    badLabel[12 + 2 * 4] = 10;
    expect(() => decodeDigitPack(badLabel)).toThrow(/label outside 0–9/);
  });
});

describe('the pack that prepare-data wrote', () => {
  it('holds the first 100 real test digits, equal to the test set they came from', async () => {
    const pack = await loadDigitPack(BASE, fakeFetch());
    const test = await loadMnistTest(BASE, undefined, fakeFetch());
    expect(pack.split.count).toBe(DIGIT_PACK_SIZE);
    expect(Array.from(pack.indices)).toEqual(Array.from({ length: DIGIT_PACK_SIZE }, (_, i) => i));
    expect(Array.from(pack.split.labels)).toEqual(Array.from(test.labels.subarray(0, DIGIT_PACK_SIZE)));
    expect(pack.split.images).toEqual(test.images.subarray(0, DIGIT_PACK_SIZE * 784));
    expect(new Set(pack.split.labels).size).toBe(10); // every class has an example
  });

  it('is small: under 20 KB, against 9.6 MB of training data', async () => {
    const requested: string[] = [];
    const recording = ((input: string | URL | Request) => {
      requested.push(String(input));
      return fakeFetch()(input);
    }) as typeof fetch;
    await loadDigitPack(BASE, recording);
    expect(requested).toEqual([`${BASE}data/mnist/${DIGIT_PACK_FILE}`]);
    const packed = await (await fakeFetch()(`${BASE}data/mnist/${DIGIT_PACK_FILE}`)).arrayBuffer();
    expect(packed.byteLength).toBeLessThan(20_000);
    expect(await trainingDownloadBytes(BASE, fakeFetch())).toBeGreaterThan(9_500_000);
  });

  it('reports a damaged pack with its URL and what to check', async () => {
    const damaged = fakeFetch({ [DIGIT_PACK_FILE]: () => new Response(gzipSync(Buffer.from('MNDP junk'))) });
    await expect(loadDigitPack(BASE, damaged)).rejects.toThrow(
      /test-digits\.bin\.gz: The test-digit pack is not a pack of digits.*Check that every file of the built site/,
    );
  });
});
