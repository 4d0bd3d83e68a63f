import { describe, expect, it } from 'vitest';
import { EXAMPLE_GRID } from '../core/sampleInputs';
import {
  bumpedCells,
  convolutionStepsPerSecond,
  convSettingsOf,
  inputOf,
  kernelOf,
  kernelSizeChange,
} from './convolutionSettings';

describe('kernelOf', () => {
  it('lays custom weights out row by row', () => {
    expect(kernelOf({ kernel: 2, preset: 'custom', weights: [1, -2, 3.5, -4] })).toEqual([
      [1, -2],
      [3.5, -4],
    ]);
  });

  it('copies a 3×3 preset, so editing the result leaves the preset alone', () => {
    const sobelY = kernelOf({ kernel: 3, preset: 'sobelY', weights: [] });
    expect(sobelY).toEqual([
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ]);
    sobelY[0]![0] = 42;
    expect(kernelOf({ kernel: 3, preset: 'sobelY', weights: [] })[0]![0]).toBe(-1);
  });

  it('puts the identity 1 in the centre, above and left of it for even sizes', () => {
    expect(kernelOf({ kernel: 4, preset: 'identity', weights: [] })).toEqual([
      [0, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(kernelOf({ kernel: 1, preset: 'identity', weights: [] })).toEqual([[1]]);
  });
});

describe('inputOf', () => {
  it('uses edited cells of the right count, row by row', () => {
    expect(inputOf({ size: 3, seed: 8, cells: [9, 8, 7, 6, 5, 4, 3, 2, 1] })).toEqual([
      [9, 8, 7],
      [6, 5, 4],
      [3, 2, 1],
    ]);
  });

  it('falls back to the example grid at size 5, and to a seeded 0–4 grid at other sizes', () => {
    expect(inputOf({ size: 5, seed: 8, cells: [] })).toEqual(EXAMPLE_GRID);
    const random = inputOf({ size: 4, seed: 8, cells: [1, 2] });
    expect(random).toHaveLength(4);
    expect(random.every((row) => row.length === 4 && row.every((v) => Number.isInteger(v) && v >= 0 && v <= 4))).toBe(
      true,
    );
    expect(inputOf({ size: 4, seed: 8, cells: [] })).toEqual(random);
  });
});

describe('convSettingsOf', () => {
  it('keeps named padding modes and turns explicit padding into a number', () => {
    expect(convSettingsOf({ stride: 2, pad: 'full', dilation: 3 })).toEqual({
      stride: 2,
      padding: 'full',
      dilation: 3,
    });
    expect(convSettingsOf({ stride: 4, pad: '2', dilation: 1 })).toEqual({ stride: 4, padding: 2, dilation: 1 });
    expect(convSettingsOf({ stride: 1, pad: '0', dilation: 2 })).toEqual({ stride: 1, padding: 0, dilation: 2 });
  });
});

describe('convolutionStepsPerSecond', () => {
  it('paces a small output at 1.5 cells a second times the speed', () => {
    expect(convolutionStepsPerSecond(9, 0.5)).toBe(0.75);
    expect(convolutionStepsPerSecond(25, 4)).toBe(6);
  });

  it('sweeps a digit-sized output in 20 s at 1×', () => {
    expect(convolutionStepsPerSecond(676, 1)).toBeCloseTo(33.8, 10);
    expect(convolutionStepsPerSecond(784, 2)).toBeCloseTo(78.4, 10);
  });
});

describe('bumpedCells', () => {
  it('raises the clicked cell by one and returns every cell row by row', () => {
    expect(
      bumpedCells(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        1,
        2,
      ),
    ).toEqual([1, 2, 3, 4, 5, 7]);
  });

  it('wraps 9 (and above) to 0 and rounds a fraction down before adding one', () => {
    expect(
      bumpedCells(
        [
          [9, 2],
          [3, 4],
        ],
        0,
        0,
      ),
    ).toEqual([0, 2, 3, 4]);
    expect(
      bumpedCells(
        [
          [1, 2],
          [3, 12],
        ],
        1,
        1,
      ),
    ).toEqual([1, 2, 3, 0]);
    expect(
      bumpedCells(
        [
          [1, 2.5],
          [3, 4],
        ],
        0,
        1,
      ),
    ).toEqual([1, 3, 3, 4]);
  });

  it('leaves the input grid as it was', () => {
    const input = [
      [1, 2],
      [3, 4],
    ];
    bumpedCells(input, 0, 0);
    expect(input).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe('kernelSizeChange', () => {
  it('keeps a preset at size 3 and clears custom weights', () => {
    expect(kernelSizeChange({ preset: 'sharpen' }, 3)).toEqual({ kernel: 3, preset: 'sharpen', weights: [] });
  });

  it('turns a preset at another size, or a custom kernel, into the identity', () => {
    expect(kernelSizeChange({ preset: 'sharpen' }, 5)).toEqual({ kernel: 5, preset: 'identity', weights: [] });
    expect(kernelSizeChange({ preset: 'custom' }, 3)).toEqual({ kernel: 3, preset: 'identity', weights: [] });
  });
});
