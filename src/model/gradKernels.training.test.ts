import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
// Registers the wasm backend and its kernels; in Node it loads the .wasm binary from
// node_modules by file path, so no setWasmPaths is needed.
import '@tensorflow/tfjs-backend-wasm';
import { mulberry32 } from '../core/random';
import { registerFastGradKernels } from './gradKernels';
import { maxAbsDiff, onBackend } from './gradKernels.test-helpers';

interface StepWeights {
  before: Float32Array[];
  after: Float32Array[];
}

async function readWeights(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
}

/** One SGD step of a small MNIST-shaped layers model (fused conv + bias + relu). */
async function layersTrainStep(): Promise<StepWeights> {
  const rand = mulberry32(21);
  const xs = Float32Array.from({ length: 8 * 28 * 28 }, () => rand());
  // One-hot labels: sample n is class 3n mod 10.
  const labels = Float32Array.from({ length: 8 * 10 }, (_, k) => (k % 10 === (Math.floor(k / 10) * 3) % 10 ? 1 : 0));
  const tensorsBefore = tf.memory().numTensors;
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 4,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.conv2d({
        filters: 6,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: 10,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
    ],
  });
  const optimizer = tf.train.sgd(0.5);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const x = tf.tensor4d(xs, [8, 28, 28, 1]);
  const y = tf.tensor2d(labels, [8, 10]);
  try {
    const before = await readWeights(model);
    await model.trainOnBatch(x, y);
    return { before, after: await readWeights(model) };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  }
}

describe('training a layers conv model on wasm', () => {
  beforeAll(() => registerFastGradKernels('wasm'));

  it('takes the same SGD step as on cpu and leaks no tensors', async () => {
    const cpu = await onBackend('cpu', layersTrainStep);
    const wasm = await onBackend('wasm', layersTrainStep);
    // Both conv kernels (weights 0 and 2) must really move, or equality would prove nothing.
    for (const k of [0, 2]) expect(maxAbsDiff(cpu.before[k] ?? [], cpu.after[k] ?? [])).toBeGreaterThan(1e-3);
    expect(wasm.after.length).toBe(cpu.after.length);
    cpu.after.forEach((weights, k) => {
      expect(maxAbsDiff(wasm.before[k] ?? [], cpu.before[k] ?? []), `initial weight ${k}`).toBe(0);
      expect(maxAbsDiff(wasm.after[k] ?? [], weights), `weight ${k}`).toBeLessThan(1e-4);
    });
  });
});
