/**
 * Shape inference, parameter counts and validation for a ModelSpec (each layer's own
 * settings are checked by specSettings). Shapes are HWC ([height, width, channels]) or
 * [units], batch dimension excluded. The history chapter's Architecture language has its
 * own analysis (architectureAnalysis); both share the checks and wording of layerChecks.
 */

import { convOutputSize, poolOutputSize } from './convGeometry';
import {
  asSpatial,
  flattenedSize,
  formatShape,
  formatValue,
  inputTooSmallMessage,
  isHwcShape,
  isOneOf,
  needsFlattenMessage,
  notSpatialMessage,
  UNKNOWN_FLOW,
  type Flow,
  type Hwc,
} from './layerChecks';
import {
  LAYER_KINDS,
  type Conv2dLayer,
  type DenseLayer,
  type InceptionLayer,
  type LayerSpec,
  type ModelSpec,
  type PoolLayer,
  type ResidualLayer,
  type Shape,
} from './modelSpec';
import { SPEC_LIMITS, specSettingMessages } from './specSettings';
import { fitsClasses, MAX_CLASSES, MIN_CLASSES, MNIST_CLASSES, type ClassCount } from './classifierOutput';

/** One layer of an analysed spec. */
export interface LayerInfo {
  /** 0-based position in `spec.layers` (messages number layers from 1). */
  index: number;
  spec: LayerSpec;
  /** Short human label, e.g. "conv 8 5×5 s1 valid relu". */
  label: string;
  /** Empty when it cannot be inferred because of an error at or before this layer. */
  inputShape: Shape;
  /** Empty when it cannot be inferred because of an error at or before this layer. */
  outputShape: Shape;
  /** Trainable parameters (weights and biases); 0 when the shape is unknown. */
  params: number;
}

/** A problem that stops a spec from being built and trained. */
export interface SpecError {
  /** 0-based position in `spec.layers`, or null when it is about the whole model. */
  layerIndex: number | null;
  /** A sentence for people, naming the layer (from 1) and what to change. */
  message: string;
}

/** Everything `analyzeSpec` learns about a spec. */
export interface SpecAnalysis {
  /** One entry per spec layer, in order. */
  layers: LayerInfo[];
  /** Sum of `layers[i].params` (layers with unknown shapes count 0). */
  totalParams: number;
  /** Empty when the spec is valid. */
  errors: SpecError[];
  /** The last layer's output shape; empty when it cannot be inferred. */
  outputShape: Shape;
}

/** MNIST images: 28×28 pixels, one grey channel (HWC). */
const MNIST_INPUT_SHAPE: readonly [28, 28, 1] = [28, 28, 1];

/**
 * Infers every layer's shapes and parameter counts and lists everything that makes the
 * spec unbuildable. Never throws, whatever the spec contains (e.g. NaN, negative sizes,
 * unknown kinds): problems become `errors`, and shapes after the first one that cannot be
 * inferred are left empty. Values are assumed JSON-like (as parsed from a URL or a file).
 */
export function analyzeSpec(spec: ModelSpec, classes: ClassCount = MNIST_CLASSES): SpecAnalysis {
  const specLayers: unknown[] = Array.isArray(spec?.layers) ? spec.layers : [];
  const errors = modelErrors(spec, specLayers.length);
  const layers: LayerInfo[] = [];
  const input: unknown = spec?.inputShape;
  let shape: Shape | null = isHwcShape(input) ? input : null;
  specLayers.forEach((layer, index) => {
    const result = analyzeLayer(layer, index, shape, index === specLayers.length - 1 ? classes : null);
    layers.push(result.info);
    errors.push(...result.errors);
    shape = result.output;
  });
  const totalParams = layers.reduce((sum, layer) => sum + layer.params, 0);
  if (totalParams > SPEC_LIMITS.maxParams) errors.push(tooManyParams(totalParams));
  return { layers, totalParams, errors, outputShape: shape ?? [] };
}

/** The phrase that names a layer in messages, e.g. "conv 5×5, valid" or "max pool 2×2, stride 2". */
export function describeLayer(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'conv2d':
      return `conv ${layer.kernelSize}×${layer.kernelSize}, ${layer.padding}`;
    case 'maxPool':
    case 'avgPool':
      return `${poolName(layer)} ${layer.poolSize}×${layer.poolSize}, stride ${layer.stride}`;
    case 'flatten':
      return 'flatten';
    case 'dense':
      return `dense ${layer.units}, ${layer.activation}`;
    case 'dropout':
      return `dropout ${layer.rate}`;
    case 'inception':
      return `inception ${layer.filters1x1}-${layer.filters3x3}-${layer.filters5x5}-${layer.poolProj}`;
    case 'residual':
      return `residual ${layer.filters}`;
  }
}

/** A compact label with every setting, e.g. "conv 8 5×5 s1 valid relu" or "max pool 2×2 s2". */
export function layerLabel(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'conv2d': {
      const { filters, kernelSize: k, stride, padding, activation } = layer;
      return `conv ${filters} ${k}×${k} s${stride} ${padding} ${activation}`;
    }
    case 'maxPool':
    case 'avgPool':
      return `${poolName(layer)} ${layer.poolSize}×${layer.poolSize} s${layer.stride}`;
    case 'flatten':
      return 'flatten';
    case 'dense':
      return `dense ${layer.units} ${layer.activation}`;
    case 'dropout':
      return `dropout ${layer.rate}`;
    case 'inception': {
      const { filters1x1, filters3x3, filters5x5, poolProj } = layer;
      return `inception 1×1 ${filters1x1}, 3×3 ${filters3x3}, 5×5 ${filters5x5}, pool ${poolProj}`;
    }
    case 'residual':
      return `residual ${layer.filters} 3×3`;
  }
}

function poolName(layer: PoolLayer): string {
  return layer.kind === 'maxPool' ? 'max pool' : 'avg pool';
}

function modelErrors(spec: ModelSpec, layerCount: number): SpecError[] {
  const errors: SpecError[] = [];
  if (layerCount === 0) errors.push({ layerIndex: null, message: 'the model needs at least one layer' });
  const input: unknown = spec?.inputShape;
  const isMnist = Array.isArray(input) && input.length === 3 && MNIST_INPUT_SHAPE.every((size, i) => input[i] === size);
  if (!isMnist) {
    const message = `the input shape must be 28×28×1 (MNIST digits), not ${formatShape(input)}`;
    errors.push({ layerIndex: null, message });
  }
  return errors;
}

function tooManyParams(totalParams: number): SpecError {
  const count = formatCount(totalParams);
  const limit = formatCount(SPEC_LIMITS.maxParams);
  const message =
    `the model has ${count} parameters, more than the ${limit} that can be trained in a browser; ` +
    'use fewer filters or units, or pool before flattening';
  return { layerIndex: null, message };
}

interface LayerResult {
  info: LayerInfo;
  errors: SpecError[];
  /** The shape passed to the next layer; null when unknown. */
  output: Shape | null;
}

function analyzeLayer(layer: unknown, index: number, input: Shape | null, lastOf: ClassCount | null): LayerResult {
  if (!isLayerSpec(layer)) return unknownKind(layer, index, input);
  const where = `layer ${index + 1} (${describeLayer(layer)})`;
  const settings = specSettingMessages(layer, where);
  const step = input !== null && settings.length === 0 ? propagate(layer, input, where) : UNKNOWN_FLOW;
  const failure = typeof step === 'string' ? [step] : [];
  const flow = typeof step === 'string' ? UNKNOWN_FLOW : step;
  const messages = [...settings, ...failure, ...placementMessages(layer, where, lastOf)];
  const info: LayerInfo = {
    index,
    spec: layer,
    label: layerLabel(layer),
    inputShape: input ?? [],
    outputShape: flow.shape ?? [],
    params: flow.params,
  };
  const errors = messages.map((message) => ({ layerIndex: index, message }));
  return { info, errors, output: flow.shape };
}

function isLayerSpec(layer: unknown): layer is LayerSpec {
  if (typeof layer !== 'object' || layer === null) return false;
  const kind: unknown = (layer as { kind?: unknown }).kind;
  return isOneOf(LAYER_KINDS, kind);
}

function unknownKind(layer: unknown, index: number, input: Shape | null): LayerResult {
  const kind = typeof layer === 'object' && layer !== null ? (layer as { kind?: unknown }).kind : layer;
  const kinds = LAYER_KINDS.join(', ');
  const message = `layer ${index + 1} has unknown kind ${formatValue(kind)}; use one of ${kinds}`;
  const info: LayerInfo = {
    index,
    spec: layer as LayerSpec,
    label: 'unknown layer',
    inputShape: input ?? [],
    outputShape: [],
    params: 0,
  };
  return { info, errors: [{ layerIndex: index, message }], output: null };
}

/** Problems that come from where the layer sits in the model; `lastOf` is the classes the last layer must output, null elsewhere. */
function placementMessages(layer: LayerSpec, where: string, lastOf: ClassCount | null): string[] {
  if (lastOf !== null) {
    const isClassifier = layer.kind === 'dense' && fitsClasses(layer.units, lastOf) && layer.activation === 'softmax';
    if (isClassifier) return [];
    return [`${where}: the last layer must be dense with ${outputRule(lastOf)}`];
  }
  const activation = layer.kind === 'conv2d' || layer.kind === 'dense' ? layer.activation : null;
  if (activation !== 'softmax') return [];
  return [`${where} uses softmax, which is only allowed on the last layer; choose another activation`];
}

/** The units and activation an output layer needs, in words. */
function outputRule(classes: ClassCount): string {
  if (classes === 'any') return `${MIN_CLASSES} to ${MAX_CLASSES} units and softmax, one per class`;
  if (classes === MNIST_CLASSES) return `${MNIST_CLASSES} units and softmax, one per MNIST digit class`;
  return `${classes} units and softmax, one per class of your data set`;
}

/** Output shape and parameters of a layer whose own settings are valid, or the sentence saying why there are none. */
function propagate(layer: LayerSpec, input: Shape, where: string): Flow | string {
  switch (layer.kind) {
    case 'conv2d':
      return convStep(layer, input, where);
    case 'maxPool':
    case 'avgPool':
      return poolStep(layer, input, where);
    case 'flatten':
      return { shape: [flattenedSize(input)], params: 0 };
    case 'dense':
      return denseStep(layer, input, where);
    case 'dropout':
      return { shape: input, params: 0 };
    case 'inception':
      return inceptionStep(layer, input, where);
    case 'residual':
      return residualStep(layer, input, where);
  }
}

function convStep(layer: Conv2dLayer, input: Shape, where: string): Flow | string {
  const hwc = spatialInput(input, where);
  if (typeof hwc === 'string') return hwc;
  const [height, width, channels] = hwc;
  const { kernelSize: k, stride, padding, filters } = layer;
  const outHeight = convOutputSize(height, k, stride, padding);
  const outWidth = convOutputSize(width, k, stride, padding);
  if (outHeight < 1 || outWidth < 1) return inputTooSmallMessage(where, k, hwc);
  return { shape: [outHeight, outWidth, filters], params: convParams(k, channels, filters) };
}

/** Parameters of a k×k conv from `channels` to `filters` channels, with biases. */
function convParams(k: number, channels: number, filters: number): number {
  return (k * k * channels + 1) * filters;
}

/** Every branch is stride 1 and 'same', so only the channels change: they add up. */
function inceptionStep(layer: InceptionLayer, input: Shape, where: string): Flow | string {
  const hwc = spatialInput(input, where);
  if (typeof hwc === 'string') return hwc;
  const [height, width, channels] = hwc;
  const { filters1x1, filters3x3, filters5x5, poolProj } = layer;
  const params =
    convParams(1, channels, filters1x1) +
    convParams(3, channels, filters3x3) +
    convParams(5, channels, filters5x5) +
    convParams(1, channels, poolProj);
  return { shape: [height, width, filters1x1 + filters3x3 + filters5x5 + poolProj], params };
}

/** Two 3×3 'same' convs, plus a 1×1 projection on the shortcut when the channels change. */
function residualStep(layer: ResidualLayer, input: Shape, where: string): Flow | string {
  const hwc = spatialInput(input, where);
  if (typeof hwc === 'string') return hwc;
  const [height, width, channels] = hwc;
  const { filters } = layer;
  const projection = residualNeedsProjection(channels, filters) ? convParams(1, channels, filters) : 0;
  const params = convParams(3, channels, filters) + convParams(3, filters, filters) + projection;
  return { shape: [height, width, filters], params };
}

/**
 * Whether a residual block with `filters` filters on an input of `channels` channels needs a
 * 1×1 conv on its shortcut (the identity only fits when the channel counts agree).
 */
export function residualNeedsProjection(channels: number, filters: number): boolean {
  return channels !== filters;
}

function poolStep(layer: PoolLayer, input: Shape, where: string): Flow | string {
  const hwc = spatialInput(input, where);
  if (typeof hwc === 'string') return hwc;
  const [height, width, channels] = hwc;
  const outHeight = poolOutputSize(height, layer.poolSize, layer.stride);
  const outWidth = poolOutputSize(width, layer.poolSize, layer.stride);
  if (outHeight < 1 || outWidth < 1) return inputTooSmallMessage(where, layer.poolSize, hwc);
  return { shape: [outHeight, outWidth, channels], params: 0 };
}

function denseStep(layer: DenseLayer, input: Shape, where: string): Flow | string {
  const [inputSize] = input;
  if (input.length !== 1 || inputSize === undefined) return needsFlattenMessage(where, input);
  return { shape: [layer.units], params: inputSize * layer.units + layer.units };
}

/** The input as [height, width, channels], or the sentence saying it is a flat vector. */
function spatialInput(input: Shape, where: string): Hwc | string {
  return asSpatial(input) ?? notSpatialMessage(where, input, 'flat vector', 'put it before any flatten or dense layer');
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
