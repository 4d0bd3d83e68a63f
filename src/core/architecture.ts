/**
 * The history chapter's description language for famous CNN architectures (LeNet-5,
 * AlexNet, VGG-16, GoogLeNet, ResNet): its layer types, and how it writes a layer or a shape.
 * Its settings checks are in architectureSettings, shape inference and parameter counts in
 * architectureAnalysis, helpers that build layers in architectureBuilders, and the networks
 * themselves in architectureZoo. The app's own layer language is ModelSpec (modelSpec.ts).
 *
 * Shapes are HWC ([height, width, channels]) or [units], batch dimension excluded. Layers
 * form a sequence; two block kinds hold parallel branches: `concat` (outputs concatenated
 * along channels, as in an Inception module) and `residual` (a main branch plus an optional
 * shortcut branch, outputs added). A `sequence` block groups layers under one label, e.g.
 * a ResNet stage or a conv + batch-norm + ReLU unit. Counts follow PyTorch semantics
 * (explicit symmetric padding, `ceil_mode` pooling, adaptive average pooling).
 */

import { formatShape } from './layerChecks';
import type { Padding, PoolLayer } from './modelSpec';

/** Convolution padding: none, TensorFlow's SAME rule, or p cells on every side. */
export type ArchPadding = Padding | number;

/** A 2-D convolution; `kernel` is k (square) or [kh, kw]. Defaults: stride 1, 'valid', bias on. */
export interface ArchConv2d {
  kind: 'conv2d';
  filters: number;
  kernel: number | readonly [number, number];
  stride?: number;
  padding?: ArchPadding;
  bias?: boolean;
  label?: string;
}

/** Batch normalisation over the last axis: gamma and beta are trainable, running stats are not. */
export interface ArchBatchNorm {
  kind: 'batchNorm';
  /** Kept for fidelity to the reference (e.g. 0.001 in GoogLeNet); it does not change counts. */
  eps?: number;
  label?: string;
}

/** An element-wise activation: no parameters, shape unchanged. */
export interface ArchActivation {
  kind: 'relu' | 'tanh';
  label?: string;
}

/** Local response normalisation across channels: no parameters, shape unchanged. */
export interface ArchLrn {
  kind: 'lrn';
  /** Number of neighbouring channels summed over. */
  size?: number;
  label?: string;
}

/**
 * Max or average pooling with a square window. Stride defaults to the window size and padding
 * to 0 (PyTorch's defaults); `ceilMode` is torchvision's `ceil_mode=True`.
 */
export interface ArchPool {
  kind: PoolLayer['kind'];
  size: number;
  stride?: number;
  padding?: number;
  ceilMode?: boolean;
  label?: string;
}

/** Adaptive average pooling to a fixed output size (default 1×1: global average pooling). */
export interface ArchAdaptiveAvgPool {
  kind: 'adaptiveAvgPool';
  size?: number | readonly [number, number];
  label?: string;
}

/** HWC volume → vector of h·w·c values. */
export interface ArchFlatten {
  kind: 'flatten';
  label?: string;
}

/** Fully connected layer on a vector. Bias defaults to on. */
export interface ArchDense {
  kind: 'dense';
  units: number;
  bias?: boolean;
  label?: string;
}

/** Dropout: no parameters, shape unchanged. */
export interface ArchDropout {
  kind: 'dropout';
  rate: number;
  label?: string;
}

/** Parallel branches on the same input whose outputs are concatenated along channels. */
export interface ArchConcat {
  kind: 'concat';
  label: string;
  /** Each branch is a sequence of layers; an empty branch passes the input through. */
  branches: readonly (readonly ArchLayer[])[];
}

/**
 * A main branch and a shortcut branch on the same input whose outputs are added, then
 * optionally passed through an activation. No shortcut (or an empty one) is the identity.
 */
export interface ArchResidual {
  kind: 'residual';
  label: string;
  main: readonly ArchLayer[];
  shortcut?: readonly ArchLayer[];
  /** Activation applied after the addition (ResNet applies ReLU). */
  activation?: 'relu';
}

/** Layers run one after another and reported as one row, e.g. a ResNet stage. */
export interface ArchSequence {
  kind: 'sequence';
  label: string;
  layers: readonly ArchLayer[];
}

/** Any layer or block of an architecture. */
export type ArchLayer =
  | ArchConv2d
  | ArchBatchNorm
  | ArchActivation
  | ArchLrn
  | ArchPool
  | ArchAdaptiveAvgPool
  | ArchFlatten
  | ArchDense
  | ArchDropout
  | ArchConcat
  | ArchResidual
  | ArchSequence;

export type ArchLayerKind = ArchLayer['kind'];

/** A layer that is not a block: it holds no other layers. */
export type ArchSimpleLayer = Exclude<ArchLayer, ArchConcat | ArchResidual | ArchSequence>;

/** A whole network: an input shape and a sequence of layers and blocks. */
export interface Architecture {
  /** Short name, e.g. "AlexNet". */
  name: string;
  /** [height, width, channels]. */
  inputShape: readonly [number, number, number];
  layers: readonly ArchLayer[];
  /** Which reference implementation the counts match, and any deviation from the paper. */
  source: string;
}

/** "28×28×256", "1000", or "?" for an empty shape, which analyses use for "unknown". */
export function formatArchShape(shape: unknown): string {
  return Array.isArray(shape) && shape.length === 0 ? '?' : formatShape(shape);
}

/** A compact label for a layer, e.g. "conv 64 11×11 s4 p2", "max pool 3×3 s2 ceil", or a block's own label. */
export function archLayerLabel(layer: ArchLayer): string {
  if (layer.kind === 'concat' || layer.kind === 'residual' || layer.kind === 'sequence') return layer.label;
  if (layer.label !== undefined) return layer.label;
  switch (layer.kind) {
    case 'conv2d': {
      const [kh, kw] = kernelOf(layer);
      const stride = layer.stride ?? 1;
      const padding = layer.padding ?? 'valid';
      const pad = padding === 'same' ? ' same' : padding === 'valid' || padding === 0 ? '' : ` p${padding}`;
      return `conv ${layer.filters} ${kh}×${kw}${stride === 1 ? '' : ` s${stride}`}${pad}${layer.bias === false ? ' no bias' : ''}`;
    }
    case 'batchNorm':
      return 'batch norm';
    case 'relu':
      return 'ReLU';
    case 'tanh':
      return 'tanh';
    case 'lrn':
      return 'local response norm';
    case 'maxPool':
    case 'avgPool': {
      const name = layer.kind === 'maxPool' ? 'max pool' : 'avg pool';
      const stride = layer.stride ?? layer.size;
      const pad = layer.padding ? ` p${layer.padding}` : '';
      return `${name} ${layer.size}×${layer.size} s${stride}${pad}${layer.ceilMode ? ' ceil' : ''}`;
    }
    case 'adaptiveAvgPool': {
      const [oh, ow] = adaptiveSizeOf(layer);
      return oh === 1 && ow === 1 ? 'global avg pool' : `adaptive avg pool ${oh}×${ow}`;
    }
    case 'flatten':
      return 'flatten';
    case 'dense':
      return `dense ${layer.units}${layer.bias === false ? ' no bias' : ''}`;
    case 'dropout':
      return `dropout ${layer.rate}`;
  }
}

/** A conv layer's kernel as [height, width]. */
export function kernelOf(layer: ArchConv2d): [number, number] {
  if (typeof layer.kernel === 'number') return [layer.kernel, layer.kernel];
  const [kh, kw] = layer.kernel;
  return [kh, kw ?? kh];
}

/** An adaptive pool's output [height, width] (1×1 when not given). */
export function adaptiveSizeOf(layer: ArchAdaptiveAvgPool): [number, number] {
  const size = layer.size ?? 1;
  if (typeof size === 'number') return [size, size];
  const [oh, ow] = size;
  return [oh, ow ?? oh];
}
