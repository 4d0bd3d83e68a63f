import * as tf from '@tensorflow/tfjs';
import { callKernel, toPair, type Pair, type Shape4D } from './kernelUtil';
import { maxPoolGradKernel } from './poolGradKernel';

/**
 * Gradient kernels that some tfjs backends lack, composed from kernels those backends already
 * have. tfjs-backend-wasm 4.22 ships Conv2D and Conv2DBackpropInput but no
 * Conv2DBackpropFilter, so without this the backward pass of any conv layer fails on wasm.
 */

type ExplicitPadding = tf.backend_util.ExplicitPadding;

/**
 * The attrs tfjs-core's conv2DBackpropFilter op sends. `dilations` is not among them: the conv2d
 * and fused conv2d gradients assert dilations are 1, so dilated convs never reach this kernel
 * through tf.grad. We still honour `dilations` when a direct caller passes it.
 */
type BackpropFilterAttrs = tf.Conv2DBackpropFilterAttrs & { dilations?: number | Pair };

/** How to compute dW as one forward convolution of x^T [Cin,H,W,B] with dy^T [OH,OW,B,Cout]. */
interface FilterGradPlan {
  /** Explicit NHWC padding of x^T: the forward top/left pads, and enough bottom/right. */
  pad: ExplicitPadding;
  /** The forward dilations become the strides over x^T. */
  strides: Pair;
  /** The forward strides become the dilations of the dy^T "filter". */
  dilations: Pair;
  /** The requested filter shape, [kh, kw, Cin, Cout]. */
  filterShape: Shape4D;
}

/** Bottom (or right) padding so that every tap oh·s + i·d − before (i < k) lies inside. */
function trailingPad(
  inSize: number,
  outSize: number,
  filterSize: number,
  stride: number,
  dilation: number,
  before: number,
): number {
  const lastTap = (outSize - 1) * stride + (filterSize - 1) * dilation - before;
  // A negative value means the last input rows are never read; the surplus output is cropped.
  return Math.max(0, lastTap - (inSize - 1));
}

function checkSupported(attrs: BackpropFilterAttrs, strides: Pair, dilations: Pair): void {
  if (attrs.dataFormat !== 'NHWC') {
    throw new Error(
      `Conv2DBackpropFilter (composed kernel) supports only dataFormat 'NHWC', got '${attrs.dataFormat}'.`,
    );
  }
  const stridesAreOne = strides[0] === 1 && strides[1] === 1;
  const dilationsAreOne = dilations[0] === 1 && dilations[1] === 1;
  if (!stridesAreOne && !dilationsAreOne) {
    // Same rule as the forward tf.conv2d; the composed conv would need both at once.
    throw new Error(`Conv2DBackpropFilter: strides [${strides}] or dilations [${dilations}] must be 1.`);
  }
}

/** Checks the forward geometry against the shapes that arrived and plans the composed conv. */
function planFilterGrad(x: Shape4D, dy: Shape4D, attrs: BackpropFilterAttrs): FilterGradPlan {
  const strides = toPair(attrs.strides);
  const dilations = toPair(attrs.dilations);
  checkSupported(attrs, strides, dilations);
  const info = tf.backend_util.computeConv2DInfo(
    x,
    attrs.filterShape,
    strides,
    dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const expected: Shape4D = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (expected.some((size, axis) => size !== dy[axis])) {
    throw new Error(`Conv2DBackpropFilter: dy shape [${dy}] does not match forward output [${expected}].`);
  }
  const { top, left } = info.padInfo;
  const bottom = trailingPad(x[1], dy[1], info.filterHeight, strides[0], dilations[0], top);
  const right = trailingPad(x[2], dy[2], info.filterWidth, strides[1], dilations[1], left);
  return {
    pad: [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ],
    strides: dilations,
    dilations: strides,
    filterShape: attrs.filterShape,
  };
}

/**
 * dW[i,j,ci,co] = Σ_{b,oh,ow} x[b, oh·s + i·d − top, ow·s + j·d − left, ci] · dy[b,oh,ow,co],
 * which is conv2d(x^T, dy^T) with batch as the contracted channel axis.
 */
function composeFilterGrad(
  backendName: string,
  backend: tf.KernelBackend,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  plan: FilterGradPlan,
): tf.TensorInfo {
  const run = (name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) =>
    callKernel('Conv2DBackpropFilter', name, backendName, backend, inputs, attrs);
  const intermediates: tf.TensorInfo[] = [];
  const keep = (info: tf.TensorInfo): tf.TensorInfo => {
    intermediates.push(info);
    return info;
  };
  try {
    const xT = keep(run(tf.Transpose, { x }, { perm: [3, 1, 2, 0] }));
    const dyT = keep(run(tf.Transpose, { x: dy }, { perm: [1, 2, 0, 3] }));
    const convAttrs = {
      strides: plan.strides,
      dilations: plan.dilations,
      pad: plan.pad,
      dataFormat: 'NHWC',
    } satisfies tf.Conv2DAttrs;
    const wide = keep(run(tf.Conv2D, { x: xT, filter: dyT }, convAttrs as unknown as tf.NamedAttrMap));
    const cropped = cropToFilter(run, wide, plan.filterShape);
    if (cropped !== wide) keep(cropped);
    return run(tf.Transpose, { x: cropped }, { perm: [1, 2, 0, 3] });
  } finally {
    // Once each: backends refcount data, so a kernel that aliased its input stays correct.
    for (const info of intermediates) backend.disposeData(info.dataId);
  }
}

/**
 * Slices [Cin, kh', kw', Cout] to [Cin, kh, kw, Cout]; kh' > kh when a stride leaves a remainder
 * below the last tap. Returns `wide` itself when no slice is needed.
 */
function cropToFilter(
  run: (name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) => tf.TensorInfo,
  wide: tf.TensorInfo,
  filterShape: Shape4D,
): tf.TensorInfo {
  const [kh, kw, inChannels, outChannels] = filterShape;
  const size = [inChannels, kh, kw, outChannels];
  if (size.some((s, axis) => s > (wide.shape[axis] ?? 0))) {
    throw new Error(`Conv2DBackpropFilter: composed conv gave [${wide.shape}], smaller than [${size}].`);
  }
  if (size.every((s, axis) => s === wide.shape[axis])) return wide;
  return run(tf.Slice, { x: wide }, { begin: [0, 0, 0, 0], size });
}

/**
 * A Conv2DBackpropFilter kernel for `backendName`, built from that backend's Transpose, Conv2D
 * and Slice kernels. Inputs: x [B,H,W,Cin] and dy [B,OH,OW,Cout], NHWC only. Attrs as tfjs-core's
 * Conv2DBackpropFilterAttrs (strides, pad 'valid' | 'same' | number | explicit, dimRoundingMode,
 * filterShape) plus an optional `dilations`. Returns dW [kh,kw,Cin,Cout] float32, owned by the
 * engine like any kernel output; every intermediate is freed before returning.
 */
export function conv2dBackpropFilterKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.Conv2DBackpropFilter,
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as tf.Conv2DBackpropFilterInputs;
      if (x === undefined || dy === undefined || x.shape.length !== 4 || dy.shape.length !== 4) {
        throw new Error('Conv2DBackpropFilter expects rank-4 x and dy.');
      }
      const plan = planFilterGrad(x.shape as Shape4D, dy.shape as Shape4D, attrs as unknown as BackpropFilterAttrs);
      return composeFilterGrad(backendName, backend as tf.KernelBackend, x, dy, plan);
    },
  };
}

/**
 * A Conv2DBackpropInput kernel for `backendName` that, for stride 1, computes dx as a forward
 * convolution of dy with the filter flipped in space and with its channel axes swapped:
 * dx = conv2d(dy, reverse(W)^T) with pads (k−1−top, k−1−bottom). wasm's own kernel is a plain
 * loop while its Conv2D runs on XNNPACK, so this is several times faster there. Other cases
 * (strides > 1, pads wider than the kernel, NCHW) go to `fallback`, the backend's own kernel.
 */
export function conv2dBackpropInputKernel(backendName: string, fallback: tf.KernelFunc): tf.KernelConfig {
  return {
    kernelName: tf.Conv2DBackpropInput,
    backendName,
    kernelFunc: (args) => {
      const { dy, filter } = args.inputs as tf.Conv2DBackpropInputInputs;
      const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
      const pad = dy && filter ? flippedPadding(dy.shape as Shape4D, filter.shape as Shape4D, attrs) : null;
      if (!dy || !filter || !pad) return fallback(args);
      const backend = args.backend as tf.KernelBackend;
      const run = (name: string, inputs: tf.NamedTensorInfoMap, kernelAttrs: tf.NamedAttrMap) =>
        callKernel('Conv2DBackpropInput', name, backendName, backend, inputs, kernelAttrs);
      const reversed = run(tf.Reverse, { x: filter }, { dims: [0, 1] });
      try {
        const flipped = run(tf.Transpose, { x: reversed }, { perm: [0, 1, 3, 2] });
        try {
          const convAttrs = { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC' } satisfies tf.Conv2DAttrs;
          return run(tf.Conv2D, { x: dy, filter: flipped }, convAttrs as unknown as tf.NamedAttrMap);
        } finally {
          backend.disposeData(flipped.dataId);
        }
      } finally {
        backend.disposeData(reversed.dataId);
      }
    },
  };
}

/** Explicit pads of dy for the flipped-filter convolution, or null when it does not apply. */
function flippedPadding(
  dyShape: Shape4D,
  filterShape: Shape4D,
  attrs: tf.Conv2DBackpropInputAttrs,
): ExplicitPadding | null {
  const strides = toPair(attrs.strides);
  if (attrs.dataFormat !== 'NHWC' || strides[0] !== 1 || strides[1] !== 1) return null;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filterShape,
    strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { top, bottom, left, right } = info.padInfo;
  const pads: Pair[] = [
    [filterShape[0] - 1 - top, filterShape[0] - 1 - bottom],
    [filterShape[1] - 1 - left, filterShape[1] - 1 - right],
  ];
  if (pads.flat().some((p) => p < 0)) return null;
  // tfjs sizes numeric pads by the filter height alone; where that breaks the geometry, defer.
  const outRows = dyShape[1] + pads[0]![0] + pads[0]![1] - filterShape[0] + 1;
  const outCols = dyShape[2] + pads[1]![0] + pads[1]![1] - filterShape[1] + 1;
  if (outRows !== attrs.inputShape[1] || outCols !== attrs.inputShape[2]) return null;
  return [[0, 0], pads[0]!, pads[1]!, [0, 0]];
}

const configured = new Set<string>();

/**
 * Registers our gradient kernels where a backend lacks one or has a slow one: on wasm,
 * Conv2DBackpropFilter (missing), Conv2DBackpropInput and MaxPoolGrad (plain loops there); on cpu,
 * Conv2DBackpropFilter (about 15× faster composed from cpu's Conv2D). Idempotent; call it
 * before training on that backend. Registration is global to tfjs.
 */
export function registerFastGradKernels(backendName: 'wasm' | 'cpu'): void {
  if (configured.has(backendName)) return;
  configured.add(backendName);
  replaceKernel(conv2dBackpropFilterKernel(backendName));
  if (backendName !== 'wasm') return;
  // The composed kernels fall back to the backend's own ones, so read those before replacing them.
  const ownInput = tf.getKernel(tf.Conv2DBackpropInput, backendName);
  if (ownInput) replaceKernel(conv2dBackpropInputKernel(backendName, ownInput.kernelFunc));
  const ownPoolGrad = tf.getKernel(tf.MaxPoolGrad, backendName);
  if (ownPoolGrad) replaceKernel(maxPoolGradKernel(backendName, ownPoolGrad.kernelFunc));
}

function replaceKernel(config: tf.KernelConfig): void {
  if (tf.getKernel(config.kernelName, config.backendName)) tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
}
