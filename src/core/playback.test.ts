import { describe, expect, it } from 'vitest';
import { SPEEDS, STEPS_PER_SECOND, stepsPerSecond } from './playback';

describe('playback pacing', () => {
  it('offers the four speeds, slowest first, and 1.5 steps a second at 1×', () => {
    expect(SPEEDS).toEqual([0.5, 1, 2, 4]);
    expect(STEPS_PER_SECOND).toBe(1.5);
  });

  it('multiplies the base rate by the speed when no sweep limit is given', () => {
    expect(stepsPerSecond(1)).toBe(1.5);
    expect(stepsPerSecond(4, 784)).toBe(6);
    expect(stepsPerSecond(0.5, 9)).toBe(0.75);
  });

  it('keeps the base rate for a grid that sweeps within the limit', () => {
    // 16 cells at 1.5 a second take under 20 s, so the pace stays 1.5 × speed.
    expect(stepsPerSecond(2, 16, 20)).toBe(3);
  });

  it('speeds up a big grid so that it sweeps in the limit at 1×', () => {
    // A 26×26 output (676 cells) in 20 s is 33.8 cells a second at 1×, 67.6 at 2×.
    expect(stepsPerSecond(1, 676, 20)).toBeCloseTo(33.8, 10);
    expect(stepsPerSecond(2, 676, 20)).toBeCloseTo(67.6, 10);
  });
});
