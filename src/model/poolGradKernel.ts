import * as tf from '@tensorflow/tfjs';
import { callKernel, toPair, type Pair, type RunKernel, type Shape4D } from './kernelUtil';

/**
 * A MaxPoolGrad kernel composed from a backend's fast kernels (XNNPACK-backed on wasm: MaxPool,
 * AvgPool, Conv2D, Sub, Add, Multiply, Step, Relu). wasm's own MaxPoolGrad is a plain C++ loop:
 * in Node, [64,24,24,8] 2×2/2 takes it ~5.6 ms against ~1.3–1.7 ms here ([64,8,8,16]: ~1.2 vs
 * ~0.5 ms), and a training step of the default net drops from ~21 to ~16.5 ms.
 *
 * It gives the gradient of each window to the FIRST maximum in row-major window order, which is
 * what tfjs-core's cpu kernel (and TensorFlow) do. wasm 4.22's own kernel differs there: it gives
 * ties to the LAST maximum, and because it starts its running max at FLT_MIN (the smallest
 * positive float, not −∞) it drops the gradient of every window whose maximum is ≤ 1.18e-38 (all
 * zeros, as after ReLU, or all negative), unless that window happens to hold element 0. Where
 * wasm's kernel is right (a unique maximum above FLT_MIN) the two agree bit for bit.
 *
 * How, for non-overlapping windows sh×sw (filterSize = strides), on the grid of whole windows:
 *   m    = MaxPool(x)                                 window maxima
 *   u    = m↑ − x                                     0 exactly at the window's maxima, > 0 elsewhere
 *   q    = Step(u, α = K) + rank                      K + rank at maxima, 1 + rank elsewhere, where
 *                                                     rank = sh·sw − (i·sw + j) is highest first
 *   one  = Relu(q − (MaxPool(q)↑ − 1))                1 at the first maximum, 0 elsewhere
 *   dx   = one · dy↑ + 0                              (+0 turns the −0 of 0·(−dy) into +0, as the
 *                                                     stock kernels' 0 + dy·mask does)
 * All of it is exact integer arithmetic in float32. "↑" repeats a window value over the window:
 * along columns with a 1×1 convolution that copies C channels to sw·C (the (j, c) pairs of a
 * grid row), along rows by broadcasting.
 */

/** Step's value at a window maximum; far above 1 + rank, and K + rank stays an exact float32. */
const MAX_MARK = 2 ** 20;
/** Windows larger than this delegate (rank must stay far below MAX_MARK). */
const MAX_WINDOW_AREA = 2 ** 16;

/**
 * Along one spatial axis: the grid of whole windows that covers every input cell. It starts at
 * −before and ends at or past the last cell; cells the input lacks there are −∞ (never a maximum).
 * Input cells past the last pooled window (the leftovers of 'valid') fall into extra "phantom"
 * windows whose dy is 0, so they get a zero gradient, as in the stock kernel.
 */
interface AxisPlan {
  /** Input size. */
  size: number;
  /** Window size (= stride). */
  window: number;
  /** Number of pooled windows (dy's size). */
  windows: number;
  /** Pooled plus phantom windows. */
  gridWindows: number;
  /** −∞ cells before the first input cell (the first window starts at −before). */
  before: number;
  /** −∞ cells after the last input cell. */
  after: number;
}

interface PoolGradPlan {
  batch: number;
  channels: number;
  rows: AxisPlan;
  cols: AxisPlan;
}

/** Null when some window would hold no input cell (the stock kernel then gives it no gradient). */
function planAxis(size: number, windows: number, window: number, before: number): AxisPlan | null {
  const lastStart = (windows - 1) * window - before;
  if (windows < 1 || before < 0 || before >= window || lastStart > size - 1) return null;
  const gridWindows = Math.ceil((before + size) / window);
  return { size, window, windows, gridWindows, before, after: gridWindows * window - before - size };
}

/**
 * The plan for the composed kernel, or null when the case must go to the backend's own kernel:
 * overlapping or gapped windows (filterSize ≠ strides), windows wider than 2^16 cells, a dy that
 * does not match the forward output, non-float32 or non-rank-4 tensors.
 */
function planPoolGrad(x: tf.TensorInfo, dy: tf.TensorInfo, attrs: tf.MaxPoolGradAttrs): PoolGradPlan | null {
  if (x.shape.length !== 4 || dy.shape.length !== 4 || x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  const filter = toPair(attrs.filterSize);
  const strides = toPair(attrs.strides);
  if (filter[0] !== strides[0] || filter[1] !== strides[1]) return null;
  if (filter[0] < 1 || filter[1] < 1 || filter[0] * filter[1] > MAX_WINDOW_AREA) return null;
  const xShape = x.shape as Shape4D;
  const info = tf.backend_util.computePool2DInfo(
    xShape,
    filter,
    strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    'channelsLast',
  );
  if (info.outShape.some((size, axis) => size !== dy.shape[axis])) return null;
  const rows = planAxis(xShape[1], info.outHeight, filter[0], info.padInfo.top);
  const cols = planAxis(xShape[2], info.outWidth, filter[1], info.padInfo.left);
  if (rows === null || cols === null) return null;
  return { batch: xShape[0], channels: xShape[3], rows, cols };
}

/** The same data under another shape; never disposed on its own. */
function view(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** True when every value of the [B,H,W,C] tensor is finite (one global average per channel). */
function allFinite(run: RunKernel, backend: tf.KernelBackend, t: tf.TensorInfo): boolean {
  const plane: Pair = [t.shape[1]!, t.shape[2]!];
  const avg = run(tf.AvgPool, { x: t }, { filterSize: plane, strides: plane, pad: 'valid' });
  try {
    // A NaN or ±∞ anywhere makes its channel's average non-finite (so can a huge finite sum;
    // that only costs a delegation).
    return (backend.readSync(avg.dataId) as Float32Array).every(Number.isFinite);
  } finally {
    backend.disposeData(avg.dataId);
  }
}

/** [1,1,C,sw·C]: copies each pixel's C channels sw times, so output channel j·C + c is input c. */
function repeatFilter(channels: number, repeats: number): Float32Array {
  const width = repeats * channels;
  const values = new Float32Array(channels * width);
  for (let j = 0; j < repeats; j++) for (let c = 0; c < channels; c++) values[c * width + j * channels + c] = 1;
  return values;
}

/** One grid row band [sh, Wg, C]: rank sh·sw − (i·sw + j) of the cell (i, j) in its window. */
function rankPattern(rows: AxisPlan, cols: AxisPlan, channels: number): Float32Array {
  const gridWidth = cols.gridWindows * cols.window;
  const values = new Float32Array(rows.window * gridWidth * channels);
  const area = rows.window * cols.window;
  for (let i = 0; i < rows.window; i++) {
    for (let col = 0; col < gridWidth; col++) {
      const rank = area - (i * cols.window + (col % cols.window));
      values.fill(rank, (i * gridWidth + col) * channels, (i * gridWidth + col + 1) * channels);
    }
  }
  return values;
}

/** Pads a [B,H,W,C] tensor along H and W, as a [B, H, W·C] view (much faster on wasm than 4-D). */
function padSpatial(run: RunKernel, t: tf.TensorInfo, rows: Pair, cols: Pair, constantValue: number): tf.TensorInfo {
  const [batch, height, width, channels] = t.shape as Shape4D;
  const paddings = [[0, 0], rows, [cols[0] * channels, cols[1] * channels]];
  const padded = run(tf.PadV2, { x: view(t, [batch, height, width * channels]) }, { paddings, constantValue });
  return view(padded, [batch, height + rows[0] + rows[1], width + cols[0] + cols[1], channels]);
}

/**
 * [1 + before + after, ...] × [..., C, 1] depthwise filter with a single 1 per channel at
 * (before.rows, before.cols): a 'valid' depthwise convolution with it cuts the grid back to the
 * input. Exact, since every other product is 0·finite, and its +0 accumulator turns −0 into +0.
 */
function cropFilter(rows: AxisPlan, cols: AxisPlan, channels: number): { values: Float32Array; shape: Shape4D } {
  const shape: Shape4D = [1 + rows.before + rows.after, 1 + cols.before + cols.after, channels, 1];
  const values = new Float32Array(shape[0] * shape[1] * channels);
  values.fill(
    1,
    (rows.before * shape[1] + cols.before) * channels,
    (rows.before * shape[1] + cols.before + 1) * channels,
  );
  return { values, shape };
}

function composePoolGrad(
  run: RunKernel,
  backend: tf.KernelBackend,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  plan: PoolGradPlan,
): tf.TensorInfo {
  const { batch, channels, rows, cols } = plan;
  const window: Pair = [rows.window, cols.window];
  const gridShape = [batch, rows.gridWindows * rows.window, cols.gridWindows * cols.window, channels];
  const bands = batch * rows.gridWindows;
  const bandWidth = gridShape[2]! * channels;
  // A grid row band: [band, i, (col, c)] for every cell, [band, 1, (col, c)] for a window value.
  const cells = [bands, rows.window, bandWidth];
  const perWindow = [bands, 1, bandWidth];
  const owned: tf.TensorInfo[] = [];
  const keep = (t: tf.TensorInfo): tf.TensorInfo => {
    owned.push(t);
    return t;
  };
  const constant = (values: Float32Array, shape: number[]): tf.TensorInfo =>
    keep({ dataId: backend.write(values, shape, 'float32'), shape, dtype: 'float32' });
  const poolAttrs = { filterSize: window, strides: window, pad: 'valid' } satisfies tf.MaxPoolAttrs;
  const convAttrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 } satisfies tf.Conv2DAttrs;
  const onGrid = rows.before + rows.after + cols.before + cols.after === 0;
  try {
    const grid = onGrid ? x : keep(padSpatial(run, x, [rows.before, rows.after], [cols.before, cols.after], -Infinity));
    const phantoms: [Pair, Pair] = [
      [0, rows.gridWindows - rows.windows],
      [0, cols.gridWindows - cols.windows],
    ];
    const gridDy = phantoms[0][1] + phantoms[1][1] === 0 ? dy : keep(padSpatial(run, dy, ...phantoms, 0));
    const repeat = constant(repeatFilter(channels, cols.window), [1, 1, channels, cols.window * channels]);
    // Window values repeated over a window's columns: [B, oh, ow, sw·C] = [band, 1, (col, c)].
    const upColumns = (t: tf.TensorInfo) => view(keep(run(tf.Conv2D, { x: t, filter: repeat }, convAttrs)), perWindow);
    const pooled = keep(run(tf.MaxPool, { x: grid }, poolAttrs));
    const gap = keep(run(tf.Sub, { a: upColumns(pooled), b: view(grid, cells) }, {}));
    const marked = keep(run(tf.Step, { x: gap }, { alpha: MAX_MARK }));
    const rank = constant(rankPattern(rows, cols, channels), [1, rows.window * bandWidth]);
    const scored = keep(run(tf.Add, { a: view(marked, [bands, rows.window * bandWidth]), b: rank }, {}));
    const best = keep(run(tf.MaxPool, { x: view(scored, gridShape) }, poolAttrs));
    const minusOne = constant(new Float32Array(cols.window * channels).fill(-1), [cols.window * channels]);
    const fusedAttrs = { ...convAttrs, activation: 'linear' } satisfies Omit<tf.FusedConv2DAttrs, 'dimRoundingMode'>;
    const threshold = keep(run(tf.FusedConv2D, { x: best, filter: repeat, bias: minusOne }, fusedAttrs));
    const margin = keep(run(tf.Sub, { a: view(scored, cells), b: view(threshold, perWindow) }, {}));
    const oneHot = keep(run(tf.Relu, { x: margin }, {}));
    const routed = view(keep(run(tf.Multiply, { a: oneHot, b: upColumns(gridDy) }, {})), gridShape);
    if (onGrid) return run(tf.Add, { a: routed, b: constant(new Float32Array(1), []) }, {});
    const crop = cropFilter(rows, cols, channels);
    return run(tf.DepthwiseConv2dNative, { x: routed, filter: constant(crop.values, crop.shape) }, convAttrs);
  } finally {
    // Once each: backends refcount data, so a kernel that aliased its input stays correct.
    for (const info of owned) backend.disposeData(info.dataId);
  }
}

/**
 * A MaxPoolGrad kernel for `backendName` (meant for wasm; cpu works too, for testing) built from
 * that backend's MaxPool, AvgPool, Conv2D, FusedConv2D, DepthwiseConv2dNative, Sub, Add,
 * Multiply, Step, Relu and PadV2 kernels.
 *
 * Inputs: dy [B,oh,ow,C] and input x [B,H,W,C], both float32 NHWC; `output` is not read. Attrs as
 * tfjs-core's MaxPoolGradAttrs. Returns dx [B,H,W,C] float32, owned by the engine like any kernel
 * output; every intermediate is freed before returning. The gradient of each window goes to its
 * first maximum in row-major order, like the cpu kernel (see the file comment for how wasm's own
 * kernel differs).
 *
 * Handles non-overlapping windows (filterSize = strides, square or not) with any padding
 * ('valid', 'same', numeric with any dimRoundingMode, explicit) as long as every window holds at
 * least one input cell. Delegates to `fallback` (the backend's own kernel) for overlapping or
 * gapped windows, windows of more than 2^16 cells, shapes that do not match, and whenever x or dy
 * holds a NaN or ±∞ (checked with one global AvgPool each, read back synchronously, so register
 * this only on backends where readSync is cheap: cpu, wasm).
 */
export function maxPoolGradKernel(backendName: string, fallback: tf.KernelFunc): tf.KernelConfig {
  return {
    kernelName: tf.MaxPoolGrad,
    backendName,
    kernelFunc: (args) => {
      const { dy, input } = args.inputs as tf.MaxPoolGradInputs;
      const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
      const plan = dy && input ? planPoolGrad(input, dy, attrs) : null;
      if (!dy || !input || !plan) return fallback(args);
      const backend = args.backend as tf.KernelBackend;
      const run: RunKernel = (name, inputs, kernelAttrs) =>
        callKernel('MaxPoolGrad', name, backendName, backend, inputs, kernelAttrs);
      if (!allFinite(run, backend, input) || !allFinite(run, backend, dy)) return fallback(args);
      return composePoolGrad(run, backend, input, dy, plan);
    },
  };
}
