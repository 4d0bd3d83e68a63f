/**
 * ModelSpec → tfjs model. Layer kinds come from the spec's discriminated union; the
 * readable layer names (`L1_conv2d`, ...) are for people only and are never parsed.
 */

import * as tf from '@tensorflow/tfjs';
import type { Activation, Conv2dLayer, DenseLayer, LayerSpec, ModelSpec, PoolLayer } from '../core/modelSpec';
import { deriveSeed } from '../core/random';
import { analyzeSpec } from '../core/shapes';
import { LEAKY_ALPHA } from '../core/activations';
import { tfLayerName } from './modelFile';

/**
 * Builds an uncompiled tf.Sequential for `spec` with HWC inputs (batch dimension first).
 * Every spec layer becomes one tf layer, except that a conv or dense layer with the
 * `leakyRelu` activation (which tfjs offers as a layer, not an activation name) becomes
 * two: the layer with a linear activation, then a leakyReLU layer. Use
 * `specLayerOutputIndex(spec)` to find the tf layer that holds each spec layer's output.
 * Kernels are He-normal for relu and leakyRelu, Glorot-uniform otherwise, seeded with
 * `deriveSeed(seed, specLayerIndex)` (as is dropout); biases start at zero.
 * The caller owns the model and must `dispose()` it.
 * @throws Error carrying the first `analyzeSpec` error message when the spec is invalid.
 */
export function buildModel(spec: ModelSpec, seed: number): tf.Sequential {
  const [firstError] = analyzeSpec(spec).errors;
  if (firstError) throw new Error(firstError.message);
  const model = tf.sequential();
  spec.layers.forEach((layer, index) => {
    const inputShape = index === 0 ? spec.inputShape : undefined;
    for (const tfLayer of tfLayersFor(layer, index, deriveSeed(seed, index), inputShape)) model.add(tfLayer);
  });
  return model;
}

/**
 * For each spec layer, the index in `model.layers` of the tf layer whose output is that
 * spec layer's (post-activation) output, for the model `buildModel(spec, seed)` returns.
 * Equal to the spec index until the first leakyRelu conv or dense layer, which adds one.
 */
export function specLayerOutputIndex(spec: ModelSpec): number[] {
  let tfIndex = -1;
  return spec.layers.map((layer) => {
    tfIndex += needsLeakyReluLayer(layer) ? 2 : 1;
    return tfIndex;
  });
}

function needsLeakyReluLayer(layer: LayerSpec): boolean {
  return (layer.kind === 'conv2d' || layer.kind === 'dense') && layer.activation === 'leakyRelu';
}

function tfLayersFor(
  layer: LayerSpec,
  index: number,
  layerSeed: number,
  inputShape: number[] | undefined,
): tf.layers.Layer[] {
  const base = { name: tfLayerName(index, layer.kind), inputShape };
  switch (layer.kind) {
    case 'conv2d':
      return withActivationLayer(layer, index, tf.layers.conv2d({ ...base, ...convArgs(layer, layerSeed) }));
    case 'maxPool':
      return [tf.layers.maxPooling2d({ ...base, ...poolArgs(layer) })];
    case 'avgPool':
      return [tf.layers.averagePooling2d({ ...base, ...poolArgs(layer) })];
    case 'flatten':
      return [tf.layers.flatten(base)];
    case 'dense':
      return withActivationLayer(layer, index, tf.layers.dense({ ...base, ...denseArgs(layer, layerSeed) }));
    case 'dropout':
      return [tf.layers.dropout({ ...base, rate: layer.rate, seed: layerSeed })];
  }
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

function withActivationLayer(layer: Conv2dLayer | DenseLayer, index: number, tfLayer: tf.layers.Layer) {
  if (!needsLeakyReluLayer(layer)) return [tfLayer];
  return [tfLayer, tf.layers.leakyReLU({ alpha: LEAKY_ALPHA, name: tfLayerName(index, 'leakyRelu') })];
}
