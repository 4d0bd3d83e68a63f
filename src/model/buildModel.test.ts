import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESET_SPECS } from '../core/defaultSpec';
import type { Activation, LayerSpec, ModelSpec } from '../core/modelSpec';
import { analyzeSpec } from '../core/shapes';
import { LEAKY_ALPHA } from '../core/activations';
import { buildModel, buildSpecModel } from './buildModel';
import { classifier, flatten, inception, residual } from '../core/layerSpecs.test-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const halve: LayerSpec = { kind: 'maxPool', poolSize: 2, stride: 2 };

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
  const { model, layerOutputs, layerGroups } = buildSpecModel(spec, 1);
  try {
    expect(layerOutputs).toHaveLength(spec.layers.length);
    // The groups cover every tf layer but the input layer, each exactly once.
    expect(layerGroups.flat()).toHaveLength(model.layers.length - 1);
    expect(new Set(layerGroups.flat()).size).toBe(model.layers.length - 1);
    analysis.layers.forEach((info, i) => {
      const outputShape = layerOutputs[i]!.shape.slice(1);
      expect(outputShape, `layer ${i + 1} (${info.label}) shape`).toEqual(info.outputShape);
      const params = layerGroups[i]!.reduce((sum, layer) => sum + layer.countParams(), 0);
      expect(params, `layer ${i + 1} (${info.label}) params`).toBe(info.params);
    });
    expect(model.countParams()).toBe(analysis.totalParams);
    expect(model.outputs[0]).toBe(layerOutputs.at(-1));
  } finally {
    model.dispose();
  }
}

async function weightValues(model: tf.LayersModel): Promise<Float32Array[]> {
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
    ['an Inception block on the raw image', mnist(inception(2, 3, 1, 2), halve, flatten, classifier)],
    ['a residual block projecting 1 channel to 4', mnist(residual(4), halve, flatten, classifier)],
    [
      'a residual block projecting 6 channels to 10, then an identity one',
      mnist(conv(6, 3, 1, 'same'), halve, residual(10), residual(10), flatten, classifier),
    ],
    [
      'an Inception block after a strided valid conv, then a residual block that projects its output',
      mnist(conv(4, 5, 2), inception(3, 5, 2, 1), residual(8), halve, flatten, classifier),
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

  it('groups each spec layer with its tf layers and points at the output after the extra leakyReLU layers', () => {
    const { model, layerOutputs, layerGroups } = buildSpecModel(leakySpec, 1);
    expect(layerGroups.map((group) => group.map((layer) => layer.name))).toEqual([
      ['L1_conv2d', 'L1_leakyRelu'],
      ['L2_maxPool'],
      ['L3_flatten'],
      ['L4_dense', 'L4_leakyRelu'],
      ['L5_dense'],
    ]);
    expect(layerOutputs.map((output) => output.sourceLayer.name)).toEqual([
      'L1_leakyRelu',
      'L2_maxPool',
      'L3_flatten',
      'L4_leakyRelu',
      'L5_dense',
    ]);
    model.dispose();
  });

  it('emits a linear conv or dense layer followed by a leakyReLU layer for leakyRelu', () => {
    const model = buildModel(leakySpec, 1);
    const classes = model.layers.map((layer) => layer.getClassName());
    expect(classes).toEqual([
      'InputLayer',
      'Conv2D',
      'LeakyReLU',
      'MaxPooling2D',
      'Flatten',
      'Dense',
      'LeakyReLU',
      'Dense',
    ]);
    expect(model.getLayer('L1_conv2d').getConfig().activation).toBe('linear');
    expect(model.getLayer('L1_leakyRelu').getConfig().alpha).toBe(LEAKY_ALPHA);
    model.dispose();
  });

  it('names layers after their 1-based spec position and kind', () => {
    const model = buildModel(leakySpec, 1);
    expect(model.layers.map((layer) => layer.name)).toEqual([
      'input',
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
    // The input layer comes first; then one tf layer per spec layer here.
    const configs = model.layers.slice(1).map((layer) => layer.getConfig());
    expect(configs[0]).toMatchObject({ activation: 'sigmoid', strides: [2, 2], padding: 'same', kernelSize: [3, 3] });
    expect(configs[1]).toMatchObject({ poolSize: [3, 3], strides: [1, 1], padding: 'valid' });
    expect(model.layers[2]?.getClassName()).toBe('AveragePooling2D');
    expect(configs[3]).toMatchObject({ rate: 0.4 });
    expect(configs[4]).toMatchObject({ activation: 'tanh', units: 12 });
    expect(configs[5]).toMatchObject({ activation: 'softmax', units: 10 });
    model.dispose();
  });

  it('uses He-normal kernels for the relu family and Glorot-uniform otherwise, with zero biases', () => {
    const spec = mnist(conv(3, 3, 1, 'valid', 'relu'), conv(3, 3, 1, 'valid', 'leakyRelu'), flatten, classifier);
    const model = buildModel(spec, 1);
    const kernelConfig = (name: string) =>
      (model.getLayer(name).getConfig().kernelInitializer as { config: object }).config;
    expect(kernelConfig('L1_conv2d')).toMatchObject({ scale: 2, mode: 'fanIn', distribution: 'normal' });
    expect(kernelConfig('L2_conv2d')).toMatchObject({ scale: 2, mode: 'fanIn', distribution: 'normal' });
    expect(kernelConfig('L4_dense')).toMatchObject({ scale: 1, mode: 'fanAvg', distribution: 'uniform' });
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

describe('buildModel blocks', () => {
  const blockSpec = mnist(
    conv(6, 3, 1, 'same'),
    halve,
    inception(5, 7, 3, 2),
    residual(10),
    residual(10),
    flatten,
    classifier,
  );

  it('names every tf layer of a block after the block and its part', () => {
    const { model, layerGroups } = buildSpecModel(blockSpec, 1);
    const names = (i: number) => layerGroups[i]!.map((layer) => `${layer.name}:${layer.getClassName()}`);
    expect(names(2)).toEqual([
      'L3_inception_1x1:Conv2D',
      'L3_inception_3x3:Conv2D',
      'L3_inception_5x5:Conv2D',
      'L3_inception_pool:MaxPooling2D',
      'L3_inception_poolproj:Conv2D',
      'L3_inception_concat:Concatenate',
    ]);
    expect(names(3)).toEqual([
      'L4_residual_conv1:Conv2D',
      'L4_residual_conv2:Conv2D',
      'L4_residual_proj:Conv2D',
      'L4_residual_add:Add',
      'L4_residual_relu:Activation',
    ]);
    // 10 channels in and 10 filters: the shortcut is the identity, with no projection layer.
    expect(names(4)).toEqual([
      'L5_residual_conv1:Conv2D',
      'L5_residual_conv2:Conv2D',
      'L5_residual_add:Add',
      'L5_residual_relu:Activation',
    ]);
    model.dispose();
  });

  it('makes every block conv stride 1 and same, He-normal, with relu except residual conv2 and proj', () => {
    const model = buildModel(blockSpec, 1);
    const config = (name: string) => model.getLayer(name).getConfig();
    const expectations: [string, number, number, string][] = [
      ['L3_inception_1x1', 1, 5, 'relu'],
      ['L3_inception_3x3', 3, 7, 'relu'],
      ['L3_inception_5x5', 5, 3, 'relu'],
      ['L3_inception_poolproj', 1, 2, 'relu'],
      ['L4_residual_conv1', 3, 10, 'relu'],
      ['L4_residual_conv2', 3, 10, 'linear'],
      ['L4_residual_proj', 1, 10, 'linear'],
    ];
    for (const [name, k, filters, activation] of expectations) {
      expect(config(name), name).toMatchObject({
        kernelSize: [k, k],
        filters,
        activation,
        strides: [1, 1],
        padding: 'same',
        useBias: true,
      });
      expect((config(name).kernelInitializer as { config: object }).config, name).toMatchObject({
        scale: 2,
        mode: 'fanIn',
        distribution: 'normal',
      });
    }
    expect(config('L3_inception_pool')).toMatchObject({ poolSize: [3, 3], strides: [1, 1], padding: 'same' });
    expect(config('L4_residual_relu')).toMatchObject({ activation: 'relu' });
    model.dispose();
  });

  it('adds the residual branch to the identity shortcut, then applies relu', () => {
    const spec = mnist(conv(4, 3, 1, 'same', 'tanh'), residual(4), flatten, classifier);
    const { model, layerOutputs } = buildSpecModel(spec, 5);
    const conv2 = model.getLayer('L2_residual_conv2').output as tf.SymbolicTensor;
    const probe = tf.model({ inputs: model.inputs, outputs: [layerOutputs[0]!, conv2, layerOutputs[1]!] });
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 9);
    const [input, branch, output] = probe.predict(x) as tf.Tensor[];
    const expected = tf.relu(tf.add(branch!, input!));
    // tanh inputs are signed, so relu(branch + input) differs from both relu(branch) and input.
    expect(input!.min().dataSync()[0]).toBeLessThan(0);
    expect(Array.from(output!.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([x, input!, branch!, output!, expected]);
    model.dispose();
  });

  it('projects the shortcut with the 1×1 conv when the channels change', () => {
    const spec = mnist(conv(3, 3, 1, 'same', 'tanh'), residual(5), flatten, classifier);
    const { model, layerOutputs } = buildSpecModel(spec, 5);
    const conv2 = model.getLayer('L2_residual_conv2').output as tf.SymbolicTensor;
    const proj = model.getLayer('L2_residual_proj').output as tf.SymbolicTensor;
    expect(proj.shape).toEqual([null, 28, 28, 5]);
    const probe = tf.model({ inputs: model.inputs, outputs: [conv2, proj, layerOutputs[1]!] });
    const x = tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 3);
    const [branch, shortcut, output] = probe.predict(x) as tf.Tensor[];
    const expected = tf.relu(tf.add(branch!, shortcut!));
    expect(Array.from(output!.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([x, branch!, shortcut!, output!, expected]);
    model.dispose();
  });

  it('concatenates the Inception branches in the order 1×1, 3×3, 5×5, pool projection', () => {
    const spec = mnist(inception(2, 3, 1, 4), halve, flatten, classifier);
    const { model, layerOutputs } = buildSpecModel(spec, 8);
    const branches = ['1x1', '3x3', '5x5', 'poolproj'].map(
      (part) => model.getLayer(`L1_inception_${part}`).output as tf.SymbolicTensor,
    );
    const probe = tf.model({ inputs: model.inputs, outputs: [...branches, layerOutputs[0]!] });
    const x = tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 4);
    const outputs = probe.predict(x) as tf.Tensor[];
    const block = outputs.pop()!;
    expect(block.shape).toEqual([1, 28, 28, 10]);
    const expected = tf.concat(outputs, 3);
    expect(Array.from(block.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([x, block, expected, ...outputs]);
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

  it.each(['inception', 'residual'])(
    'gives identical weights for the same seed and different ones for another with preset %s',
    async (id) => {
      const blockSpec = PRESET_SPECS[id]!.spec;
      const [a, b, c] = [buildModel(blockSpec, 31), buildModel(blockSpec, 31), buildModel(blockSpec, 32)];
      const [aValues, bValues, cValues] = [await weightValues(a), await weightValues(b), await weightValues(c)];
      expect(aValues.length).toBeGreaterThan(6);
      expect(aValues).toEqual(bValues);
      a.weights.forEach((weight, i) => {
        if (weight.originalName.endsWith('/kernel')) expect(aValues[i], weight.originalName).not.toEqual(cValues[i]);
      });
      [a, b, c].forEach((model) => model.dispose());
    },
  );

  it('seeds every conv of a block differently, so equal-shaped convs start different', async () => {
    const model = buildModel(PRESET_SPECS.residual!.spec, 7);
    const kernel = async (name: string) => Float32Array.from(await model.getLayer(name).getWeights()[0]!.data());
    const kernels = await Promise.all(
      ['L3_residual_conv1', 'L3_residual_conv2', 'L4_residual_conv1', 'L4_residual_conv2'].map(kernel),
    );
    kernels.forEach((k) => expect(k).toHaveLength(3 * 3 * 16 * 16));
    for (let i = 0; i < kernels.length; i++)
      for (let j = i + 1; j < kernels.length; j++) expect(kernels[i]).not.toEqual(kernels[j]);
    model.dispose();
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
