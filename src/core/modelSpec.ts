/**
 * ModelSpec: a plain, serialisable description of a sequential CNN. A layer may be a small
 * block (Inception-style or residual) whose branches live inside it: the spec stays a chain.
 * Layer kinds come from this discriminated union (`kind`), never from names.
 * Shapes are [height, width, channels] (HWC), batch dimension excluded.
 */

export type Activation = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh' | 'linear' | 'softmax';
export type Padding = 'valid' | 'same';

export interface Conv2dLayer {
  kind: 'conv2d';
  filters: number;
  kernelSize: number;
  stride: number;
  padding: Padding;
  activation: Activation;
}

export interface PoolLayer {
  kind: 'maxPool' | 'avgPool';
  poolSize: number;
  stride: number;
}

export interface FlattenLayer {
  kind: 'flatten';
}

export interface DenseLayer {
  kind: 'dense';
  units: number;
  activation: Activation;
}

export interface DropoutLayer {
  kind: 'dropout';
  /** Fraction of units dropped while training, in [0, 1). */
  rate: number;
}

/**
 * An Inception-style block on an [h, w, C] input: four parallel branches, all stride 1 with
 * 'same' padding and relu — a 1×1 conv, a 3×3 conv, a 5×5 conv, and a 3×3 max pool (stride 1,
 * same) followed by a 1×1 conv — concatenated along channels into
 * [h, w, filters1x1 + filters3x3 + filters5x5 + poolProj].
 */
export interface InceptionLayer {
  kind: 'inception';
  filters1x1: number;
  filters3x3: number;
  filters5x5: number;
  /** Filters of the 1×1 conv after the 3×3 max pool. */
  poolProj: number;
}

/**
 * A residual block on an [h, w, C] input: conv 3×3 same relu → conv 3×3 same (linear), plus a
 * shortcut (the input itself when C equals `filters`, else a 1×1 conv with bias), added, then
 * relu → [h, w, filters].
 */
export interface ResidualLayer {
  kind: 'residual';
  filters: number;
}

export type LayerSpec =
  | Conv2dLayer
  | PoolLayer
  | FlattenLayer
  | DenseLayer
  | DropoutLayer
  | InceptionLayer
  | ResidualLayer;
export type LayerKind = LayerSpec['kind'];

export interface ModelSpec {
  /** Always [28, 28, 1] for MNIST. */
  inputShape: [number, number, number];
  layers: LayerSpec[];
}

/** A layer's output shape: [h, w, c] after conv/pool, [units] after flatten/dense. */
export type Shape = number[];
