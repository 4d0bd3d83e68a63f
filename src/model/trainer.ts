/**
 * Trainer: one model, its optimizer and its training step, evaluation and
 * snapshots. Owns every tensor it creates; `dispose()` frees them all.
 * Inputs and outputs are plain arrays, so nothing tensor-shaped leaks out.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../core/modelSpec';
import { MNIST_CLASSES, outputUnits } from '../core/classifierOutput';
import { augmentBatch, type Augmentation } from '../core/augment';
import type { MnistSplit } from '../data/mnist';
import { buildSpecModel } from './buildModel';
import { expectedWeights } from '../data/modelFile';
import type { LayerSnapshot, OptimizerName } from '../protocol/messages';

const PIXELS = 28 * 28;
const EVAL_BATCH = 500;

/** Augmentation for one training batch, and the seed that makes it repeatable. */
export interface BatchAugmentation {
  augmentation: Augmentation;
  seed: number;
}

export interface StepResult {
  loss: number;
  accuracy: number;
}

export interface EvaluationResult extends StepResult {
  /** Classes × classes counts, row = true label, column = predicted class. */
  confusion: number[];
  /** Per image: the predicted class, and the probability the model gave it. */
  predicted: Uint8Array;
  confidence: Float32Array;
}

/**
 * The float precision the backend really computes in. tfjs measures it by reading back a tiny
 * value, which some drivers (SwiftShader) pass even when textures are half floats; WebGL that
 * cannot render to 32-bit float textures, or is told to use half floats, counts as 16 bits.
 */
export function effectiveFloatPrecision(): number {
  const measured = tf.backend().floatPrecision();
  if (tf.getBackend() !== 'webgl') return measured;
  const env = tf.env();
  const halfTextures = env.getBool('WEBGL_FORCE_F16_TEXTURES') || !env.getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  return halfTextures ? 16 : measured;
}

/** Adam/RMSProp's epsilon must survive half-float GPUs, where 1e-7 rounds to 0. */
export function optimizerEpsilon(floatPrecision: number): number {
  return floatPrecision === 32 ? 1e-7 : 1e-4;
}

function createOptimizer(name: OptimizerName, learningRate: number, epsilon: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, 0.9);
    case 'adam':
      return tf.train.adam(learningRate, 0.9, 0.999, epsilon);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate, 0.9, 0, epsilon);
  }
}

/** Fills a [n, 28, 28, 1] float batch (scaled to [0, 1]) from images at `indices`. */
export function gatherPixels(
  images: Uint8Array,
  indices: ArrayLike<number>,
  out = new Float32Array(indices.length * PIXELS),
): Float32Array {
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i]! * PIXELS;
    const dst = i * PIXELS;
    for (let p = 0; p < PIXELS; p++) out[dst + p] = images[src + p]! / 255;
  }
  return out;
}

function gatherLabels(labels: Uint8Array, indices: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: indices.length }, (_, i) => labels[indices[i]!]!);
}

export class Trainer {
  readonly model: tf.LayersModel;
  private readonly spec: ModelSpec;
  /** Units of the output layer: the classes told apart (10 for MNIST). */
  private readonly classes: number;
  private readonly probe: tf.LayersModel;
  /** The input of the final dense layer, from which `logits` computes the class scores. */
  private readonly features: tf.LayersModel;
  private readonly optimizer: tf.Optimizer;
  /** Per spec layer, the tf layers built for it (owned by `model`). */
  private readonly layerGroups: tf.layers.Layer[][];
  private pixels = new Float32Array(0);

  constructor(spec: ModelSpec, seed: number, optimizer: OptimizerName, learningRate: number) {
    this.spec = spec;
    this.classes = outputUnits(spec) ?? MNIST_CLASSES;
    const built = buildSpecModel(spec, seed);
    this.model = built.model;
    this.layerGroups = built.layerGroups;
    // Both share the training model's layers and weights. The probe returns every spec
    // layer's output in one call; `features` stops before the final dense layer.
    this.probe = tf.model({ inputs: this.model.inputs, outputs: built.layerOutputs });
    // Every valid spec has at least two layers (a dense layer needs a flat input).
    const penultimate = built.layerOutputs.at(-2) ?? this.model.inputs[0]!;
    this.features = tf.model({ inputs: this.model.inputs, outputs: penultimate });
    this.optimizer = createOptimizer(optimizer, learningRate, optimizerEpsilon(effectiveFloatPrecision()));
  }

  setLearningRate(learningRate: number): void {
    const opt = this.optimizer as tf.Optimizer & { learningRate: number; setLearningRate?: (lr: number) => void };
    // SGD and momentum cache -lr in a tensor and update it in setLearningRate; the others read the field.
    if (opt.setLearningRate) opt.setLearningRate(learningRate);
    else opt.learningRate = learningRate;
  }

  /**
   * One optimizer step on the images at `indices`, augmented first when `augment` is given
   * (in plain JS, before the batch becomes a tensor). Returns a [loss, accuracy]
   * tensor: the caller reads and disposes it (reading later lets a GPU run ahead).
   */
  stepAsync(split: MnistSplit, indices: ArrayLike<number>, augment?: BatchAugmentation): tf.Tensor1D {
    const n = indices.length;
    if (this.pixels.length !== n * PIXELS) this.pixels = new Float32Array(n * PIXELS);
    gatherPixels(split.images, indices, this.pixels);
    if (augment) augmentBatch(this.pixels, n, augment.augmentation, augment.seed);
    const labels = gatherLabels(split.labels, indices);
    return tf.tidy(() => {
      const xs = tf.tensor4d(this.pixels, [n, 28, 28, 1]);
      const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), this.classes);
      let probs: tf.Tensor | null = null;
      const loss = this.optimizer.minimize(() => {
        probs = tf.keep(this.model.apply(xs, { training: true }) as tf.Tensor);
        return crossEntropy(ys, probs);
      }, true)!;
      const accuracy = tf.mean(tf.equal(tf.argMax(probs!, 1), tf.argMax(ys, 1)).toFloat());
      tf.dispose(probs!);
      return tf.stack([loss, accuracy]) as tf.Tensor1D;
    });
  }

  /** One step, read back synchronously-awaited: convenient where latency does not matter. */
  async step(split: MnistSplit, indices: ArrayLike<number>, augment?: BatchAugmentation): Promise<StepResult> {
    const metrics = this.stepAsync(split, indices, augment);
    try {
      const [loss, accuracy] = await metrics.data();
      return { loss: loss!, accuracy: accuracy! };
    } finally {
      metrics.dispose();
    }
  }

  /**
   * Accuracy, mean loss and the confusion matrix over a whole split, in batches.
   * `confusion[label * classes + predicted]` counts the images of each label by predicted class.
   */
  async evaluate(split: MnistSplit): Promise<EvaluationResult> {
    const confusion = new Array<number>(this.classes ** 2).fill(0);
    const predicted = new Uint8Array(split.count);
    const confidence = new Float32Array(split.count);
    let lossSum = 0;
    for (let start = 0; start < split.count; start += EVAL_BATCH) {
      const indices = Array.from({ length: Math.min(EVAL_BATCH, split.count - start) }, (_, i) => start + i);
      const pixels = gatherPixels(split.images, indices);
      const labels = gatherLabels(split.labels, indices);
      const outputs = tf.tidy(() => {
        const probs = this.model.predict(tf.tensor4d(pixels, [indices.length, 28, 28, 1])) as tf.Tensor;
        const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), this.classes);
        return [tf.argMax(probs, 1), tf.max(probs, 1), tf.mul(crossEntropy(ys, probs), indices.length)];
      });
      const [classes, top, batchLoss] = await Promise.all(outputs.map((t) => t.data()));
      tf.dispose(outputs);
      predicted.set(classes!, start);
      confidence.set(top!, start);
      labels.forEach((label, i) => confusion[label * this.classes + classes![i]!]!++);
      lossSum += batchLoss![0]!;
    }
    const correct = Array.from({ length: this.classes }, (_, c) => confusion[c * this.classes + c]!).reduce(
      (a, b) => a + b,
      0,
    );
    return { accuracy: correct / split.count, loss: lossSum / split.count, confusion, predicted, confidence };
  }

  /** Activations of every spec layer for one image, with each layer's weights. */
  async snapshot(split: MnistSplit, index: number): Promise<{ input: Float32Array; layers: LayerSnapshot[] }> {
    return this.inspect(gatherPixels(split.images, [index]));
  }

  /** Activations of every spec layer for any 28×28 image in [0, 1] (e.g. a drawn digit), with the weights. */
  async inspect(input: Float32Array): Promise<{ input: Float32Array; layers: LayerSnapshot[] }> {
    const outputs = tf.tidy(() => {
      const result = this.probe.predict(tf.tensor4d(input, [1, 28, 28, 1]));
      return Array.isArray(result) ? result : [result];
    });
    try {
      const layers = await Promise.all(
        outputs.map(async (out, i) => {
          const [kernel, bias] = this.weightsOf(i);
          return {
            layerIndex: i,
            outputShape: out.shape.slice(1),
            activations: await copyOf(out),
            kernel: kernel && { shape: kernel.shape, values: await copyOf(kernel) },
            bias: bias ? await copyOf(bias) : null,
          };
        }),
      );
      return { input, layers };
    } finally {
      tf.dispose(outputs);
    }
  }

  /** Copies of the weights, one array per `expectedWeights(spec)` entry, in that order. */
  async exportWeights(): Promise<Float32Array[]> {
    return Promise.all(this.weightVariables().map((v) => copyOf(v.read())));
  }

  /** Overwrites the weights with `weights`, one array per `expectedWeights(spec)` entry (sizes checked by the caller). */
  importWeights(weights: readonly Float32Array[]): void {
    const variables = this.weightVariables();
    if (weights.length !== variables.length)
      throw new Error(`Expected ${variables.length} weight arrays, got ${weights.length}.`);
    const shapes = expectedWeights(this.spec).map((w) => w.shape);
    tf.tidy(() => variables.forEach((v, i) => v.write(tf.tensor(weights[i]!, shapes[i]))));
  }

  /** The model's architecture in TensorFlow.js's layers-model JSON, for model files. */
  topology(): unknown {
    return this.model.toJSON(null, false);
  }

  /**
   * The gradient of the predicted class's score (its logit, before softmax) with respect to
   * each of the 784 input pixels of a 28×28 image in [0, 1]: where more ink raises the score
   * (positive) or lowers it (negative).
   */
  async saliency(input: Float32Array): Promise<{ predictedClass: number; gradient: Float32Array }> {
    const x = tf.tensor4d(input, [1, 28, 28, 1]);
    try {
      const best = tf.tidy(() => tf.argMax(this.logits(x), 1));
      const predictedClass = (await best.data())[0]!;
      best.dispose();
      const gradient = tf.tidy(() => {
        const mask = tf.oneHot(tf.tensor1d([predictedClass], 'int32'), this.classes);
        return tf.grad((image: tf.Tensor) => tf.sum(tf.mul(this.logits(image), mask)))(x);
      });
      try {
        return { predictedClass, gradient: await copyOf(gradient) };
      } finally {
        gradient.dispose();
      }
    } finally {
      x.dispose();
    }
  }

  /**
   * Class scores before the final softmax (every valid spec ends in a dense softmax layer), for a
   * [n, 28, 28, 1] batch: [n, classes]. The caller disposes the result (or runs this in a tidy).
   */
  private logits(x: tf.Tensor): tf.Tensor {
    const hidden = this.features.apply(x) as tf.Tensor;
    const [kernel, bias] = this.layerGroups.at(-1)![0]!.weights.map((w) => w.read());
    return tf.add(tf.matMul(hidden, kernel!), bias!);
  }

  /** The model's weight variables in `expectedWeights(spec)` order. */
  private weightVariables(): tf.LayerVariable[] {
    const byName = new Map(this.model.weights.map((w) => [w.originalName, w]));
    return expectedWeights(this.spec).map((w) => {
      const variable = byName.get(w.name);
      if (!variable) throw new Error(`The model has no weight ${w.name}.`);
      return variable;
    });
  }

  /**
   * A conv or dense spec layer's kernel and bias variables (owned by the model; not disposed
   * here). Other layers have none to show, blocks included: a block's several convs are not
   * one filter bank, so only its feature maps are shown.
   */
  private weightsOf(specIndex: number): [tf.Tensor | null, tf.Tensor | null] {
    const kind = this.spec.layers[specIndex]?.kind;
    if (kind !== 'conv2d' && kind !== 'dense') return [null, null];
    // The conv or dense layer comes first in its group (a leakyReLU layer may follow it).
    const weights = this.layerGroups[specIndex]?.[0]?.weights ?? [];
    return [weights[0]?.read() ?? null, weights[1]?.read() ?? null];
  }

  dispose(): void {
    this.optimizer.dispose();
    // tfjs's MomentumOptimizer.dispose() skips its SGD base class's learning-rate scalar `c`.
    const learningRate = (this.optimizer as unknown as { c?: tf.Tensor }).c;
    if (learningRate && !learningRate.isDisposed) learningRate.dispose();
    // The probe model only borrows the training model's layers: disposing the owner frees everything.
    this.model.dispose();
  }
}

/** A fresh copy: some backends hand out their own storage, which must never be transferred away. */
async function copyOf(tensor: tf.Tensor): Promise<Float32Array> {
  return Float32Array.from(await tensor.data());
}

/** Mean categorical cross-entropy of softmax outputs, clipped so log never sees 0. */
function crossEntropy(ys: tf.Tensor, probs: tf.Tensor): tf.Scalar {
  const eps = effectiveFloatPrecision() === 32 ? 1e-7 : 1e-4;
  return tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(probs, eps, 1 - eps))), -1))) as tf.Scalar;
}
