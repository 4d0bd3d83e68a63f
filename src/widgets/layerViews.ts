/**
 * What the network view draws for each spec layer, computed from a snapshot: the maps
 * (feature maps, activation strips, filters) with their values, sizes, colour scales and test
 * ids, the output probabilities, the mean weight change, or why there is nothing to draw.
 * Pure data: NetworkView only renders it. Map values are new arrays, except an activation
 * strip, which shares the snapshot's array.
 */
import { DIGIT_NAMING, type ClassNaming } from '../core/classNaming';
import type { LayerSpec, ModelSpec } from '../core/modelSpec';
import { layerLabel } from '../core/shapes';
import type { LayerSnapshot, Snapshot } from '../protocol/messages';
import { scaleFor, signedScale, type ColorScaleInfo } from '../render/colorScales';
import { channelOf, kernelSlice, meanAbsChange, tileMaps } from '../render/heatmap';
import { significant } from '../render/numberFormat';

/** One map a section draws and the dialog can enlarge. */
export interface MapItem {
  key: string;
  /** Accessible name and dialog title. */
  title: string;
  /** Row-major rows×cols values. */
  values: Float32Array;
  rows: number;
  cols: number;
  scale: ColorScaleInfo;
  /** 1 where a cell belongs to a map, 0 in the gaps between tiled input-channel slices. */
  mask?: Uint8Array;
  testId: string;
  /** CSS width; `heightPx` the CSS height. */
  sizePx: number;
  heightPx?: number;
  /** Text for the status line when the pointer is over (row, col). */
  describe: (row: number, col: number, value: number) => string;
}

/** Everything one layer's section shows. */
export interface LayerView {
  index: number;
  layer: LayerSpec;
  heading: string;
  /** Why there is nothing to draw (no snapshot data for this layer, or it does not fit). */
  missing?: string;
  maps: MapItem[];
  mapsScale?: ColorScaleInfo;
  filters: MapItem[];
  filtersScale?: ColorScaleInfo;
  filtersNote?: string;
  /** Mean |Δw| since the previous snapshot (NaN without one); undefined when the layer has no weights. */
  weightChange?: number;
  probabilities?: number[];
}

interface CssSize {
  sizePx: number;
  heightPx: number;
}

function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

/** CSS size of a map: about `targetPx` on its longer side, whole CSS pixels per cell within [minCell, maxCell]. */
export function cssSize(rows: number, cols: number, targetPx: number, minCell = 2, maxCell = 12): CssSize {
  const cell = Math.max(minCell, Math.min(maxCell, Math.floor(targetPx / Math.max(rows, cols))));
  return { sizePx: cols * cell, heightPx: rows * cell };
}

/** A 1-row strip of `units` values: 8 px a unit, from 80 to 480 px wide, 20 px tall. */
function stripSize(units: number): CssSize {
  return { sizePx: Math.max(80, Math.min(480, units * 8)), heightPx: 20 };
}

/** The dialog's size for an enlarged map: a wide strip for one row, else about `targetPx` on its longer side. */
export function dialogSize(rows: number, cols: number, targetPx: number): CssSize {
  return rows === 1
    ? { sizePx: Math.min(720, Math.max(160, cols * 12)), heightPx: 40 }
    : cssSize(rows, cols, targetPx, 2, 48);
}

/** What the input section says about its sample: a test image says which one it is and its class; a drawing (sampleIndex −1) says so. */
export function describeSource(
  snapshot: Pick<Snapshot, 'sampleIndex' | 'label'>,
  naming: ClassNaming = DIGIT_NAMING,
): string {
  if (snapshot.sampleIndex < 0) return 'Your drawing';
  return `Test ${naming.noun} #${snapshot.sampleIndex}, ${naming.inSentence(snapshot.label)}`;
}

/** One map per channel of an h×w×c activation volume, sharing one scale over all channels. */
function featureMapItems(
  index: number,
  layer: LayerSpec,
  activations: Float32Array,
  shape: [number, number, number],
  scale: ColorScaleInfo,
) {
  const [h, w, c] = shape;
  const { sizePx, heightPx } = cssSize(h, w, 84, 2, 8);
  return Array.from({ length: c }, (_, ch): MapItem => ({
    key: `fmap-${ch}`,
    title: `Layer ${index} ${layer.kind} feature map ${ch + 1} of ${c}, ${h}×${w}`,
    values: channelOf(activations, shape, ch),
    rows: h,
    cols: w,
    scale,
    testId: `fmap-${index}-${ch}`,
    sizePx,
    heightPx,
    describe: (r, col, v) => `Feature map ${ch + 1}, row ${r}, col ${col}: ${significant(v)}`,
  }));
}

/** The activations of a 1-D layer as one strip of units. */
function stripItem(index: number, layer: LayerSpec, activations: Float32Array, scale: ColorScaleInfo): MapItem {
  const units = activations.length;
  return {
    key: 'strip',
    title: `Layer ${index} ${layer.kind} activations, ${units} units`,
    values: activations,
    rows: 1,
    cols: units,
    scale,
    testId: `activations-${index}`,
    ...stripSize(units),
    describe: (_r, col, v) => `Unit ${col}: ${significant(v)}`,
  };
}

/** The filters of a conv kernel [kh, kw, cin, cout]: one map each, or a grid of its cin slices when cin > 1. */
function filterItems(
  index: number,
  kernel: Float32Array,
  shape: [number, number, number, number],
  scale: ColorScaleInfo,
): MapItem[] {
  const [kh, kw, cin, cout] = shape;
  const single = cssSize(kh, kw, 60);
  return Array.from({ length: cout }, (_, o): MapItem => {
    const common = { key: `filter-${o}`, scale, testId: `filter-${index}-${o}` };
    if (cin === 1) {
      return {
        ...common,
        title: `Layer ${index} filter ${o + 1} of ${cout}, ${kh}×${kw} weights`,
        values: kernelSlice(kernel, shape, 0, o),
        rows: kh,
        cols: kw,
        ...single,
        describe: (r, col, v) => `Filter ${o + 1}, row ${r}, col ${col}: ${significant(v)}`,
      };
    }
    const tiled = tileMaps(cin, kh, kw, (i) => kernelSlice(kernel, shape, i, o));
    return {
      ...common,
      title: `Layer ${index} filter ${o + 1} of ${cout}: ${cin} input-channel slices of ${kh}×${kw} weights`,
      values: tiled.values,
      mask: tiled.mask,
      rows: tiled.rows,
      cols: tiled.cols,
      ...cssSize(tiled.rows, tiled.cols, 72, 2, 6),
      describe: (r, col, v) => {
        const cell = tiled.cellAt(r, col);
        return cell
          ? `Filter ${o + 1}, input channel ${cell.tile + 1}, row ${cell.row}, col ${cell.col}: ${significant(v)}`
          : '';
      },
    };
  });
}

/**
 * The view of spec layer `index` from its snapshot `data` (undefined when the snapshot has
 * none) and its kernel values at the previous snapshot (`previous`, for the weight change).
 */
export function buildLayerView(
  index: number,
  layer: LayerSpec,
  data: LayerSnapshot | undefined,
  previous: Float32Array | undefined,
): LayerView {
  const base: LayerView = { index, layer, heading: layerLabel(layer), maps: [], filters: [] };
  if (!data) return { ...base, missing: 'No snapshot data for this layer yet.' };
  const shape = data.outputShape;
  const heading = `${layerLabel(layer)} → ${shapeText(shape)}`;
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.activations.length !== size)
    return { ...base, heading, missing: `The snapshot does not fit shape ${shapeText(shape)}.` };
  const view: LayerView = { ...base, heading };

  // A softmax dense layer (the classifier's last layer) is shown as probabilities, not a strip.
  if (shape.length === 1 && layer.kind === 'dense' && layer.activation === 'softmax') {
    view.probabilities = Array.from(data.activations);
  } else if (shape.length === 3 || shape.length === 1) {
    view.mapsScale = scaleFor(data.activations);
    view.maps =
      shape.length === 3
        ? featureMapItems(index, layer, data.activations, shape as [number, number, number], view.mapsScale)
        : [stripItem(index, layer, data.activations, view.mapsScale)];
  }

  const kernel = data.kernel;
  if (kernel) {
    view.weightChange = previous ? meanAbsChange(previous, kernel.values) : Number.NaN;
    if (layer.kind === 'conv2d' && kernel.shape.length === 4) {
      const kernelShape = kernel.shape as [number, number, number, number];
      const cin = kernelShape[2];
      view.filtersScale = signedScale(kernel.values);
      view.filters = filterItems(index, kernel.values, kernelShape, view.filtersScale);
      if (cin > 1) {
        const [kh, kw] = kernelShape;
        view.filtersNote = `Each filter is a grid of its ${cin} input-channel slices (${kh}×${kw} each), left to right, top to bottom.`;
      }
    }
  }
  return view;
}

/**
 * One view per spec layer, in order, each from the snapshot layer with its index and the
 * previous kernel values keyed by spec layer index.
 */
export function buildLayerViews(
  snapshot: Snapshot,
  spec: ModelSpec,
  previousKernels?: Map<number, Float32Array>,
): LayerView[] {
  return spec.layers.map((layer, index) =>
    buildLayerView(
      index,
      layer,
      snapshot.layers.find((l) => l.layerIndex === index),
      previousKernels?.get(index),
    ),
  );
}
