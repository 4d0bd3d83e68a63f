/**
 * Output-size arithmetic for convolution and pooling along one spatial axis.
 * This is the single home of these formulas: shape inference, the explorables and
 * the tests all use it. Sizes are counts of cells; nothing here allocates.
 */

import type { Padding } from './modelSpec';

/**
 * How an input is padded along one axis:
 * - `'valid'`: no padding;
 * - `'same'`: TensorFlow's SAME rule, output = ceil(n / stride), pads possibly asymmetric;
 * - `'full'`: every input cell is covered by every kernel tap, d·(k−1) per side;
 * - a number p: explicit symmetric padding, p cells on each side.
 */
export type PaddingMode = Padding | 'full' | number;

/**
 * Output length along one axis of a convolution.
 * Explicit, `'valid'` (p = 0) and `'full'` (p = d·(k−1)) use floor((n + 2p − d·(k−1) − 1) / s) + 1;
 * `'same'` uses TensorFlow's ceil(n / s), independent of kernel size and dilation.
 * The result may be below 1 when the (dilated) kernel does not fit; callers decide how
 * to report that.
 */
export function convOutputSize(
  inputSize: number,
  kernelSize: number,
  stride: number,
  padding: PaddingMode,
  dilation = 1,
): number {
  if (padding === 'same') return Math.ceil(inputSize / stride);
  const perSide = symmetricPadding(kernelSize, padding, dilation);
  const span = dilatedKernelSize(kernelSize, dilation);
  return Math.floor((inputSize + 2 * perSide - span) / stride) + 1;
}

/**
 * Cells of zero padding added before (top/left) and after (bottom/right) the input.
 * For `'same'` this follows TensorFlow: total = max((out − 1)·s + d·(k−1) + 1 − n, 0),
 * before = floor(total / 2), after = total − before, so any odd cell goes after.
 */
export function paddingAmounts(
  inputSize: number,
  kernelSize: number,
  stride: number,
  padding: PaddingMode,
  dilation = 1,
): { before: number; after: number } {
  if (padding !== 'same') {
    const perSide = symmetricPadding(kernelSize, padding, dilation);
    return { before: perSide, after: perSide };
  }
  const out = convOutputSize(inputSize, kernelSize, stride, 'same');
  const needed = (out - 1) * stride + dilatedKernelSize(kernelSize, dilation) - inputSize;
  const total = Math.max(needed, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before };
}

/**
 * Output length along one axis of a max or average pool: the convolution arithmetic
 * with the pool window as the kernel and no dilation. May be below 1, as for convolution.
 */
export function poolOutputSize(
  inputSize: number,
  poolSize: number,
  stride: number,
  padding: Padding = 'valid',
): number {
  return convOutputSize(inputSize, poolSize, stride, padding);
}

/**
 * Output length along one axis of a PyTorch max/avg pool, which pads explicitly (p cells on
 * each side): floor (or ceil with `ceilMode`, PyTorch's `ceil_mode=True`) of (n + 2p − k) / s,
 * plus 1; in ceil mode a last window that would start in the right padding is dropped.
 * May be below 1 when the window does not fit.
 */
export function torchPoolOutputSize(
  inputSize: number,
  poolSize: number,
  stride: number,
  padding: number,
  ceilMode: boolean,
): number {
  const span = inputSize + 2 * padding - poolSize;
  let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceilMode && (out - 1) * stride >= inputSize + padding) out -= 1;
  return out;
}

/** Extent of a kernel of `kernelSize` taps spread `dilation` cells apart: d·(k−1) + 1. */
function dilatedKernelSize(kernelSize: number, dilation: number): number {
  return dilation * (kernelSize - 1) + 1;
}

function symmetricPadding(kernelSize: number, padding: 'valid' | 'full' | number, dilation: number): number {
  if (padding === 'valid') return 0;
  if (padding === 'full') return dilation * (kernelSize - 1);
  return padding;
}
