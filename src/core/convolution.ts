/**
 * Reference 2-D convolution for the explorables: the layout of one convolution (pads,
 * padded size, output size), the taps behind each output cell, the numbers a stepper
 * shows, and full single- and multi-channel results. Output-size arithmetic comes from
 * `convGeometry`. Matrices are row-major `[row][col]`; volumes are HWC
 * `[row][col][channel]`. Inputs are never changed; every returned array is new and
 * belongs to the caller.
 */

import { convOutputSize, paddingAmounts, type PaddingMode } from './convGeometry';
import { positiveZero } from './numbers';

/** A rectangular grid of numbers, row-major: `matrix[row][col]`. */
export type Matrix = number[][];

/** A rectangular stack of grids, HWC: `volume[row][col][channel]`. */
export type Volume = number[][][];

/** How a kernel moves over its input. */
export interface ConvSettings {
  /** Cells between neighbouring windows, the same on both axes (≥ 1). */
  stride: number;
  padding: PaddingMode;
  /** Cells between neighbouring kernel taps, the same on both axes (1 = adjacent). */
  dilation: number;
}

/** Cells of padding on each side of an input. */
export interface Pads {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Everything a widget draws for one convolution, computed once by `convLayout`. */
export interface ConvLayout {
  inputRows: number;
  inputCols: number;
  kernelRows: number;
  kernelCols: number;
  stride: number;
  dilation: number;
  /** TensorFlow's rules: for `'same'` any odd cell goes after (bottom, right). */
  pads: Pads;
  /** Input size plus padding on both sides. */
  paddedRows: number;
  paddedCols: number;
  /** May be below 1 when the (dilated) kernel does not fit: see `impossibleReason`. */
  outputRows: number;
  outputCols: number;
}

/** One kernel tap of a window: kernel cell (kr, kc) over padded-input cell (row, col). */
export interface Tap {
  kr: number;
  kc: number;
  /** Position in the padded input (0 is the first padding row when pads.top > 0). */
  row: number;
  col: number;
  /** True when (row, col) lies in the padding ring, not in the input. */
  isPadding: boolean;
}

/** The numbers behind one output cell. */
export interface CellTerms {
  /** input·kernel for every tap, in `windowAt` order; padding taps give 0. */
  products: number[];
  sum: number;
  bias: number;
  /** sum + bias. */
  value: number;
}

/** Names of the 3×3 kernels of KERNEL_PRESETS, in the order the explorables' menus list them. */
export const KERNEL_PRESET_NAMES = [
  'identity',
  'boxBlur',
  'sharpen',
  'horizontalEdge',
  'verticalEdge',
  'sobelX',
  'sobelY',
] as const;
export type KernelPresetName = (typeof KERNEL_PRESET_NAMES)[number];

/** Sizes, pads and output size of convolving an input with a kernel of the given sizes. */
export function convLayout(
  inputRows: number,
  inputCols: number,
  kernelRows: number,
  kernelCols: number,
  settings: ConvSettings,
): ConvLayout {
  const { stride, padding, dilation } = settings;
  const rowPads = paddingAmounts(inputRows, kernelRows, stride, padding, dilation);
  const colPads = paddingAmounts(inputCols, kernelCols, stride, padding, dilation);
  return {
    inputRows,
    inputCols,
    kernelRows,
    kernelCols,
    stride,
    dilation,
    pads: { top: rowPads.before, bottom: rowPads.after, left: colPads.before, right: colPads.after },
    paddedRows: inputRows + rowPads.before + rowPads.after,
    paddedCols: inputCols + colPads.before + colPads.after,
    outputRows: convOutputSize(inputRows, kernelRows, stride, padding, dilation),
    outputCols: convOutputSize(inputCols, kernelCols, stride, padding, dilation),
  };
}

/**
 * Null when the layout has at least one output cell; otherwise a sentence with the
 * numbers saying why not and what to change, e.g. "The dilated 3×3 kernel spans 5×5
 * cells (d(k−1)+1 = 2·2+1), more than the 4×4 padded input: the output would have
 * 0 rows and 0 columns. Add padding or use a smaller kernel or dilation."
 */
export function impossibleReason(layout: ConvLayout): string | null {
  const rowsFail = layout.outputRows < 1;
  const colsFail = layout.outputCols < 1;
  if (!rowsFail && !colsFail) return null;
  const kernel = `${layout.kernelRows}×${layout.kernelCols}`;
  const input = `${layout.paddedRows}×${layout.paddedCols} ${hasPadding(layout.pads) ? 'padded input' : 'input'}`;
  const consequence = `the output would have ${missingAxes(rowsFail, colsFail)}`;
  if (layout.dilation === 1) {
    const relation = rowsFail && colsFail ? 'larger than' : rowsFail ? 'taller than' : 'wider than';
    return `The ${kernel} kernel is ${relation} the ${input}: ${consequence}. Add padding or use a smaller kernel.`;
  }
  const relation = rowsFail && colsFail ? 'more than' : rowsFail ? 'taller than' : 'wider than';
  return (
    `The dilated ${kernel} kernel spans ${dilatedSpans(layout)}, ${relation} the ${input}: ` +
    `${consequence}. Add padding or use a smaller kernel or dilation.`
  );
}

/**
 * The output-size formula along one axis with the layout's numbers, e.g.
 * "⌊(5 + 2·1 − 1·(3−1) − 1)/2⌋ + 1 = 3". Asymmetric padding is written as its two
 * sides, e.g. "⌊(5 + 0 + 1 − 1·(2−1) − 1)/1⌋ + 1 = 5". The result may be 0 or negative.
 */
export function outputSizeFormula(layout: ConvLayout, axis: 'rows' | 'cols'): string {
  const rows = axis === 'rows';
  const n = rows ? layout.inputRows : layout.inputCols;
  const k = rows ? layout.kernelRows : layout.kernelCols;
  const before = rows ? layout.pads.top : layout.pads.left;
  const after = rows ? layout.pads.bottom : layout.pads.right;
  const out = rows ? layout.outputRows : layout.outputCols;
  const padTerm = before === after ? `2·${before}` : `${before} + ${after}`;
  const { dilation: d, stride: s } = layout;
  return `⌊(${n} + ${padTerm} − ${d}·(${k}−1) − 1)/${s}⌋ + 1 = ${signed(out)}`;
}

/** A new matrix: `input` surrounded by `pads` cells of `fill` on each side. */
export function padMatrix(input: Matrix, pads: Pads, fill = 0): Matrix {
  const width = columnCount(input) + pads.left + pads.right;
  const blankRow = () => new Array<number>(width).fill(fill);
  const padded = input.map((row) => [
    ...new Array<number>(pads.left).fill(fill),
    ...row,
    ...new Array<number>(pads.right).fill(fill),
  ]);
  return [...Array.from({ length: pads.top }, blankRow), ...padded, ...Array.from({ length: pads.bottom }, blankRow)];
}

/**
 * The taps of output cell (outRow, outCol), row-major over the kernel: each kernel cell
 * (kr, kc) with the padded-input cell it covers, (outRow·s + kr·d, outCol·s + kc·d).
 */
export function windowAt(layout: ConvLayout, outRow: number, outCol: number): Tap[] {
  const { stride, dilation, pads } = layout;
  const taps: Tap[] = [];
  for (let kr = 0; kr < layout.kernelRows; kr++) {
    for (let kc = 0; kc < layout.kernelCols; kc++) {
      const row = outRow * stride + kr * dilation;
      const col = outCol * stride + kc * dilation;
      const inside =
        row >= pads.top && row < pads.top + layout.inputRows && col >= pads.left && col < pads.left + layout.inputCols;
      taps.push({ kr, kc, row, col, isPadding: !inside });
    }
  }
  return taps;
}

/**
 * The products input·kernel of every tap of output cell (outRow, outCol) (padding
 * counts as 0), their sum in tap order, the bias and sum + bias.
 */
export function cellTerms(
  input: Matrix,
  kernel: Matrix,
  layout: ConvLayout,
  outRow: number,
  outCol: number,
  bias = 0,
): CellTerms {
  const products = windowAt(layout, outRow, outCol).map((tap) =>
    tap.isPadding ? 0 : positiveZero(inputAt(input, layout, tap) * entry(kernel, tap.kr, tap.kc)),
  );
  const sum = products.reduce((total, product) => total + product, 0);
  return { products, sum, bias, value: sum + bias };
}

/**
 * Full 2-D cross-correlation of `input` with `kernel` plus `bias` (what deep-learning
 * libraries call convolution: the kernel is not flipped). Output is
 * [outputRows][outputCols] as in `convLayout`; `[]` when that is impossible.
 */
export function conv2d(input: Matrix, kernel: Matrix, settings: ConvSettings, bias = 0): Matrix {
  const layout = convLayout(input.length, columnCount(input), kernel.length, columnCount(kernel), settings);
  if (impossibleReason(layout) !== null) return [];
  return buildMatrix(
    layout.outputRows,
    layout.outputCols,
    (r, c) => cellTerms(input, kernel, layout, r, c, bias).value,
  );
}

/**
 * Multi-channel convolution. `input` is [H][W][C]; `filters[n]` is [kh][kw][C] (all the
 * same size) and `biases[n]` its bias. Output is [H'][W'][N]: cell (r, c, n) sums
 * input·filter over every tap and every channel, plus `biases[n]`. `[]` when impossible.
 * Throws a RangeError when the filters or biases do not match the input.
 */
export function conv2dVolume(input: Volume, filters: Volume[], biases: number[], settings: ConvSettings): Volume {
  checkFilters(input, filters, biases);
  const first = filters[0] as Volume;
  const layout = convLayout(input.length, columnCount(input), first.length, columnCount(first), settings);
  if (impossibleReason(layout) !== null) return [];
  return buildMatrix(layout.outputRows, layout.outputCols, (r, c) =>
    filters.map((filter, n) => volumeCell(input, filter, layout, r, c) + (biases[n] as number)),
  );
}

/** The output cell computed at animation step `step`, row by row: (⌊step/outputCols⌋, step mod outputCols). */
export function stepToCell(layout: ConvLayout, step: number): { row: number; col: number } {
  return { row: Math.floor(step / layout.outputCols), col: step % layout.outputCols };
}

/** Channel `channel` of an HWC volume as a new [H][W] matrix. */
export function volumeChannel(volume: Volume, channel: number): Matrix {
  return volume.map((row, r) => row.map((_, c) => depthEntry(volume, r, c, channel)));
}

/** Stacks same-sized [H][W] matrices into a new [H][W][C] volume; `[]` when there are none. */
export function stackChannels(maps: Matrix[]): Volume {
  const first = maps[0];
  if (first === undefined) return [];
  return buildMatrix(first.length, columnCount(first), (r, c) => maps.map((map) => entry(map, r, c)));
}

/** Classic 3×3 kernels. Shared objects: copy a kernel before editing it. */
export const KERNEL_PRESETS: Record<KernelPresetName, { label: string; kernel: Matrix }> = {
  identity: {
    label: 'Identity',
    kernel: [
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ],
  },
  boxBlur: {
    label: 'Box blur',
    kernel: [
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
    ],
  },
  sharpen: {
    label: 'Sharpen',
    kernel: [
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0],
    ],
  },
  // Responds to a change from top to bottom, i.e. to horizontal edges.
  horizontalEdge: {
    label: 'Horizontal edges',
    kernel: [
      [-1, -1, -1],
      [0, 0, 0],
      [1, 1, 1],
    ],
  },
  verticalEdge: {
    label: 'Vertical edges',
    kernel: [
      [-1, 0, 1],
      [-1, 0, 1],
      [-1, 0, 1],
    ],
  },
  sobelX: {
    label: 'Sobel x',
    kernel: [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
  },
  sobelY: {
    label: 'Sobel y',
    kernel: [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ],
  },
};

function volumeCell(input: Volume, filter: Volume, layout: ConvLayout, outRow: number, outCol: number): number {
  let sum = 0;
  for (const tap of windowAt(layout, outRow, outCol)) {
    if (tap.isPadding) continue;
    const pixel = input[tap.row - layout.pads.top]?.[tap.col - layout.pads.left] ?? [];
    const weights = filter[tap.kr]?.[tap.kc] ?? [];
    pixel.forEach((value, channel) => {
      sum += value * (weights[channel] as number);
    });
  }
  return positiveZero(sum);
}

function checkFilters(input: Volume, filters: Volume[], biases: number[]): void {
  const channels = input[0]?.[0]?.length ?? 0;
  const first = filters[0];
  if (first === undefined) throw new RangeError('conv2dVolume needs at least one filter.');
  if (biases.length !== filters.length) {
    throw new RangeError(`conv2dVolume got ${filters.length} filters but ${biases.length} biases.`);
  }
  filters.forEach((filter, n) => {
    const depth = filter[0]?.[0]?.length ?? 0;
    if (filter.length !== first.length || columnCount(filter) !== columnCount(first) || depth !== channels) {
      throw new RangeError(
        `Filter ${n + 1} is ${filter.length}×${columnCount(filter)}×${depth}; ` +
          `expected ${first.length}×${columnCount(first)}×${channels} to match the input's ${channels} channels.`,
      );
    }
  });
}

function inputAt(input: Matrix, layout: ConvLayout, tap: Tap): number {
  return entry(input, tap.row - layout.pads.top, tap.col - layout.pads.left);
}

/** matrix[row][col], throwing when a ragged or short matrix has no such cell. */
function entry(matrix: Matrix, row: number, col: number): number {
  const value = matrix[row]?.[col];
  if (value === undefined) throw new RangeError(`No cell (${row}, ${col}): is the matrix rectangular?`);
  return value;
}

function depthEntry(volume: Volume, row: number, col: number, channel: number): number {
  const value = volume[row]?.[col]?.[channel];
  if (value === undefined) throw new RangeError(`No channel ${channel} at (${row}, ${col}).`);
  return value;
}

function buildMatrix<T>(rows: number, cols: number, valueAt: (row: number, col: number) => T): T[][] {
  return Array.from({ length: rows }, (_, row) => Array.from({ length: cols }, (_, col) => valueAt(row, col)));
}

function columnCount(grid: unknown[][]): number {
  return grid[0]?.length ?? 0;
}

function hasPadding(pads: Pads): boolean {
  return pads.top + pads.bottom + pads.left + pads.right > 0;
}

function missingAxes(rowsFail: boolean, colsFail: boolean): string {
  if (rowsFail && colsFail) return '0 rows and 0 columns';
  return rowsFail ? '0 rows' : '0 columns';
}

/** "5×5 cells (d(k−1)+1 = 2·2+1)", or with "… and 2·1+1" for a non-square kernel. */
function dilatedSpans(layout: ConvLayout): string {
  const d = layout.dilation;
  const rowSpan = d * (layout.kernelRows - 1) + 1;
  const colSpan = d * (layout.kernelCols - 1) + 1;
  const rowSum = `${d}·${layout.kernelRows - 1}+1`;
  const colSum = `${d}·${layout.kernelCols - 1}+1`;
  const sums = rowSum === colSum ? rowSum : `${rowSum} and ${colSum}`;
  return `${rowSpan}×${colSpan} cells (d(k−1)+1 = ${sums})`;
}

/** An integer with a true minus sign, as in the surrounding formula. */
function signed(value: number): string {
  return value < 0 ? `−${-value}` : `${value}`;
}
