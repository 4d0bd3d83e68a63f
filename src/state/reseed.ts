/** What the explorables' "New random …" buttons change: the seed, and for a grid its size when the seed would not show. */
import { EXAMPLE_GRID } from '../core/sampleInputs';

/** The seed after `seed`, wrapping from `field.max` back to 1 so it stays within the URL schema. */
export function nextSeed(seed: number, field: { max: number }): number {
  return (seed % field.max) + 1;
}

/**
 * A grid input's next seed and size. The example grid's size shows the fixed example, which
 * ignores the seed, so that size moves one up to show a random grid.
 */
export function nextRandomGrid(
  grid: { size: number; seed: number },
  seedField: { max: number },
): { size: number; seed: number } {
  const size = grid.size === EXAMPLE_GRID.length ? EXAMPLE_GRID.length + 1 : grid.size;
  return { size, seed: nextSeed(grid.seed, seedField) };
}
