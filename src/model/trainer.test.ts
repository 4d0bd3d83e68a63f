import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import { mulberry32, shuffledIndices } from '../core/random';
import { analyzeSpec } from '../core/shapes';
import type { MnistSplit } from '../data/mnist';
import { realMnistSplit } from '../../scripts/mnistFixture';
import { registerFastGradKernels } from './gradKernels';
import type { OptimizerName } from '../protocol/messages';
import { expectedWeights, readModelFiles, sizeOf, writeModelFiles } from '../data/modelFile';
import { gatherPixels, optimizerEpsilon, Trainer } from './trainer';

const PIXELS = 28 * 28;
const OPTIMIZERS: OptimizerName[] = ['sgd', 'momentum', 'adam', 'rmsprop'];

let train: MnistSplit;
let test: MnistSplit;

beforeAll(async () => {
  await tf.setBackend('cpu');
  // As in the app: cpu's own Conv2DBackpropFilter takes seconds per batch; ours, milliseconds.
  registerFastGradKernels('cpu');
  train = realMnistSplit('trainImages', 'trainLabels', 512);
  test = realMnistSplit('testImages', 'testLabels', 500);
});

/** Batches of `size` from a seeded shuffle of the training subset, as the engine draws them. */
function batches(count: number, size: number, seed = 3): Uint32Array[] {
  const order = shuffledIndices(train.count, mulberry32(seed));
  const perEpoch = Math.floor(train.count / size);
  return Array.from({ length: count }, (_, i) => order.subarray((i % perEpoch) * size, ((i % perEpoch) + 1) * size));
}

async function trainLosses(trainer: Trainer, indices: Uint32Array[]): Promise<number[]> {
  const losses: number[] = [];
  for (const batch of indices) losses.push((await trainer.step(train, batch)).loss);
  return losses;
}

/** Copies of every model weight (getWeights returns the variables themselves: read, never dispose). */
async function weightValues(trainer: Trainer): Promise<Float32Array[]> {
  return Promise.all(trainer.model.getWeights().map(async (w) => Float32Array.from(await w.data())));
}

/** Runs `body` with a trainer that is always disposed, even when an expectation fails. */
async function withTrainer<T>(
  spec: ModelSpec,
  options: { seed?: number; optimizer?: OptimizerName; learningRate?: number },
  body: (trainer: Trainer) => Promise<T>,
): Promise<T> {
  const trainer = new Trainer(spec, options.seed ?? 1, options.optimizer ?? 'adam', options.learningRate ?? 0.003);
  try {
    return await body(trainer);
  } finally {
    trainer.dispose();
  }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('Trainer tensor ownership', () => {
  it('keeps the live tensor count constant across training steps, evaluation and snapshots', async () => {
    await withTrainer(DEFAULT_SPEC, {}, async (trainer) => {
      const [first, ...rest] = batches(21, 16);
      await trainer.step(train, first!); // creates the optimizer's slot variables
      const settled = tf.memory().numTensors;
      for (const batch of rest) await trainer.step(train, batch);
      expect(tf.memory().numTensors).toBe(settled);
      await trainer.evaluate(test);
      expect(tf.memory().numTensors).toBe(settled);
      await trainer.snapshot(test, 0);
      expect(tf.memory().numTensors).toBe(settled);
    });
  });

  it.each(OPTIMIZERS)('frees every tensor it created on dispose, with %s after training', async (optimizer) => {
    const before = tf.memory().numTensors;
    const trainer = new Trainer(DEFAULT_SPEC, 1, optimizer, 0.01);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    for (const batch of batches(2, 32)) await trainer.step(train, batch);
    trainer.setLearningRate(0.005);
    await trainer.snapshot(test, 3);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('hands back a [loss, accuracy] tensor from stepAsync that the caller disposes', async () => {
    await withTrainer(DEFAULT_SPEC, {}, async (trainer) => {
      const [batch] = batches(1, 32);
      const before = tf.memory().numTensors;
      const metrics = trainer.stepAsync(train, batch!);
      expect(metrics.shape).toEqual([2]);
      const [loss, accuracy] = await metrics.data();
      metrics.dispose();
      expect(loss).toBeGreaterThan(0);
      expect(accuracy).toBeGreaterThanOrEqual(0);
      expect(accuracy).toBeLessThanOrEqual(1);
      // Adam's moment variables (two per weight) are the only tensors a first step adds.
      expect(tf.memory().numTensors).toBe(before + 2 * trainer.model.getWeights().length);
    });
  });
});

describe('Trainer learning', () => {
  it('lowers the loss over 40 Adam steps and classifies most held-out digits', async () => {
    await withTrainer(DEFAULT_SPEC, { optimizer: 'adam', learningRate: 0.003 }, async (trainer) => {
      const before = await trainer.evaluate(test);
      const losses = await trainLosses(trainer, batches(40, 32));
      expect(mean(losses.slice(-5))).toBeLessThan(0.6 * losses[0]!);
      const after = await trainer.evaluate(test);
      expect(before.accuracy).toBeLessThan(0.3);
      expect(after.accuracy).toBeGreaterThan(0.6);
      expect(after.loss).toBeLessThan(before.loss);
    });
  });

  it('repeats the same losses for the same seed and batches, and differs for another seed', async () => {
    const run = (seed: number) =>
      withTrainer(DEFAULT_SPEC, { seed }, (trainer) => trainLosses(trainer, batches(3, 16)));
    const first = await run(11);
    expect(await run(11)).toEqual(first);
    const other = await run(12);
    expect(other).not.toEqual(first);
    expect(other[0]).not.toBe(first[0]);
  });

  it('evaluates every digit of a split, including a last partial batch', async () => {
    await withTrainer(DEFAULT_SPEC, {}, async (trainer) => {
      const slice = (from: number, to: number): MnistSplit => ({
        images: train.images.subarray(from * PIXELS, to * PIXELS),
        labels: train.labels.subarray(from, to),
        count: to - from,
      });
      // Evaluation runs in batches of 500: 503 digits make one full batch and one of 3.
      const whole = await trainer.evaluate(slice(0, 503));
      const head = await trainer.evaluate(slice(0, 500));
      const tail = await trainer.evaluate(slice(500, 503));
      expect(whole.accuracy * 503).toBeCloseTo(head.accuracy * 500 + tail.accuracy * 3, 4);
      expect(whole.loss * 503).toBeCloseTo(head.loss * 500 + tail.loss * 3, 2);
    });
  });
});

describe('Trainer snapshots', () => {
  it('returns one layer per spec layer with shapes, weights and a softmax that sums to 1', async () => {
    const analysis = analyzeSpec(DEFAULT_SPEC);
    await withTrainer(DEFAULT_SPEC, {}, async (trainer) => {
      const index = 7;
      const { input, layers } = await trainer.snapshot(test, index);
      expect(input).toHaveLength(PIXELS);
      const pixels = test.images.subarray(index * PIXELS, (index + 1) * PIXELS);
      input.forEach((value, i) => expect(value).toBeCloseTo(pixels[i]! / 255, 6));

      expect(layers).toHaveLength(DEFAULT_SPEC.layers.length);
      layers.forEach((layer, i) => {
        const info = analysis.layers[i]!;
        expect(layer.layerIndex).toBe(i);
        expect(layer.outputShape).toEqual(info.outputShape);
        expect(layer.activations).toHaveLength(info.outputShape.reduce((a, b) => a * b, 1));
        const spec = info.spec;
        if (spec.kind === 'conv2d') {
          const channels = info.inputShape[2]!;
          expect(layer.kernel!.shape).toEqual([spec.kernelSize, spec.kernelSize, channels, spec.filters]);
          expect(layer.kernel!.values).toHaveLength(spec.kernelSize ** 2 * channels * spec.filters);
          expect(layer.bias).toHaveLength(spec.filters);
        } else if (spec.kind === 'dense') {
          expect(layer.kernel!.shape).toEqual([info.inputShape[0], spec.units]);
          expect(layer.bias).toHaveLength(spec.units);
        } else {
          expect(layer.kernel).toBeNull();
          expect(layer.bias).toBeNull();
        }
      });
      const probabilities = layers.at(-1)!.activations;
      expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(Math.min(...probabilities)).toBeGreaterThanOrEqual(0);
    });
  });

  it('hands out fresh copies: changing them leaves the model untouched', async () => {
    await withTrainer(DEFAULT_SPEC, {}, async (trainer) => {
      const weightsBefore = await weightValues(trainer);
      const first = await trainer.snapshot(test, 0);
      const activationsBefore = first.layers.map((layer) => Float32Array.from(layer.activations));
      for (const layer of first.layers) {
        layer.activations.fill(42);
        layer.kernel?.values.fill(42);
        layer.bias?.fill(42);
      }
      first.input.fill(42);

      expect(await weightValues(trainer)).toEqual(weightsBefore);
      const second = await trainer.snapshot(test, 0);
      expect(second.layers.map((layer) => layer.activations)).toEqual(activationsBefore);
      expect(second.input).not.toBe(first.input);
      expect(second.input[0]).toBe(0);
    });
  });
});

describe('Trainer optimizers', () => {
  it.each(OPTIMIZERS)('%s stops changing the weights when its learning rate is set to 0', async (optimizer) => {
    await withTrainer(DEFAULT_SPEC, { optimizer, learningRate: 0.01 }, async (trainer) => {
      const [a, b, c] = batches(3, 32);
      const initial = await weightValues(trainer);
      await trainer.step(train, a!);
      const afterFirst = await weightValues(trainer);
      expect(afterFirst).not.toEqual(initial);

      trainer.setLearningRate(0);
      await trainer.step(train, b!);
      expect(await weightValues(trainer)).toEqual(afterFirst);

      trainer.setLearningRate(0.01);
      await trainer.step(train, c!);
      expect(await weightValues(trainer)).not.toEqual(afterFirst);
    });
  });

  it('uses an epsilon that half-float GPUs can represent, and the usual 1e-7 in float32', () => {
    expect(optimizerEpsilon(16)).toBeGreaterThanOrEqual(1e-4);
    // The smallest normal float16 is 2^-14 ≈ 6.1e-5: the epsilon must not be subnormal there.
    expect(optimizerEpsilon(16)).toBeGreaterThanOrEqual(2 ** -14);
    expect(optimizerEpsilon(32)).toBe(1e-7);
  });
});

describe('Trainer with other architectures', () => {
  const leakySpec: ModelSpec = {
    inputShape: [28, 28, 1],
    layers: [
      { kind: 'conv2d', filters: 4, kernelSize: 3, stride: 2, padding: 'same', activation: 'leakyRelu' },
      { kind: 'maxPool', poolSize: 2, stride: 2 },
      { kind: 'flatten' },
      { kind: 'dropout', rate: 0.2 },
      { kind: 'dense', units: 16, activation: 'leakyRelu' },
      { kind: 'dense', units: 10, activation: 'softmax' },
    ],
  };

  it.each([
    ['LeNet-5', PRESET_SPECS.lenet5!.spec],
    ['a leaky-ReLU network with dropout', leakySpec],
  ])('trains and snapshots %s without leaking tensors', async (_name, spec) => {
    const before = tf.memory().numTensors;
    await withTrainer(spec, { optimizer: 'adam', learningRate: 0.003 }, async (trainer) => {
      const [first, ...rest] = batches(8, 32);
      const firstLoss = (await trainer.step(train, first!)).loss;
      const settled = tf.memory().numTensors;
      const losses = await trainLosses(trainer, rest);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(mean(losses.slice(-3))).toBeLessThan(firstLoss);

      const { layers } = await trainer.snapshot(test, 1);
      const analysis = analyzeSpec(spec);
      expect(layers.map((layer) => layer.outputShape)).toEqual(analysis.layers.map((info) => info.outputShape));
      spec.layers.forEach((layer, i) => {
        const hasWeights = layer.kind === 'conv2d' || layer.kind === 'dense';
        expect(layers[i]!.kernel !== null, `layer ${i + 1} kernel`).toBe(hasWeights);
        expect(layers[i]!.bias !== null, `layer ${i + 1} bias`).toBe(hasWeights);
      });
      expect(layers.at(-1)!.activations.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      await trainer.evaluate(test);
      expect(tf.memory().numTensors).toBe(settled);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives a leaky-ReLU layer negative activations scaled by its slope, not zeros', async () => {
    await withTrainer(leakySpec, {}, async (trainer) => {
      const { layers } = await trainer.snapshot(test, 0);
      expect(Math.min(...layers[0]!.activations)).toBeLessThan(0);
    });
  });
});

describe('Trainer with Inception and residual blocks', () => {
  const blockPresets: [string, ModelSpec, number[]][] = [
    ['the Inception-style preset', PRESET_SPECS.inception!.spec, [14, 14, 24]],
    ['the ResNet-style preset', PRESET_SPECS.residual!.spec, [14, 14, 16]],
  ];

  it.each(blockPresets)('lowers the loss of %s in a few Adam steps without leaking tensors', async (_name, spec) => {
    const before = tf.memory().numTensors;
    await withTrainer(spec, { optimizer: 'adam', learningRate: 0.003 }, async (trainer) => {
      const [first, ...rest] = batches(10, 32);
      const firstLoss = (await trainer.step(train, first!)).loss;
      const settled = tf.memory().numTensors;
      const losses = await trainLosses(trainer, rest);
      expect(tf.memory().numTensors).toBe(settled);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(mean(losses.slice(-3))).toBeLessThan(0.9 * firstLoss);
      await trainer.evaluate(test);
      await trainer.snapshot(test, 2);
      await trainer.saliency(gatherPixels(test.images, [2]));
      expect(tf.memory().numTensors).toBe(settled);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(blockPresets)(
    'snapshots %s with one layer per spec layer and the block outputs as [h, w, c] maps',
    async (_name, spec, blockShape) => {
      const analysis = analyzeSpec(spec);
      await withTrainer(spec, { seed: 3 }, async (trainer) => {
        const { layers } = await trainer.snapshot(test, 4);
        expect(layers).toHaveLength(spec.layers.length);
        expect(layers.map((layer) => layer.outputShape)).toEqual(analysis.layers.map((info) => info.outputShape));
        spec.layers.forEach((layer, i) => {
          const snapshot = layers[i]!;
          expect(snapshot.layerIndex).toBe(i);
          expect(snapshot.activations).toHaveLength(snapshot.outputShape.reduce((a, b) => a * b, 1));
          if (layer.kind !== 'inception' && layer.kind !== 'residual') return;
          expect(snapshot.outputShape).toEqual(blockShape);
          // A block ends in relu: no negative activations, and some positive ones.
          expect(Math.min(...snapshot.activations)).toBeGreaterThanOrEqual(0);
          expect(Math.max(...snapshot.activations)).toBeGreaterThan(0);
          // Its several convs are not one filter bank: only the feature maps are shown.
          expect(snapshot.kernel).toBeNull();
          expect(snapshot.bias).toBeNull();
        });
        expect(layers.at(-1)!.activations.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      });
    },
  );

  it.each(blockPresets)(
    'gives saliency for %s from logits whose softmax is the model’s output',
    async (_name, spec) => {
      await withTrainer(spec, { seed: 6 }, async (trainer) => {
        await trainLosses(trainer, batches(3, 32));
        const digit = gatherPixels(test.images, [5]);
        const before = tf.memory().numTensors;
        const { predictedClass, gradient } = await trainer.saliency(digit);
        expect(tf.memory().numTensors).toBe(before);
        expect(gradient).toHaveLength(PIXELS);
        expect(gradient.every(Number.isFinite)).toBe(true);
        expect(gradient.some((g) => g !== 0)).toBe(true);
        const probs = (await trainer.inspect(digit)).layers.at(-1)!.activations;
        expect(predictedClass).toBe(probs.indexOf(Math.max(...probs)));
        const softmaxOfLogits = tf.tidy(() =>
          tf.softmax(
            (trainer as unknown as { logits(x: tf.Tensor): tf.Tensor }).logits(tf.tensor4d(digit, [1, 28, 28, 1])),
          ),
        );
        const values = await softmaxOfLogits.data();
        softmaxOfLogits.dispose();
        Array.from(probs).forEach((p, i) => expect(values[i]).toBeCloseTo(p, 6));
      });
    },
  );
});

describe('Trainer weights in and out', () => {
  it('round-trips the ResNet-style preset through model files: export, write, read, import', async () => {
    const spec = PRESET_SPECS.residual!.spec;
    await withTrainer(spec, { seed: 8 }, async (source) => {
      await trainLosses(source, batches(2, 32));
      const weights = await source.exportWeights();
      const files = writeModelFiles({ spec, weights, testAccuracy: 0.5, trainedExamples: 64 }, source.topology());
      const read = readModelFiles(files);
      if ('error' in read) throw new Error(read.error);
      expect(read.ok.spec).toEqual(spec);
      expect(read.ok.weights.map((w) => Array.from(w))).toEqual(weights.map((w) => Array.from(w)));
      const digit = gatherPixels(test.images, [9]);
      const expected = await source.inspect(digit);
      await withTrainer(read.ok.spec, { seed: 77 }, async (target) => {
        const before = tf.memory().numTensors;
        target.importWeights(read.ok.weights);
        expect(tf.memory().numTensors).toBe(before);
        expect((await target.exportWeights()).map((w) => Array.from(w))).toEqual(weights.map((w) => Array.from(w)));
        const imported = await target.inspect(digit);
        imported.layers.forEach((layer, i) =>
          expect(Array.from(layer.activations)).toEqual(Array.from(expected.layers[i]!.activations)),
        );
      });
    });
  });

  it('exports the weights in expectedWeights order and imports them into a differently seeded model', async () => {
    await withTrainer(DEFAULT_SPEC, { seed: 1 }, async (source) => {
      await trainLosses(source, batches(3, 32));
      const weights = await source.exportWeights();
      expect(weights.map((w) => w.length)).toEqual(expectedWeights(DEFAULT_SPEC).map((w) => sizeOf(w.shape)));
      const digit = gatherPixels(test.images, [7]);
      const expected = (await source.inspect(digit)).layers.at(-1)!.activations;
      await withTrainer(DEFAULT_SPEC, { seed: 99 }, async (target) => {
        const before = tf.memory().numTensors;
        target.importWeights(weights);
        expect(tf.memory().numTensors).toBe(before);
        const imported = (await target.inspect(digit)).layers.at(-1)!.activations;
        expect(Array.from(imported)).toEqual(Array.from(expected));
      });
    });
  });

  it.each(['lenet5', 'inception', 'residual'])(
    'writes files of preset %s that TensorFlow.js itself loads and that predict the same probabilities',
    async (id) => {
      const spec = PRESET_SPECS[id]!.spec;
      await withTrainer(spec, { seed: 4 }, async (trainer) => {
        const files = writeModelFiles(
          { spec, weights: await trainer.exportWeights(), testAccuracy: null, trainedExamples: null },
          trainer.topology(),
        );
        const json = JSON.parse(new TextDecoder().decode(files[0]!.data)) as {
          modelTopology: object;
          weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
        };
        const loaded = await tf.loadLayersModel(
          tf.io.fromMemory(json.modelTopology, json.weightsManifest[0]!.weights, files[1]!.data),
        );
        const digit = gatherPixels(test.images, [3]);
        const ours = (await trainer.inspect(digit)).layers.at(-1)!.activations;
        const theirs = tf.tidy(() => loaded.predict(tf.tensor4d(digit, [1, 28, 28, 1])) as tf.Tensor);
        const values = await theirs.data();
        theirs.dispose();
        loaded.dispose();
        Array.from(ours).forEach((p, i) => expect(values[i]).toBeCloseTo(p, 6));
      });
    },
  );
});

describe('Trainer saliency', () => {
  // LeNet-5's tanh and average pooling are smooth, so finite differences are exact up to
  // rounding (ReLU and max pooling have kinks and ties where only one-sided slopes exist).
  it('gives the gradient of the predicted class logit, as finite differences measure it', async () => {
    await withTrainer(PRESET_SPECS.lenet5!.spec, { seed: 5 }, async (trainer) => {
      await trainLosses(trainer, batches(10, 32));
      const digit = gatherPixels(test.images, [0]);
      const before = tf.memory().numTensors;
      const { predictedClass, gradient } = await trainer.saliency(digit);
      expect(tf.memory().numTensors).toBe(before);
      expect(gradient).toHaveLength(PIXELS);
      const probs = (await trainer.inspect(digit)).layers.at(-1)!.activations;
      expect(predictedClass).toBe(probs.indexOf(Math.max(...probs)));
      const logitAt = async (pixel: number, delta: number) => {
        const x = Float32Array.from(digit);
        x[pixel] = x[pixel]! + delta;
        const logits = tf.tidy(() =>
          (trainer as unknown as { logits(x: tf.Tensor): tf.Tensor }).logits(tf.tensor4d(x, [1, 28, 28, 1])),
        );
        const values = await logits.data();
        logits.dispose();
        return values[predictedClass]!;
      };
      const mostSalient = Array.from(gradient.keys())
        .sort((a, b) => Math.abs(gradient[b]!) - Math.abs(gradient[a]!))
        .slice(0, 5);
      const h = 1e-2;
      for (const pixel of mostSalient) {
        const numeric = ((await logitAt(pixel, h)) - (await logitAt(pixel, -h))) / (2 * h);
        expect(numeric).toBeCloseTo(gradient[pixel]!, 3);
      }
    });
  });
});
