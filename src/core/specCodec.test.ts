import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from './defaultSpec';
import { LAYER_ACTIVATIONS, PADDINGS, type LayerSpec, type ModelSpec } from './modelSpec';
import { analyzeSpec } from './shapes';
import { decodeSpec, encodeSpec, MAX_ENCODED_LAYERS } from './specCodec';

function spec(layers: LayerSpec[]): ModelSpec {
  return { inputShape: [28, 28, 1], layers };
}

function decoded(text: string): ModelSpec {
  const result = decodeSpec(text);
  if ('error' in result) throw new Error(`unexpected error: ${result.error}`);
  return result.spec;
}

function errorOf(text: string): string {
  const result = decodeSpec(text);
  if ('spec' in result) throw new Error(`expected an error for ${text}`);
  return result.error;
}

describe('encodeSpec', () => {
  it('writes the default spec compactly and readably', () => {
    expect(encodeSpec(DEFAULT_SPEC)).toBe(
      'conv8k5s1valid-relu_maxpool2s2_conv16k5s1valid-relu_maxpool2s2_flatten_dense10-softmax',
    );
  });

  it('writes dropout rates as decimals and pools by kind', () => {
    const text = encodeSpec(
      spec([
        { kind: 'avgPool', poolSize: 3, stride: 1 },
        { kind: 'dropout', rate: 0.25 },
      ]),
    );
    expect(text).toBe('avgpool3s1_dropout0.25');
  });

  it('writes blocks as inception<1×1>-<3×3>-<5×5>-<pool proj> and residual<filters>', () => {
    expect(encodeSpec(PRESET_SPECS.inception!.spec)).toBe(
      'conv8k3s1same-relu_maxpool2s2_inception8-8-4-4_maxpool2s2_flatten_dense10-softmax',
    );
    expect(encodeSpec(PRESET_SPECS.residual!.spec)).toBe(
      'conv16k3s1same-relu_maxpool2s2_residual16_residual16_maxpool2s2_flatten_dense10-softmax',
    );
    const text = encodeSpec(
      spec([{ kind: 'inception', filters1x1: 1, filters3x3: 64, filters5x5: 1024, poolProj: 3 }]),
    );
    expect(text).toBe('inception1-64-1024-3');
  });

  it('uses only characters URLSearchParams leaves unescaped', () => {
    for (const { spec: preset } of Object.values(PRESET_SPECS)) {
      const text = encodeSpec(preset);
      expect(new URLSearchParams({ arch: text }).toString()).toBe(`arch=${text}`);
    }
  });
});

describe('decodeSpec round trip', () => {
  it.each(Object.entries(PRESET_SPECS))('round-trips preset %s', (_id, { spec: preset }) => {
    const text = encodeSpec(preset);
    expect(decoded(text)).toEqual(preset);
    expect(encodeSpec(decoded(text))).toBe(text);
  });

  it('round-trips a grid of conv variants', () => {
    for (const filters of [1, 8, 1024])
      for (const kernelSize of [1, 3, 11])
        for (const stride of [1, 2, 4])
          for (const padding of PADDINGS)
            for (const activation of LAYER_ACTIVATIONS) {
              const s = spec([{ kind: 'conv2d', filters, kernelSize, stride, padding, activation }]);
              expect(decoded(encodeSpec(s))).toEqual(s);
            }
  });

  it('round-trips pool, dense and dropout variants', () => {
    const layers: LayerSpec[] = [];
    for (const kind of ['maxPool', 'avgPool'] as const)
      for (const poolSize of [1, 2, 4]) for (const stride of [1, 3]) layers.push({ kind, poolSize, stride });
    for (const units of [1, 10, 512])
      for (const activation of LAYER_ACTIVATIONS) layers.push({ kind: 'dense', units, activation });
    for (const rate of [0, 0.1, 0.25, 0.5, 0.999]) layers.push({ kind: 'dropout', rate });
    layers.push({ kind: 'flatten' });
    for (let i = 0; i < layers.length; i += MAX_ENCODED_LAYERS) {
      const s = spec(layers.slice(i, i + MAX_ENCODED_LAYERS));
      expect(decoded(encodeSpec(s))).toEqual(s);
    }
  });

  it('round-trips Inception and residual blocks', () => {
    const layers: LayerSpec[] = [];
    for (const [a, b, c, d] of [
      [1, 1, 1, 1],
      [8, 8, 4, 4],
      [64, 128, 32, 32],
      [1024, 3, 7, 1000],
    ] as const)
      layers.push({ kind: 'inception', filters1x1: a, filters3x3: b, filters5x5: c, poolProj: d });
    for (const filters of [1, 16, 17, 1024]) layers.push({ kind: 'residual', filters });
    const s = spec(layers);
    expect(decoded(encodeSpec(s))).toEqual(s);
  });

  it('reads block keywords case-insensitively', () => {
    expect(decoded('Inception8-8-4-4_RESIDUAL16').layers).toEqual([
      { kind: 'inception', filters1x1: 8, filters3x3: 8, filters5x5: 4, poolProj: 4 },
      { kind: 'residual', filters: 16 },
    ]);
  });

  it('always decodes the MNIST input shape', () => {
    expect(decoded('flatten_dense10-softmax').inputShape).toEqual([28, 28, 1]);
  });

  it('reads keywords case-insensitively and ignores surrounding spaces', () => {
    expect(decoded(' CONV8K5S1VALID-LEAKYRELU _ Dense10-Softmax ').layers).toEqual([
      { kind: 'conv2d', filters: 8, kernelSize: 5, stride: 1, padding: 'valid', activation: 'leakyRelu' },
      { kind: 'dense', units: 10, activation: 'softmax' },
    ]);
  });

  it('accepts exactly the layer cap', () => {
    const text = Array.from({ length: MAX_ENCODED_LAYERS }, () => 'flatten').join('_');
    expect(decoded(text).layers).toHaveLength(MAX_ENCODED_LAYERS);
  });
});

describe('decodeSpec leaves range checks to analyzeSpec', () => {
  it('passes out-of-range numbers through', () => {
    const s = decoded('conv0k99s9same-relu_maxpool9s0_dense5000-tanh_dropout1.5_dense10-softmax');
    expect(s.layers).toEqual([
      { kind: 'conv2d', filters: 0, kernelSize: 99, stride: 9, padding: 'same', activation: 'relu' },
      { kind: 'maxPool', poolSize: 9, stride: 0 },
      { kind: 'dense', units: 5000, activation: 'tanh' },
      { kind: 'dropout', rate: 1.5 },
      { kind: 'dense', units: 10, activation: 'softmax' },
    ]);
    const messages = analyzeSpec(s)
      .errors.map((e) => e.message)
      .join('\n');
    expect(messages).toMatch(/filters must be a whole number/);
    expect(messages).toMatch(/dropout rate/);
  });

  it('passes out-of-range block filters through', () => {
    const s = decoded('inception0-8-2000-4_residual0_flatten_dense10-softmax');
    expect(s.layers.slice(0, 2)).toEqual([
      { kind: 'inception', filters1x1: 0, filters3x3: 8, filters5x5: 2000, poolProj: 4 },
      { kind: 'residual', filters: 0 },
    ]);
    const messages = analyzeSpec(s).errors.map((e) => e.message);
    expect(messages).toContain(
      'layer 1 (inception 0-8-2000-4): 1×1 filters must be a whole number from 1 to 1024, not 0',
    );
    expect(messages).toContain(
      'layer 1 (inception 0-8-2000-4): 5×5 filters must be a whole number from 1 to 1024, not 2000',
    );
  });

  it('passes fractional and negative numbers through', () => {
    expect(decoded('conv2.5k-3s1valid-relu').layers[0]).toEqual({
      kind: 'conv2d',
      filters: 2.5,
      kernelSize: -3,
      stride: 1,
      padding: 'valid',
      activation: 'relu',
    });
  });
});

describe('decodeSpec errors', () => {
  it('rejects empty text', () => {
    expect(errorOf('')).toMatch(/empty/);
    expect(errorOf('   ')).toMatch(/empty/);
  });

  it('rejects garbage, naming layer and token', () => {
    expect(errorOf('hello')).toBe(
      "layer 1 ('hello') is not a layer this app knows: use one of conv<filters>k<kernel size>s<stride><valid|same>-<activation>, " +
        'maxpool<pool size>s<stride>, avgpool<pool size>s<stride>, flatten, dense<units>-<activation>, dropout<rate>, ' +
        'inception<1x1 filters>-<3x3 filters>-<5x5 filters>-<pool proj filters>, residual<filters>',
    );
    expect(errorOf('flatten_flatten_conv16x')).toMatch(
      /^layer 3 \('conv16x'\) is not a layer this app knows: write it as conv/,
    );
  });

  it('rejects non-numbers where numbers belong', () => {
    expect(errorOf('conv8xk5s1valid-relu')).toMatch(/^layer 1 \('conv8xk5s1valid-relu'\)/);
    expect(errorOf('flatten_denseten-softmax')).toMatch(/^layer 2 \('denseten-softmax'\) .*dense<units>/);
    expect(errorOf('dropout.5')).toMatch(/^layer 1 /);
    expect(errorOf('dropoutNaN')).toMatch(/^layer 1 /);
    expect(errorOf('maxpool2s')).toMatch(/maxpool<pool size>s<stride>/);
    expect(errorOf('dense1e999-relu')).toMatch(/too large/);
  });

  it.each([
    ['inception8-8-4', 1],
    ['inception8-8-4-4-4', 1],
    ['inception8-8-4-', 1],
    ['inception', 1],
    ['inception8_8_4_4', 1],
    ['inception8-x-4-4', 1],
  ])('rejects the malformed Inception token %s, showing how to write it', (text, layer) => {
    expect(errorOf(text)).toMatch(
      new RegExp(
        `^layer ${layer} \\('[^']*'\\) is not a layer this app knows: write it as inception<1x1 filters>-<3x3 filters>-<5x5 filters>-<pool proj filters>, e\\.g\\. inception8-8-4-4$`,
      ),
    );
  });

  it.each(['residual', 'residual16-relu', 'residualx', 'residual16s1', 'residual-'])(
    'rejects the malformed residual token %s, showing how to write it',
    (text) => {
      expect(errorOf(`conv8k3s1same-relu_${text}`)).toBe(
        `layer 2 ('${text}') is not a layer this app knows: write it as residual<filters>, e.g. residual16`,
      );
    },
  );

  it('rejects block filters too large to use', () => {
    expect(errorOf('inception8-8-1e999-4')).toBe("layer 1 ('inception8-8-1e999-4') has a number too large to use");
    expect(errorOf('residual1e400')).toMatch(/too large/);
  });

  it('rejects unknown activations and paddings', () => {
    expect(errorOf('conv8k5s1valid-gelu')).toMatch(
      /^layer 1 \('conv8k5s1valid-gelu'\) has activation 'gelu'; use one of relu/,
    );
    expect(errorOf('conv8k5s1full-relu')).toMatch(/padding 'full'; use valid or same/);
    expect(errorOf('dense10')).toMatch(/dense<units>-<activation>/);
  });

  it('rejects empty layers between separators', () => {
    expect(errorOf('flatten__dense10-softmax')).toMatch(/^layer 2 is empty/);
  });

  it('rejects too many layers', () => {
    const text = Array.from({ length: MAX_ENCODED_LAYERS + 1 }, () => 'flatten').join('_');
    expect(errorOf(text)).toMatch(/21 layers; at most 20/);
  });

  it('rejects absurdly long text without scanning it', () => {
    expect(errorOf('flatten'.repeat(1000))).toMatch(/characters long/);
  });

  it('never throws on odd input', () => {
    for (const text of ['_', '-', '..', 'conv', '∞', 'dense10-softmax.', '\u0000', 'flatten.dense10-softmax']) {
      expect(() => decodeSpec(text)).not.toThrow();
      expect(decodeSpec(text)).toHaveProperty('error');
    }
    expect(() => decodeSpec(undefined as unknown as string)).not.toThrow();
  });
});
