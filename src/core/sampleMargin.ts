/**
 * How far an accuracy measured on a sample of the test set may be from the accuracy on the whole
 * set: the half-width of the normal approximation's 95% interval, 1.96·√(p(1−p)/n). The quick
 * checks between epochs use it to say how much a 2,000-image figure can be trusted.
 */

/** The 95% margin of accuracy `p` (0 to 1) measured on `n` images; 0 when n is 0. */
export function accuracyMargin95(p: number, n: number): number {
  if (n <= 0) return 0;
  return 1.96 * Math.sqrt((p * (1 - p)) / n);
}
