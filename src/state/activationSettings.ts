/** What the activation explorable computes with, built from its URL state: the feature map before the activation. */
import { conv2d, KERNEL_PRESETS, type Matrix } from '../core/convolution';
import { EXAMPLE_GRID, syntheticImage } from '../core/sampleInputs';
import type { ActivationParams } from './activationParams';

/** Side of the synthetic test image the 'image' source uses. */
const IMAGE_SIZE = 32;

/** The source ('grid': the 5×5 example, 'image': the 32×32 test image) convolved with the preset kernel ('same' padding), plus the bias. */
export function featureMapOf({ source, kernel, bias }: Pick<ActivationParams, 'source' | 'kernel' | 'bias'>): Matrix {
  const input = source === 'grid' ? EXAMPLE_GRID : syntheticImage(IMAGE_SIZE);
  return conv2d(input, KERNEL_PRESETS[kernel].kernel, { stride: 1, padding: 'same', dilation: 1 }, bias);
}
