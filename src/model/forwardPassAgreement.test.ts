import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { realMnistSplit } from '../../scripts/mnistFixture';
import { DEFAULT_SPEC, PRESET_SPECS } from '../core/defaultSpec';
import { forwardPass } from '../core/forwardPass';
import type { ModelSpec } from '../core/modelSpec';
import { mulberry32 } from '../core/random';
import type { LoadedModel } from '../data/modelFile';
import { readPretrainedModel } from './pretrainedModel.test-helpers';
import { gatherPixels, Trainer } from './trainer';

// core/forwardPass (the home page's tfjs-free forward pass) against the trainer's `inspect`, which
// runs the real tfjs model: every layer's activations, kernel and bias, for random weights on
// several architectures and for the pretrained weights on real test digits. tfjs sums in float32,
// the forward pass in float64, hence a tolerance.

const TOLERANCE = 1e-4;

/** Specs that use every kind and activation the forward pass computes. */
const SPECS: Record<string, ModelSpec> = {
  default: DEFAULT_SPEC,
  lenet5: PRESET_SPECS.lenet5!.spec, // 'same' padding, tanh, average pooling, three dense layers
  vggSmall: PRESET_SPECS.vggSmall!.spec, // stacked 'same' convs and dropout
  denseOnly: PRESET_SPECS.denseOnly!.spec,
  strided: {
    inputShape: [28, 28, 1],
    layers: [
      { kind: 'conv2d', filters: 6, kernelSize: 4, stride: 3, padding: 'same', activation: 'leakyRelu' },
      { kind: 'maxPool', poolSize: 3, stride: 2 },
      { kind: 'conv2d', filters: 5, kernelSize: 2, stride: 2, padding: 'valid', activation: 'sigmoid' },
      { kind: 'flatten' },
      { kind: 'dense', units: 12, activation: 'linear' },
      { kind: 'dense', units: 10, activation: 'softmax' },
    ],
  },
};

/** The largest difference between two arrays, relative where values are above 1. */
function worstDifference(ours: Float32Array, theirs: Float32Array): number {
  let worst = 0;
  theirs.forEach((t, i) => (worst = Math.max(worst, Math.abs(ours[i]! - t) / Math.max(1, Math.abs(t)))));
  return worst;
}

/** Checks every layer of the forward pass against tfjs for one input; returns the worst difference. */
async function compare(trainer: Trainer, spec: ModelSpec, weights: Float32Array[], input: Float32Array) {
  const { layers: expected } = await trainer.inspect(input);
  const ours = forwardPass(spec, weights, input);
  expect(ours.map((l) => l.outputShape)).toEqual(expected.map((l) => l.outputShape));
  let worst = 0;
  expected.forEach((theirs, i) => {
    const mine = ours[i]!;
    expect(mine.layerIndex).toBe(theirs.layerIndex);
    expect(mine.activations.length).toBe(theirs.activations.length);
    worst = Math.max(worst, worstDifference(mine.activations, theirs.activations));
    expect(mine.kernel?.shape ?? null).toEqual(theirs.kernel?.shape ?? null);
    if (theirs.kernel) expect(Array.from(mine.kernel!.values)).toEqual(Array.from(theirs.kernel.values));
    if (theirs.bias) expect(Array.from(mine.bias!)).toEqual(Array.from(theirs.bias));
  });
  return worst;
}

describe('agreement of core/forwardPass with the tfjs model (cpu backend)', () => {
  let pretrained: LoadedModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    pretrained = readPretrainedModel();
  });

  it.each(Object.keys(SPECS))('equals tfjs on every layer of %s with random weights and biases', async (name) => {
    const spec = SPECS[name]!;
    const rng = mulberry32(name.length * 7919);
    const trainer = new Trainer(spec, 5, 'adam', 0.001);
    const before = tf.memory().numTensors;
    try {
      // The trainer's own initial weights, shaken so that biases are not all zero.
      const weights = (await trainer.exportWeights()).map((w) => w.map((v) => v + (rng() - 0.5) * 0.2));
      trainer.importWeights(weights);
      const input = Float32Array.from({ length: 784 }, () => (rng() < 0.6 ? 0 : rng()));
      const worst = await compare(trainer, spec, weights, input);
      expect(worst).toBeLessThan(TOLERANCE);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      trainer.dispose();
    }
  });

  it('equals tfjs on every layer of the pretrained model for real test digits, and predicts the same digit', async () => {
    const trainer = new Trainer(pretrained.spec, 0, 'adam', 0.001);
    try {
      trainer.importWeights(pretrained.weights);
      const test = realMnistSplit('testImages', 'testLabels', 8);
      let correct = 0;
      for (let i = 0; i < test.count; i++) {
        const input = gatherPixels(test.images, [i]);
        expect(await compare(trainer, pretrained.spec, pretrained.weights, input)).toBeLessThan(TOLERANCE);
        const probabilities = forwardPass(pretrained.spec, pretrained.weights, input).at(-1)!.activations;
        if (probabilities.indexOf(Math.max(...probabilities)) === test.labels[i]) correct++;
      }
      expect(correct).toBeGreaterThanOrEqual(7);
    } finally {
      trainer.dispose();
    }
  });
});
