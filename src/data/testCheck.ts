/**
 * The quick test-set check that training runs between epochs: a fixed fifth of the 10,000 test
 * digits, so the user sees accuracy climb (and cross 99 %) without paying for a full evaluation
 * every few seconds. Every fifth image, not the first 2,000: MNIST's test set puts its 5,000
 * cleaner digits first, so a prefix would flatter the network.
 */
import type { MnistSplit } from './mnist';
import { splitSubset } from './splitSubset';

/** One image in this many goes into the check. */
export const CHECK_STRIDE = 5;

/** Images in the check of a split of `count` images. */
export function checkSize(count: number): number {
  return Math.ceil(count / CHECK_STRIDE);
}

/** Images 0, 5, 10, … of `test` as a split of their own (copied: the full split stays as it is). */
export function testCheckSplit(test: MnistSplit): MnistSplit {
  return splitSubset(
    test,
    Array.from({ length: checkSize(test.count) }, (_, i) => i * CHECK_STRIDE),
  );
}
