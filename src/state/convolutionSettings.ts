/**
 * What the convolution explorable computes with, built from its URL state: the input grid,
 * the kernel, the convolution settings and the animation pace; and the state changes its
 * form and grids ask for. Every returned matrix is new and belongs to the caller.
 */
import { KERNEL_PRESETS, type ConvSettings, type Matrix } from '../core/convolution';
import { stepsPerSecond } from '../core/playback';
import { gridOfSize } from '../core/sampleInputs';
import type { ConvolutionParams } from './explorableParams';

/** At 1× a big input (a 28×28 digit) sweeps its output in about this many seconds. */
const LONGEST_SWEEP_SECONDS = 20;

/** The kernel a page state asks for: a preset, an identity of another size, or custom weights (row-major). */
export function kernelOf(params: Pick<ConvolutionParams, 'kernel' | 'preset' | 'weights'>): Matrix {
  const k = params.kernel;
  if (params.preset === 'custom') return Array.from({ length: k }, (_, r) => params.weights.slice(r * k, r * k + k));
  if (params.preset !== 'identity') return KERNEL_PRESETS[params.preset].kernel.map((row) => [...row]);
  const centre = Math.floor((k - 1) / 2);
  return Array.from({ length: k }, (_, r) =>
    Array.from({ length: k }, (_, c) => (r === centre && c === centre ? 1 : 0)),
  );
}

/** The input grid: the user's edited values, else the generated grid for the size and seed. */
export function inputOf({ size, seed, cells }: Pick<ConvolutionParams, 'size' | 'seed' | 'cells'>): Matrix {
  if (cells.length === size * size)
    return Array.from({ length: size }, (_, r) => cells.slice(r * size, r * size + size));
  return gridOfSize(size, seed);
}

/** Stride, padding (a named mode, or the explicit zeros on every side) and dilation of the page state. */
export function convSettingsOf({
  stride,
  pad,
  dilation,
}: Pick<ConvolutionParams, 'stride' | 'pad' | 'dilation'>): ConvSettings {
  const padding = pad === 'valid' || pad === 'same' || pad === 'full' ? pad : Number(pad);
  return { stride, padding, dilation };
}

/** Steps per second for `cells` output cells at `speed`: small grids slowly enough to follow, big ones in about 20 s at 1×. */
export function convolutionStepsPerSecond(cells: number, speed: number): number {
  return stepsPerSecond(speed, cells, LONGEST_SWEEP_SECONDS);
}

/**
 * The edited input after a click on cell (row, col): that value counts up by one, wrapping
 * after 9 to 0, so a grid can be edited with a pointer or keyboard. Row-major, like `cells`.
 */
export function bumpedCells(input: Matrix, row: number, col: number): number[] {
  const cells = input.flat();
  const index = row * (input[0]?.length ?? 0) + col;
  const value = cells[index]!;
  cells[index] = value >= 9 ? 0 : Math.floor(value) + 1;
  return cells;
}

/**
 * The state change for a new kernel size: a 3×3 preset stays when the size is 3; any other
 * size (or a custom kernel) starts from the identity, dropping the custom weights.
 */
export function kernelSizeChange(state: Pick<ConvolutionParams, 'preset'>, kernel: number): Partial<ConvolutionParams> {
  return { kernel, preset: kernel === 3 && state.preset !== 'custom' ? state.preset : 'identity', weights: [] };
}
