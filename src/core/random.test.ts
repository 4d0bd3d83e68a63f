import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, shuffledIndices } from './random';

function draw(rng: () => number, count: number): number[] {
  return Array.from({ length: count }, () => rng());
}

describe('mulberry32', () => {
  it('matches the reference Mulberry32 sequence for seed 42', () => {
    expect(mulberry32(42)()).toBe(0.6011037519201636);
  });

  it('repeats the same sequence for the same seed', () => {
    expect(draw(mulberry32(1234), 50)).toEqual(draw(mulberry32(1234), 50));
  });

  it('gives different sequences for different seeds', () => {
    const a = draw(mulberry32(1234), 50);
    const b = draw(mulberry32(1235), 50);
    expect(a.filter((value, i) => value === b[i])).toHaveLength(0);
  });

  it('yields values in [0, 1)', () => {
    const values = draw(mulberry32(7), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });

  it('fills ten equal bins roughly equally', () => {
    const bins = new Array<number>(10).fill(0);
    for (const value of draw(mulberry32(99), 100_000)) {
      const bin = Math.floor(value * 10);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    // Expected 10,000 per bin with a standard deviation near 95; 500 is over five sigma.
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('shuffledIndices', () => {
  it('returns a permutation of 0..n−1', () => {
    const indices = shuffledIndices(1000, mulberry32(3));
    expect(Array.from(indices).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('actually reorders the indices', () => {
    const indices = shuffledIndices(1000, mulberry32(3));
    const fixedPoints = Array.from(indices).filter((value, i) => value === i).length;
    expect(fixedPoints).toBeLessThan(10);
  });

  it('repeats the same order for the same seed and differs for another seed', () => {
    const a = Array.from(shuffledIndices(200, mulberry32(11)));
    expect(Array.from(shuffledIndices(200, mulberry32(11)))).toEqual(a);
    expect(Array.from(shuffledIndices(200, mulberry32(12)))).not.toEqual(a);
  });

  it('handles empty and single-element inputs', () => {
    expect(Array.from(shuffledIndices(0, mulberry32(1)))).toEqual([]);
    expect(Array.from(shuffledIndices(1, mulberry32(1)))).toEqual([0]);
  });

  it('puts each value in each position about equally often', () => {
    const rng = mulberry32(5);
    const counts = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
    for (let trial = 0; trial < 40_000; trial++) {
      shuffledIndices(4, rng).forEach((value, position) => {
        const row = counts[position] as number[];
        row[value] = (row[value] ?? 0) + 1;
      });
    }
    // Expected 10,000 per cell with a standard deviation near 87.
    for (const row of counts) for (const count of row) expect(Math.abs(count - 10_000)).toBeLessThan(450);
  });
});

describe('deriveSeed', () => {
  it('returns an unsigned 32-bit integer', () => {
    for (const [seed, salt] of [
      [0, 0],
      [42, 1],
      [-5, 3],
      [2 ** 32 - 1, 2 ** 31],
    ] as const) {
      const derived = deriveSeed(seed, salt);
      expect(Number.isInteger(derived)).toBe(true);
      expect(derived).toBeGreaterThanOrEqual(0);
      expect(derived).toBeLessThan(2 ** 32);
    }
  });

  it('is deterministic', () => {
    expect(deriveSeed(42, 7)).toBe(deriveSeed(42, 7));
  });

  it('gives distinct seeds for distinct salts of one seed', () => {
    const derived = new Set(Array.from({ length: 10_000 }, (_, salt) => deriveSeed(42, salt)));
    expect(derived.size).toBe(10_000);
  });

  it('gives different seeds for neighbouring seeds with the same salt', () => {
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(43, 1));
    expect(deriveSeed(0, 0)).not.toBe(0);
  });

  it('flips about half the output bits when one input bit flips', () => {
    let flipped = 0;
    let trials = 0;
    for (let seed = 0; seed < 64; seed++) {
      for (let bit = 0; bit < 32; bit++) {
        const diff = (deriveSeed(seed, 1) ^ deriveSeed((seed ^ (1 << bit)) >>> 0, 1)) >>> 0;
        flipped += diff.toString(2).split('1').length - 1;
        trials++;
      }
    }
    const meanFlipped = flipped / trials;
    expect(meanFlipped).toBeGreaterThan(15);
    expect(meanFlipped).toBeLessThan(17);
  });
});
