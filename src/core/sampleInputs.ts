/**
 * Inputs for the explorables, made in code so tutorial pages need no download:
 * a fixed 5×5 teaching grid, seeded random grids, and a synthetic 32×32 image.
 */
import type { Matrix } from './convolution';
import { mulberry32 } from './random';

/** Small integers, so every product and sum can be checked by hand. */
export const EXAMPLE_GRID: Matrix = [
  [1, 0, 2, 3, 1],
  [0, 2, 1, 0, 3],
  [3, 1, 0, 2, 2],
  [2, 0, 3, 1, 0],
  [1, 2, 0, 1, 3],
];

/** A size×size grid of integers 0–`max`, the same for the same seed. */
export function randomGrid(size: number, seed: number, max = 4): Matrix {
  const rng = mulberry32(seed);
  return Array.from({ length: size }, () => Array.from({ length: size }, () => Math.floor(rng() * (max + 1))));
}

/** The example grid when it fits `size`, otherwise a seeded random one: what a page shows for "size=n". */
export function gridOfSize(size: number, seed: number): Matrix {
  return size === EXAMPLE_GRID.length ? EXAMPLE_GRID.map((row) => [...row]) : randomGrid(size, seed);
}

/**
 * A size×size grey image in [0, 1] with edges in every direction: a ring, a
 * diagonal bar and a small filled square, so edge filters all find something.
 */
export function syntheticImage(size = 32): Matrix {
  const c = (size - 1) / 2;
  const radius = size * 0.32;
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => {
      const ring = Math.abs(Math.hypot(row - c, col - c) - radius) < size * 0.06;
      const bar = Math.abs(row - col) < size * 0.05 && row > size * 0.15 && row < size * 0.85;
      const square = row > size * 0.6 && row < size * 0.8 && col > size * 0.15 && col < size * 0.35;
      return ring || bar || square ? 1 : 0;
    }),
  );
}
