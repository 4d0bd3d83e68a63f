/**
 * Pure helpers for heatmaps drawn as ImageData at data resolution: slicing HWC activations and
 * [kh, kw, cin, cout] kernels into row-major 2-D maps, tiling a filter's input-channel slices,
 * and painting values to RGBA bytes. No DOM: the returned bytes go into `new ImageData(...)`.
 */
import * as d3 from 'd3';

/**
 * One channel of an HWC activation volume as a row-major h×w map (a new array; the input is
 * not modified). `shape` is [h, w, c]; throws when `channel` is out of range or the length
 * does not match the shape.
 */
export function channelOf(
  values: Float32Array,
  shape: readonly [number, number, number],
  channel: number,
): Float32Array {
  const [h, w, c] = shape;
  if (values.length !== h * w * c)
    throw new RangeError(`channelOf: ${values.length} values do not fit shape [${h}, ${w}, ${c}]`);
  if (!Number.isInteger(channel) || channel < 0 || channel >= c)
    throw new RangeError(`channelOf: channel ${channel} not in [0, ${c})`);
  const out = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) out[i] = values[i * c + channel]!;
  return out;
}

/**
 * The kh×kw weights (row-major) that connect input channel `inChannel` to output channel
 * `outChannel` of a conv kernel stored as tfjs does: [kh, kw, cin, cout], row-major.
 * Returns a new array; throws on out-of-range channels or a length that does not match.
 */
export function kernelSlice(
  values: Float32Array,
  shape: readonly [number, number, number, number],
  inChannel: number,
  outChannel: number,
): Float32Array {
  const [kh, kw, cin, cout] = shape;
  if (values.length !== kh * kw * cin * cout) {
    throw new RangeError(`kernelSlice: ${values.length} values do not fit shape [${kh}, ${kw}, ${cin}, ${cout}]`);
  }
  if (!Number.isInteger(inChannel) || inChannel < 0 || inChannel >= cin)
    throw new RangeError(`kernelSlice: inChannel ${inChannel} not in [0, ${cin})`);
  if (!Number.isInteger(outChannel) || outChannel < 0 || outChannel >= cout) {
    throw new RangeError(`kernelSlice: outChannel ${outChannel} not in [0, ${cout})`);
  }
  const out = new Float32Array(kh * kw);
  for (let i = 0; i < kh * kw; i++) out[i] = values[(i * cin + inChannel) * cout + outChannel]!;
  return out;
}

/** Several equal-sized maps laid out in one grid with a gap between them. */
export interface TiledMaps {
  /** Row-major rows×cols values; gap cells hold 0 and are 0 in `mask`. */
  values: Float32Array;
  /** 1 where a cell belongs to a map, 0 in the gaps and unused tiles. */
  mask: Uint8Array;
  rows: number;
  cols: number;
  /** Tiles per row. */
  columns: number;
  /** Which tile and cell of that tile a grid position shows, or null for a gap. */
  cellAt: (row: number, col: number) => { tile: number; row: number; col: number } | null;
}

/**
 * Lays `count` maps of mapRows×mapCols (from `mapOf(i)`) out left to right, top to bottom in
 * `columns` tiles per row (default ⌈√count⌉), with `gap` cells between tiles.
 */
export function tileMaps(
  count: number,
  mapRows: number,
  mapCols: number,
  mapOf: (index: number) => ArrayLike<number>,
  columns = Math.max(1, Math.ceil(Math.sqrt(count))),
  gap = 1,
): TiledMaps {
  const tileRows = Math.max(1, Math.ceil(count / columns));
  const cols = columns * mapCols + (columns - 1) * gap;
  const rows = tileRows * mapRows + (tileRows - 1) * gap;
  const values = new Float32Array(rows * cols);
  const mask = new Uint8Array(rows * cols);
  for (let t = 0; t < count; t++) {
    const map = mapOf(t);
    const top = Math.floor(t / columns) * (mapRows + gap);
    const left = (t % columns) * (mapCols + gap);
    for (let r = 0; r < mapRows; r++) {
      for (let c = 0; c < mapCols; c++) {
        const i = (top + r) * cols + left + c;
        values[i] = map[r * mapCols + c]!;
        mask[i] = 1;
      }
    }
  }
  const cellAt = (row: number, col: number) => {
    if (row < 0 || col < 0 || row >= rows || col >= cols || !mask[row * cols + col]) return null;
    const tileRow = Math.floor(row / (mapRows + gap));
    const tileCol = Math.floor(col / (mapCols + gap));
    return { tile: tileRow * columns + tileCol, row: row % (mapRows + gap), col: col % (mapCols + gap) };
  };
  return { values, mask, rows, cols, columns, cellAt };
}

/**
 * RGBA bytes (4 per value, alpha 255) for `new ImageData(bytes, cols, rows)`, colouring each
 * value with `color` (any CSS colour d3.color parses, e.g. a d3 scale's output). Each distinct
 * colour string is parsed once. Cells where `mask` is 0 are fully transparent; an
 * unparseable colour is drawn transparent too.
 */
export function paintRgba(
  values: ArrayLike<number>,
  color: (value: number) => string,
  mask?: ArrayLike<number>,
): Uint8ClampedArray {
  const bytes = new Uint8ClampedArray(values.length * 4);
  const parsed = new Map<string, readonly [number, number, number, number]>();
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const css = color(values[i]!);
    let rgba = parsed.get(css);
    if (!rgba) {
      const c = d3.color(css)?.rgb();
      rgba = c ? [c.r, c.g, c.b, Math.round(c.opacity * 255)] : [0, 0, 0, 0];
      parsed.set(css, rgba);
    }
    bytes[i * 4] = rgba[0];
    bytes[i * 4 + 1] = rgba[1];
    bytes[i * 4 + 2] = rgba[2];
    bytes[i * 4 + 3] = rgba[3];
  }
  return bytes;
}

/**
 * Mean of |a[i] − b[i]| over all i: how much a weight array changed between two snapshots.
 * NaN when the lengths differ (e.g. the architecture changed) or both are empty.
 */
export function meanAbsChange(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}
