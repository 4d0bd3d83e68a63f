/**
 * ModelSpec: a plain, serialisable description of a sequential CNN.
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

export type LayerSpec = Conv2dLayer | PoolLayer | FlattenLayer | DenseLayer | DropoutLayer;
export type LayerKind = LayerSpec['kind'];

export interface ModelSpec {
  /** Always [28, 28, 1] for MNIST. */
  inputShape: [number, number, number];
  layers: LayerSpec[];
}

/** A layer's output shape: [h, w, c] after conv/pool, [units] after flatten/dense. */
export type Shape = number[];
