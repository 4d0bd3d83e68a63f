import { describe, expect, it } from 'vitest';
import { CHECK_STRIDE, checkSize, testCheckSplit } from './testCheck';
import { realMnistSplit } from '../../scripts/mnistFixture';

describe('testCheckSplit', () => {
  it('takes every fifth test digit, pixels and label alike', () => {
    const test = realMnistSplit('testImages', 'testLabels', 10_000);
    const check = testCheckSplit(test);
    expect(check.count).toBe(2_000);
    expect(check.images.length).toBe(2_000 * 784);
    for (const i of [0, 1, 999, 1_000, 1_999]) {
      const from = i * CHECK_STRIDE;
      expect(check.labels[i]).toBe(test.labels[from]);
      expect(check.images.subarray(i * 784, (i + 1) * 784)).toEqual(test.images.subarray(from * 784, (from + 1) * 784));
    }
  });

  it('spans both halves of the test set, with every class within 2.5 points of its share of the whole', () => {
    const test = realMnistSplit('testImages', 'testLabels', 10_000);
    const check = testCheckSplit(test);
    const share = (labels: Uint8Array, c: number) => labels.filter((l) => l === c).length / labels.length;
    for (let c = 0; c < 10; c++) expect(Math.abs(share(check.labels, c) - share(test.labels, c))).toBeLessThan(0.025);
    // Half the check comes from the cleaner first 5,000 test digits, half from the harder rest.
    expect(check.labels.subarray(0, 1_000)).toEqual(test.labels.filter((_, i) => i < 5_000 && i % 5 === 0));
  });

  it('sizes a split that is not a multiple of the stride', () => {
    expect(checkSize(200)).toBe(40);
    expect(checkSize(7)).toBe(2);
    const small = testCheckSplit({
      images: new Uint8Array(7 * 784).map((_, i) => i % 251),
      labels: Uint8Array.from([0, 1, 2, 3, 4, 5, 6]),
      count: 7,
    });
    expect(Array.from(small.labels)).toEqual([0, 5]);
  });
});
