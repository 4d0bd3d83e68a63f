/**
 * ModelSpec: a plain, serialisable description of a sequential CNN. A layer may be a small
 * block (Inception-style or residual) whose branches live inside it: the spec stays a chain.
 * Layer kinds come from this discriminated union (`kind`), never from names.
 * Shapes are [height, width, channels] (HWC), batch dimension excluded.
 */

/** Every layer kind, in the order the editor's menus list them. */
export const LAYER_KINDS = [
  'conv2d',
  'maxPool',
  'avgPool',
  'flatten',
  'dense',
  'dropout',
  'inception',
  'residual',
] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/** The activations a conv or dense layer can apply, in the order menus and messages list them. */
export const LAYER_ACTIVATIONS = ['relu', 'leakyRelu', 'sigmoid', 'tanh', 'linear', 'softmax'] as const;
export type Activation = (typeof LAYER_ACTIVATIONS)[number];

/** How a conv layer pads its input: not at all, or TensorFlow's SAME rule (see convGeometry). */
export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

/** What every layer has: its kind, one of LAYER_KINDS (so a kind cannot be left out of the list). */
interface LayerOf<Kind extends LayerKind> {
  kind: Kind;
}

export interface Conv2dLayer extends LayerOf<'conv2d'> {
  filters: number;
  kernelSize: number;
  stride: number;
  padding: Padding;
  activation: Activation;
}

export interface PoolLayer extends LayerOf<'maxPool' | 'avgPool'> {
  poolSize: number;
  stride: number;
}

export type FlattenLayer = LayerOf<'flatten'>;

export interface DenseLayer extends LayerOf<'dense'> {
  units: number;
  activation: Activation;
}

export interface DropoutLayer extends LayerOf<'dropout'> {
  /** Fraction of units dropped while training, in [0, 1). */
  rate: number;
}

/**
 * An Inception-style block on an [h, w, C] input: four parallel branches, all stride 1 with
 * 'same' padding and relu — a 1×1 conv, a 3×3 conv, a 5×5 conv, and a 3×3 max pool (stride 1,
 * same) followed by a 1×1 conv — concatenated along channels into
 * [h, w, filters1x1 + filters3x3 + filters5x5 + poolProj].
 */
export interface InceptionLayer extends LayerOf<'inception'> {
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
export interface ResidualLayer extends LayerOf<'residual'> {
  filters: number;
}

export type LayerSpec =
  Conv2dLayer | PoolLayer | FlattenLayer | DenseLayer | DropoutLayer | InceptionLayer | ResidualLayer;

export interface ModelSpec {
  /** Always [28, 28, 1] for MNIST. */
  inputShape: [number, number, number];
  layers: LayerSpec[];
}

/** A layer's output shape: [h, w, c] after conv/pool, [units] after flatten/dense. */
export type Shape = number[];
