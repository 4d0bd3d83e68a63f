import { describe, expect, it } from 'vitest';
import { mulberry32 } from './random';
import { heldOutCount, stratifiedSplit } from './stratifiedSplit';

/** Labels with `counts[c]` examples of class c, interleaved the way a user adds them. */
function labelsWith(counts: number[]): number[] {
  const labels: number[] = [];
  const left = [...counts];
  while (left.some((n) => n > 0)) {
    left.forEach((n, c) => {
      if (n > 0) {
        labels.push(c);
        left[c] = n - 1;
      }
    });
  }
  return labels;
}

/** How many examples of each class a list of indices holds. */
function perClass(indices: number[], labels: number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const i of indices) counts[labels[i]!]! += 1;
  return counts;
}

describe('stratifiedSplit', () => {
  it('holds out the share of each class, rounded, and puts every example on exactly one side', () => {
    const counts = [10, 5, 100, 7];
    const labels = labelsWith(counts);
    const { train, heldOut } = stratifiedSplit(labels, 0.2, 1);
    expect(perClass(heldOut, labels, 4)).toEqual([2, 1, 20, 1]);
    expect(perClass(train, labels, 4)).toEqual([8, 4, 80, 6]);
    expect([...train, ...heldOut].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    expect(train).toEqual([...train].sort((a, b) => a - b));
    expect(heldOut).toEqual([...heldOut].sort((a, b) => a - b));
  });

  it('keeps at least one example of every class of two or more on each side, whatever the share', () => {
    const rng = mulberry32(3);
    for (const share of [0.01, 0.2, 0.5, 0.9, 0.99]) {
      const counts = Array.from({ length: 6 }, () => 2 + Math.floor(rng() * 12));
      const labels = labelsWith(counts);
      const { train, heldOut } = stratifiedSplit(labels, share, 42);
      expect(perClass(train, labels, 6).every((n) => n >= 1)).toBe(true);
      expect(perClass(heldOut, labels, 6).every((n) => n >= 1)).toBe(true);
    }
  });

  it('keeps the only example of a class in training', () => {
    const labels = [0, 0, 0, 0, 0, 1, 2, 2];
    const { train, heldOut } = stratifiedSplit(labels, 0.4, 9);
    expect(train).toContain(5);
    expect(perClass(heldOut, labels, 3)).toEqual([2, 0, 1]);
  });

  it('holds nothing out at a share of 0', () => {
    expect(stratifiedSplit([0, 1, 1, 0], 0, 5)).toEqual({ train: [0, 1, 2, 3], heldOut: [] });
  });

  it('is the same for the same seed and differs between seeds', () => {
    const labels = labelsWith([50, 50, 50]);
    expect(stratifiedSplit(labels, 0.2, 123)).toEqual(stratifiedSplit(labels, 0.2, 123));
    expect(stratifiedSplit(labels, 0.2, 123).heldOut).not.toEqual(stratifiedSplit(labels, 0.2, 124).heldOut);
  });

  it('picks held-out examples at random: over many seeds each example is held out about share of the time', () => {
    const labels = new Array<number>(10).fill(0);
    const times = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const i of stratifiedSplit(labels, 0.2, seed).heldOut) times[i]! += 1;
    for (const n of times) expect(n).toBeGreaterThan(300); // expected 400 of 2000; σ ≈ 18
    for (const n of times) expect(n).toBeLessThan(500);
  });

  it('only adds to the held-out set when the share grows', () => {
    const labels = labelsWith([30, 20]);
    const small = stratifiedSplit(labels, 0.1, 8).heldOut;
    const large = stratifiedSplit(labels, 0.4, 8).heldOut;
    expect(large.length).toBeGreaterThan(small.length);
    for (const i of small) expect(large).toContain(i);
  });

  it('moves at most one earlier example across when the user adds one to a class', () => {
    const labels = labelsWith([20, 20]);
    const before = stratifiedSplit(labels, 0.2, 77).heldOut;
    for (let added = 0; added < 10; added++) {
      labels.push(0);
      const after = stratifiedSplit(labels, 0.2, 77).heldOut;
      const earlierAfter = after.filter((i) => i < labels.length - 1);
      const moved =
        before.filter((i) => !earlierAfter.includes(i)).length + earlierAfter.filter((i) => !before.includes(i)).length;
      expect(moved).toBeLessThanOrEqual(1);
      before.splice(0, before.length, ...after);
    }
  });

  it('refuses a share outside [0, 1) and labels that are not class indices', () => {
    expect(() => stratifiedSplit([0, 1], 1, 0)).toThrow(RangeError);
    expect(() => stratifiedSplit([0, 1], -0.1, 0)).toThrow(RangeError);
    expect(() => stratifiedSplit([0, 1], Number.NaN, 0)).toThrow(RangeError);
    expect(() => stratifiedSplit([0, -1], 0.2, 0)).toThrow(/label -1 of example 1/);
    expect(() => stratifiedSplit([0, 0.5], 0.2, 0)).toThrow(RangeError);
  });
});

describe('heldOutCount', () => {
  it('rounds the share and clamps to [1, n − 1] for classes of two or more', () => {
    expect([1, 2, 3, 4, 5, 10, 11, 500].map((n) => heldOutCount(n, 0.2))).toEqual([0, 1, 1, 1, 1, 2, 2, 100]);
    expect(heldOutCount(2, 0.99)).toBe(1);
    expect(heldOutCount(3, 0.9)).toBe(2);
    expect(heldOutCount(50, 0)).toBe(0);
  });
});
