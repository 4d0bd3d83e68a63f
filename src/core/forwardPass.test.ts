import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from './defaultSpec';
import { forwardPass, unsupportedReason } from './forwardPass';
import type { LayerSpec, ModelSpec } from './modelSpec';

const f32 = (...values: number[]) => Float32Array.from(values);
const spec = (inputShape: [number, number, number], ...layers: LayerSpec[]): ModelSpec => ({ inputShape, layers });
/** The 3×3 grid 1..9, row-major, one channel. */
const ONE_TO_NINE = f32(1, 2, 3, 4, 5, 6, 7, 8, 9);
/** One 2×2 filter, stride 1. */
const conv2x2 = (padding: 'valid' | 'same', activation: 'relu' | 'linear'): LayerSpec => ({
  kind: 'conv2d',
  filters: 1,
  kernelSize: 2,
  stride: 1,
  padding,
  activation,
});

describe('forwardPass, worked by hand', () => {
  it('convolves valid 2×2 with an HWIO kernel, adds the bias, then applies relu', () => {
    // out(r, q) = x[r][q] + 2·x[r][q+1] − x[r+1][q+1] − 3: 0−3, 2−3, 6−3, 8−3, then relu.
    const conv = conv2x2('valid', 'relu');
    const [out] = forwardPass(spec([3, 3, 1], conv), [f32(1, 2, 0, -1), f32(-3)], ONE_TO_NINE);
    expect(out!.outputShape).toEqual([2, 2, 1]);
    expect(Array.from(out!.activations)).toEqual([0, 0, 3, 5]);
    expect(out!.kernel!.shape).toEqual([2, 2, 1, 1]);
    expect(Array.from(out!.bias!)).toEqual([-3]);
  });

  it("pads 'same' by TensorFlow's rule: 3×3 kernel, stride 2 on 3×3 sums the clipped windows", () => {
    const conv = {
      kind: 'conv2d',
      filters: 1,
      kernelSize: 3,
      stride: 2,
      padding: 'same',
      activation: 'linear',
    } as const;
    const [out] = forwardPass(spec([3, 3, 1], conv), [new Float32Array(9).fill(1), f32(0)], ONE_TO_NINE);
    expect(out!.outputShape).toEqual([2, 2, 1]);
    // Windows centred on (0,0), (0,2), (2,0), (2,2): 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9.
    expect(Array.from(out!.activations)).toEqual([12, 16, 24, 28]);
  });

  it("pads 'same' asymmetrically: a 2×2 kernel on 3×3 pads only after (right and bottom)", () => {
    const conv = conv2x2('same', 'linear');
    const [out] = forwardPass(spec([3, 3, 1], conv), [f32(1, 1, 1, 1), f32(0)], ONE_TO_NINE);
    expect(Array.from(out!.activations)).toEqual([12, 16, 9, 24, 28, 15, 15, 17, 9]);
  });

  it('reads the kernel as [row, col, in, out] and writes outputs channel-last (HWC)', () => {
    const conv = {
      kind: 'conv2d',
      filters: 2,
      kernelSize: 1,
      stride: 1,
      padding: 'valid',
      activation: 'linear',
    } as const;
    // Kernel [1, 1, 2, 2]: in0→out0 = 1, in0→out1 = 10, in1→out0 = 100, in1→out1 = 1000.
    const [out] = forwardPass(spec([1, 1, 2], conv), [f32(1, 10, 100, 1000), f32(0.5, -0.5)], f32(2, 3));
    expect(Array.from(out!.activations)).toEqual([302.5, 3019.5]);
  });

  it('max- and average-pools each channel of an HWC volume on its own', () => {
    // Channel 0 holds 1..16, channel 1 holds −1..−16, interleaved.
    const input = Float32Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? i / 2 + 1 : -((i - 1) / 2 + 1)));
    const max = forwardPass(spec([4, 4, 2], { kind: 'maxPool', poolSize: 2, stride: 2 }), [], input)[0]!;
    expect(max.outputShape).toEqual([2, 2, 2]);
    expect(Array.from(max.activations)).toEqual([6, -1, 8, -3, 14, -9, 16, -11]);
    const avg = forwardPass(spec([4, 4, 2], { kind: 'avgPool', poolSize: 2, stride: 2 }), [], input)[0]!;
    expect(Array.from(avg.activations)).toEqual([3.5, -3.5, 5.5, -5.5, 11.5, -11.5, 13.5, -13.5]);
    expect(max.kernel).toBeNull();
  });

  it('flattens, passes dropout through, and turns a dense layer’s logits into softmax probabilities', () => {
    const layers: LayerSpec[] = [
      { kind: 'flatten' },
      { kind: 'dropout', rate: 0.5 },
      { kind: 'dense', units: 2, activation: 'softmax' },
    ];
    // Kernel [in, out] = [[1, −1], [2, 0]]: logits 1 + 4 + 0 = 5 and −1 + 0 + 1 = 0.
    const outs = forwardPass(spec([1, 2, 1], ...layers), [f32(1, -1, 2, 0), f32(0, 1)], f32(1, 2));
    expect(outs.map((o) => o.outputShape)).toEqual([[2], [2], [2]]);
    expect(Array.from(outs[1]!.activations)).toEqual([1, 2]);
    const e5 = Math.exp(5);
    expect(outs[2]!.activations[0]).toBeCloseTo(e5 / (e5 + 1), 6);
    expect(outs[2]!.activations[1]).toBeCloseTo(1 / (e5 + 1), 6);
    expect(outs[2]!.kernel!.shape).toEqual([2, 2]);
  });

  it('applies leaky relu (slope 0.2) and tanh to dense outputs', () => {
    const leaky = forwardPass(
      spec([1, 1, 2], { kind: 'flatten' }, { kind: 'dense', units: 2, activation: 'leakyRelu' }),
      [f32(1, 0, 0, 1), f32(0, 0)],
      f32(-5, 4),
    );
    expect(Array.from(leaky[1]!.activations)).toEqual([-1, 4]);
    const tanh = forwardPass(
      spec([1, 1, 1], { kind: 'flatten' }, { kind: 'dense', units: 1, activation: 'tanh' }),
      [f32(2), f32(0)],
      f32(0.25),
    );
    expect(tanh[1]!.activations[0]).toBeCloseTo(Math.tanh(0.5), 6);
  });
});

describe('forwardPass on the default network', () => {
  it('gives every layer its tfjs shape, ten probabilities, and the weights it was given', () => {
    const weights = [[5, 5, 1, 8], [8], [5, 5, 8, 16], [16], [256, 10], [10]].map((shape) =>
      Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 7.1) * 0.3),
    );
    const input = Float32Array.from({ length: 784 }, (_, i) => (i % 29) / 28);
    const outs = forwardPass(DEFAULT_SPEC, weights, input);
    expect(outs.map((o) => o.outputShape)).toEqual([[24, 24, 8], [12, 12, 8], [8, 8, 16], [4, 4, 16], [256], [10]]);
    expect(outs.map((o) => o.layerIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    const probabilities = Array.from(outs[5]!.activations);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(new Set(probabilities.map((p) => p.toFixed(6))).size).toBeGreaterThan(1);
    expect(outs[0]!.kernel!.values).toBe(weights[0]);
    expect(outs[5]!.bias).toBe(weights[5]);
  });
});

describe('forwardPass refusals', () => {
  it('names a block kind it does not compute, by layer number', () => {
    const inception = PRESET_SPECS.inception!.spec;
    expect(unsupportedReason(DEFAULT_SPEC)).toBeNull();
    expect(unsupportedReason(inception)).toMatch(/^Layer 3 is inception: .*conv2d/);
    expect(() => forwardPass(inception, [], new Float32Array(784))).toThrow(RangeError);
    expect(() => forwardPass(PRESET_SPECS.residual!.spec, [], new Float32Array(784))).toThrow(/Layer 3 is residual/);
  });

  it('throws a RangeError when the weights or the input do not fit the spec', () => {
    const conv = conv2x2('valid', 'relu');
    const s = spec([3, 3, 1], conv);
    expect(() => forwardPass(s, [f32(1, 2, 3), f32(0)], ONE_TO_NINE)).toThrow(
      /Weight 1 .* has 3 values; 2×2×1×1 needs 4/,
    );
    expect(() => forwardPass(s, [f32(1, 2, 3, 4)], ONE_TO_NINE)).toThrow(/Weight 2 .* has no values/);
    expect(() => forwardPass(s, [f32(1, 2, 3, 4), f32(0), f32(0)], ONE_TO_NINE)).toThrow(/3 weight arrays .* uses 2/);
    expect(() => forwardPass(s, [f32(1, 2, 3, 4), f32(0)], f32(1, 2))).toThrow(/input has 2 values; .* needs 9/);
    const big = { ...conv, kernelSize: 5 };
    expect(() => forwardPass(spec([3, 3, 1], big), [new Float32Array(25), f32(0)], ONE_TO_NINE)).toThrow(
      /empty output/,
    );
    const dense = { kind: 'dense', units: 2, activation: 'relu' } as const;
    expect(() => forwardPass(spec([3, 3, 1], dense), [], ONE_TO_NINE)).toThrow(/flatten first/);
  });
});
