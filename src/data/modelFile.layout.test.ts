import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import { analyzeSpec } from '../core/shapes';
import { expectedWeights, sizeOf } from './modelFile';

describe('expectedWeights', () => {
  it('lists the default spec’s kernels and biases in tfjs order with hand-worked shapes', () => {
    expect(expectedWeights(DEFAULT_SPEC)).toEqual([
      { name: 'L1_conv2d/kernel', shape: [5, 5, 1, 8] },
      { name: 'L1_conv2d/bias', shape: [8] },
      { name: 'L3_conv2d/kernel', shape: [5, 5, 8, 16] },
      { name: 'L3_conv2d/bias', shape: [16] },
      { name: 'L6_dense/kernel', shape: [256, 10] },
      { name: 'L6_dense/bias', shape: [10] },
    ]);
  });

  it.each(Object.entries(PRESET_SPECS))(
    'holds exactly the parameters analyzeSpec counts for preset %s',
    (_id, { spec }) => {
      const total = expectedWeights(spec).reduce((sum, w) => sum + sizeOf(w.shape), 0);
      expect(total).toBe(analyzeSpec(spec).totalParams);
      expect(total).toBeGreaterThan(0);
    },
  );

  it('lists an Inception block’s four branch convs, 1×1, 3×3, 5×5 then pool projection, with hand-worked shapes', () => {
    expect(expectedWeights(PRESET_SPECS.inception!.spec)).toEqual([
      { name: 'L1_conv2d/kernel', shape: [3, 3, 1, 8] },
      { name: 'L1_conv2d/bias', shape: [8] },
      { name: 'L3_inception_1x1/kernel', shape: [1, 1, 8, 8] },
      { name: 'L3_inception_1x1/bias', shape: [8] },
      { name: 'L3_inception_3x3/kernel', shape: [3, 3, 8, 8] },
      { name: 'L3_inception_3x3/bias', shape: [8] },
      { name: 'L3_inception_5x5/kernel', shape: [5, 5, 8, 4] },
      { name: 'L3_inception_5x5/bias', shape: [4] },
      { name: 'L3_inception_poolproj/kernel', shape: [1, 1, 8, 4] },
      { name: 'L3_inception_poolproj/bias', shape: [4] },
      // 7·7·(8+8+4+4) = 1176 inputs.
      { name: 'L6_dense/kernel', shape: [1176, 10] },
      { name: 'L6_dense/bias', shape: [10] },
    ]);
  });

  it('lists a residual block’s two convs, and its projection only when the channels change', () => {
    const spec: ModelSpec = {
      inputShape: [28, 28, 1],
      layers: [
        { kind: 'residual', filters: 4 },
        { kind: 'residual', filters: 4 },
        { kind: 'maxPool', poolSize: 4, stride: 4 },
        { kind: 'flatten' },
        { kind: 'dense', units: 10, activation: 'softmax' },
      ],
    };
    expect(expectedWeights(spec)).toEqual([
      { name: 'L1_residual_conv1/kernel', shape: [3, 3, 1, 4] },
      { name: 'L1_residual_conv1/bias', shape: [4] },
      { name: 'L1_residual_conv2/kernel', shape: [3, 3, 4, 4] },
      { name: 'L1_residual_conv2/bias', shape: [4] },
      { name: 'L1_residual_proj/kernel', shape: [1, 1, 1, 4] },
      { name: 'L1_residual_proj/bias', shape: [4] },
      { name: 'L2_residual_conv1/kernel', shape: [3, 3, 4, 4] },
      { name: 'L2_residual_conv1/bias', shape: [4] },
      { name: 'L2_residual_conv2/kernel', shape: [3, 3, 4, 4] },
      { name: 'L2_residual_conv2/bias', shape: [4] },
      { name: 'L5_dense/kernel', shape: [196, 10] },
      { name: 'L5_dense/bias', shape: [10] },
    ]);
  });

  it('gives the default spec 5,994 parameters', () => {
    expect(expectedWeights(DEFAULT_SPEC).reduce((sum, w) => sum + sizeOf(w.shape), 0)).toBe(5_994);
  });
});

describe('sizeOf', () => {
  it.each([
    [[5, 5, 1, 8], 200],
    [[256, 10], 2560],
    [[10], 10],
    [[], 1],
    [[3, 0], 0],
  ])('multiplies %j out to %i', (shape, size) => {
    expect(sizeOf(shape)).toBe(size);
  });
});
