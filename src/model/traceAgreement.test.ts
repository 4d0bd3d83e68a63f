import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEAKY_ALPHA, type ElementwiseActivation } from '../core/activations';
import type { Activation, Padding } from '../core/modelSpec';
import { mulberry32 } from '../core/random';
import { traceConv, traceDense, traceFlatten, tracePool, type HwcShape, type TraceCell } from '../core/trace';

// core/trace's values against the output of real tfjs layers (conv2d, maxPooling2d,
// averagePooling2d, dense, flatten) with the same weights, over seeded random shapes and cells,
// padded corners included. Inputs and weights are floats in [−1, 1): tfjs sums in float32, the
// trace in float64, hence a tolerance rather than equality.

const TOLERANCE = 1e-5;
const CONV_ACTIVATIONS: ElementwiseActivation[] = ['relu', 'leakyRelu', 'sigmoid', 'tanh', 'linear'];

/** Relative difference, with differences below 1e-5 in absolute terms counted as agreement near 0. */
const closeTo = (ours: number, theirs: number) => Math.abs(ours - theirs) <= TOLERANCE * Math.max(1, Math.abs(theirs));

describe('agreement of core/trace with tfjs layers (cpu backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const rng = mulberry32(1313);
  const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
  const floats = (length: number) => Float32Array.from({ length }, () => rng() * 2 - 1);
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)] as T;

  /** The four corners of an output plus two random cells, each on a random map. */
  function cellsOf(rows: number, cols: number, maps: number): TraceCell[] {
    const spots = [
      [0, 0],
      [0, cols - 1],
      [rows - 1, 0],
      [rows - 1, cols - 1],
      [int(0, rows - 1), int(0, cols - 1)],
    ];
    spots.push([int(0, rows - 1), int(0, cols - 1)]);
    return spots.map(([row, col]) => ({ map: int(0, maps - 1), row: row as number, col: col as number }));
  }

  /**
   * Applies `layers` in turn to `input` (shaped [1, ...shape]) and returns the last output without
   * its batch axis. `weights`, when given, replace the first layer's after it is built. Every
   * tensor and layer weight is disposed before returning.
   */
  function runLayers(layers: tf.layers.Layer[], input: Float32Array, shape: number[], weights?: tf.Tensor[]) {
    try {
      return tf.tidy(() => {
        const x = tf.tensor(input, [1, ...shape]);
        const first = layers[0] as tf.layers.Layer;
        first.apply(x); // builds the layer, so that its weights exist to be replaced
        if (weights) first.setWeights(weights);
        const y = layers.reduce<tf.Tensor>((t, layer) => layer.apply(t) as tf.Tensor, x);
        return { values: y.dataSync().slice(), shape: y.shape.slice(1) };
      });
    } finally {
      weights?.forEach((w) => w.dispose());
      layers.forEach((layer) => layer.dispose());
    }
  }

  function* convCases() {
    for (let n = 0; n < 48; n++) {
      const padding: Padding = n % 2 === 0 ? 'same' : 'valid';
      const [height, width] = [int(3, 9), int(3, 9)];
      const kernelSize = int(1, Math.min(5, height, width));
      const layer = { filters: int(1, 4), kernelSize, stride: int(1, 3), padding, activation: pick(CONV_ACTIVATIONS) };
      yield { layer, inputShape: [height, width, int(1, 4)] as const };
    }
  }

  it('traces conv2d cells to the value tfjs computes, padded corners included', () => {
    const before = tf.memory().numTensors;
    const mismatches: string[] = [];
    let [traced, padded] = [0, 0];
    for (const { layer, inputShape } of convCases()) {
      const { filters, kernelSize, stride, padding, activation } = layer;
      const input = floats(inputShape[0] * inputShape[1] * inputShape[2]);
      const kernel = floats(kernelSize * kernelSize * inputShape[2] * filters);
      const bias = floats(filters);
      const tfActivation = activation === 'leakyRelu' ? 'linear' : activation;
      const layers: tf.layers.Layer[] = [
        tf.layers.conv2d({ filters, kernelSize, strides: stride, padding, activation: tfActivation }),
      ];
      if (activation === 'leakyRelu') layers.push(tf.layers.leakyReLU({ alpha: LEAKY_ALPHA }));
      const weights = [tf.tensor4d(kernel, [kernelSize, kernelSize, inputShape[2], filters]), tf.tensor1d(bias)];
      const output = runLayers(layers, input, [...inputShape], weights);
      const [rows, cols] = output.shape as [number, number, number];
      for (const cell of cellsOf(rows, cols, filters)) {
        const trace = traceConv({ input, inputShape, layer, kernel, bias, cell });
        const theirs = output.values[(cell.row * cols + cell.col) * filters + cell.map] as number;
        traced++;
        if (trace.channels.some((channel) => channel.patch.flat().includes(null))) padded++;
        if (!closeTo(trace.value, theirs))
          mismatches.push(`${JSON.stringify({ layer, inputShape, cell })}: ${trace.value} vs ${theirs}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(traced).toBe(48 * 6);
    expect(padded).toBeGreaterThan(50);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('traces max and average pooling cells to the value tfjs computes', () => {
    const before = tf.memory().numTensors;
    const mismatches: string[] = [];
    for (let n = 0; n < 40; n++) {
      const kind = n % 2 === 0 ? 'max' : 'avg';
      const inputShape: HwcShape = [int(2, 9), int(2, 9), int(1, 4)];
      const poolSize = int(1, Math.min(4, inputShape[0], inputShape[1]));
      const stride = int(1, 3);
      const input = floats(inputShape[0] * inputShape[1] * inputShape[2]);
      const make = kind === 'max' ? tf.layers.maxPooling2d : tf.layers.averagePooling2d;
      const output = runLayers([make({ poolSize, strides: stride, padding: 'valid' })], input, [...inputShape]);
      const [rows, cols, maps] = output.shape as [number, number, number];
      for (const cell of cellsOf(rows, cols, maps)) {
        const trace = tracePool({ input, inputShape, kind, poolSize, stride, cell });
        const theirs = output.values[(cell.row * cols + cell.col) * maps + cell.map] as number;
        if (!closeTo(trace.value, theirs))
          mismatches.push(`${kind} ${inputShape} ${poolSize}/${stride} ${JSON.stringify(cell)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('traces dense units to the value tfjs computes, softmax probabilities included', () => {
    const before = tf.memory().numTensors;
    const mismatches: string[] = [];
    const activations: Activation[] = [...CONV_ACTIVATIONS, 'softmax'];
    for (let n = 0; n < 36; n++) {
      const [inUnits, units] = [int(1, 60), int(1, 12)];
      const activation = activations[n % activations.length] as Activation;
      const [input, kernel, bias] = [floats(inUnits), floats(inUnits * units), floats(units)];
      const tfActivation = activation === 'leakyRelu' ? 'linear' : activation;
      const layers: tf.layers.Layer[] = [tf.layers.dense({ units, activation: tfActivation })];
      if (activation === 'leakyRelu') layers.push(tf.layers.leakyReLU({ alpha: LEAKY_ALPHA }));
      const weights = [tf.tensor2d(kernel, [inUnits, units]), tf.tensor1d(bias)];
      const output = runLayers(layers, input, [inUnits], weights);
      for (const unit of new Set([0, units - 1, int(0, units - 1)])) {
        const trace = traceDense({ input, kernel, bias, activation, unit, top: 3 });
        // The listed products, the rest and the bias must add up to the pre-activation behind the value.
        const listed = trace.contributions.reduce((sum, c) => sum + c.product, 0);
        const addsUp = closeTo(listed + trace.restSum + trace.bias, trace.preActivation);
        if (!addsUp || !closeTo(trace.value, output.values[unit] as number))
          mismatches.push(`${activation} ${inUnits}→${units} unit ${unit}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('finds where each flattened index came from, as tf.layers.flatten orders it', () => {
    const before = tf.memory().numTensors;
    for (let n = 0; n < 10; n++) {
      const shape: HwcShape = [int(1, 6), int(1, 6), int(1, 5)];
      const input = floats(shape[0] * shape[1] * shape[2]);
      const output = runLayers([tf.layers.flatten()], input, [...shape]);
      const misplaced = Array.from(output.values).filter((value, index) => {
        const { row, col, channel } = traceFlatten(shape, index);
        return input[(row * shape[1] + col) * shape[2] + channel] !== value;
      });
      expect(misplaced).toEqual([]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
