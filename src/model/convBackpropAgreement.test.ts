import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inputGradient, kernelGradient, shapeOf, type BackpropSettings } from '../core/convBackprop';
import { DY2, K2, X3, expectMatricesClose, randomBackpropCases } from '../core/convFixtures.test-helpers';
import type { Matrix } from '../core/convolution';

// core/convBackprop's hand-written gradients of a single-channel convolution against
// TensorFlow.js's automatic ones, on the same numbers as core/convBackprop.test.

const S2P1: BackpropSettings = { stride: 2, padding: 1 };

describe('agreement with tf.grads of tf.conv2d (cpu backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  /** dL/dx and dL/dk of L = Σ conv2d(x, k) ⊙ dy, from TensorFlow.js. */
  function tfGradients(
    input: Matrix,
    kernel: Matrix,
    dy: Matrix,
    settings: BackpropSettings,
  ): { dx: Matrix; dk: Matrix } {
    return tf.tidy(() => {
      const x = tf.tensor4d([input.map((row) => row.map((v) => [v]))]);
      const k = tf.tensor4d(kernel.map((row) => row.map((v) => [[v]])));
      const upstream = tf.tensor4d([dy.map((row) => row.map((v) => [v]))]);
      const p = settings.padding;
      const pad: [[0, 0], [number, number], [number, number], [0, 0]] = [
        [0, 0],
        [p, p],
        [p, p],
        [0, 0],
      ];
      const loss = (a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, settings.stride, pad), upstream));
      const [gx, gk] = tf.grads(loss)([x, k]);
      const dx = ((gx!.arraySync() as number[][][][])[0] ?? []).map((row) => row.map((cell) => cell[0] as number));
      const dk = (gk!.arraySync() as number[][][][]).map((row) => row.map((cell) => cell[0]?.[0] as number));
      return { dx, dk };
    });
  }

  it('gives the same dL/dx and dL/dk within 1e-5 for random inputs, strides 1–2 and paddings 0–1, leaking no tensors', () => {
    const before = tf.memory().numTensors;
    let compared = 0;
    for (const { input, kernel, dy, settings } of randomBackpropCases(2025)) {
      const theirs = tfGradients(input, kernel, dy, settings);
      expectMatricesClose(kernelGradient(input, dy, shapeOf(kernel), settings), theirs.dk, 1e-5);
      expectMatricesClose(inputGradient(kernel, dy, shapeOf(input), settings), theirs.dx, 1e-5);
      compared++;
    }
    expect(compared).toBe(80);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the hand-worked stride-2, padding-1 gradients too', () => {
    const before = tf.memory().numTensors;
    const theirs = tfGradients(X3, K2, DY2, S2P1);
    expect(theirs.dk).toEqual(kernelGradient(X3, DY2, [2, 2], S2P1));
    expect(theirs.dx).toEqual(inputGradient(K2, DY2, [3, 3], S2P1));
    expect(tf.memory().numTensors).toBe(before);
  });
});
