/**
 * Reference max and average pooling for the explorables, with valid padding (windows
 * that would run past the input are dropped), square windows and the same stride on
 * both axes. Output sizes come from `convGeometry`. Matrices are row-major
 * `[row][col]`, volumes HWC; every returned array is new and belongs to the caller.
 */

import { poolOutputSize } from './convGeometry';
import { stackChannels, volumeChannel, type Matrix, type Volume } from './convolution';
import { positiveZero } from './numbers';

/** What a pooling window keeps: its largest value or its mean. */
export const POOL_KINDS = ['max', 'avg'] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

/** A square `size`×`size` window moved `stride` cells at a time. */
export interface PoolSettings {
  kind: PoolKind;
  size: number;
  stride: number;
}

/** Sizes of one pooling, computed once by `poolLayout`. */
export interface PoolLayout {
  inputRows: number;
  inputCols: number;
  size: number;
  stride: number;
  /** May be below 1 when the window is larger than the input: see `impossiblePoolReason`. */
  outputRows: number;
  outputCols: number;
}

/** A cell of the input, row-major coordinates. */
export interface GridCell {
  row: number;
  col: number;
}

/** What `pool2d` returns. */
export interface PoolResult {
  /** [outputRows][outputCols]; `[]` when impossible. */
  output: Matrix;
  /** For max pooling, the input cell each output cell took its value from; null for avg. */
  winners: GridCell[][] | null;
}

/** Sizes of pooling an inputRows×inputCols grid (valid padding). */
export function poolLayout(
  inputRows: number,
  inputCols: number,
  settings: Pick<PoolSettings, 'size' | 'stride'>,
): PoolLayout {
  const { size, stride } = settings;
  return {
    inputRows,
    inputCols,
    size,
    stride,
    outputRows: poolOutputSize(inputRows, size, stride),
    outputCols: poolOutputSize(inputCols, size, stride),
  };
}

/**
 * Null when the layout has at least one output cell; otherwise a sentence with the
 * numbers, e.g. "The 3×3 pool window is larger than the 2×2 input: the output would
 * have 0 rows and 0 columns. Use a smaller pool size."
 */
export function impossiblePoolReason(layout: PoolLayout): string | null {
  const rowsFail = layout.outputRows < 1;
  const colsFail = layout.outputCols < 1;
  if (!rowsFail && !colsFail) return null;
  const relation = rowsFail && colsFail ? 'larger than' : rowsFail ? 'taller than' : 'wider than';
  const missing = rowsFail && colsFail ? '0 rows and 0 columns' : rowsFail ? '0 rows' : '0 columns';
  return (
    `The ${layout.size}×${layout.size} pool window is ${relation} the ${layout.inputRows}×${layout.inputCols} input: ` +
    `the output would have ${missing}. Use a smaller pool size.`
  );
}

/** The output-size formula along one axis with the layout's numbers, e.g. "⌊(32 − 2)/2⌋ + 1 = 16". */
export function poolFormula(layout: PoolLayout, axis: 'rows' | 'cols'): string {
  const n = axis === 'rows' ? layout.inputRows : layout.inputCols;
  const out = axis === 'rows' ? layout.outputRows : layout.outputCols;
  const result = out < 0 ? `−${-out}` : `${out}`;
  return `⌊(${n} − ${layout.size})/${layout.stride}⌋ + 1 = ${result}`;
}

/**
 * Pools a matrix. For max pooling `winners[r][c]` is the input cell whose value
 * `output[r][c]` is: the first maximum in row-major window order, as TensorFlow picks.
 * Average pooling divides the window's sum by size². A −0 result is returned as 0.
 */
export function pool2d(input: Matrix, settings: PoolSettings): PoolResult {
  const layout = poolLayout(input.length, input[0]?.length ?? 0, settings);
  const isMax = settings.kind === 'max';
  if (impossiblePoolReason(layout) !== null) return { output: [], winners: isMax ? [] : null };
  if (!isMax) {
    const output = buildMatrix(layout, (r, c) => positiveZero(windowMean(input, poolWindowAt(layout, r, c))));
    return { output, winners: null };
  }
  const winners = buildMatrix(layout, (r, c) => firstMaximum(input, poolWindowAt(layout, r, c)));
  return { output: winners.map((row) => row.map((cell) => positiveZero(entry(input, cell)))), winners };
}

/** Pools every channel of an [H][W][C] volume on its own: [H'][W'][C]; `[]` when impossible. */
export function poolVolume(input: Volume, settings: PoolSettings): Volume {
  const channels = input[0]?.[0]?.length ?? 0;
  const pooled = Array.from({ length: channels }, (_, c) => pool2d(volumeChannel(input, c), settings).output);
  return pooled.some((map) => map.length === 0) ? [] : stackChannels(pooled);
}

/** The input cells of output cell (outRow, outCol)'s window, row-major. */
export function poolWindowAt(layout: PoolLayout, outRow: number, outCol: number): GridCell[] {
  const cells: GridCell[] = [];
  for (let i = 0; i < layout.size; i++) {
    for (let j = 0; j < layout.size; j++) {
      cells.push({ row: outRow * layout.stride + i, col: outCol * layout.stride + j });
    }
  }
  return cells;
}

/** The first cell holding the window's largest value (later equal values do not win). */
function firstMaximum(input: Matrix, window: GridCell[]): GridCell {
  let best = window[0] as GridCell;
  for (const cell of window) {
    if (entry(input, cell) > entry(input, best)) best = cell;
  }
  return best;
}

function windowMean(input: Matrix, window: GridCell[]): number {
  const sum = window.reduce((total, cell) => total + entry(input, cell), 0);
  return sum / window.length;
}

/** input[row][col], throwing when a ragged or short matrix has no such cell. */
function entry(input: Matrix, cell: GridCell): number {
  const value = input[cell.row]?.[cell.col];
  if (value === undefined) throw new RangeError(`No cell (${cell.row}, ${cell.col}): is the matrix rectangular?`);
  return value;
}

function buildMatrix<T>(layout: PoolLayout, valueAt: (row: number, col: number) => T): T[][] {
  return Array.from({ length: layout.outputRows }, (_, row) =>
    Array.from({ length: layout.outputCols }, (_, col) => valueAt(row, col)),
  );
}
