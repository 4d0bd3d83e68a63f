import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { D2P1, randomIntegerMatrix, randomIntegerVolume, S2P1, SAME, VALID } from '../core/convFixtures.test-helpers';
import type { PaddingMode } from '../core/convGeometry';
import { conv2d, conv2dVolume, convLayout, type ConvSettings, type Matrix } from '../core/convolution';
import { mulberry32 } from '../core/random';

// core/convolution's reference convolution against tf.conv2d: outputs, sizes and pads. Random
// inputs are integers in [-3, 3]: exact in float32, with many repeats and zeros.

describe('agreement with tf.conv2d (cpu backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  /** [1][H][W][1] → [H][W]. */
  const squeeze = (batch: number[][][][]): Matrix =>
    (batch[0] ?? []).map((row) => row.map((cell) => cell[0] as number));

  function tfPad(padding: PaddingMode): 'valid' | 'same' | [[0, 0], [number, number], [number, number], [0, 0]] {
    if (padding === 'valid' || padding === 'same') return padding;
    if (typeof padding === 'number')
      return [
        [0, 0],
        [padding, padding],
        [padding, padding],
        [0, 0],
      ];
    throw new Error('tf.conv2d has no full padding');
  }

  function tfConv2d(input: Matrix, kernel: Matrix, settings: ConvSettings): Matrix {
    return tf.tidy(() => {
      const x = tf.tensor4d([input.map((row) => row.map((v) => [v]))]);
      const w = tf.tensor4d(kernel.map((row) => row.map((v) => [[v]])));
      const y = tf.conv2d(x, w, settings.stride, tfPad(settings.padding), 'NHWC', settings.dilation);
      return squeeze(y.arraySync());
    });
  }

  // Non-square inputs (rows ≠ cols) and kernels, so that a swapped axis shows.
  const inputSizes = [4, 5, 6, 7, 8, 9].map((rows) => [rows, 13 - rows] as const);
  const kernelSizes = [1, 2, 3, 4, 5].flatMap((rows) => [[rows, rows] as const, [rows, 6 - rows] as const]);
  const paddings: PaddingMode[] = ['valid', 'same', 0, 1, 2];

  function* grid() {
    for (const [rows, cols] of inputSizes) {
      for (const [kRows, kCols] of kernelSizes) {
        for (const stride of [1, 2, 3]) {
          // tf.conv2d needs stride 1 or dilation 1.
          for (const dilation of stride === 1 ? [1, 2, 3] : [1]) {
            for (const padding of paddings) yield { rows, cols, kRows, kCols, settings: { stride, padding, dilation } };
          }
        }
      }
    }
  }

  it('computes the same outputs over a grid of sizes, strides, paddings and dilations', () => {
    const rng = mulberry32(2024);
    const before = tf.memory().numTensors;
    const mismatches: string[] = [];
    let compared = 0;
    for (const { rows, cols, kRows, kCols, settings } of grid()) {
      const input = randomIntegerMatrix(rows, cols, rng, -3, 3);
      const kernel = randomIntegerMatrix(kRows, kCols, rng, -3, 3);
      const ours = conv2d(input, kernel, settings);
      if (ours.length === 0) continue; // impossible: tf refuses these
      compared++;
      const theirs = tfConv2d(input, kernel, settings);
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
        mismatches.push(`${rows}×${cols} * ${kRows}×${kCols} ${JSON.stringify(settings)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("matches tf's output sizes and pads for valid, same and explicit padding", () => {
    const mismatches: string[] = [];
    for (const { rows, cols, kRows, kCols, settings } of grid()) {
      const layout = convLayout(rows, cols, kRows, kCols, settings);
      if (layout.outputRows < 1 || layout.outputCols < 1) continue;
      const info = tf.backend_util.computeConv2DInfo(
        [1, rows, cols, 1],
        [kRows, kCols, 1, 1],
        settings.stride,
        settings.dilation,
        tfPad(settings.padding),
      );
      const { top, bottom, left, right } = info.padInfo;
      const theirs = { top, bottom, left, right, outputRows: info.outHeight, outputCols: info.outWidth };
      const ours = { ...layout.pads, outputRows: layout.outputRows, outputCols: layout.outputCols };
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
        mismatches.push(`${rows}×${cols} * ${kRows}×${kCols} ${JSON.stringify(settings)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees on float inputs within 1e-4', () => {
    const rng = mulberry32(5);
    const floats = (rows: number, cols: number) =>
      Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng() * 2 - 1));
    for (const settings of [VALID, SAME, S2P1, D2P1]) {
      const input = floats(9, 8);
      const kernel = floats(3, 3);
      const ours = conv2d(input, kernel, settings).flat();
      const theirs = tfConv2d(input, kernel, settings).flat();
      expect(ours.length).toBe(theirs.length);
      ours.forEach((value, i) => expect(value).toBeCloseTo(theirs[i] as number, 4));
    }
  });

  it('conv2dVolume matches tf.conv2d with 3 input channels and 4 filters', () => {
    const rng = mulberry32(31337);
    const before = tf.memory().numTensors;
    const cases: ConvSettings[] = [VALID, SAME, S2P1, D2P1, { stride: 3, padding: 'same', dilation: 1 }];
    for (const settings of cases) {
      const input = randomIntegerVolume(7, 9, 3, rng, -3, 3);
      const filters = Array.from({ length: 4 }, () => randomIntegerVolume(3, 2, 3, rng, -3, 3));
      const biases = [0.5, -1, 2, 0];
      const theirs = tf.tidy(() => {
        const x = tf.tensor4d([input]);
        // tf wants [kh][kw][C][N]: filter n's weight for channel c at (kr, kc).
        const weights = filters[0]!.map((row, kr) =>
          row.map((depth, kc) => depth.map((_, c) => filters.map((f) => f[kr]![kc]![c]!))),
        );
        const w = tf.tensor4d(weights);
        const conv = tf.conv2d(x, w, settings.stride, tfPad(settings.padding), 'NHWC', settings.dilation);
        const y = tf.add(conv, tf.tensor1d(biases));
        return (y.arraySync() as number[][][][])[0];
      });
      expect(conv2dVolume(input, filters, biases, settings)).toEqual(theirs);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
