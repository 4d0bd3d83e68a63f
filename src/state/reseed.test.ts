import { describe, expect, it } from 'vitest';
import { nextRandomGrid, nextSeed } from './reseed';

describe('nextSeed', () => {
  it('counts up and wraps from the largest seed back to 1', () => {
    expect(nextSeed(1, { max: 9999 })).toBe(2);
    expect(nextSeed(4321, { max: 9999 })).toBe(4322);
    expect(nextSeed(9999, { max: 9999 })).toBe(1);
    expect(nextSeed(0, { max: 9999 })).toBe(1);
  });
});

describe('nextRandomGrid', () => {
  it('keeps a random grid size and moves the seed on', () => {
    expect(nextRandomGrid({ size: 7, seed: 41 }, { max: 9999 })).toEqual({ size: 7, seed: 42 });
  });

  it('leaves the 5×5 example grid for a 6×6 random one', () => {
    expect(nextRandomGrid({ size: 5, seed: 9999 }, { max: 9999 })).toEqual({ size: 6, seed: 1 });
  });
});
