/**
 * The trace of one number in a snapshot: which cell of which layer, and how core/trace says it
 * was computed from the previous layer's output in the same snapshot. Pure data for TracePanel;
 * it never throws, so a bad address or a half-filled snapshot becomes a sentence for the user.
 */
import { asSpatial, flattenedSize } from '../core/layerChecks';
import type { LayerKind, LayerSpec, ModelSpec, Shape } from '../core/modelSpec';
import { receptiveField } from '../core/receptiveField';
import { analyzeSpec, layerLabel } from '../core/shapes';
import {
  traceConv,
  traceDense,
  traceFlatten,
  tracePool,
  type AvgPoolTrace,
  type ConvTrace,
  type DenseTrace,
  type HwcShape,
  type MaxPoolTrace,
} from '../core/trace';
import type { Snapshot } from '../protocol/messages';

/**
 * A traced cell, as in the address `trace=<layer>,<map>,<row>,<col>` (all from 0): spec layer
 * index, then channel, row and col of its HWC output. A flat output ([units]) is one row of
 * units, as receptiveField and the activation strips lay it out: map 0, row 0, col = unit.
 * Layer −1 (only as a `source`) is the input image.
 */
export interface TraceTarget {
  layer: number;
  map: number;
  row: number;
  col: number;
}

/** What every successful trace carries besides its arithmetic. */
interface Traced {
  cell: TraceTarget;
  layerKind: LayerKind;
  /** The layer's compact label, e.g. "conv 8 3×3 s1 same relu". */
  label: string;
  /** The number as the snapshot holds it (what the map shows; for `data-value`). */
  value: number;
  /** The same number recomputed in float64 from the previous layer's output and the weights. */
  recomputed: number;
  /** Whether `recomputed` matches `value` within float32 rounding of the sum. */
  agrees: boolean;
}

/** Rows or columns of the conv patch that lie over zero padding, at each edge. */
export interface PatchPadding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A conv cell: core's ConvTrace (its `value` renamed `recomputed`), the input's shape and the patch's padding. */
export type ConvSnapshotTrace = Omit<ConvTrace, 'value'> &
  Traced & { kind: 'conv'; inputShape: HwcShape; padding: PatchPadding };

/** A pooling cell: core's PoolTrace with its `kind` renamed `pool` (the `data-pool` value). */
export type PoolSnapshotTrace = Traced & { kind: 'pool' } & (
    (Omit<MaxPoolTrace, 'kind' | 'value'> & { pool: 'max' }) | (Omit<AvgPoolTrace, 'kind' | 'value'> & { pool: 'avg' })
  );

/**
 * A dense unit (softmax included: then `logits` and `probability` are set). `sources[k]` is
 * where contribution k's input came from when the layer reads a flatten (a cell of the layer
 * before it, −1 for the image), else null.
 */
export type DenseSnapshotTrace = Omit<DenseTrace, 'value'> &
  Traced & { kind: 'dense'; sources: (TraceTarget | null)[] };

/** A cell that has no arithmetic to show, and why, in a sentence for the user. */
export interface UnsupportedTrace {
  kind: 'unsupported';
  cell: TraceTarget;
  layerKind: LayerKind | null;
  label: string | null;
  /** The number the snapshot holds at the cell, or null where there is none. */
  value: number | null;
  reason: string;
  /** For flatten and dropout: the cell this number is a copy of. */
  source?: TraceTarget;
}

/** Everything the trace panel can show, by `kind`. */
export type SnapshotTrace = ConvSnapshotTrace | PoolSnapshotTrace | DenseSnapshotTrace | UnsupportedTrace;

/** How many dense contributions a trace lists; the rest are summed. */
export const DENSE_TOP = 8;

/** Relative tolerance for `agrees`: generous over float32's 6e-8, so only real disagreements show. */
const AGREEMENT = 1e-4;

/**
 * The trace of `cell` in `snapshot`, which was taken from a network built from `spec`. Layer
 * i reads layer i−1's activations (layer 0 reads `snapshot.input`, of shape `spec.inputShape`).
 * Conv, pooling and dense cells are traced; flatten and dropout say which cell they copy;
 * inception and residual blocks say which region of their input they read; a cell outside
 * the layer, missing data or a softmax conv gives `unsupported` with the reason. The result's
 * arrays are new and belong to the caller.
 */
export function traceSnapshot(snapshot: Snapshot, spec: ModelSpec, cell: TraceTarget): SnapshotTrace {
  const layer = Number.isInteger(cell.layer) ? spec.layers[cell.layer] : undefined;
  if (layer === undefined) {
    return unsupported(
      cell,
      null,
      null,
      `The network has no layer ${cell.layer}: its layers are 0 to ${spec.layers.length - 1}.`,
    );
  }
  const data = snapshot.layers.find((l) => l.layerIndex === cell.layer);
  if (data === undefined) return unsupported(cell, layer, null, 'The snapshot holds no numbers for this layer yet.');
  const shape = data.outputShape;
  if (data.activations.length !== flattenedSize(shape)) {
    return unsupported(cell, layer, null, `The snapshot's numbers do not fit the layer's shape ${shape.join('×')}.`);
  }
  const outside = cellProblem(cell, shape);
  if (outside !== null) return unsupported(cell, layer, null, outside);
  const value = data.activations[activationIndex(cell, shape)] as number;
  try {
    return traceLayer(snapshot, spec, cell, layer, value);
  } catch (error) {
    // core/trace throws where arrays and shapes disagree, or for a softmax conv.
    const message = error instanceof Error ? error.message : String(error);
    return unsupported(cell, layer, value, `This number cannot be traced: ${message}`);
  }
}

function traceLayer(
  snapshot: Snapshot,
  spec: ModelSpec,
  cell: TraceTarget,
  layer: LayerSpec,
  value: number,
): SnapshotTrace {
  const traced = (recomputed: number, magnitude: number) => ({
    cell,
    layerKind: layer.kind,
    label: layerLabel(layer),
    value,
    recomputed,
    agrees: Math.abs(recomputed - value) <= AGREEMENT * Math.max(1, magnitude),
  });
  const refuse = (reason: string, source?: TraceTarget) => unsupported(cell, layer, value, reason, source);
  const { map, row, col } = cell;
  switch (layer.kind) {
    case 'conv2d': {
      const input = layerInput(snapshot, spec, cell.layer);
      if (typeof input === 'string') return refuse(input);
      const inputShape = asSpatial(input.shape);
      if (inputShape === null)
        return refuse(`A conv needs a height × width × channels input, not ${input.shape.join('×')}.`);
      const kernel = snapshot.layers.find((l) => l.layerIndex === cell.layer)?.kernel;
      const { kernelSize: k, filters } = layer;
      const kernelShape = [k, k, inputShape[2], filters];
      if (!kernel) return refuse('The snapshot holds no weights for this layer.');
      if (kernel.shape.join() !== kernelShape.join()) {
        return refuse(`The snapshot's kernel is ${kernel.shape.join('×')}, not ${kernelShape.join('×')}.`);
      }
      const bias = snapshot.layers.find((l) => l.layerIndex === cell.layer)?.bias ?? null;
      const trace = traceConv({
        input: input.values,
        inputShape,
        layer,
        kernel: kernel.values,
        bias,
        cell: { map, row, col },
      });
      const magnitude = trace.channels.reduce(
        (sum, channel) => sum + channel.products.flat().reduce((s, p) => s + Math.abs(p), 0),
        Math.abs(trace.bias),
      );
      const { value: recomputed, ...arithmetic } = trace;
      return {
        ...arithmetic,
        ...traced(recomputed, magnitude),
        kind: 'conv',
        inputShape,
        padding: patchPadding(trace.channels[0]?.patch ?? []),
      };
    }
    case 'maxPool':
    case 'avgPool': {
      const input = layerInput(snapshot, spec, cell.layer);
      if (typeof input === 'string') return refuse(input);
      const inputShape = asSpatial(input.shape);
      if (inputShape === null)
        return refuse(`Pooling needs a height × width × channels input, not ${input.shape.join('×')}.`);
      const { poolSize, stride } = layer;
      const kind = layer.kind === 'maxPool' ? 'max' : 'avg';
      const trace = tracePool({ input: input.values, inputShape, kind, poolSize, stride, cell: { map, row, col } });
      const magnitude = trace.window.flat().reduce((s, x) => Math.max(s, Math.abs(x)), 0);
      const base = traced(trace.value, magnitude);
      if (trace.kind === 'max') {
        const { kind: _kind, value: _value, ...rest } = trace;
        return { ...rest, ...base, kind: 'pool', pool: 'max' };
      }
      const { kind: _kind, value: _value, ...rest } = trace;
      return { ...rest, ...base, kind: 'pool', pool: 'avg' };
    }
    case 'dense': {
      const input = layerInput(snapshot, spec, cell.layer);
      if (typeof input === 'string') return refuse(input);
      const data = snapshot.layers.find((l) => l.layerIndex === cell.layer);
      const kernel = data?.kernel;
      const kernelShape = [input.values.length, layer.units];
      if (!kernel) return refuse('The snapshot holds no weights for this layer.');
      if (kernel.shape.join() !== kernelShape.join()) {
        return refuse(`The snapshot's kernel is ${kernel.shape.join('×')}, not ${kernelShape.join('×')}.`);
      }
      const trace = traceDense({
        input: input.values,
        kernel: kernel.values,
        bias: data?.bias ?? null,
        activation: layer.activation,
        unit: col,
        top: DENSE_TOP,
      });
      let magnitude = Math.abs(trace.bias);
      for (let i = 0; i < input.values.length; i++) {
        magnitude += Math.abs((input.values[i] as number) * (kernel.values[i * layer.units + col] as number));
      }
      // A probability is at most 1, whatever the size of the logits.
      if (layer.activation === 'softmax') magnitude = 1;
      const { value: recomputed, ...arithmetic } = trace;
      const sources = trace.contributions.map((c) => flattenSource(spec, cell.layer - 1, c.index));
      return { ...arithmetic, ...traced(recomputed, magnitude), kind: 'dense', sources };
    }
    case 'flatten': {
      const inputShape = asSpatial(analyzeSpec(spec).layers[cell.layer]?.inputShape ?? []);
      const source = flattenSource(spec, cell.layer, col);
      if (inputShape === null || source === null) return refuse('A flatten only moves numbers; it computes nothing.');
      return refuse(
        `A flatten only moves numbers: unit ${col} is a copy of ${layerName(spec, source.layer)}'s map ${source.map}, row ${source.row}, col ${source.col} (its ${inputShape.join('×')} output read row by row, channels innermost).`,
        source,
      );
    }
    case 'dropout': {
      const source = { ...cell, layer: cell.layer - 1 };
      const where = asSpatial(snapshot.layers.find((l) => l.layerIndex === cell.layer)?.outputShape ?? [])
        ? `map ${map}, row ${row}, col ${col}`
        : `unit ${col}`;
      return refuse(
        `Dropout only acts while training; when the network predicts it passes every number through, so this is ${layerName(spec, source.layer)}'s ${where}.`,
        source,
      );
    }
    case 'inception':
    case 'residual': {
      const what =
        layer.kind === 'inception'
          ? 'the inception block mixes four branches (1×1, 3×3 and 5×5 convs, and a 3×3 max pool then a 1×1 conv) whose inner numbers the snapshot does not hold'
          : 'the residual block adds two 3×3 convs to a shortcut, and the snapshot does not hold the numbers inside it';
      const field = receptiveField(spec, cell.layer, row, col);
      const region = field === null ? undefined : (field.layers[cell.layer - 1] ?? field.input);
      const inputs =
        region === undefined
          ? `${layerName(spec, cell.layer - 1)}'s output`
          : `rows ${region.top}–${region.bottom}, cols ${region.left}–${region.right} of every channel of ${layerName(spec, region.layerIndex)}'s output`;
      return refuse(`Traces stop at the block: ${what}. Its inputs are ${inputs}.`);
    }
  }
}

/** The output and shape of the layer before `layerIndex` in the snapshot (the image for layer 0), or why there is none. */
function layerInput(
  snapshot: Snapshot,
  spec: ModelSpec,
  layerIndex: number,
): { values: Float32Array; shape: Shape } | string {
  if (layerIndex === 0) {
    const shape = spec.inputShape;
    return snapshot.input.length === flattenedSize(shape)
      ? { values: snapshot.input, shape }
      : `The snapshot's input image has ${snapshot.input.length} numbers, not ${shape.join('×')}.`;
  }
  const previous = snapshot.layers.find((l) => l.layerIndex === layerIndex - 1);
  if (previous === undefined)
    return `The snapshot holds no numbers for ${layerName(spec, layerIndex - 1)}, this layer's input.`;
  if (previous.activations.length !== flattenedSize(previous.outputShape)) {
    return `The snapshot's numbers for ${layerName(spec, layerIndex - 1)} do not fit its shape.`;
  }
  return { values: previous.activations, shape: previous.outputShape };
}

/** Where index `index` of flatten layer `flattenIndex`'s output came from; null when that layer is not a flatten of a known HWC shape. */
function flattenSource(spec: ModelSpec, flattenIndex: number, index: number): TraceTarget | null {
  if (spec.layers[flattenIndex]?.kind !== 'flatten') return null;
  const inputShape = asSpatial(analyzeSpec(spec).layers[flattenIndex]?.inputShape ?? []);
  if (inputShape === null || index >= flattenedSize(inputShape)) return null;
  const { row, col, channel } = traceFlatten(inputShape, index);
  return { layer: flattenIndex - 1, map: channel, row, col };
}

/** "layer 1 (max pool 2×2 s2)", or "the input image" for −1. */
export function layerName(spec: ModelSpec, layerIndex: number): string {
  const layer = spec.layers[layerIndex];
  return layer === undefined ? 'the input image' : `layer ${layerIndex} (${layerLabel(layer)})`;
}

/** Why `cell` is not a cell of an output of `shape`, or null when it is. */
function cellProblem({ map, row, col }: TraceTarget, shape: Shape): string | null {
  const hwc = asSpatial(shape);
  const whole = (n: number, count: number) => Number.isInteger(n) && n >= 0 && n < count;
  if (hwc !== null) {
    const [rows, cols, maps] = hwc;
    if (whole(map, maps) && whole(row, rows) && whole(col, cols)) return null;
    return `Map ${map}, row ${row}, col ${col} is outside this layer's output: maps 0–${maps - 1}, rows 0–${rows - 1}, cols 0–${cols - 1}.`;
  }
  const units = shape.length === 1 ? (shape[0] as number) : 0;
  if (map === 0 && row === 0 && whole(col, units)) return null;
  return `This layer's output is ${units} units, addressed as map 0, row 0, col 0–${units - 1}; not map ${map}, row ${row}, col ${col}.`;
}

/** Index of an in-range cell in HWC (or [units]) activations. */
function activationIndex({ map, row, col }: TraceTarget, shape: Shape): number {
  const hwc = asSpatial(shape);
  return hwc === null ? col : (row * hwc[1] + col) * hwc[2] + map;
}

/** The padding at each edge of a patch: its leading and trailing rows and columns that are all null. */
function patchPadding(patch: (number | null)[][]): PatchPadding {
  const size = patch.length;
  const rowPadded = (i: number) => patch[i]?.every((x) => x === null) ?? false;
  const colPadded = (j: number) => patch.every((r) => r[j] === null);
  const count = (padded: (i: number) => boolean, order: number[]) => {
    const first = order.findIndex((i) => !padded(i));
    return first === -1 ? order.length : first;
  };
  const forward = Array.from({ length: size }, (_, i) => i);
  const backward = [...forward].reverse();
  return {
    top: count(rowPadded, forward),
    bottom: count(rowPadded, backward),
    left: count(colPadded, forward),
    right: count(colPadded, backward),
  };
}

function unsupported(
  cell: TraceTarget,
  layer: LayerSpec | null,
  value: number | null,
  reason: string,
  source?: TraceTarget,
): UnsupportedTrace {
  return {
    kind: 'unsupported',
    cell,
    layerKind: layer?.kind ?? null,
    label: layer === null ? null : layerLabel(layer),
    value,
    reason,
    ...(source === undefined ? {} : { source }),
  };
}

/** Arrow keys move within a map; PageUp / PageDown change the map. */
export type TraceDirection = 'up' | 'down' | 'left' | 'right' | 'previousMap' | 'nextMap';

/**
 * The cell one step from `cell` in `direction`, within an output of `shape` (HWC, or [units]
 * where only left and right move, along the units). Stays at the edge instead of leaving the
 * map, and brings a cell outside the output back inside; an unknown shape leaves it as it is.
 */
export function moveCell(cell: TraceTarget, direction: TraceDirection, shape: Shape): TraceTarget {
  const clamp = (n: number, count: number) => Math.min(Math.max(0, Math.round(n)), Math.max(0, count - 1));
  const hwc = asSpatial(shape);
  if (hwc !== null) {
    const [rows, cols, maps] = hwc;
    const dRow = direction === 'up' ? -1 : direction === 'down' ? 1 : 0;
    const dCol = direction === 'left' ? -1 : direction === 'right' ? 1 : 0;
    const dMap = direction === 'previousMap' ? -1 : direction === 'nextMap' ? 1 : 0;
    return {
      layer: cell.layer,
      map: clamp(cell.map + dMap, maps),
      row: clamp(cell.row + dRow, rows),
      col: clamp(cell.col + dCol, cols),
    };
  }
  if (shape.length !== 1) return cell;
  const dCol = direction === 'left' ? -1 : direction === 'right' ? 1 : 0;
  return { layer: cell.layer, map: 0, row: 0, col: clamp(cell.col + dCol, shape[0] as number) };
}
