/**
 * ModelSpec → tfjs model. Layer kinds come from the spec's discriminated union; the
 * readable layer names (`L1_conv2d`, `L3_inception_1x1`, ...) are for people and for weight
 * names in model files, and are never parsed.
 */

import * as tf from '@tensorflow/tfjs';
import type {
  Activation,
  Conv2dLayer,
  DenseLayer,
  InceptionLayer,
  LayerSpec,
  ModelSpec,
  PoolLayer,
  ResidualLayer,
} from '../core/modelSpec';
import { deriveSeed } from '../core/random';
import { analyzeSpec } from '../core/shapes';
import { LEAKY_ALPHA } from '../core/activations';
import { blockConvs, tfLayerName, type BlockConv, type BlockPart } from '../data/modelFile';

/** A built model and where each spec layer lives in it. */
export interface BuiltModel {
  /** Uncompiled; HWC inputs [batch, 28, 28, 1]; its output is the last spec layer's. */
  model: tf.LayersModel;
  /**
   * Per spec layer, in order: the symbolic tensor holding its (post-activation) output,
   * shaped [null, ...analyzeSpec's outputShape]. Symbolic: holds no data, needs no disposal.
   */
  layerOutputs: tf.SymbolicTensor[];
  /** Per spec layer, in order: the tf layers built for it, in the order they were created. */
  layerGroups: tf.layers.Layer[][];
}

/**
 * Builds the tfjs functional model for `spec` (see `buildSpecModel`) and returns only the model.
 * The caller owns the model and must `dispose()` it.
 * @throws Error carrying the first `analyzeSpec` error message when the spec is invalid.
 */
export function buildModel(spec: ModelSpec, seed: number): tf.LayersModel {
  return buildSpecModel(spec, seed).model;
}

/**
 * Builds an uncompiled tfjs functional model (tf.model over tf.input) for `spec`, with HWC
 * inputs (batch dimension first), and reports each spec layer's output and tf layers.
 *
 * Every plain spec layer becomes one tf layer named `L<i>_<kind>`, except that a conv or dense
 * layer with the `leakyRelu` activation (which tfjs offers as a layer, not an activation name)
 * becomes two: the layer with a linear activation, then a leakyReLU layer `L<i>_leakyRelu`.
 * A block becomes several layers named `L<i>_<kind>_<part>` (see `BlockPart`): every conv in a
 * block is stride 1, 'same', He-normal, seeded with `deriveSeed(deriveSeed(seed, i), branch)`
 * where branch is the conv's 1-based position in `blockConvs`.
 * Other kernels are He-normal for relu and leakyRelu, Glorot-uniform otherwise, seeded with
 * `deriveSeed(seed, specLayerIndex)` (as is dropout); biases start at zero.
 * The caller owns the model and must `dispose()` it (that frees every layer's weights).
 * @throws Error carrying the first `analyzeSpec` error message when the spec is invalid.
 */
export function buildSpecModel(spec: ModelSpec, seed: number): BuiltModel {
  const analysis = analyzeSpec(spec, 'any'); // MNIST's 10 classes or a user's own set's 2 to 10.
  const [firstError] = analysis.errors;
  if (firstError) throw new Error(firstError.message);
  const input = tf.input({ shape: spec.inputShape, name: 'input' });
  const layerOutputs: tf.SymbolicTensor[] = [];
  const layerGroups: tf.layers.Layer[][] = [];
  let current = input;
  spec.layers.forEach((layer, index) => {
    const channels = analysis.layers[index]?.inputShape[2] ?? 0;
    const group: tf.layers.Layer[] = [];
    // Records each tf layer the spec layer creates, then applies it.
    const apply = (tfLayer: tf.layers.Layer, inputs: tf.SymbolicTensor | tf.SymbolicTensor[]) => {
      group.push(tfLayer);
      return tfLayer.apply(inputs) as tf.SymbolicTensor;
    };
    current = applyLayer(layer, index, seed, channels, current, apply);
    layerOutputs.push(current);
    layerGroups.push(group);
  });
  const model = tf.model({ inputs: input, outputs: current, name: 'convscope' });
  return { model, layerOutputs, layerGroups };
}

type Apply = (tfLayer: tf.layers.Layer, inputs: tf.SymbolicTensor | tf.SymbolicTensor[]) => tf.SymbolicTensor;

/** Adds spec layer `index` on top of `x` and returns its output. */
function applyLayer(
  layer: LayerSpec,
  index: number,
  seed: number,
  channels: number,
  x: tf.SymbolicTensor,
  apply: Apply,
): tf.SymbolicTensor {
  const layerSeed = deriveSeed(seed, index);
  const name = tfLayerName(index, layer.kind);
  switch (layer.kind) {
    case 'conv2d':
      return withActivationLayer(
        layer,
        index,
        apply(tf.layers.conv2d({ name, ...convArgs(layer, layerSeed) }), x),
        apply,
      );
    case 'maxPool':
      return apply(tf.layers.maxPooling2d({ name, ...poolArgs(layer) }), x);
    case 'avgPool':
      return apply(tf.layers.averagePooling2d({ name, ...poolArgs(layer) }), x);
    case 'flatten':
      return apply(tf.layers.flatten({ name }), x);
    case 'dense':
      return withActivationLayer(
        layer,
        index,
        apply(tf.layers.dense({ name, ...denseArgs(layer, layerSeed) }), x),
        apply,
      );
    case 'dropout':
      return apply(tf.layers.dropout({ name, rate: layer.rate, seed: layerSeed }), x);
    case 'inception':
      return inceptionBlock(layer, index, layerSeed, channels, x, apply);
    case 'residual':
      return residualBlock(layer, index, layerSeed, channels, x, apply);
  }
}

function inceptionBlock(
  layer: InceptionLayer,
  index: number,
  layerSeed: number,
  channels: number,
  x: tf.SymbolicTensor,
  apply: Apply,
): tf.SymbolicTensor {
  const conv = blockConvFactory(layer, index, layerSeed, channels);
  const name = (part: BlockPart) => tfLayerName(index, layer.kind, part);
  const branch1 = apply(conv('1x1', 'relu'), x);
  const branch3 = apply(conv('3x3', 'relu'), x);
  const branch5 = apply(conv('5x5', 'relu'), x);
  const pooled = apply(tf.layers.maxPooling2d({ name: name('pool'), poolSize: 3, strides: 1, padding: 'same' }), x);
  const branchPool = apply(conv('poolproj', 'relu'), pooled);
  return apply(tf.layers.concatenate({ name: name('concat'), axis: -1 }), [branch1, branch3, branch5, branchPool]);
}

function residualBlock(
  layer: ResidualLayer,
  index: number,
  layerSeed: number,
  channels: number,
  x: tf.SymbolicTensor,
  apply: Apply,
): tf.SymbolicTensor {
  const conv = blockConvFactory(layer, index, layerSeed, channels);
  const name = (part: BlockPart) => tfLayerName(index, layer.kind, part);
  const hidden = apply(conv('conv1', 'relu'), x);
  const residual = apply(conv('conv2', 'linear'), hidden);
  const hasProjection = blockConvs(layer, channels).some((c) => c.part === 'proj');
  const shortcut = hasProjection ? apply(conv('proj', 'linear'), x) : x;
  const sum = apply(tf.layers.add({ name: name('add') }), [residual, shortcut]);
  return apply(tf.layers.activation({ name: name('relu'), activation: 'relu' }), sum);
}

/**
 * Makes the block's convs by part name, with the kernel size and filters `blockConvs` gives.
 * He-normal everywhere: every conv in a block feeds a relu, directly or after the add.
 */
function blockConvFactory(layer: InceptionLayer | ResidualLayer, index: number, layerSeed: number, channels: number) {
  const convs = blockConvs(layer, channels);
  return (part: BlockPart, activation: 'relu' | 'linear'): tf.layers.Layer => {
    const position = convs.findIndex((c) => c.part === part);
    const conv = convs[position] as BlockConv;
    return tf.layers.conv2d({
      name: tfLayerName(index, layer.kind, part),
      filters: conv.filters,
      kernelSize: conv.kernelSize,
      strides: 1,
      padding: 'same',
      activation,
      kernelInitializer: tf.initializers.heNormal({ seed: deriveSeed(layerSeed, position + 1) }),
      biasInitializer: tf.initializers.zeros(),
    });
  };
}

function needsLeakyReluLayer(layer: LayerSpec): boolean {
  return (layer.kind === 'conv2d' || layer.kind === 'dense') && layer.activation === 'leakyRelu';
}

function convArgs(layer: Conv2dLayer, layerSeed: number) {
  return {
    filters: layer.filters,
    kernelSize: layer.kernelSize,
    strides: layer.stride,
    padding: layer.padding,
    activation: tfActivation(layer.activation),
    ...initializers(layer.activation, layerSeed),
  };
}

function poolArgs(layer: PoolLayer) {
  return { poolSize: layer.poolSize, strides: layer.stride, padding: 'valid' as const };
}

function denseArgs(layer: DenseLayer, layerSeed: number) {
  return {
    units: layer.units,
    activation: tfActivation(layer.activation),
    ...initializers(layer.activation, layerSeed),
  };
}

function initializers(activation: Activation, layerSeed: number) {
  const reluFamily = activation === 'relu' || activation === 'leakyRelu';
  const args = { seed: layerSeed };
  return {
    kernelInitializer: reluFamily ? tf.initializers.heNormal(args) : tf.initializers.glorotUniform(args),
    biasInitializer: tf.initializers.zeros(),
  };
}

/** tfjs's name for an activation; leakyRelu is linear here and gets its own layer. */
function tfActivation(activation: Activation) {
  return activation === 'leakyRelu' ? 'linear' : activation;
}

function withActivationLayer(
  layer: Conv2dLayer | DenseLayer,
  index: number,
  output: tf.SymbolicTensor,
  apply: Apply,
): tf.SymbolicTensor {
  if (!needsLeakyReluLayer(layer)) return output;
  return apply(tf.layers.leakyReLU({ alpha: LEAKY_ALPHA, name: tfLayerName(index, 'leakyRelu') }), output);
}
