/**
 * Receptive fields in a ModelSpec: which cells of every earlier layer's output, and of the
 * input image, one output cell depends on. The network overview highlights these regions
 * when a cell is traced. Regions are spatial only: a conv mixes all input channels, so a
 * region covers every channel of its layer.
 */

import { paddingAmounts } from './convGeometry';
import { asSpatial } from './layerChecks';
import type { LayerSpec, ModelSpec, Shape } from './modelSpec';
import { analyzeSpec } from './shapes';

/**
 * A rectangle of cells in one layer's output (or the input image), bounds inclusive, in
 * that layer's [row, col] coordinates. A flat output ([units], after flatten or dense) is laid
 * out as one row of `units` cells: row 0, col = unit index.
 *
 * It is the bounding box of the cells read: where a window is smaller than its stride, some
 * rows or cols inside it are skipped.
 */
export interface FieldRegion {
  /** Spec index of the layer whose output holds the region; -1 for the input image. */
  layerIndex: number;
  /** Bounds clipped to the layer's output: every cell from top..bottom × left..right exists. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  /**
   * Bounds before clipping, counting the zero padding that the next layer reads around this
   * output ('same' convs, and the branches inside inception and residual blocks): e.g. -1 for
   * the padding row above row 0. Equal to the clipped bounds where no padding is read.
   */
  unclippedTop: number;
  unclippedLeft: number;
  unclippedBottom: number;
  unclippedRight: number;
}

/** The receptive field of one output cell: a region in the input image and in every earlier layer. */
export interface ReceptiveField {
  /** The region of the input image (`layerIndex` -1). */
  input: FieldRegion;
  /** One region per earlier layer, in spec order: `layers[i]` is in layer i's output, for i < the traced layer. */
  layers: FieldRegion[];
}

/** An inclusive range of rows or cols. */
interface Span {
  start: number;
  end: number;
}

/** A layer's output grid: [rows, cols] (a flat output is one row). */
type Grid = [rows: number, cols: number];

/**
 * The receptive field of the output cell (`row`, `col`) of layer `layerIndex` (spec index, from
 * 0): the regions of every earlier layer's output and of the input image that its value depends on.
 * For a flat layer (flatten, dense, or dropout after them) `row` is 0 and `col` is the unit index.
 *
 * Walks backwards one layer at a time, clipping each region before mapping it further: a padding
 * cell is a constant zero and depends on nothing. A conv (kernel k, stride s, top pad p) maps rows
 * [a, b] to [a·s − p, b·s − p + k − 1]; a pool (TF 'valid') to [a·s, b·s + k − 1]; dropout is the
 * identity; an inception block reads a 5×5 'same' window; a residual block reads through two 3×3
 * 'same' convs (clipped in between); flatten and dense read the whole of their input.
 *
 * Returns null when the shapes up to that layer cannot be inferred (see analyzeSpec) or the cell
 * lies outside the layer's output.
 */
export function receptiveField(spec: ModelSpec, layerIndex: number, row: number, col: number): ReceptiveField | null {
  const analysis = analyzeSpec(spec);
  const traced = analysis.layers[layerIndex];
  if (!Number.isInteger(layerIndex) || traced === undefined) return null;
  const tracedGrid = gridOf(traced.outputShape);
  if (tracedGrid === null || !isCell(tracedGrid, row, col)) return null;

  const layers: FieldRegion[] = [];
  let rows: Span = { start: row, end: row };
  let cols: Span = { start: col, end: col };
  for (let index = layerIndex; index >= 0; index -= 1) {
    const info = analysis.layers[index];
    const inputGrid = info === undefined ? null : gridOf(info.inputShape);
    if (info === undefined || inputGrid === null) return null;
    const [inputRows, inputCols] = inputGrid;
    const unclippedRows = readSpan(info.spec, inputRows, rows);
    const unclippedCols = readSpan(info.spec, inputCols, cols);
    rows = clip(unclippedRows, inputRows);
    cols = clip(unclippedCols, inputCols);
    const region = fieldRegion(index - 1, rows, cols, unclippedRows, unclippedCols);
    if (index === 0) return { input: region, layers: layers.reverse() };
    layers.push(region);
  }
  return null;
}

/**
 * The rows (or cols) of a layer's input, along an axis of `inputSize` cells, that its output
 * range `out` reads, padding included (so possibly outside 0..inputSize − 1).
 */
function readSpan(layer: LayerSpec, inputSize: number, out: Span): Span {
  switch (layer.kind) {
    case 'conv2d': {
      const { kernelSize: k, stride: s, padding } = layer;
      const pad = paddingAmounts(inputSize, k, s, padding).before;
      return { start: out.start * s - pad, end: out.end * s - pad + k - 1 };
    }
    case 'maxPool':
    case 'avgPool':
      return { start: out.start * layer.stride, end: out.end * layer.stride + layer.poolSize - 1 };
    case 'dropout':
      return out;
    case 'inception':
      // The widest branch is the 5×5 'same' conv; the others (1×1, 3×3, 3×3 pool then 1×1) lie inside it.
      return sameWindow(out, 2);
    case 'residual': {
      // Two stacked 3×3 'same' convs: the first conv's output is padded afresh for the second,
      // so the block's input is read at most one cell beyond its edge, not two.
      const between = clip(sameWindow(out, 1), inputSize);
      return sameWindow(between, 1);
    }
    case 'flatten':
    case 'dense':
      return { start: 0, end: inputSize - 1 };
  }
}

/** The window of a stride-1 'same' conv with an odd kernel of 2·radius + 1 taps. */
function sameWindow(out: Span, radius: number): Span {
  return { start: out.start - radius, end: out.end + radius };
}

function clip(span: Span, size: number): Span {
  return { start: Math.max(span.start, 0), end: Math.min(span.end, size - 1) };
}

function fieldRegion(
  layerIndex: number,
  rows: Span,
  cols: Span,
  unclippedRows: Span,
  unclippedCols: Span,
): FieldRegion {
  return {
    layerIndex,
    top: rows.start,
    left: cols.start,
    bottom: rows.end,
    right: cols.end,
    unclippedTop: unclippedRows.start,
    unclippedLeft: unclippedCols.start,
    unclippedBottom: unclippedRows.end,
    unclippedRight: unclippedCols.end,
  };
}

/** [rows, cols] of an HWC shape, or 1 × units for a flat one; null when the shape is unknown. */
function gridOf(shape: Shape): Grid | null {
  const hwc = asSpatial(shape);
  if (hwc !== null) return [hwc[0], hwc[1]];
  const [units] = shape;
  return shape.length === 1 && units !== undefined ? [1, units] : null;
}

function isCell([rows, cols]: Grid, row: number, col: number): boolean {
  return Number.isInteger(row) && Number.isInteger(col) && row >= 0 && row < rows && col >= 0 && col < cols;
}
