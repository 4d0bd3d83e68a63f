import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from './defaultSpec';
import type { LayerSpec, ModelSpec } from './modelSpec';
import { analyzeSpec, describeLayer, layerLabel } from './shapes';
import { classifier, flatten, inception, residual } from './layerSpecs.test-helpers';

const conv = (filters: number, kernelSize: number, stride = 1, padding: 'valid' | 'same' = 'valid'): LayerSpec => ({
  kind: 'conv2d',
  filters,
  kernelSize,
  stride,
  padding,
  activation: 'relu',
});
const maxPool = (poolSize: number, stride: number): LayerSpec => ({ kind: 'maxPool', poolSize, stride });

function mnist(...layers: LayerSpec[]): ModelSpec {
  return { inputShape: [28, 28, 1], layers };
}

function messages(spec: ModelSpec): string[] {
  return analyzeSpec(spec).errors.map((error) => error.message);
}

describe('analyzeSpec shapes and parameters', () => {
  it('infers the default spec layer by layer', () => {
    const analysis = analyzeSpec(DEFAULT_SPEC);
    expect(analysis.errors).toEqual([]);
    expect(analysis.layers.map((layer) => [layer.outputShape, layer.params])).toEqual([
      [[24, 24, 8], 5 * 5 * 1 * 8 + 8],
      [[12, 12, 8], 0],
      [[8, 8, 16], 5 * 5 * 8 * 16 + 16],
      [[4, 4, 16], 0],
      [[256], 0],
      [[10], 256 * 10 + 10],
    ]);
    expect(analysis.layers.map((layer) => layer.params)).toEqual([208, 0, 3216, 0, 0, 2570]);
    expect(analysis.totalParams).toBe(5994);
    expect(analysis.outputShape).toEqual([10]);
  });

  it('chains each layer input to the previous layer output', () => {
    const { layers } = analyzeSpec(DEFAULT_SPEC);
    expect(layers[0]?.inputShape).toEqual([28, 28, 1]);
    expect(layers[3]?.inputShape).toEqual([8, 8, 16]);
    expect(layers.map((layer) => layer.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(layers[2]?.spec).toBe(DEFAULT_SPEC.layers[2]);
  });

  it('handles same padding and strides 2 and 3', () => {
    const analysis = analyzeSpec(
      mnist(conv(4, 3, 2, 'same'), conv(6, 4, 2, 'valid'), maxPool(3, 2), flatten, classifier),
    );
    expect(analysis.errors).toEqual([]);
    expect(analysis.layers.map((layer) => layer.outputShape)).toEqual([[14, 14, 4], [6, 6, 6], [2, 2, 6], [24], [10]]);
    expect(analysis.layers.map((layer) => layer.params)).toEqual([40, 390, 0, 0, 250]);
    expect(analysis.totalParams).toBe(680);
  });

  it('uses ceil(n / stride) for same padding whatever the kernel', () => {
    const analysis = analyzeSpec(mnist(conv(3, 5, 3, 'same'), flatten, classifier));
    expect(analysis.layers[0]?.outputShape).toEqual([10, 10, 3]);
    expect(analysis.layers[0]?.params).toBe(5 * 5 * 3 + 3);
  });

  it('keeps shapes through dropout and pools with stride unequal to size', () => {
    const analysis = analyzeSpec(
      mnist(
        conv(2, 1),
        { kind: 'avgPool', poolSize: 3, stride: 4 },
        { kind: 'dropout', rate: 0.5 },
        flatten,
        classifier,
      ),
    );
    expect(analysis.layers.map((layer) => layer.outputShape)).toEqual([[28, 28, 2], [7, 7, 2], [7, 7, 2], [98], [10]]);
  });
});

describe('analyzeSpec blocks', () => {
  it('concatenates the four Inception branches along channels and counts each branch conv', () => {
    const analysis = analyzeSpec(
      mnist(conv(6, 3, 1, 'same'), maxPool(2, 2), inception(5, 7, 3, 2), flatten, classifier),
    );
    expect(analysis.errors).toEqual([]);
    // Every branch is stride 1 'same': 14×14 stays, channels add up to 5 + 7 + 3 + 2 = 17.
    expect(analysis.layers[2]?.inputShape).toEqual([14, 14, 6]);
    expect(analysis.layers[2]?.outputShape).toEqual([14, 14, 17]);
    // (1·1·6+1)·5 = 35, (3·3·6+1)·7 = 385, (5·5·6+1)·3 = 453, (1·1·6+1)·2 = 14.
    expect(analysis.layers[2]?.params).toBe(35 + 385 + 453 + 14);
    expect(analysis.layers[2]?.params).toBe(887);
    // 14·14·17 = 3332 values into dense 10: 33,320 + 10.
    expect(analysis.layers.map((layer) => layer.params)).toEqual([60, 0, 887, 0, 33_330]);
    expect(analysis.totalParams).toBe(60 + 887 + 33_330);
  });

  it('gives a residual block with as many filters as input channels an identity shortcut', () => {
    const analysis = analyzeSpec(mnist(conv(6, 3, 1, 'same'), maxPool(2, 2), residual(6), flatten, classifier));
    expect(analysis.errors).toEqual([]);
    expect(analysis.layers[2]?.outputShape).toEqual([14, 14, 6]);
    // conv1 (9·6+1)·6 = 330, conv2 (9·6+1)·6 = 330, no projection.
    expect(analysis.layers[2]?.params).toBe(660);
  });

  it('adds a 1×1 projection to a residual block that changes the channel count', () => {
    const analysis = analyzeSpec(mnist(conv(6, 3, 1, 'same'), maxPool(2, 2), residual(10), flatten, classifier));
    expect(analysis.errors).toEqual([]);
    expect(analysis.layers[2]?.outputShape).toEqual([14, 14, 10]);
    // conv1 (9·6+1)·10 = 550, conv2 (9·10+1)·10 = 910, projection (1·1·6+1)·10 = 70.
    expect(analysis.layers[2]?.params).toBe(550 + 910 + 70);
    expect(analysis.layers[2]?.params).toBe(1530);
  });

  it('projects the single grey channel when a residual block reads the image directly', () => {
    const analysis = analyzeSpec(mnist(residual(4), maxPool(4, 4), flatten, classifier));
    expect(analysis.layers[0]?.outputShape).toEqual([28, 28, 4]);
    // conv1 (9·1+1)·4 = 40, conv2 (9·4+1)·4 = 148, projection (1+1)·4 = 8.
    expect(analysis.layers[0]?.params).toBe(196);
    // 7·7·4 = 196 values into dense 10: 1960 + 10.
    expect(analysis.totalParams).toBe(196 + 1970);
  });

  it('chains blocks: an Inception block feeding a residual block that projects its 17 channels', () => {
    const analysis = analyzeSpec(
      mnist(maxPool(2, 2), inception(5, 7, 3, 2), residual(17), residual(9), flatten, classifier),
    );
    expect(analysis.layers.map((layer) => layer.outputShape)).toEqual([
      [14, 14, 1],
      [14, 14, 17],
      [14, 14, 17],
      [14, 14, 9],
      [1764],
      [10],
    ]);
    // Inception on 1 channel: 2·5 + 10·7 + 26·3 + 2·2 = 10 + 70 + 78 + 4 = 162.
    // residual17 on 17: (153+1)·17 = 2618 twice, no projection; residual9 on 17:
    // (153+1)·9 = 1386, (81+1)·9 = 738, projection (17+1)·9 = 162.
    expect(analysis.layers.map((layer) => layer.params)).toEqual([0, 162, 5236, 2286, 0, 17_650]);
  });

  it('refuses a block after flatten, like any layer that needs height×width×channels', () => {
    expect(messages(mnist(flatten, inception(8, 8, 4, 4), classifier))).toContain(
      'layer 2 (inception 8-8-4-4) needs a height×width×channels input but gets a flat vector of 784 values; ' +
        'put it before any flatten or dense layer',
    );
    expect(analyzeSpec(mnist(flatten, residual(16), classifier)).errors[0]).toEqual({
      layerIndex: 1,
      message:
        'layer 2 (residual 16) needs a height×width×channels input but gets a flat vector of 784 values; ' +
        'put it before any flatten or dense layer',
    });
  });

  it.each([
    [inception(0, 8, 4, 4), 'layer 1 (inception 0-8-4-4): 1×1 filters must be a whole number from 1 to 1024, not 0'],
    [
      inception(8, 1025, 4, 4),
      'layer 1 (inception 8-1025-4-4): 3×3 filters must be a whole number from 1 to 1024, not 1025',
    ],
    [
      inception(8, 8, 2.5, 4),
      'layer 1 (inception 8-8-2.5-4): 5×5 filters must be a whole number from 1 to 1024, not 2.5',
    ],
    [
      inception(8, 8, 4, -1),
      'layer 1 (inception 8-8-4--1): pool projection filters must be a whole number from 1 to 1024, not -1',
    ],
    [residual(0), 'layer 1 (residual 0): filters must be a whole number from 1 to 1024, not 0'],
    [residual(1025), 'layer 1 (residual 1025): filters must be a whole number from 1 to 1024, not 1025'],
  ] as [LayerSpec, string][])('bounds every branch of a block: %o', (layer, message) => {
    expect(analyzeSpec(mnist(layer, flatten, classifier)).errors).toEqual([{ layerIndex: 0, message }]);
  });

  it('refuses a block as the last layer', () => {
    expect(messages(mnist(conv(4, 3), residual(4)))).toEqual([
      'layer 2 (residual 4): the last layer must be dense with 10 units and softmax, one per MNIST digit class',
    ]);
  });
});

describe('describeLayer and layerLabel', () => {
  it.each([
    [conv(8, 5), 'conv 5×5, valid', 'conv 8 5×5 s1 valid relu'],
    [conv(16, 3, 2, 'same'), 'conv 3×3, same', 'conv 16 3×3 s2 same relu'],
    [maxPool(2, 2), 'max pool 2×2, stride 2', 'max pool 2×2 s2'],
    [{ kind: 'avgPool', poolSize: 3, stride: 1 }, 'avg pool 3×3, stride 1', 'avg pool 3×3 s1'],
    [classifier, 'dense 10, softmax', 'dense 10 softmax'],
    [flatten, 'flatten', 'flatten'],
    [{ kind: 'dropout', rate: 0.25 }, 'dropout 0.25', 'dropout 0.25'],
    [inception(8, 16, 4, 2), 'inception 8-16-4-2', 'inception 1×1 8, 3×3 16, 5×5 4, pool 2'],
    [residual(32), 'residual 32', 'residual 32 3×3'],
  ] as [LayerSpec, string, string][])('describes %o', (layer, description, label) => {
    expect(describeLayer(layer)).toBe(description);
    expect(layerLabel(layer)).toBe(label);
  });

  it('labels analysed layers', () => {
    expect(analyzeSpec(DEFAULT_SPEC).layers[1]?.label).toBe('max pool 2×2 s2');
  });
});

describe('analyzeSpec validation', () => {
  it('says exactly which conv layer gets too small an input', () => {
    const analysis = analyzeSpec(mnist(conv(8, 5, 4), maxPool(3, 1), conv(16, 5), flatten, classifier));
    expect(analysis.layers[1]?.outputShape).toEqual([4, 4, 8]);
    expect(analysis.errors).toEqual([
      { layerIndex: 2, message: 'layer 3 (conv 5×5, valid) needs an input of at least 5×5 but gets 4×4' },
    ]);
  });

  it('leaves shapes after a failed layer unknown without piling up errors', () => {
    const analysis = analyzeSpec(mnist(conv(8, 5, 4), maxPool(3, 1), conv(16, 5), flatten, classifier));
    expect(analysis.layers.slice(2).map((layer) => layer.outputShape)).toEqual([[], [], []]);
    expect(analysis.layers[3]?.inputShape).toEqual([]);
    expect(analysis.outputShape).toEqual([]);
    expect(analysis.totalParams).toBe(8 * 25 + 8);
  });

  it('says when a pool window is larger than its input', () => {
    // 28 → conv 11×11 stride 4 → 5×5, where a 4×4 pool still fits; another conv 5×5 stride 4 leaves 1×1.
    expect(messages(mnist(conv(4, 11, 4), maxPool(4, 2), flatten, classifier))).toEqual([]);
    expect(messages(mnist(conv(4, 11, 4), conv(4, 5, 4), maxPool(4, 2), flatten, classifier))).toEqual([
      'layer 3 (max pool 4×4, stride 2) needs an input of at least 4×4 but gets 1×1',
    ]);
  });

  it('asks for a flatten layer before a dense layer on a 3-D input', () => {
    expect(analyzeSpec(mnist(conv(8, 5), maxPool(2, 2), classifier)).errors).toEqual([
      { layerIndex: 2, message: 'layer 3 (dense 10, softmax) gets a 12×12×8 input; add a flatten layer before it' },
    ]);
  });

  it('refuses a conv or pool after flatten', () => {
    const [message] = messages(mnist(flatten, conv(8, 3), flatten, classifier));
    expect(message).toBe(
      'layer 2 (conv 3×3, valid) needs a height×width×channels input but gets a flat vector of 784 values; ' +
        'put it before any flatten or dense layer',
    );
    const [poolMessage] = messages(mnist(flatten, maxPool(2, 2), classifier));
    expect(poolMessage).toMatch(/^layer 2 \(max pool 2×2, stride 2\) needs a height×width×channels input/);
  });

  it.each([
    [conv(0, 5), 'layer 1 (conv 5×5, valid): filters must be a whole number from 1 to 1024, not 0'],
    [conv(1025, 5), 'layer 1 (conv 5×5, valid): filters must be a whole number from 1 to 1024, not 1025'],
    [conv(2.5, 5), 'layer 1 (conv 5×5, valid): filters must be a whole number from 1 to 1024, not 2.5'],
    [conv(-3, 5), 'layer 1 (conv 5×5, valid): filters must be a whole number from 1 to 1024, not -3'],
    [conv(8, 12), 'layer 1 (conv 12×12, valid): kernel size must be a whole number from 1 to 11, not 12'],
    [conv(8, 3, 5), 'layer 1 (conv 3×3, valid): stride must be a whole number from 1 to 4, not 5'],
    [maxPool(5, 2), 'layer 1 (max pool 5×5, stride 2): pool size must be a whole number from 1 to 4, not 5'],
    [maxPool(2, 0), 'layer 1 (max pool 2×2, stride 0): stride must be a whole number from 1 to 4, not 0'],
  ])('bounds layer settings: %o', (layer, message) => {
    expect(analyzeSpec(mnist(layer, flatten, classifier)).errors).toEqual([{ layerIndex: 0, message }]);
  });

  it('bounds dense units', () => {
    expect(messages(mnist(flatten, { kind: 'dense', units: 0, activation: 'relu' }, classifier))).toEqual([
      'layer 2 (dense 0, relu): units must be a whole number from 1 to 1024, not 0',
    ]);
  });

  it.each([1, -0.1, Number.NaN])('requires a dropout rate in [0, 1), not %d', (rate) => {
    expect(messages(mnist(flatten, { kind: 'dropout', rate }, classifier))).toEqual([
      `layer 2 (dropout ${rate}): the dropout rate must be at least 0 and below 1, not ${rate}`,
    ]);
  });

  it('accepts a dropout rate of 0', () => {
    expect(messages(mnist(flatten, { kind: 'dropout', rate: 0 }, classifier))).toEqual([]);
  });

  it('rejects unknown padding and activation names', () => {
    const layer = { ...conv(8, 3), padding: 'full', activation: 'gelu' } as unknown as LayerSpec;
    expect(messages(mnist(layer, flatten, classifier))).toEqual([
      'layer 1 (conv 3×3, full): padding must be "valid" or "same", not "full"',
      'layer 1 (conv 3×3, full): activation must be one of relu, leakyRelu, sigmoid, tanh, linear, softmax, ' +
        'not "gelu"',
    ]);
  });

  it('allows softmax only on the last layer', () => {
    const softmaxConv: LayerSpec = { ...conv(8, 5), activation: 'softmax' } as LayerSpec;
    expect(analyzeSpec(mnist(softmaxConv, flatten, classifier)).errors).toEqual([
      {
        layerIndex: 0,
        message:
          'layer 1 (conv 5×5, valid) uses softmax, which is only allowed on the last layer; ' +
          'choose another activation',
      },
    ]);
  });

  it.each([
    [{ kind: 'dense', units: 12, activation: 'softmax' }, 'layer 3 (dense 12, softmax)'],
    [{ kind: 'dense', units: 10, activation: 'relu' }, 'layer 3 (dense 10, relu)'],
    [{ kind: 'dropout', rate: 0.5 }, 'layer 3 (dropout 0.5)'],
    [flatten, 'layer 3 (flatten)'],
  ] as [LayerSpec, string][])('requires a final dense 10 softmax layer, not %o', (last, where) => {
    expect(analyzeSpec(mnist(conv(8, 5), flatten, last)).errors).toContainEqual({
      layerIndex: 2,
      message: `${where}: the last layer must be dense with 10 units and softmax, one per MNIST digit class`,
    });
  });

  it('sizes the output layer to the classes asked for: a number, or any from 2 to 10', () => {
    const three: LayerSpec = { kind: 'dense', units: 3, activation: 'softmax' };
    expect(analyzeSpec(mnist(flatten, three), 3).errors).toEqual([]);
    expect(analyzeSpec(mnist(flatten, three), 'any').errors).toEqual([]);
    expect(analyzeSpec(mnist(flatten, classifier), 3).errors).toEqual([
      {
        layerIndex: 1,
        message:
          'layer 2 (dense 10, softmax): the last layer must be dense with 3 units and softmax, one per class of your data set',
      },
    ]);
    const eleven: LayerSpec = { kind: 'dense', units: 11, activation: 'softmax' };
    expect(analyzeSpec(mnist(flatten, eleven), 'any').errors[0]?.message).toBe(
      'layer 2 (dense 11, softmax): the last layer must be dense with 2 to 10 units and softmax, one per class',
    );
  });

  it('requires at least one layer', () => {
    expect(analyzeSpec(mnist())).toEqual({
      layers: [],
      totalParams: 0,
      errors: [{ layerIndex: null, message: 'the model needs at least one layer' }],
      outputShape: [28, 28, 1],
    });
  });

  it('requires the MNIST input shape but still infers shapes from another one', () => {
    const analysis = analyzeSpec({ inputShape: [32, 32, 3], layers: [conv(4, 5), flatten, classifier] });
    expect(analysis.errors).toEqual([
      { layerIndex: null, message: 'the input shape must be 28×28×1 (MNIST digits), not 32×32×3' },
    ]);
    expect(analysis.layers[0]?.outputShape).toEqual([28, 28, 4]);
    expect(analysis.layers[0]?.params).toBe(5 * 5 * 3 * 4 + 4);
  });

  it('caps the parameter count at 5,000,000', () => {
    const analysis = analyzeSpec(mnist(conv(1024, 3, 1, 'same'), flatten, classifier));
    expect(analysis.totalParams).toBe(10_240 + 802_816 * 10 + 10);
    expect(analysis.errors).toEqual([
      {
        layerIndex: null,
        message:
          'the model has 8,038,410 parameters, more than the 5,000,000 that can be trained in a browser; ' +
          'use fewer filters or units, or pool before flattening',
      },
    ]);
  });

  it('reports every problem, each with its 0-based layer index', () => {
    const analysis = analyzeSpec(mnist(conv(0, 5), { kind: 'dropout', rate: 2 }, flatten));
    expect(analysis.errors.map((error) => error.layerIndex)).toEqual([0, 1, 2]);
  });
});

describe('analyzeSpec on garbage', () => {
  const garbage: [string, unknown][] = [
    ['null spec', null],
    ['empty object', {}],
    ['layers not an array', { inputShape: [28, 28, 1], layers: 'conv' }],
    ['input shape missing', { layers: [classifier] }],
    ['input shape of NaN', { inputShape: [Number.NaN, 28, 1], layers: [conv(8, 5), flatten, classifier] }],
    ['null layer', { inputShape: [28, 28, 1], layers: [null, classifier] }],
    ['number layer', { inputShape: [28, 28, 1], layers: [7] }],
    ['unknown kind', { inputShape: [28, 28, 1], layers: [{ kind: 'lstm' }, flatten, classifier] }],
    [
      'NaN and negative settings',
      {
        inputShape: [28, 28, 1],
        layers: [
          { kind: 'conv2d', filters: -8, kernelSize: Number.NaN, stride: Infinity, padding: null, activation: 3 },
          { kind: 'maxPool', poolSize: '2', stride: undefined },
          { kind: 'dense', units: Number.NaN, activation: 'softmax' },
          { kind: 'dropout', rate: 'high' },
        ],
      },
    ],
  ];

  it.each(garbage)('never throws and reports errors: %s', (_name, spec) => {
    const analysis = analyzeSpec(spec as ModelSpec);
    expect(analysis.errors.length).toBeGreaterThan(0);
    for (const layer of analysis.layers) expect(Number.isFinite(layer.params)).toBe(true);
  });

  it('names unknown kinds and lists the known ones', () => {
    const spec = { inputShape: [28, 28, 1], layers: [{ kind: 'lstm' }, flatten, classifier] } as unknown as ModelSpec;
    const analysis = analyzeSpec(spec);
    expect(analysis.errors).toEqual([
      {
        layerIndex: 0,
        message:
          'layer 1 has unknown kind "lstm"; use one of conv2d, maxPool, avgPool, flatten, dense, dropout, ' +
          'inception, residual',
      },
    ]);
    expect(analysis.layers[0]?.label).toBe('unknown layer');
    expect(analysis.layers[1]?.inputShape).toEqual([]);
  });

  it('reports NaN and string settings by value', () => {
    const layer = { ...conv(1, 1, 1, 'same'), filters: Number.NaN, kernelSize: '3' };
    expect(messages(mnist(layer as unknown as LayerSpec, flatten, classifier))).toEqual([
      'layer 1 (conv 3×3, same): filters must be a whole number from 1 to 1024, not NaN',
      'layer 1 (conv 3×3, same): kernel size must be a whole number from 1 to 11, not "3"',
    ]);
  });
});
