import { describe, expect, it } from 'vitest';
import { EXAMPLE_GRID, gridOfSize, randomGrid, syntheticImage } from './sampleInputs';

describe('sample inputs', () => {
  it('the example grid is 5×5 small integers', () => {
    expect(EXAMPLE_GRID).toHaveLength(5);
    expect(EXAMPLE_GRID.flat().every((v) => Number.isInteger(v) && v >= 0 && v <= 3)).toBe(true);
  });

  it('random grids are reproducible per seed and bounded', () => {
    expect(randomGrid(7, 3)).toEqual(randomGrid(7, 3));
    expect(randomGrid(7, 3)).not.toEqual(randomGrid(7, 4));
    const grid = randomGrid(6, 9, 2);
    expect(grid).toHaveLength(6);
    expect(grid.flat().every((v) => [0, 1, 2].includes(v))).toBe(true);
    expect(new Set(grid.flat()).size).toBe(3);
  });

  it('a 5×5 request gives a copy of the example grid, other sizes a random grid', () => {
    const five = gridOfSize(5, 1);
    expect(five).toEqual(EXAMPLE_GRID);
    five[0]![0] = 99;
    expect(EXAMPLE_GRID[0]![0]).toBe(1);
    expect(gridOfSize(4, 1)).toEqual(randomGrid(4, 1));
  });

  it('the synthetic image is binary, 32×32, and has strokes and background', () => {
    const image = syntheticImage();
    expect(image).toHaveLength(32);
    expect(image.every((row) => row.length === 32)).toBe(true);
    const on = image.flat().filter((v) => v === 1).length;
    expect(on).toBeGreaterThan(100);
    expect(on).toBeLessThan(600);
    expect(image.flat().every((v) => v === 0 || v === 1)).toBe(true);
    // The diagonal bar crosses the centre.
    expect(image[16]![16]).toBe(1);
  });
});
