/** Short builders for the layer specs that several test files assemble by hand. */
import type { LayerSpec } from './modelSpec';

export const flatten: LayerSpec = { kind: 'flatten' };

/** The MNIST classifier every valid spec ends with. */
export const classifier: LayerSpec = { kind: 'dense', units: 10, activation: 'softmax' };

export const inception = (filters1x1: number, filters3x3: number, filters5x5: number, poolProj: number): LayerSpec => ({
  kind: 'inception',
  filters1x1,
  filters3x3,
  filters5x5,
  poolProj,
});

export const residual = (filters: number): LayerSpec => ({ kind: 'residual', filters });
