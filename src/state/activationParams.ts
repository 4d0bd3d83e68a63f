/** URL parameters of the activation explorable (see urlSchema). */
import { ACTIVATION_NAMES, type ActivationName } from '../core/activations';
import { KERNEL_PRESET_NAMES } from '../core/convolution';
import { defaultsOf, parseParams, type Parsed, type Schema } from './urlSchema';

/** The 3×3 presets of core/convolution KERNEL_PRESETS, in menu order. */
export const ACTIVATION_KERNELS = KERNEL_PRESET_NAMES;

export interface ActivationParams {
  fn: ActivationName;
  /** 'grid': the 5×5 example grid; 'image': the 32×32 synthetic image. Either is convolved with `kernel` ('same' padding). */
  source: 'grid' | 'image';
  kernel: (typeof ACTIVATION_KERNELS)[number];
  /** Added to every cell of the convolution before the activation. */
  bias: number;
}

export const ACTIVATION_SCHEMA: Schema<ActivationParams> = {
  fn: { kind: 'choice', options: ACTIVATION_NAMES, default: 'relu' },
  source: { kind: 'choice', options: ['grid', 'image'], default: 'grid' },
  kernel: { kind: 'choice', options: ACTIVATION_KERNELS, default: 'verticalEdge' },
  bias: { kind: 'number', min: -5, max: 5, integer: false, default: 0 },
};

export const DEFAULT_ACTIVATION = defaultsOf(ACTIVATION_SCHEMA);

export function parseActivationParams(params: URLSearchParams): Parsed<ActivationParams> {
  return parseParams(ACTIVATION_SCHEMA, params);
}
