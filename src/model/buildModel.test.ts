import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESET_SPECS } from '../core/defaultSpec';
import type { Activation, LayerSpec, ModelSpec } from '../core/modelSpec';
import { analyzeSpec } from '../core/shapes';
import { LEAKY_ALPHA } from '../core/activations';
import { buildModel, specLayerOutputIndex } from './buildModel';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const flatten: LayerSpec = { kind: 'flatten' };
const classifier: LayerSpec = { kind: 'dense', units: 10, activation: 'softmax' };

function conv(
  filters: number,
  kernelSize: number,
  stride = 1,
  padding: 'valid' | 'same' = 'valid',
  activation: Activation = 'relu',
): LayerSpec {
  return { kind: 'conv2d', filters, kernelSize, stride, padding, activation };
}

function mnist(...layers: LayerSpec[]): ModelSpec {
  return { inputShape: [28, 28, 1], layers };
}

/** Builds `spec` and checks every spec layer's output shape and parameter count against analyzeSpec. */
function expectModelMatchesAnalysis(spec: ModelSpec): void {
  const analysis = analyzeSpec(spec);
  expect(analysis.errors).toEqual([]);
  const model = buildModel(spec, 1);
  try {
    const outputIndex = specLayerOutputIndex(spec);
    expect(model.layers).toHaveLength((outputIndex.at(-1) ?? -1) + 1);
    analysis.layers.forEach((info, i) => {
      const last = outputIndex[i] as number;
      const first = i === 0 ? 0 : (outputIndex[i - 1] as number) + 1;
      const tfLayers = model.layers.slice(first, last + 1);
      const outputShape = (model.layers[last]?.outputShape as (number | null)[]).slice(1);
      expect(outputShape, `layer ${i + 1} (${info.label}) shape`).toEqual(info.outputShape);
      const params = tfLayers.reduce((sum, layer) => sum + layer.countParams(), 0);
      expect(params, `layer ${i + 1} (${info.label}) params`).toBe(info.params);
    });
    expect(model.countParams()).toBe(analysis.totalParams);
  } finally {
    model.dispose();
  }
}

async function weightValues(model: tf.Sequential): Promise<Float32Array[]> {
  // getWeights() returns the variables' own tensors: read them, do not dispose them.
  return Promise.all(model.getWeights().map(async (weight) => (await weight.data()) as Float32Array));
}

describe('buildModel shapes and parameters', () => {
  it.each(Object.entries(PRESET_SPECS))('matches analyzeSpec for preset %s', (_id, preset) => {
    expectModelMatchesAnalysis(preset.spec);
  });

  const convGrid = [1, 2, 3, 4, 5].flatMap((kernelSize) =>
    [1, 2, 3].flatMap((stride) =>
      (['valid', 'same'] as const).flatMap((padding) =>
        (['maxPool', 'avgPool'] as const).map((kind) => ({ kernelSize, stride, padding, kind })),
      ),
    ),
  );

  it.each(convGrid)('matches analyzeSpec for conv $kernelSize×$kernelSize s$stride $padding then $kind', (c) => {
    const pool: LayerSpec = { kind: c.kind, poolSize: 2, stride: 2 };
    expectModelMatchesAnalysis(mnist(conv(3, c.kernelSize, c.stride, c.padding), pool, flatten, classifier));
  });

  const poolGrid = [1, 2, 3, 4].flatMap((poolSize) => [1, 2, 3, 4].map((stride) => ({ poolSize, stride })));

  it.each(poolGrid)('matches analyzeSpec for max pool $poolSize×$poolSize s$stride on 12×12', (pool) => {
    const halve: LayerSpec = { kind: 'maxPool', poolSize: 2, stride: 2 };
    expectModelMatchesAnalysis(mnist(conv(2, 5), halve, { kind: 'maxPool', ...pool }, flatten, classifier));
  });

  it.each([
    ['a leakyRelu conv', mnist(conv(4, 3, 1, 'same', 'leakyRelu'), flatten, classifier)],
    ['a leakyRelu dense layer', mnist(flatten, { kind: 'dense', units: 32, activation: 'leakyRelu' }, classifier)],
    [
      'leakyRelu convs and dense layers with dropout',
      mnist(
        conv(4, 3, 2, 'valid', 'leakyRelu'),
        conv(6, 3, 1, 'same', 'leakyRelu'),
        { kind: 'dropout', rate: 0.3 },
        flatten,
        { kind: 'dense', units: 20, activation: 'leakyRelu' },
        { kind: 'dropout', rate: 0 },
        classifier,
      ),
    ],
    [
      'sigmoid, tanh and linear layers',
      mnist(
        conv(3, 3, 1, 'valid', 'sigmoid'),
        conv(3, 3, 1, 'valid', 'linear'),
        flatten,
        { kind: 'dense', units: 16, activation: 'tanh' },
        classifier,
      ),
    ],
  ])('matches analyzeSpec for %s', (_name, spec) => {
    expectModelMatchesAnalysis(spec);
  });

  it('takes 28×28×1 HWC inputs with a free batch dimension', () => {
    const model = buildModel(mnist(flatten, classifier), 1);
    expect(model.inputs[0]?.shape).toEqual([null, 28, 28, 1]);
    model.dispose();
  });
});

describe('buildModel layers', () => {
  const leakySpec = mnist(
    conv(4, 3, 1, 'same', 'leakyRelu'),
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    flatten,
    { kind: 'dense', units: 16, activation: 'leakyRelu' },
    classifier,
  );

  it('maps each spec layer to the tf layer holding its output, counting the extra leakyReLU layers', () => {
    expect(specLayerOutputIndex(leakySpec)).toEqual([1, 2, 3, 5, 6]);
    expect(specLayerOutputIndex(mnist(flatten, classifier))).toEqual([0, 1]);
    expect(specLayerOutputIndex(mnist())).toEqual([]);
  });

  it('emits a linear conv or dense layer followed by a leakyReLU layer for leakyRelu', () => {
    const model = buildModel(leakySpec, 1);
    const classes = model.layers.map((layer) => layer.getClassName());
    expect(classes).toEqual(['Conv2D', 'LeakyReLU', 'MaxPooling2D', 'Flatten', 'Dense', 'LeakyReLU', 'Dense']);
    expect(model.layers[0]?.getConfig().activation).toBe('linear');
    expect(model.layers[1]?.getConfig().alpha).toBe(LEAKY_ALPHA);
    model.dispose();
  });

  it('names layers after their 1-based spec position and kind', () => {
    const model = buildModel(leakySpec, 1);
    expect(model.layers.map((layer) => layer.name)).toEqual([
      'L1_conv2d',
      'L1_leakyRelu',
      'L2_maxPool',
      'L3_flatten',
      'L4_dense',
      'L4_leakyRelu',
      'L5_dense',
    ]);
    model.dispose();
  });

  it('passes activations, strides, padding and the dropout rate through', () => {
    const spec = mnist(
      conv(3, 3, 2, 'same', 'sigmoid'),
      { kind: 'avgPool', poolSize: 3, stride: 1 },
      flatten,
      { kind: 'dropout', rate: 0.4 },
      { kind: 'dense', units: 12, activation: 'tanh' },
      classifier,
    );
    const model = buildModel(spec, 1);
    const configs = model.layers.map((layer) => layer.getConfig());
    expect(configs[0]).toMatchObject({ activation: 'sigmoid', strides: [2, 2], padding: 'same', kernelSize: [3, 3] });
    expect(configs[1]).toMatchObject({ poolSize: [3, 3], strides: [1, 1], padding: 'valid' });
    expect(model.layers[1]?.getClassName()).toBe('AveragePooling2D');
    expect(configs[3]).toMatchObject({ rate: 0.4 });
    expect(configs[4]).toMatchObject({ activation: 'tanh', units: 12 });
    expect(configs[5]).toMatchObject({ activation: 'softmax', units: 10 });
    model.dispose();
  });

  it('uses He-normal kernels for the relu family and Glorot-uniform otherwise, with zero biases', () => {
    const spec = mnist(conv(3, 3, 1, 'valid', 'relu'), conv(3, 3, 1, 'valid', 'leakyRelu'), flatten, classifier);
    const model = buildModel(spec, 1);
    const kernelConfig = (index: number) =>
      (model.layers[index]?.getConfig().kernelInitializer as { config: object }).config;
    expect(kernelConfig(0)).toMatchObject({ scale: 2, mode: 'fanIn', distribution: 'normal' });
    expect(kernelConfig(1)).toMatchObject({ scale: 2, mode: 'fanIn', distribution: 'normal' });
    expect(kernelConfig(4)).toMatchObject({ scale: 1, mode: 'fanAvg', distribution: 'uniform' });
    const biases = model.layers.flatMap((layer) => layer.getWeights().slice(1));
    expect(biases.every((bias) => bias.dataSync().every((value) => value === 0))).toBe(true);
    model.dispose();
  });

  it('does not compile the model', () => {
    const model = buildModel(mnist(flatten, classifier), 1);
    expect(model.optimizer).toBeUndefined();
    model.dispose();
  });
});

describe('buildModel seeding', () => {
  const spec = PRESET_SPECS.vggSmall?.spec as ModelSpec;

  it('gives identical weights for the same seed', async () => {
    const a = buildModel(spec, 2024);
    const b = buildModel(spec, 2024);
    expect(await weightValues(a)).toEqual(await weightValues(b));
    a.dispose();
    b.dispose();
  });

  it('gives different weights for a different seed', async () => {
    const a = buildModel(spec, 2024);
    const b = buildModel(spec, 2025);
    const [aValues, bValues] = [await weightValues(a), await weightValues(b)];
    const kernels = [0, 2, 4, 6, 8, 10]; // biases (odd indices) are zeros either way
    for (const k of kernels) expect(aValues[k]).not.toEqual(bValues[k]);
    a.dispose();
    b.dispose();
  });

  it('seeds each layer differently, so identical layers start different', async () => {
    const twins = mnist(
      flatten,
      { kind: 'dense', units: 10, activation: 'tanh' },
      { kind: 'dense', units: 10, activation: 'tanh' },
      classifier,
    );
    const model = buildModel(twins, 7);
    const values = await weightValues(model);
    // Weights come as [kernel, bias] per dense layer: the 10×10 kernels are at 2 and 4.
    expect(values[2]).toHaveLength(100);
    expect(values[4]).toHaveLength(100);
    expect(values[2]).not.toEqual(values[4]);
    model.dispose();
  });
});

describe('buildModel errors and memory', () => {
  it('throws the first analyzeSpec message for an invalid spec', () => {
    const pool: LayerSpec = { kind: 'maxPool', poolSize: 3, stride: 1 };
    const tooSmall = mnist(conv(8, 5, 4), pool, conv(16, 5), flatten, classifier);
    expect(() => buildModel(tooSmall, 1)).toThrow(
      new Error('layer 3 (conv 5×5, valid) needs an input of at least 5×5 but gets 4×4'),
    );
    expect(() => buildModel(mnist(conv(8, 5), classifier), 1)).toThrow(
      'layer 2 (dense 10, softmax) gets a 24×24×8 input; add a flatten layer before it',
    );
    expect(() => buildModel(mnist(), 1)).toThrow('the model needs at least one layer');
  });

  it('creates no tensors when it throws', () => {
    const before = tf.memory().numTensors;
    expect(() => buildModel(mnist(conv(0, 5), flatten, classifier), 1)).toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(Object.entries(PRESET_SPECS))('leaves no tensors behind after building and disposing %s', (_id, preset) => {
    const before = tf.memory().numTensors;
    const model = buildModel(preset.spec, 3);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves no tensors behind for leakyRelu and dropout layers', () => {
    const before = tf.memory().numTensors;
    const spec = mnist(conv(4, 3, 1, 'same', 'leakyRelu'), { kind: 'dropout', rate: 0.5 }, flatten, classifier);
    buildModel(spec, 3).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
