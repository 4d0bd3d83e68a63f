/**
 * Where the network overview puts things, left to right: one column per spec layer after the
 * input, each sized so the whole network fits the width and height it is given. A column of
 * feature maps shows as many maps as fit (in up to MAX_GRID_COLS sub-columns) and says how many
 * more there are; a flat layer is a strip of units; a softmax layer is the ten probabilities.
 * Narrow screens lay the same columns out top to bottom (overviewRows.ts). Pure: the component
 * only draws it.
 */
import * as d3 from 'd3';
import type { LayerSpec } from '../core/modelSpec';

/** One column's content. */
export type ColumnKind = 'maps' | 'units' | 'output';

export interface OverviewColumn {
  /** Spec layer index; -1 for the input digit. */
  layer: number;
  kind: ColumnKind | 'input';
  /** Output shape, HWC or [units]. */
  shape: readonly number[];
  /** For maps: how many are drawn (the first ones) and how many are left out. */
  shown: number;
  more: number;
  /** For maps: the side of each map and the sub-columns they are laid out in. */
  mapPx: number;
  gridCols: number;
  /** The column's box, its labels included, in px from the overview's top left. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where its content is drawn (the digit, the grid of maps, the strip, the bars), in overview px. */
  body: Box;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface OverviewLayout {
  columns: OverviewColumn[];
  width: number;
  height: number;
  /** Which way the network runs: columns left to right, or rows top to bottom. */
  direction: 'across' | 'down';
  /** Top to bottom with the prediction on top: the top of a line under the last row saying it feeds the prediction. */
  onwardY?: number;
}

/** The most sub-columns a layer's maps spread over before the rest are summarised as "+ N more". */
export const MAX_GRID_COLS = 3;
/** Maps smaller than this stop being readable on a projector: fewer are shown instead. */
export const MIN_MAP_PX = 18;
export const MAX_MAP_PX = 64;
/** Space between neighbouring maps. */
export const GAP_PX = 4;
/** Space under each column for its name and shape, and above for the "+ N more" line. */
export const LABEL_PX = 34;
export const UNIT_STRIP_PX = 14;
const OUTPUT_WIDTH_PX = 96;
const INPUT_PX = 84;
/** Space between columns: at least enough for their labels, at most enough for the links to read. */
const MIN_BETWEEN_PX = 28;
const MAX_BETWEEN_PX = 110;

/** `shape` as the contract writes it: 24x24x8. */
export function shapeKey(shape: readonly number[]): string {
  return shape.join('x');
}

/**
 * The layout of an input digit and `layers` (with their output shapes, in spec order) in
 * `widthPx` × `heightPx`. Columns share the width left after the fixed ones; map columns shrink
 * their maps, then show fewer of them, never less than MIN_MAP_PX.
 */
export function overviewLayout(
  layers: readonly { layer: LayerSpec; shape: readonly number[] }[],
  widthPx: number,
  heightPx: number,
): OverviewLayout {
  const body = Math.max(60, heightPx - LABEL_PX * 2);
  const kinds = layers.map(({ layer, shape }) => columnKind(layer, shape));
  const fixedWidth = { maps: 0, units: UNIT_STRIP_PX, output: OUTPUT_WIDTH_PX };
  const fixed = INPUT_PX + kinds.reduce((sum, kind) => sum + fixedWidth[kind], 0);
  const flexible = kinds.filter((kind) => kind === 'maps').length;
  const gaps = layers.length * MIN_BETWEEN_PX;
  const share = flexible > 0 ? Math.max(MIN_MAP_PX, (widthPx - fixed - gaps) / flexible) : 0;
  const height = body + LABEL_PX * 2;
  const place = { x: 0, y: 0, width: 0, height, body: { x: 0, y: 0, width: 0, height: 0 } };
  const columns: OverviewColumn[] = [
    { layer: -1, kind: 'input', shape: INPUT_SHAPE, shown: 1, more: 0, mapPx: INPUT_PX, gridCols: 1, ...place },
  ];
  layers.forEach(({ shape }, i) => {
    const kind = kinds[i]!;
    if (kind === 'maps') columns.push({ layer: i, kind, shape, ...fitMaps(shape[2] ?? 1, share, body), ...place });
    else columns.push({ layer: i, kind, shape, shown: 0, more: 0, mapPx: 0, gridCols: 1, ...place });
  });
  // The width left over goes between the columns, where the links are drawn (within bounds).
  for (const column of columns) column.width = columnWidth(column);
  const used = columns.reduce((sum, column) => sum + column.width, 0);
  const between = Math.max(
    MIN_BETWEEN_PX,
    Math.min(MAX_BETWEEN_PX, Math.floor((widthPx - used) / (columns.length - 1))),
  );
  let x = 0;
  for (const column of columns) {
    column.x = x;
    column.body = columnBody(column, height);
    x += column.width + between;
  }
  return { columns, width: Math.max(0, x - between), height, direction: 'across' };
}

/** The input's shape: one 28×28 grey digit. */
export const INPUT_SHAPE = [28, 28, 1] as const;

/** Where a left-to-right column draws its content: the maps centred between its labels, a strip or the bars filling that space. */
function columnBody(column: OverviewColumn, height: number): Box {
  const between = height - 2 * LABEL_PX;
  switch (column.kind) {
    case 'input':
      return { x: column.x, y: (height - column.mapPx) / 2, width: column.mapPx, height: column.mapPx };
    case 'maps': {
      const block = gridSize(column);
      return { x: column.x, y: LABEL_PX + (between - block.height) / 2, ...block };
    }
    default:
      return { x: column.x, y: LABEL_PX, width: column.width, height: between };
  }
}

/** The size of a grid of `shown` maps of `mapPx`, `gridCols` to a line. */
export function gridSize({ shown, mapPx, gridCols }: Pick<OverviewColumn, 'shown' | 'mapPx' | 'gridCols'>): {
  width: number;
  height: number;
} {
  const lines = Math.ceil(shown / gridCols);
  return { width: gridCols * mapPx + (gridCols - 1) * GAP_PX, height: lines * mapPx + (lines - 1) * GAP_PX };
}

/** What a layer is drawn as: maps for an HWC output, the probabilities for a softmax, else a strip of units. */
export function columnKind(layer: LayerSpec, shape: readonly number[]): ColumnKind {
  if (shape.length === 3) return 'maps';
  return layer.kind === 'dense' && layer.activation === 'softmax' ? 'output' : 'units';
}

function columnWidth(column: OverviewColumn): number {
  switch (column.kind) {
    case 'input':
      return INPUT_PX;
    case 'maps':
      return gridSize(column).width;
    case 'units':
      return UNIT_STRIP_PX;
    case 'output':
      return OUTPUT_WIDTH_PX;
  }
}

/**
 * The largest maps (up to MAX_MAP_PX) that fit `count` maps in `width` × `height`, in 1 to
 * MAX_GRID_COLS sub-columns; when none fits at MIN_MAP_PX, as many as fit at that size.
 */
export function fitMaps(
  count: number,
  width: number,
  height: number,
): Pick<OverviewColumn, 'shown' | 'more' | 'mapPx' | 'gridCols'> {
  let best: Pick<OverviewColumn, 'shown' | 'more' | 'mapPx' | 'gridCols'> | null = null;
  for (let gridCols = 1; gridCols <= Math.min(MAX_GRID_COLS, count); gridCols++) {
    const rows = Math.ceil(count / gridCols);
    const side = Math.min(
      MAX_MAP_PX,
      Math.floor((height - (rows - 1) * GAP_PX) / rows),
      Math.floor((width - (gridCols - 1) * GAP_PX) / gridCols),
    );
    if (side >= MIN_MAP_PX && side > (best?.mapPx ?? 0)) best = { shown: count, more: 0, mapPx: side, gridCols };
  }
  if (best) return best;
  const gridCols = Math.max(1, Math.min(MAX_GRID_COLS, Math.floor((width + GAP_PX) / (MIN_MAP_PX + GAP_PX))));
  const rows = Math.max(1, Math.floor((height + GAP_PX) / (MIN_MAP_PX + GAP_PX)));
  const shown = Math.min(count, gridCols * rows);
  return { shown, more: count - shown, mapPx: MIN_MAP_PX, gridCols };
}

/** The centre of map `index` of a maps column (or of the body for other kinds), in overview px. */
export function mapCentre(column: OverviewColumn, index: number): { x: number; y: number } {
  const { body } = column;
  if (column.kind !== 'maps') return { x: body.x + body.width / 2, y: body.y + body.height / 2 };
  const row = Math.floor(index / column.gridCols);
  const col = index % column.gridCols;
  return {
    x: body.x + col * (column.mapPx + GAP_PX) + column.mapPx / 2,
    y: body.y + row * (column.mapPx + GAP_PX) + column.mapPx / 2,
  };
}

/**
 * Which maps of the previous column feed map `index` of a layer: every channel for a
 * convolution or block, the same channel for pooling or dropout. Indices beyond `shownBefore`
 * are left out (they are not drawn).
 */
export function feedingMaps(layer: LayerSpec, index: number, shownBefore: number): number[] {
  if (layer.kind === 'maxPool' || layer.kind === 'avgPool' || layer.kind === 'dropout')
    return index < shownBefore ? [index] : [];
  return Array.from({ length: shownBefore }, (_, i) => i);
}

/** Links between two columns are drawn map to map up to this many; past it, to the column's centre. */
const MAX_LINKS = 600;
type Ends = { source: [number, number]; target: [number, number] };
const linkAcross = d3
  .linkHorizontal<Ends, [number, number]>()
  .x((d) => d[0])
  .y((d) => d[1]);
const linkDown = d3
  .linkVertical<Ends, [number, number]>()
  .x((d) => d[0])
  .y((d) => d[1]);

export interface OverviewLink {
  key: string;
  d: string;
  touches: (column: number, map: number) => boolean;
}

/**
 * The links between each pair of neighbouring columns, as SVG paths from the right edge of a map
 * to the left edge of the next (or bottom to top when the layout runs down): map to map where a
 * map feeds another (see feedingMaps), or to the body's middle for a strip, the output, or more
 * than MAX_LINKS pairs. A column drawn above the one before it (the prediction beside the input,
 * on a phone) gets none. `touches` says whether a link meets map `map` of column `column`.
 */
export function overviewLinks(layout: OverviewLayout, layers: readonly { layer: LayerSpec }[]): OverviewLink[] {
  const { columns, direction } = layout;
  const across = direction === 'across';
  const link = across ? linkAcross : linkDown;
  // From a point of a map (or body) to its edge facing the next column.
  const half = (column: OverviewColumn, whole: boolean) =>
    column.kind === 'maps' && !whole ? column.mapPx / 2 : (across ? column.body.width : column.body.height) / 2;
  const links: OverviewLink[] = [];
  for (let c = 1; c < columns.length; c++) {
    const before = columns[c - 1]!;
    const column = columns[c]!;
    if (!across && column.body.y <= before.body.y) continue;
    const sources = before.kind === 'maps' ? before.shown : 1;
    const targets = column.kind === 'maps' ? column.shown : 1;
    const layer = layers[column.layer]!.layer;
    const pairs: [number, number][] = [];
    for (let t = 0; t < targets; t++) {
      const feeding = column.kind === 'maps' && before.kind !== 'input' ? feedingMaps(layer, t, sources) : [0];
      const all = column.kind === 'maps' ? feeding : Array.from({ length: sources }, (_, s) => s);
      for (const s of all) pairs.push([s, t]);
    }
    const drawn =
      pairs.length <= MAX_LINKS ? pairs : Array.from({ length: sources }, (_, s): [number, number] => [s, -1]);
    for (const [s, t] of drawn) {
      const from = mapCentre(before, s);
      const to =
        t < 0
          ? { x: column.body.x + column.body.width / 2, y: column.body.y + column.body.height / 2 }
          : mapCentre(column, t);
      const out = half(before, false);
      const into = half(column, t < 0);
      const source: [number, number] = across ? [from.x + out, from.y] : [from.x, from.y + out];
      const target: [number, number] = across ? [to.x - into, to.y] : [to.x, to.y - into];
      links.push({
        key: `${c}-${s}-${t}`,
        d: link({ source, target }) ?? '',
        touches: (hc, hm) => (hc === c && (t === hm || t < 0)) || (hc === c - 1 && s === hm),
      });
    }
  }
  return links;
}
