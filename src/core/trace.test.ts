import { describe, expect, it } from 'vitest';
import type { Conv2dLayer } from './modelSpec';
import { traceConv, traceDense, traceFlatten, tracePool, type ConvTraceArgs, type HwcShape } from './trace';

// A 4×4×2 input whose channels differ in sign and orientation, so a swapped row/col or channel
// gives other numbers: channel 0 at (r, c) is 4r + c + 1, channel 1 is −(4c + r + 1).
const SHAPE: HwcShape = [4, 4, 2];
const INPUT = Float32Array.from({ length: 32 }, (_, i) => {
  const [r, c, channel] = [Math.floor(i / 8), Math.floor(i / 2) % 4, i % 2];
  return channel === 0 ? 4 * r + c + 1 : -(4 * c + r + 1);
});

// 3×3 kernels for 2 input channels × 2 maps, stored [kh, kw, in, out] as tfjs does. Map 1 is
// traced; map 0's weights are far off (100s, −200s) so that reading the wrong map shows.
const MAP1 = [
  [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ],
  [
    [-1, 0.5, 2],
    [3, -2, 1],
    [0.25, -3, 4],
  ],
];
const KERNEL = Float32Array.from({ length: 36 }, (_, index) => {
  const [i, j, c, f] = [Math.floor(index / 12), Math.floor(index / 4) % 3, Math.floor(index / 2) % 2, index % 2];
  if (f === 0) return c === 0 ? 100 + 3 * i + j : -200 - 3 * i - j;
  return MAP1[c]![i]![j]!;
});
const BIAS = Float32Array.from([7, -100]);

function convArgs(layer: Partial<Conv2dLayer>, cell: ConvTraceArgs['cell']): ConvTraceArgs {
  const full = { filters: 2, kernelSize: 3, stride: 1, padding: 'valid', activation: 'relu', ...layer } as const;
  return { input: INPUT, inputShape: SHAPE, layer: full, kernel: KERNEL, bias: BIAS, cell };
}

const nullCount = (patch: (number | null)[][]) => patch.flat().filter((x) => x === null).length;

describe('traceConv', () => {
  it("multiplies each channel's patch by its kernel slice and adds the sums and the bias ('valid')", () => {
    const trace = traceConv(convArgs({}, { map: 1, row: 1, col: 0 }));
    expect([trace.top, trace.left, trace.size]).toEqual([1, 0, 3]);
    const [c0, c1] = trace.channels;
    expect(c0!.patch).toEqual([
      [5, 6, 7],
      [9, 10, 11],
      [13, 14, 15],
    ]);
    expect(c0!.kernel).toEqual(MAP1[0]);
    expect(c0!.products).toEqual([
      [5, 12, 21],
      [36, 50, 66],
      [91, 112, 135],
    ]);
    expect(c0!.sum).toBe(528);
    expect(c1!.patch).toEqual([
      [-2, -6, -10],
      [-3, -7, -11],
      [-4, -8, -12],
    ]);
    expect(c1!.kernel).toEqual(MAP1[1]);
    expect(c1!.products).toEqual([
      [2, -3, -20],
      [-9, 14, -11],
      [-1, 24, -48],
    ]);
    expect(c1!.sum).toBe(-52);
    expect(trace.bias).toBe(-100);
    expect(trace.preActivation).toBe(376);
    expect(trace.activation).toBe('relu');
    expect(trace.value).toBe(376);
  });

  it("marks the 5 padding cells of a 'same' corner with null and multiplies them as 0", () => {
    const trace = traceConv(convArgs({ padding: 'same', activation: 'leakyRelu' }, { map: 1, row: 0, col: 0 }));
    expect([trace.top, trace.left]).toEqual([-1, -1]);
    expect(trace.channels[0]!.patch).toEqual([
      [null, null, null],
      [null, 1, 2],
      [null, 5, 6],
    ]);
    expect(trace.channels[0]!.products).toEqual([
      [0, 0, 0],
      [0, 5, 12],
      [0, 40, 54],
    ]);
    expect(trace.channels.map((channel) => channel.sum)).toEqual([111, -21]);
    expect(trace.preActivation).toBe(-10);
    expect(trace.value).toBeCloseTo(-2, 14);
  });

  it("pads the bottom-right 'same' corner of a stride-1 conv with 5 nulls too", () => {
    const trace = traceConv(convArgs({ padding: 'same' }, { map: 1, row: 3, col: 3 }));
    expect([trace.top, trace.left]).toEqual([2, 2]);
    expect(trace.channels[1]!.patch).toEqual([
      [-11, -15, null],
      [-12, -16, null],
      [null, null, null],
    ]);
    expect(trace.channels.map((channel) => channel.sum)).toEqual([175, -0.5]);
    expect(trace.preActivation).toBe(74.5);
  });

  it("puts the odd padding cell of a stride-2 'same' conv on an even input at the bottom and right only", () => {
    const first = traceConv(convArgs({ padding: 'same', stride: 2 }, { map: 1, row: 0, col: 0 }));
    expect([first.top, first.left]).toEqual([0, 0]);
    expect(first.channels.map((channel) => nullCount(channel.patch))).toEqual([0, 0]);
    expect(first.channels.map((channel) => channel.sum)).toEqual([348, -47.25]);
    expect(first.preActivation).toBe(200.75);

    const last = traceConv(convArgs({ padding: 'same', stride: 2 }, { map: 1, row: 1, col: 1 }));
    expect([last.top, last.left]).toEqual([2, 2]);
    expect(last.channels[0]!.patch).toEqual([
      [11, 12, null],
      [15, 16, null],
      [null, null, null],
    ]);
  });

  it('applies sigmoid, tanh and linear to the pre-activation', () => {
    const cell = { map: 1, row: 0, col: 0 };
    const pre = -10;
    expect(traceConv(convArgs({ padding: 'same', activation: 'sigmoid' }, cell)).value).toBeCloseTo(
      1 / (1 + Math.exp(-pre)),
      15,
    );
    expect(traceConv(convArgs({ padding: 'same', activation: 'tanh' }, cell)).value).toBe(Math.tanh(pre));
    expect(traceConv(convArgs({ padding: 'same', activation: 'linear' }, cell)).value).toBe(pre);
  });

  it('counts a missing bias as 0', () => {
    const trace = traceConv({ ...convArgs({}, { map: 1, row: 1, col: 0 }), bias: null });
    expect([trace.bias, trace.preActivation]).toEqual([0, 476]);
  });

  it('refuses a softmax conv layer, a cell outside the output and a kernel of the wrong size', () => {
    expect(() => traceConv(convArgs({ activation: 'softmax' }, { map: 0, row: 0, col: 0 }))).toThrow(/softmax/);
    expect(() => traceConv(convArgs({}, { map: 0, row: 2, col: 0 }))).toThrow(RangeError);
    expect(() => traceConv(convArgs({}, { map: 2, row: 0, col: 0 }))).toThrow(RangeError);
    expect(() => traceConv({ ...convArgs({}, { map: 0, row: 0, col: 0 }), kernel: KERNEL.subarray(1) })).toThrow(
      /kernel has 35 numbers/,
    );
  });
});

describe('tracePool', () => {
  // Channel 1 of a 4×4×2 input: windows with a tie (7 twice) and with a mean of 4; channel 0 is
  // larger everywhere, so that reading the wrong channel shows.
  const channel1 = [
    [3, 7, 1, 2],
    [7, 1, 4, 9],
    [0, 5, 6, 6],
    [2, 8, 6, 6],
  ];
  const input = Float32Array.from({ length: 32 }, (_, i) => {
    const [r, c, channel] = [Math.floor(i / 8), Math.floor(i / 2) % 4, i % 2];
    return channel === 0 ? 50 + 4 * r + c : channel1[r]![c]!;
  });
  const pool = (kind: 'max' | 'avg', row: number, col: number) =>
    tracePool({ input, inputShape: [4, 4, 2], kind, poolSize: 2, stride: 2, cell: { map: 1, row, col } });

  it('gives a tied max to the first maximum in row-major order', () => {
    const trace = pool('max', 0, 0);
    expect(trace).toMatchObject({ kind: 'max', top: 0, left: 0, size: 2, winner: { row: 0, col: 1 }, value: 7 });
    expect(trace.window).toEqual([
      [3, 7],
      [7, 1],
    ]);
  });

  it('finds the winner of a window away from the origin, in window coordinates', () => {
    expect(pool('max', 1, 0)).toMatchObject({ top: 2, left: 0, winner: { row: 1, col: 1 }, value: 8 });
  });

  it("averages a window's values", () => {
    const trace = pool('avg', 0, 1);
    expect(trace).toMatchObject({ kind: 'avg', top: 0, left: 2, mean: 4, value: 4 });
    expect(trace.window).toEqual([
      [1, 2],
      [4, 9],
    ]);
  });

  it('keeps windows inside the input, refusing a cell past the valid output', () => {
    expect(() => pool('max', 2, 0)).toThrow(RangeError);
    const overlapping = tracePool({
      input,
      inputShape: [4, 4, 2],
      kind: 'avg',
      poolSize: 3,
      stride: 1,
      cell: { map: 1, row: 1, col: 1 },
    });
    expect([overlapping.top, overlapping.left]).toEqual([1, 1]);
    expect(overlapping.value).toBeCloseTo((1 + 4 + 9 + 5 + 6 + 6 + 8 + 6 + 6) / 9, 14);
  });
});

describe('traceDense', () => {
  // 5 inputs → 3 units, kernel [in, units]. Unit 1's weights give products 0.5, −6, −3, 4, −1.
  const input = Float32Array.from([1, -2, 3, 0.5, -4]);
  const weights = [
    [2, 0.5, -1],
    [0.25, 3, 1],
    [-0.5, -1, 2],
    [1, 8, -2],
    [0.75, 0.25, 0.5],
  ];
  const kernel = Float32Array.from(weights.flat());
  const bias = Float32Array.from([0.125, 0.75, -1.5]);
  const dense = (activation: 'linear' | 'relu' | 'softmax', top?: number) =>
    traceDense({ input, kernel, bias, activation, unit: 1, ...(top === undefined ? {} : { top }) });

  it('lists the largest products by magnitude and sums the rest', () => {
    const trace = dense('linear', 2);
    expect(trace.contributions).toEqual([
      { index: 1, input: -2, weight: 3, product: -6 },
      { index: 3, input: 0.5, weight: 8, product: 4 },
    ]);
    expect(trace.restSum).toBe(-3.5);
    expect(trace.restCount).toBe(3);
    expect(trace.bias).toBe(0.75);
    expect(trace.preActivation).toBe(-4.75);
    expect(trace.value).toBe(-4.75);
    expect(trace.logits).toBeUndefined();
  });

  it('lists up to 8 contributions by default, all of them when there are fewer', () => {
    const trace = dense('relu');
    expect(trace.contributions.map((c) => c.index)).toEqual([1, 3, 2, 4, 0]);
    expect([trace.restSum, trace.restCount, trace.value]).toEqual([0, 0, 0]);
  });

  it("gives softmax's probability for the unit, with every unit's logit", () => {
    // Logits by hand: unit 0 = 2 − 0.5 − 1.5 + 0.5 − 3 + 0.125 = −2.375; unit 2 = −1 − 2 + 6 − 1 − 2 − 1.5 = −1.5.
    const trace = dense('softmax');
    expect(trace.logits).toEqual([-2.375, -4.75, -1.5]);
    const probability = Math.exp(-4.75) / (Math.exp(-2.375) + Math.exp(-4.75) + Math.exp(-1.5));
    expect(trace.probability).toBeCloseTo(probability, 15);
    expect(trace.value).toBe(trace.probability);
  });

  it('refuses a unit outside the layer and a kernel that does not fit the input', () => {
    expect(() => traceDense({ input, kernel, bias, activation: 'relu', unit: 3 })).toThrow(RangeError);
    expect(() => traceDense({ input, kernel: kernel.subarray(1), bias, activation: 'relu', unit: 0 })).toThrow(
      /kernel has 14 numbers/,
    );
  });
});

describe('traceFlatten', () => {
  it('maps an HWC-flattened index back to its row, column and channel', () => {
    // [3, 4, 5]: index = (row·4 + col)·5 + channel.
    expect(traceFlatten([3, 4, 5], 0)).toEqual({ row: 0, col: 0, channel: 0 });
    expect(traceFlatten([3, 4, 5], 38)).toEqual({ row: 1, col: 3, channel: 3 });
    expect(traceFlatten([3, 4, 5], 59)).toEqual({ row: 2, col: 3, channel: 4 });
    expect(() => traceFlatten([3, 4, 5], 60)).toThrow(RangeError);
  });
});
