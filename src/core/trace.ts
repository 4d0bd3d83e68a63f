/**
 * How one number of a layer's output was computed: the input patch, kernel slice, products and
 * sums behind a conv cell; the window behind a pool cell; the largest contributions behind a
 * dense unit. Works on the plain arrays a LayerSnapshot carries: activations HWC (or [units]),
 * conv kernels [kh, kw, inChannels, outChannels] and dense kernels [inUnits, units], row-major as
 * tfjs stores them. Sums are taken in float64. Inputs are never changed; every returned array is
 * new and belongs to the caller.
 */

import { activate, isElementwise, softmax, type ElementwiseActivation } from './activations';
import { convOutputSize, paddingAmounts, poolOutputSize } from './convGeometry';
import type { Matrix } from './convolution';
import type { Activation, Conv2dLayer } from './modelSpec';
import type { GridCell, PoolKind } from './pooling';

/** The traced output cell: channel (feature map) `map` at (`row`, `col`), all from 0. */
export interface TraceCell {
  map: number;
  row: number;
  col: number;
}

/** An HWC shape: [height, width, channels]. */
export type HwcShape = readonly [number, number, number];

/** Where a square window lies in the input: its top-left input cell and its side in cells. */
export interface TraceWindow {
  /** Input row of the window's first row; negative where the window starts in the top padding. */
  top: number;
  /** Input column of the window's first column; negative where it starts in the left padding. */
  left: number;
  size: number;
}

export interface ConvTraceArgs {
  /** The previous layer's output, HWC, h·w·c numbers. */
  input: ArrayLike<number>;
  inputShape: HwcShape;
  layer: Pick<Conv2dLayer, 'filters' | 'kernelSize' | 'stride' | 'padding' | 'activation'>;
  /** [kernelSize, kernelSize, inChannels, filters], row-major (tfjs's layout). */
  kernel: ArrayLike<number>;
  /** [filters]; null for a layer without a bias, which counts as 0. */
  bias: ArrayLike<number> | null;
  cell: TraceCell;
}

/** Input channel c's share of a conv cell. Grids are [kernelSize][kernelSize], row-major. */
export interface ConvChannelTrace {
  /** The input values under the kernel; null where the kernel lies over padding. */
  patch: (number | null)[][];
  /** The kernel's weights for input channel c and the traced map. */
  kernel: Matrix;
  /** patch × kernel, cell by cell; 0 over padding. */
  products: Matrix;
  /** The sum of `products`. */
  sum: number;
}

export interface ConvTrace extends TraceWindow {
  /** One entry per input channel, in channel order. */
  channels: ConvChannelTrace[];
  bias: number;
  /** The channel sums plus the bias. */
  preActivation: number;
  activation: ElementwiseActivation;
  /** activation(preActivation): the number the feature map shows. */
  value: number;
}

/**
 * The arithmetic behind one cell of a conv layer's output. Throws a RangeError when the cell is
 * outside the output or an array's length does not fit the shapes, and an Error for a softmax
 * conv layer (softmax is not element-wise, so one cell cannot be traced alone).
 */
export function traceConv(args: ConvTraceArgs): ConvTrace {
  const { input, inputShape, layer, kernel, cell } = args;
  const [height, width, channels] = inputShape;
  const { kernelSize, stride, padding, filters, activation } = layer;
  if (!isElementwise(activation)) {
    throw new Error(
      'A conv layer with softmax cannot be traced one cell at a time: use relu, leakyRelu, sigmoid, tanh or linear.',
    );
  }
  expectLength('input', input, [height, width, channels]);
  expectLength('kernel', kernel, [kernelSize, kernelSize, channels, filters]);
  const outputShape = [
    convOutputSize(height, kernelSize, stride, padding),
    convOutputSize(width, kernelSize, stride, padding),
    filters,
  ] as const;
  expectCell(cell, outputShape);
  const area: TraceWindow = {
    top: cell.row * stride - paddingAmounts(height, kernelSize, stride, padding).before,
    left: cell.col * stride - paddingAmounts(width, kernelSize, stride, padding).before,
    size: kernelSize,
  };
  const perChannel = Array.from({ length: channels }, (_, c) =>
    traceChannel(
      input,
      inputShape,
      area,
      (i, j) => at(kernel, ((i * kernelSize + j) * channels + c) * filters + cell.map),
      c,
    ),
  );
  const bias = args.bias === null ? 0 : at(args.bias, cell.map);
  const preActivation = perChannel.reduce((total, channel) => total + channel.sum, bias);
  return {
    ...area,
    channels: perChannel,
    bias,
    preActivation,
    activation,
    value: activate(activation, preActivation),
  };
}

/** One input channel's patch, kernel slice and products; `weight(i, j)` is the kernel tap at window cell (i, j). */
function traceChannel(
  input: ArrayLike<number>,
  [height, width, channels]: HwcShape,
  area: TraceWindow,
  weight: (i: number, j: number) => number,
  channel: number,
): ConvChannelTrace {
  const trace: ConvChannelTrace = { patch: [], kernel: [], products: [], sum: 0 };
  for (let i = 0; i < area.size; i++) {
    const [patchRow, kernelRow, productRow]: [(number | null)[], number[], number[]] = [[], [], []];
    for (let j = 0; j < area.size; j++) {
      const row = area.top + i;
      const col = area.left + j;
      const inside = row >= 0 && row < height && col >= 0 && col < width;
      const x = inside ? at(input, (row * width + col) * channels + channel) : null;
      const w = weight(i, j);
      // `+ 0` turns a −0 product into 0, so no grid shows "−0".
      const product = x === null ? 0 : x * w + 0;
      patchRow.push(x);
      kernelRow.push(w);
      productRow.push(product);
      trace.sum += product;
    }
    trace.patch.push(patchRow);
    trace.kernel.push(kernelRow);
    trace.products.push(productRow);
  }
  return trace;
}

export interface PoolTraceArgs {
  /** The previous layer's output, HWC, h·w·c numbers. */
  input: ArrayLike<number>;
  inputShape: HwcShape;
  kind: PoolKind;
  poolSize: number;
  stride: number;
  cell: TraceCell;
}

interface PoolTraceBase extends TraceWindow {
  /** [poolSize][poolSize] input values of channel `map` under the window, row-major. */
  window: Matrix;
  /** The number the pooled map shows. */
  value: number;
}

/** A max-pool trace: `winner` is the window cell (row, col within the window) holding the first maximum. */
export interface MaxPoolTrace extends PoolTraceBase {
  kind: 'max';
  winner: GridCell;
}

/** An average-pool trace: `mean` (equal to `value`) is the window's sum over poolSize². */
export interface AvgPoolTrace extends PoolTraceBase {
  kind: 'avg';
  mean: number;
}

export type PoolTrace = MaxPoolTrace | AvgPoolTrace;

/**
 * The window behind one cell of a max or average pool with TensorFlow's 'valid' padding (the
 * window never leaves the input). For max, ties go to the first maximum in row-major order, as
 * TensorFlow picks. Throws a RangeError when the cell is outside the output or the input's length
 * does not fit its shape.
 */
export function tracePool(args: PoolTraceArgs): PoolTrace {
  const { input, inputShape, kind, poolSize, stride, cell } = args;
  const [height, width, channels] = inputShape;
  expectLength('input', input, inputShape);
  expectCell(cell, [poolOutputSize(height, poolSize, stride), poolOutputSize(width, poolSize, stride), channels]);
  const top = cell.row * stride;
  const left = cell.col * stride;
  const window = Array.from({ length: poolSize }, (_, i) =>
    Array.from({ length: poolSize }, (_, j) => at(input, ((top + i) * width + left + j) * channels + cell.map)),
  );
  const base = { top, left, size: poolSize, window };
  const cells = window.flat();
  if (kind === 'avg') {
    const mean = cells.reduce((sum, x) => sum + x, 0) / cells.length + 0;
    return { ...base, kind, mean, value: mean };
  }
  const first = cells.reduce((best, x, index) => (x > (cells[best] as number) ? index : best), 0);
  const winner = { row: Math.floor(first / poolSize), col: first % poolSize };
  return { ...base, kind, winner, value: (cells[first] as number) + 0 };
}

export interface DenseTraceArgs {
  /** The previous layer's output as one vector [inUnits]: after a flatten, HWC order, as tfjs flattens. */
  input: ArrayLike<number>;
  /** [inUnits, units], row-major (tfjs's layout): the weight from input i to unit u is at i·units + u. */
  kernel: ArrayLike<number>;
  /** [units]; null for a layer without a bias, which counts as 0. */
  bias: ArrayLike<number> | null;
  activation: Activation;
  unit: number;
  /** How many of the largest contributions to list (default 8). */
  top?: number;
}

/** One input's contribution to a dense unit: input value × weight. */
export interface DenseContribution {
  /** Position in the input vector (see `traceFlatten` for where it came from). */
  index: number;
  input: number;
  weight: number;
  product: number;
}

export interface DenseTrace {
  unit: number;
  /** The `top` largest products by absolute value, largest first; equal ones in input order. */
  contributions: DenseContribution[];
  /** The sum of the products not listed, and how many they are. */
  restSum: number;
  restCount: number;
  bias: number;
  /** All products plus the bias. */
  preActivation: number;
  activation: Activation;
  /** activation(preActivation); for softmax, this unit's probability. */
  value: number;
  /** Softmax only: every unit's pre-activation [units], the traced unit's at `unit`. */
  logits?: number[];
  /** Softmax only: the traced unit's probability (equal to `value`). */
  probability?: number;
}

/**
 * The arithmetic behind one unit of a dense layer. Throws a RangeError when the unit is outside
 * the layer or the kernel's length is not a multiple of the input's.
 */
export function traceDense(args: DenseTraceArgs): DenseTrace {
  const { input, kernel, activation, unit, top = 8 } = args;
  const inUnits = input.length;
  const units = inUnits === 0 ? 0 : kernel.length / inUnits;
  if (!Number.isInteger(units) || units === 0) {
    throw new RangeError(
      `kernel has ${kernel.length} numbers: not [${inUnits}, units] for the ${inUnits}-number input`,
    );
  }
  expectIndex('unit', unit, units);
  const biasOf = (u: number) => (args.bias === null ? 0 : at(args.bias, u));
  const preActivationOf = (u: number) => {
    let sum = biasOf(u);
    for (let i = 0; i < inUnits; i++) sum += at(input, i) * at(kernel, i * units + u);
    return sum;
  };
  const all = Array.from({ length: inUnits }, (_, index) => {
    const x = at(input, index);
    const weight = at(kernel, index * units + unit);
    return { index, input: x, weight, product: x * weight + 0 };
  });
  // Array.prototype.sort is stable, so equal magnitudes keep input order.
  const ranked = [...all].sort((a, b) => Math.abs(b.product) - Math.abs(a.product));
  const shown = Math.max(0, Math.min(top, inUnits));
  const rest = ranked.slice(shown);
  const preActivation = preActivationOf(unit);
  const trace = {
    unit,
    contributions: ranked.slice(0, shown),
    restSum: rest.reduce((sum, c) => sum + c.product, 0),
    restCount: rest.length,
    bias: biasOf(unit),
    preActivation,
    activation,
  };
  if (isElementwise(activation)) return { ...trace, value: activate(activation, preActivation) };
  const logits = Array.from({ length: units }, (_, u) => preActivationOf(u));
  const probability = softmax(logits)[unit] as number;
  return { ...trace, value: probability, logits, probability };
}

/** Where index `index` of an [h, w, c] map flattened in HWC order (as tfjs flattens) came from. */
export function traceFlatten(shape: HwcShape, index: number): { row: number; col: number; channel: number } {
  const [height, width, channels] = shape;
  expectIndex('index', index, height * width * channels);
  const channel = index % channels;
  const position = (index - channel) / channels;
  return { row: Math.floor(position / width), col: position % width, channel };
}

/** array[index], throwing where a short array has no such number. */
function at(array: ArrayLike<number>, index: number): number {
  const value = array[index];
  if (value === undefined) throw new RangeError(`No number at index ${index} of ${array.length}`);
  return value;
}

function expectLength(name: string, array: ArrayLike<number>, shape: readonly number[]): void {
  const needed = shape.reduce((product, n) => product * n, 1);
  if (array.length !== needed) {
    throw new RangeError(`${name} has ${array.length} numbers; shape [${shape.join(', ')}] needs ${needed}`);
  }
}

function expectCell(cell: TraceCell, [rows, cols, maps]: readonly [number, number, number]): void {
  expectIndex('row', cell.row, rows);
  expectIndex('col', cell.col, cols);
  expectIndex('map', cell.map, maps);
}

function expectIndex(name: string, index: number, count: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`${name} ${index} is outside 0..${count - 1}`);
  }
}
