/**
 * How much arithmetic a ModelSpec costs, in floating-point operations (FLOPs), from the shapes
 * that shape inference (shapes.ts) finds.
 *
 * Convention:
 * - One multiply-add counts as 2 FLOPs. Only convolutions (every branch of an inception or
 *   residual block, and a residual block's 1×1 shortcut projection) and dense layers are
 *   counted: biases, activations, pooling, dropout, flattening and the residual addition cost
 *   one operation per output value, a few per cent of a network that has any convolution.
 * - A k×k convolution from C to F channels with an H×W output costs 2·H·W·F·k·k·C; a dense
 *   layer from N inputs to U units costs 2·N·U.
 * - Training one example costs 3× its forward pass: the backward pass computes the gradient of
 *   each layer's input and of its weights, each about as costly as the forward pass.
 */
import type { LayerSpec, ModelSpec, Shape } from './modelSpec';
import { analyzeSpec, residualNeedsProjection } from './shapes';

/** Backward ≈ 2× forward, so forward + backward ≈ 3× forward. */
export const TRAINING_FLOPS_PER_FORWARD = 3;

/** What one example costs a spec, in FLOPs. */
export interface SpecFlops {
  /** Per spec layer, its forward-pass FLOPs for one example (0 where its shapes are unknown). */
  layers: number[];
  /** Sum of `layers`: one example through the network. */
  forward: number;
  /** One training example: forward and backward, TRAINING_FLOPS_PER_FORWARD × `forward`. */
  training: number;
  /** False when some layer's shapes could not be inferred (the spec has errors): the totals leave it out. */
  complete: boolean;
}

/** Forward and training FLOPs per example of `spec` (see the module's convention). Never throws. */
export function specFlops(spec: ModelSpec): SpecFlops {
  const analysis = analyzeSpec(spec);
  let complete = analysis.layers.length > 0;
  const layers = analysis.layers.map(({ spec: layer, inputShape, outputShape }) => {
    if (inputShape.length === 0 || outputShape.length === 0) {
      complete = false;
      return 0;
    }
    return layerForwardFlops(layer, inputShape, outputShape);
  });
  const forward = layers.reduce((sum, flops) => sum + flops, 0);
  return { layers, forward, training: TRAINING_FLOPS_PER_FORWARD * forward, complete };
}

/** FLOPs per training example of `spec`: 3× its forward pass. */
export function trainingFlopsPerExample(spec: ModelSpec): number {
  return specFlops(spec).training;
}

/** Forward FLOPs of one layer for one example, given its inferred input and output shapes. */
export function layerForwardFlops(layer: LayerSpec, input: Shape, output: Shape): number {
  const channels = input[2] ?? 0;
  const [height = 0, width = 0] = output;
  /** A k×k convolution from `channels` to `filters` channels at the output's height and width. */
  const conv = (k: number, inChannels: number, filters: number) => 2 * height * width * filters * k * k * inChannels;
  switch (layer.kind) {
    case 'conv2d':
      return conv(layer.kernelSize, channels, layer.filters);
    case 'dense':
      return 2 * (input[0] ?? 0) * layer.units;
    case 'inception':
      return (
        conv(1, channels, layer.filters1x1) +
        conv(3, channels, layer.filters3x3) +
        conv(5, channels, layer.filters5x5) +
        conv(1, channels, layer.poolProj)
      );
    case 'residual': {
      const { filters } = layer;
      const projection = residualNeedsProjection(channels, filters) ? conv(1, channels, filters) : 0;
      return conv(3, channels, filters) + conv(3, filters, filters) + projection;
    }
    case 'maxPool':
    case 'avgPool':
    case 'flatten':
    case 'dropout':
      return 0;
  }
}

const FLOP_UNITS: [number, string][] = [
  [1e15, 'PFLOP'],
  [1e12, 'TFLOP'],
  [1e9, 'GFLOP'],
  [1e6, 'MFLOP'],
  [1e3, 'kFLOP'],
];

/** FLOPs with an SI prefix and two significant digits (three from 100 up): "5.8 MFLOP", "1.9 GFLOP", "120 FLOP". */
export function formatFlops(flops: number): string {
  const [scale, unit] = FLOP_UNITS.find(([scale]) => flops >= scale) ?? [1, 'FLOP'];
  const value = flops / scale;
  const text = value >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(2)));
  return `${text} ${unit}`;
}
