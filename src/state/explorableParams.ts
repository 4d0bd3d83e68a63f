/**
 * URL parameters of the convolution and pooling explorables (see urlSchema). The schemas keep
 * their literal field types (`satisfies`), so forms can read each field's bounds and options.
 */
import { KERNEL_PRESET_NAMES as PRESET_KERNELS } from '../core/convolution';
import { POOL_KINDS, type PoolKind } from '../core/pooling';
import { SPEEDS, type Speed } from '../core/playback';
import { parseParams, type Parsed, type Schema } from './urlSchema';

/** The `preset` choices: core's preset kernels in menu order, then 'custom' (weights from the URL). */
const KERNEL_CHOICES = [...PRESET_KERNELS, 'custom'] as const;
type KernelChoice = (typeof KERNEL_CHOICES)[number];

export interface ConvolutionParams {
  /** 'grid': a small grid of integers; 'digit': a real 28×28 MNIST test digit. */
  input: 'grid' | 'digit';
  /** Which of the 10,000 test digits. */
  digit: number;
  /** Input side length: 5 shows the example grid, other sizes a seeded random grid. */
  size: number;
  seed: number;
  /** Input values edited by the user, row-major (size×size of them); empty = the generated grid. */
  cells: number[];
  /** Kernel side length (presets are 3×3). */
  kernel: number;
  preset: KernelChoice;
  /** Custom kernel values, row-major (kernel×kernel of them). */
  weights: number[];
  bias: number;
  stride: number;
  /** valid, same, full, or explicit zero-padding on every side. */
  pad: 'valid' | 'same' | 'full' | '0' | '1' | '2' | '3';
  dilation: number;
  speed: Speed;
}

export const CONVOLUTION_SCHEMA = {
  input: { kind: 'choice', options: ['grid', 'digit'], default: 'grid' },
  digit: { kind: 'number', min: 0, max: 9999, integer: true, default: 0 },
  size: { kind: 'number', min: 3, max: 9, integer: true, default: 5 },
  seed: { kind: 'number', min: 0, max: 9999, integer: true, default: 1 },
  cells: { kind: 'numbers', min: -99, max: 99, maxLength: 81, default: [] },
  kernel: { kind: 'number', min: 1, max: 5, integer: true, default: 3 },
  preset: { kind: 'choice', options: KERNEL_CHOICES, default: 'verticalEdge' },
  weights: { kind: 'numbers', min: -99, max: 99, maxLength: 25, default: [] },
  bias: { kind: 'number', min: -10, max: 10, integer: false, default: 0 },
  stride: { kind: 'number', min: 1, max: 4, integer: true, default: 1 },
  pad: { kind: 'choice', options: ['valid', 'same', 'full', '0', '1', '2', '3'], default: 'valid' },
  dilation: { kind: 'number', min: 1, max: 3, integer: true, default: 1 },
  speed: { kind: 'choice', options: SPEEDS, default: 1 },
} satisfies Schema<ConvolutionParams>;

export interface PoolingParams {
  /** 'grid': one small grid; 'maps': 10 feature maps of a 32×32 image at once. */
  source: 'grid' | 'maps';
  size: number;
  seed: number;
  pool: PoolKind;
  window: number;
  stride: number;
  speed: Speed;
}

export const POOLING_SCHEMA = {
  source: { kind: 'choice', options: ['grid', 'maps'], default: 'grid' },
  size: { kind: 'number', min: 3, max: 9, integer: true, default: 6 },
  seed: { kind: 'number', min: 0, max: 9999, integer: true, default: 1 },
  pool: { kind: 'choice', options: POOL_KINDS, default: 'max' },
  window: { kind: 'number', min: 2, max: 3, integer: true, default: 2 },
  stride: { kind: 'number', min: 1, max: 3, integer: true, default: 2 },
  speed: { kind: 'choice', options: SPEEDS, default: 1 },
} satisfies Schema<PoolingParams>;

/** Reads the convolution explorable's state; custom weights of the wrong count fall back to the preset. */
export function parseConvolutionParams(params: URLSearchParams): Parsed<ConvolutionParams> {
  const parsed = parseParams<ConvolutionParams>(CONVOLUTION_SCHEMA, params);
  const { kernel, preset, weights, size, cells } = parsed.value;
  if (cells.length > 0 && cells.length !== size * size) {
    parsed.notices.push(
      `An edited ${size}×${size} input needs ${size * size} values but got ${cells.length}; using the generated grid.`,
    );
    parsed.value.cells = [];
  }
  if (preset === 'custom' && weights.length !== kernel * kernel) {
    parsed.notices.push(
      `A custom ${kernel}×${kernel} kernel needs ${kernel * kernel} weights but got ${weights.length}; using zeros.`,
    );
    parsed.value.weights = new Array<number>(kernel * kernel).fill(0);
  }
  if (preset !== 'custom' && preset !== 'identity' && kernel !== 3) {
    parsed.notices.push(`The ${preset} preset is 3×3; kernel=${kernel} uses the identity kernel instead.`);
    parsed.value.preset = 'identity';
  }
  return parsed;
}

export function parsePoolingParams(params: URLSearchParams): Parsed<PoolingParams> {
  return parseParams<PoolingParams>(POOLING_SCHEMA, params);
}
