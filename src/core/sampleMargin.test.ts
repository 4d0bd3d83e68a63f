import { describe, expect, it } from 'vitest';
import { accuracyMargin95 } from './sampleMargin';

describe('accuracyMargin95', () => {
  it('is about ±0.44 points for 99% measured on 2,000 images', () => {
    expect(accuracyMargin95(0.99, 2_000)).toBeCloseTo(1.96 * Math.sqrt((0.99 * 0.01) / 2_000), 12);
    expect(accuracyMargin95(0.99, 2_000)).toBeCloseTo(0.00436, 5);
  });

  it('shrinks with the square root of the sample: five times the images, 1/√5 the margin', () => {
    expect(accuracyMargin95(0.97, 10_000) / accuracyMargin95(0.97, 2_000)).toBeCloseTo(1 / Math.sqrt(5), 12);
  });

  it('is widest at 50%, zero at 0% and 100%, and zero for an empty sample', () => {
    expect(accuracyMargin95(0.5, 400)).toBeCloseTo(0.049, 3);
    expect(accuracyMargin95(1, 2_000)).toBe(0);
    expect(accuracyMargin95(0, 2_000)).toBe(0);
    expect(accuracyMargin95(0.9, 0)).toBe(0);
  });
});
