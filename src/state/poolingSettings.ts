/**
 * What the pooling explorable computes with, built from its URL state: the pooling settings,
 * the cell being written, and the ten feature maps of its "maps" view.
 */
import { conv2d, KERNEL_PRESETS, type Matrix } from '../core/convolution';
import type { GridCell, PoolLayout, PoolSettings } from '../core/pooling';
import type { PoolingParams } from './explorableParams';

/** The 10 filters whose ReLU responses make the feature maps: the 7 presets and 3 more. */
export const FEATURE_FILTERS: readonly { label: string; kernel: Matrix }[] = [
  ...Object.values(KERNEL_PRESETS),
  {
    label: 'Diagonal edges (↘)',
    kernel: [
      [0, 1, 2],
      [-1, 0, 1],
      [-2, -1, 0],
    ],
  },
  {
    label: 'Diagonal edges (↙)',
    kernel: [
      [2, 1, 0],
      [1, 0, -1],
      [0, -1, -2],
    ],
  },
  {
    label: 'Negative identity',
    kernel: [
      [0, 0, 0],
      [0, -1, 0],
      [0, 0, 0],
    ],
  },
];

/** ReLU feature maps of `image`, one per {@link FEATURE_FILTERS} entry, each the size of the image ('same' padding). */
export function featureMaps(image: Matrix): Matrix[] {
  return FEATURE_FILTERS.map(({ kernel }) =>
    conv2d(image, kernel, { stride: 1, padding: 'same', dilation: 1 }).map((row) => row.map((v) => (v > 0 ? v : 0))),
  );
}

/** Kind, window size and stride of the page state. */
export function poolSettingsOf({
  pool,
  window,
  stride,
}: Pick<PoolingParams, 'pool' | 'window' | 'stride'>): PoolSettings {
  return { kind: pool, size: window, stride };
}

/** The output cell being written at animation step `step`, row by row; the last cell once every cell is written. */
export function cellAtStep(layout: Pick<PoolLayout, 'outputRows' | 'outputCols'>, step: number): GridCell {
  const index = Math.min(step, layout.outputRows * layout.outputCols - 1);
  return { row: Math.floor(index / layout.outputCols), col: index % layout.outputCols };
}
