/**
 * The network overview top to bottom, for a narrow screen (a phone): a first row with the input
 * digit and, beside it, the prediction (the ten probabilities), then one row per layer, its maps
 * wrapping onto a few lines, its name and shape on a line above it. So a phone's first screen
 * holds the input, the first layer's maps and the prediction. Same columns as overviewLayout,
 * placed in rows: the component and the links draw either.
 */
import type { LayerSpec } from '../core/modelSpec';
import {
  columnKind,
  GAP_PX,
  gridSize,
  INPUT_SHAPE,
  MAX_MAP_PX,
  MIN_MAP_PX,
  UNIT_STRIP_PX,
  type OverviewColumn,
  type OverviewLayout,
} from './overviewLayout';

/** The line above each row for its name and shape (and "+ N more"). */
export const ROW_LABEL_PX = 18;
/** Space between rows, where the links are drawn. */
export const ROW_GAP_PX = 28;
/** The input digit's side, and the height of the probabilities beside it. */
const TOP_ROW_PX = 130;
/** Between the input and the probabilities. */
const SIDE_GAP_PX = 16;
/** Between the last row and the line saying it feeds the prediction. */
const NOTE_GAP_PX = 6;
/** A row of maps wraps onto at most this height; past it, fewer maps and "+ N more". */
export const MAX_ROW_MAPS_PX = 100;
/** Narrower than this the rows stop being readable: the picture keeps this width and scrolls. */
export const MIN_ROWS_WIDTH_PX = 240;

/**
 * The layout of an input digit and `layers` (with their output shapes, in spec order), top to
 * bottom in `widthPx`. A last softmax layer goes beside the input in the first row instead of
 * at the bottom (it gets no link back up); every other layer is a row, in spec order.
 */
export function overviewRows(
  layers: readonly { layer: LayerSpec; shape: readonly number[] }[],
  widthPx: number,
): OverviewLayout {
  const width = Math.max(MIN_ROWS_WIDTH_PX, Math.floor(widthPx));
  const kinds = layers.map(({ layer, shape }) => columnKind(layer, shape));
  const outputOnTop = kinds[kinds.length - 1] === 'output';
  const inputPx = Math.min(TOP_ROW_PX, Math.floor(width * 0.4));
  const topHeight = ROW_LABEL_PX + inputPx;
  const columns: OverviewColumn[] = [
    {
      layer: -1,
      kind: 'input',
      shape: INPUT_SHAPE,
      shown: 1,
      more: 0,
      mapPx: inputPx,
      gridCols: 1,
      x: 0,
      y: 0,
      width: inputPx,
      height: topHeight,
      body: { x: 0, y: ROW_LABEL_PX, width: inputPx, height: inputPx },
    },
  ];
  let y = topHeight + ROW_GAP_PX;
  layers.forEach(({ shape }, i) => {
    const kind = kinds[i]!;
    const base = { layer: i, kind, shape, shown: 0, more: 0, mapPx: 0, gridCols: 1 };
    if (kind === 'output' && outputOnTop && i === layers.length - 1) {
      const x = inputPx + SIDE_GAP_PX;
      const body = { x, y: ROW_LABEL_PX, width: width - x, height: inputPx };
      columns.push({ ...base, x, y: 0, width: width - x, height: topHeight, body });
      return;
    }
    const fit = kind === 'maps' ? fitRow(shape[2] ?? 1, width, MAX_ROW_MAPS_PX) : null;
    const bodySize = fit ? gridSize(fit) : { width, height: kind === 'units' ? UNIT_STRIP_PX : TOP_ROW_PX };
    const body = { x: 0, y: y + ROW_LABEL_PX, ...bodySize };
    columns.push({ ...base, ...fit, x: 0, y, width, height: ROW_LABEL_PX + bodySize.height, body });
    y += ROW_LABEL_PX + bodySize.height + ROW_GAP_PX;
  });
  const end = y - ROW_GAP_PX;
  if (!outputOnTop) return { columns, width, height: end, direction: 'down' };
  // The last row feeds the prediction drawn at the top, with no link back up: a line under it says so.
  const onwardY = end + NOTE_GAP_PX;
  return { columns, width, height: onwardY + ROW_LABEL_PX, direction: 'down', onwardY };
}

/**
 * The largest maps (up to MAX_MAP_PX) that lay `count` maps out in `width`, wrapping onto lines
 * of equal length as far as the count allows, within `maxHeight`; when none fits at MIN_MAP_PX,
 * as many as fit at that size. `gridCols` is the maps to a line.
 */
export function fitRow(
  count: number,
  width: number,
  maxHeight: number,
): Pick<OverviewColumn, 'shown' | 'more' | 'mapPx' | 'gridCols'> {
  let best: Pick<OverviewColumn, 'shown' | 'more' | 'mapPx' | 'gridCols'> | null = null;
  for (let lines = 1; lines <= count; lines++) {
    const gridCols = Math.ceil(count / lines);
    // Fewer lines of as many maps would do: this count of lines adds nothing.
    if (Math.ceil(count / gridCols) !== lines) continue;
    const mapPx = Math.min(MAX_MAP_PX, Math.floor((width - (gridCols - 1) * GAP_PX) / gridCols));
    const height = lines * mapPx + (lines - 1) * GAP_PX;
    if (mapPx >= MIN_MAP_PX && height <= maxHeight && mapPx > (best?.mapPx ?? 0))
      best = { shown: count, more: 0, mapPx, gridCols };
  }
  if (best) return best;
  const gridCols = Math.max(1, Math.floor((width + GAP_PX) / (MIN_MAP_PX + GAP_PX)));
  const lines = Math.max(1, Math.floor((maxHeight + GAP_PX) / (MIN_MAP_PX + GAP_PX)));
  const shown = Math.min(count, gridCols * lines);
  return { shown, more: count - shown, mapPx: MIN_MAP_PX, gridCols: Math.min(gridCols, shown) };
}
