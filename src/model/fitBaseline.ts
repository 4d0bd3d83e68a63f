/**
 * The benchmark's baseline: a stock tfjs `model.fit` of the same model on the
 * WebGL backend on the main thread, the way the classic tfjs MNIST example trains.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../core/modelSpec';
import type { MnistSplit } from '../data/mnist';
import { switchBackend } from './backends';
import { buildModel } from './buildModel';
import type { BackendName } from '../protocol/messages';
import { gatherPixels } from './trainer';

export interface FitBaselineResult {
  backend: string;
  examples: number;
  /** Throughput after the first two batches (which pay for shader compilation). */
  examplesPerSec: number;
  finalLoss: number;
}

export async function runFitBaseline(
  split: MnistSplit,
  spec: ModelSpec,
  options: { examples: number; batchSize: number; learningRate: number; backend?: BackendName },
): Promise<FitBaselineResult> {
  const backend = options.backend ?? 'webgl';
  if (!(await switchBackend(backend))) throw new Error(`The ${backend} backend cannot start on this page.`);
  const n = Math.min(options.examples, split.count);
  const indices = Array.from({ length: n }, (_, i) => i);
  const xs = tf.tensor4d(gatherPixels(split.images, indices), [n, 28, 28, 1]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(split.labels.subarray(0, n)), 'int32'), 10));
  const model = buildModel(spec, 1);
  model.compile({
    optimizer: tf.train.adam(options.learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const batchEnds: number[] = [];
  let finalLoss = NaN;
  try {
    await model.fit(xs, ys, {
      batchSize: options.batchSize,
      epochs: 1,
      shuffle: true,
      callbacks: {
        onBatchEnd: async (_batch, logs) => {
          batchEnds.push(performance.now());
          finalLoss = logs?.loss ?? NaN;
        },
      },
    });
  } finally {
    model.dispose();
    tf.dispose([xs, ys]);
  }
  const timed = batchEnds.length - 2;
  const ms = batchEnds.at(-1)! - batchEnds[1]!;
  return { backend, examples: n, examplesPerSec: (timed * options.batchSize * 1000) / ms, finalLoss };
}
