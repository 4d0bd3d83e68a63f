/**
 * Test data shared by core's convolution, pooling and backprop tests and by the model
 * layer's tfjs agreement tests (src/model/*Agreement.test.ts), which check tfjs against
 * core's reference math on the same numbers. Imported by tests only; seeded, so every run
 * sees the same matrices. Matrices are row-major `[row][col]`.
 */

import { expect } from 'vitest';
import { convForward, shapeOf, type BackpropSettings } from './convBackprop';
import type { ConvSettings, Matrix, Volume } from './convolution';
import { mulberry32 } from './random';

/**
 * Integers from `min` to `max` drawn from a seeded generator: exact in float32, and with
 * many ties and zeros when the range is small.
 */
export function randomIntegerMatrix(rows: number, cols: number, rng: () => number, min: number, max: number): Matrix {
  const span = max - min + 1;
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => min + Math.floor(rng() * span)));
}

/** An HWC volume of integers from `min` to `max`, [rows][cols][depth], filled row by row. */
export function randomIntegerVolume(
  rows: number,
  cols: number,
  depth: number,
  rng: () => number,
  min: number,
  max: number,
): Volume {
  return Array.from({ length: rows }, () => randomIntegerMatrix(cols, depth, rng, min, max));
}

/** Floats in [-1, 1) from a seeded generator. */
export function randomFloatMatrix(rows: number, cols: number, rng: () => number): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng() * 2 - 1));
}

/** Expects `actual` to have the shape of `expected` and every cell within `tolerance` of it. */
export function expectMatricesClose(actual: Matrix, expected: Matrix, tolerance: number): void {
  expect(shapeOf(actual)).toEqual(shapeOf(expected));
  actual.flat().forEach((value, i) => {
    expect(Math.abs(value - (expected.flat()[i] as number))).toBeLessThan(tolerance);
  });
}

// Small irregular numbers for backprop, chosen so that every gradient cell worked by hand in
// convBackprop.test differs from the others, and a transposed or unflipped kernel would give
// other numbers.
export const X3: Matrix = [
  [1, 2, 0],
  [3, -1, 2],
  [0, 1, 4],
];
export const K2: Matrix = [
  [2, -3],
  [-2, 3],
];
export const DY2: Matrix = [
  [1, -2],
  [3, 5],
];

/** Random backprop cases over stride 1–2 and padding 0–1, with non-square inputs and kernels: 80 in all. */
export function* randomBackpropCases(seed: number) {
  const rng = mulberry32(seed);
  for (const stride of [1, 2]) {
    for (const padding of [0, 1]) {
      for (const [rows, cols] of [
        [4, 5],
        [5, 4],
        [6, 7],
        [7, 6],
      ] as const) {
        for (const [kRows, kCols] of [
          [1, 2],
          [2, 2],
          [3, 2],
          [2, 3],
          [3, 3],
        ] as const) {
          const settings: BackpropSettings = { stride, padding };
          const input = randomFloatMatrix(rows, cols, rng);
          const kernel = randomFloatMatrix(kRows, kCols, rng);
          const output = convForward(input, kernel, 0, settings);
          const dy = randomFloatMatrix(output.length, output[0]?.length ?? 0, rng);
          yield { input, kernel, dy, settings, label: `${rows}×${cols} * ${kRows}×${kCols} s${stride} p${padding}` };
        }
      }
    }
  }
}

// Irregular values, chosen so that every valid, stride-2 and dilated output of the hand-worked
// tests has distinct cells, and so that a flipped kernel (true convolution) gives other numbers.
export const X: Matrix = [
  [2, 0, 3, 4, 4],
  [1, 1, 4, 4, 0],
  [1, 2, 2, 4, 2],
  [4, 4, 3, 1, 1],
  [1, 0, 2, 1, 1],
];
export const K: Matrix = [
  [1, 0, -1],
  [2, 1, 0],
  [0, -1, 1],
];
export const CONV_K2: Matrix = [
  [1, 2],
  [3, -1],
];

/** Convolution settings the tests share: valid, 'same', full, stride 2 with 1 of padding, dilated. */
export const VALID: ConvSettings = { stride: 1, padding: 'valid', dilation: 1 };
export const S2P1: ConvSettings = { stride: 2, padding: 1, dilation: 1 };
export const SAME: ConvSettings = { stride: 1, padding: 'same', dilation: 1 };
export const FULL: ConvSettings = { stride: 1, padding: 'full', dilation: 1 };
export const D2: ConvSettings = { stride: 1, padding: 'valid', dilation: 2 };
export const D2P1: ConvSettings = { stride: 1, padding: 1, dilation: 2 };
