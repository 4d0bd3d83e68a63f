import { describe, expect, it } from 'vitest';
import { downsample, emaSmooth } from './smoothing';

describe('emaSmooth', () => {
  it('returns the values unchanged at weight 0', () => {
    expect(emaSmooth([3, -1, 7.5], 0)).toEqual([3, -1, 7.5]);
  });

  it('debiases, so the first smoothed value equals the first raw value', () => {
    // w = 0.5: running 0.5·2 = 1 → 1 / (1 − 0.5) = 2;
    // then 0.5·1 + 0.5·6 = 3.5 → 3.5 / 0.75 = 14/3;
    // then 0.5·3.5 + 0.5·10 = 6.75 → 6.75 / 0.875 = 54/7.
    const out = emaSmooth([2, 6, 10], 0.5);
    expect(out[0]).toBe(2);
    expect(out[1]).toBeCloseTo(14 / 3, 12);
    expect(out[2]).toBeCloseTo(54 / 7, 12);
  });

  it('matches the hand-worked average at weight 0.9', () => {
    // running: 0.1·10 = 1 → 1/0.1 = 10; 0.9·1 + 0.1·20 = 2.9 → 2.9/0.19 = 290/19.
    const out = emaSmooth([10, 20], 0.9);
    expect(out[0]).toBeCloseTo(10, 12);
    expect(out[1]).toBeCloseTo(290 / 19, 12);
  });

  it('keeps a constant series constant at any weight', () => {
    for (const w of [0.3, 0.6, 0.99]) {
      for (const v of emaSmooth([0.25, 0.25, 0.25, 0.25], w)) expect(v).toBeCloseTo(0.25, 12);
    }
  });

  it('passes non-finite values through without letting them into the average', () => {
    const out = emaSmooth([2, Number.NaN, 6, Number.POSITIVE_INFINITY], 0.5);
    expect(out[0]).toBe(2);
    expect(out[1]).toBeNaN();
    // The NaN was skipped, so 6 is the second value seen: same as [2, 6] → 14/3.
    expect(out[2]).toBeCloseTo(14 / 3, 12);
    expect(out[3]).toBe(Number.POSITIVE_INFINITY);
  });

  it('clamps the weight to [0, 0.99] and treats NaN as 0', () => {
    const values = [4, 9, 1, 16];
    expect(emaSmooth(values, 5)).toEqual(emaSmooth(values, 0.99));
    expect(emaSmooth(values, -2)).toEqual(values);
    expect(emaSmooth(values, Number.NaN)).toEqual(values);
  });

  it('returns a new array and leaves the input alone', () => {
    const values = [1, 2, 3];
    const out = emaSmooth(values, 0);
    expect(out).not.toBe(values);
    expect(values).toEqual([1, 2, 3]);
    expect(emaSmooth([], 0.6)).toEqual([]);
  });
});

describe('downsample', () => {
  it('returns a copy when there are no more points than the limit', () => {
    const points = [5, 6, 7];
    const out = downsample(points, 3);
    expect(out).toEqual([5, 6, 7]);
    expect(out).not.toBe(points);
    expect(downsample(points, 600)).toEqual([5, 6, 7]);
  });

  it('keeps the first and last point and spreads the rest evenly by index', () => {
    const points = Array.from({ length: 11 }, (_, i) => i * 10);
    // stride (11 − 1) / (6 − 1) = 2 exactly
    expect(downsample(points, 6)).toEqual([0, 20, 40, 60, 80, 100]);
    // stride 10 / 3: indices round(0, 3.33, 6.67, 10) = 0, 3, 7, 10
    expect(downsample(points, 4)).toEqual([0, 30, 70, 100]);
    expect(downsample(points, 2)).toEqual([0, 100]);
  });

  it('returns exactly max distinct points from a long series', () => {
    const points = Array.from({ length: 5000 }, (_, i) => ({ step: i + 1 }));
    const out = downsample(points, 600);
    expect(out).toHaveLength(600);
    expect(out[0]).toBe(points[0]);
    expect(out[599]).toBe(points[4999]);
    expect(new Set(out).size).toBe(600);
    // Indices rise strictly and evenly: round(i · 4999 / 599).
    expect(out[1]?.step).toBe(1 + Math.round(4999 / 599)); // index 8
    expect(out[300]?.step).toBe(1 + Math.round((300 * 4999) / 599)); // index 2504
  });

  it('gives the last point for max 1 and nothing for max below 1', () => {
    expect(downsample([1, 2, 3], 1)).toEqual([3]);
    expect(downsample([1, 2, 3], 0)).toEqual([]);
    expect(downsample([1, 2, 3], Number.NaN)).toEqual([]);
    expect(downsample([], 10)).toEqual([]);
  });
});
