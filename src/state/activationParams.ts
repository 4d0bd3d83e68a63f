/** URL parameters of the activation explorable (see urlSchema); the form reads its options and bounds here too. */
import { ACTIVATION_NAMES, type ActivationName } from '../core/activations';
import { KERNEL_PRESET_NAMES } from '../core/convolution';
import { parseParams, type Parsed, type Schema } from './urlSchema';

/** The 3×3 presets of core/convolution KERNEL_PRESETS, in menu order. */
const ACTIVATION_KERNELS = KERNEL_PRESET_NAMES;

export interface ActivationParams {
  fn: ActivationName;
  /** 'grid': the 5×5 example grid; 'image': the 32×32 synthetic image. Either is convolved with `kernel` ('same' padding). */
  source: 'grid' | 'image';
  kernel: (typeof ACTIVATION_KERNELS)[number];
  /** Added to every cell of the convolution before the activation. */
  bias: number;
}

export const ACTIVATION_SCHEMA = {
  fn: { kind: 'choice', options: ACTIVATION_NAMES, default: 'relu' },
  source: { kind: 'choice', options: ['grid', 'image'], default: 'grid' },
  kernel: { kind: 'choice', options: ACTIVATION_KERNELS, default: 'verticalEdge' },
  bias: { kind: 'number', min: -5, max: 5, integer: false, default: 0 },
} satisfies Schema<ActivationParams>;

export function parseActivationParams(params: URLSearchParams): Parsed<ActivationParams> {
  return parseParams<ActivationParams>(ACTIVATION_SCHEMA, params);
}
