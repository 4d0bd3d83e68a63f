/**
 * The forward pass of a ModelSpec network in plain TypeScript, for pages that show a trained
 * network's answer without loading tfjs (the home page). It computes what model/trainer's
 * `inspect` computes with tfjs: every spec layer's output for one 28×28 input.
 */
import { activate, softmax } from './activations';
import { convOutputSize, paddingAmounts, poolOutputSize } from './convGeometry';
import type { Activation, Conv2dLayer, DenseLayer, LayerKind, LayerSpec, ModelSpec, PoolLayer } from './modelSpec';

/** The layer kinds `forwardPass` computes; dropout passes its input through, as at inference. */
export const FORWARD_PASS_KINDS = [
  'conv2d',
  'maxPool',
  'avgPool',
  'flatten',
  'dense',
  'dropout',
] as const satisfies readonly LayerKind[];

/**
 * One spec layer's output, shaped like protocol's LayerSnapshot: activations HWC (or [units]),
 * the kernel as tfjs stores it (HWIO for conv, [in, out] for dense) and the bias.
 */
export interface LayerOutput {
  layerIndex: number;
  outputShape: number[];
  activations: Float32Array;
  /** The weights passed in, not copies. */
  kernel: { shape: number[]; values: Float32Array } | null;
  bias: Float32Array | null;
}

/** Why `forwardPass` cannot compute `spec`, or null when it can. */
export function unsupportedReason(spec: ModelSpec): string | null {
  const index = spec.layers.findIndex((l) => !(FORWARD_PASS_KINDS as readonly string[]).includes(l.kind));
  if (index < 0) return null;
  return `Layer ${index + 1} is ${spec.layers[index]!.kind}: this forward pass computes only ${FORWARD_PASS_KINDS.join(', ')} layers.`;
}

/**
 * Every layer's output for one input. Any input shape works (tests use tiny ones); the spec is
 * not otherwise validated: shapes that cannot be computed throw.
 * @param weights one array per conv or dense layer's kernel then bias, in spec order: the order
 *   of data/modelFile's `expectedWeights` (and of `LoadedModel.weights`) for these layer kinds.
 * @param input the spec's input, HWC row-major (28×28×1 values in [0, 1] for MNIST).
 * @throws RangeError naming the problem when the spec holds a kind it does not compute (see
 *   `unsupportedReason`), a layer's output would be empty, or the weights or input do not fit.
 */
export function forwardPass(spec: ModelSpec, weights: readonly Float32Array[], input: Float32Array): LayerOutput[] {
  const reason = unsupportedReason(spec);
  if (reason) throw new RangeError(reason);
  const inputSize = sizeOf(spec.inputShape);
  if (input.length !== inputSize)
    throw new RangeError(
      `The input has ${input.length} values; the spec's input ${spec.inputShape.join('×')} needs ${inputSize}.`,
    );
  let next = 0;
  /** The next weight array, checked against the size the layer needs. */
  const take = (shape: number[], what: string): Float32Array => {
    const values = weights[next++];
    const size = sizeOf(shape);
    if (!values || values.length !== size)
      throw new RangeError(
        `Weight ${next} (${what}) has ${values?.length ?? 'no'} values; ${shape.join('×')} needs ${size}.`,
      );
    return values;
  };
  let x = input;
  let inputShape: number[] = [...spec.inputShape];
  const outputs = spec.layers.map((layer, index): LayerOutput => {
    const outputShape = outputShapeOf(layer, inputShape, index);
    let kernel: LayerOutput['kernel'] = null;
    let bias: Float32Array | null = null;
    switch (layer.kind) {
      case 'conv2d': {
        const shape = [layer.kernelSize, layer.kernelSize, inputShape[2]!, layer.filters];
        kernel = { shape, values: take(shape, `layer ${index + 1} kernel`) };
        bias = take([layer.filters], `layer ${index + 1} bias`);
        x = conv2dHwc(x, inputShape, outputShape, layer, kernel.values, bias);
        break;
      }
      case 'maxPool':
      case 'avgPool':
        x = poolHwc(x, inputShape, outputShape, layer);
        break;
      case 'dense': {
        const shape = [inputShape[0]!, layer.units];
        kernel = { shape, values: take(shape, `layer ${index + 1} kernel`) };
        bias = take([layer.units], `layer ${index + 1} bias`);
        x = dense(x, layer, kernel.values, bias);
        break;
      }
      default:
        // flatten: HWC row-major is already the flat order tfjs uses; dropout: identity at inference.
        x = x.slice();
    }
    inputShape = outputShape;
    return { layerIndex: index, outputShape, activations: x, kernel, bias };
  });
  if (next !== weights.length)
    throw new RangeError(`${weights.length} weight arrays were given; the spec uses ${next}.`);
  return outputs;
}

/** A supported layer's output shape on `input` (HWC or [units]); throws RangeError where it has none. */
function outputShapeOf(layer: LayerSpec, input: number[], index: number): number[] {
  const spatial = (rows: number, cols: number, channels: number) => {
    if (input.length !== 3) throw new RangeError(`Layer ${index + 1} (${layer.kind}) needs an HWC input.`);
    if (rows < 1 || cols < 1)
      throw new RangeError(`Layer ${index + 1} (${layer.kind}) would have an empty output on ${input.join('×')}.`);
    return [rows, cols, channels];
  };
  const [h = 0, w = 0, c = 0] = input;
  switch (layer.kind) {
    case 'conv2d': {
      const { kernelSize: k, stride: s, padding } = layer;
      return spatial(convOutputSize(h, k, s, padding), convOutputSize(w, k, s, padding), layer.filters);
    }
    case 'maxPool':
    case 'avgPool':
      return spatial(
        poolOutputSize(h, layer.poolSize, layer.stride),
        poolOutputSize(w, layer.poolSize, layer.stride),
        c,
      );
    case 'flatten':
      return [sizeOf(input)];
    case 'dense':
      if (input.length !== 1) throw new RangeError(`Layer ${index + 1} (dense) needs a flat input; flatten first.`);
      return [layer.units];
    default:
      return [...input];
  }
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A convolution on an HWC volume with an HWIO kernel, TensorFlow's padding rule, then the activation. */
function conv2dHwc(
  x: Float32Array,
  inputShape: number[],
  outputShape: number[],
  layer: Conv2dLayer,
  kernel: Float32Array,
  bias: Float32Array,
): Float32Array {
  const [h, w, c] = inputShape as [number, number, number];
  const [oh, ow, f] = outputShape as [number, number, number];
  const { kernelSize: k, stride: s, padding } = layer;
  const top = paddingAmounts(h, k, s, padding).before;
  const left = paddingAmounts(w, k, s, padding).before;
  const out = new Float32Array(oh * ow * f);
  const sums = new Float64Array(f);
  for (let r = 0; r < oh; r++) {
    for (let q = 0; q < ow; q++) {
      sums.set(bias);
      for (let i = 0; i < k; i++) {
        const y = r * s + i - top;
        if (y < 0 || y >= h) continue; // zero padding adds nothing
        for (let j = 0; j < k; j++) {
          const xCol = q * s + j - left;
          if (xCol < 0 || xCol >= w) continue;
          for (let ch = 0; ch < c; ch++) {
            const value = x[(y * w + xCol) * c + ch]!;
            if (value === 0) continue;
            const tap = ((i * k + j) * c + ch) * f;
            for (let o = 0; o < f; o++) sums[o]! += value * kernel[tap + o]!;
          }
        }
      }
      out.set(activateAll(sums, layer.activation), (r * ow + q) * f);
    }
  }
  return out;
}

/** Max or average pooling with 'valid' windows (as model/buildModel builds them), channel by channel. */
function poolHwc(x: Float32Array, inputShape: number[], outputShape: number[], layer: PoolLayer): Float32Array {
  const [, w, c] = inputShape as [number, number, number];
  const [oh, ow] = outputShape as [number, number];
  const { poolSize: p, stride: s } = layer;
  const out = new Float32Array(oh * ow * c);
  for (let r = 0; r < oh; r++) {
    for (let q = 0; q < ow; q++) {
      for (let ch = 0; ch < c; ch++) {
        let best = -Infinity;
        let sum = 0;
        for (let i = 0; i < p; i++) {
          for (let j = 0; j < p; j++) {
            const value = x[((r * s + i) * w + q * s + j) * c + ch]!;
            if (value > best) best = value;
            sum += value;
          }
        }
        out[(r * ow + q) * c + ch] = layer.kind === 'maxPool' ? best : sum / (p * p);
      }
    }
  }
  return out;
}

/** A dense layer with an [in, out] kernel, then the activation. */
function dense(x: Float32Array, layer: DenseLayer, kernel: Float32Array, bias: Float32Array): Float32Array {
  const units = layer.units;
  const sums = Float64Array.from(bias);
  for (let i = 0; i < x.length; i++) {
    const value = x[i]!;
    if (value === 0) continue;
    const row = i * units;
    for (let o = 0; o < units; o++) sums[o]! += value * kernel[row + o]!;
  }
  return Float32Array.from(activateAll(sums, layer.activation));
}

/** The activation applied to one position's values (softmax across them, as tfjs does on the last axis). */
function activateAll(values: Float64Array, activation: Activation): ArrayLike<number> {
  if (activation === 'softmax') return softmax(values);
  return Array.from(values, (v) => activate(activation, v));
}
