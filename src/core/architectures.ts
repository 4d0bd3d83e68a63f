/**
 * A small description language for famous CNN architectures (LeNet-5, AlexNet, VGG-16,
 * GoogLeNet, ResNet), with shape inference and parameter counts.
 *
 * Shapes are HWC ([height, width, channels]) or [units], batch dimension excluded. Layers
 * form a sequence; two block kinds hold parallel branches: `concat` (outputs concatenated
 * along channels, as in an Inception module) and `residual` (a main branch plus an optional
 * shortcut branch, outputs added). A `sequence` block groups layers under one label, e.g.
 * a ResNet stage or a conv + batch-norm + ReLU unit. Counts follow PyTorch semantics
 * (explicit symmetric padding, `ceil_mode` pooling, adaptive average pooling).
 */

import { convOutputSize } from './convGeometry';

/** Convolution padding: none, TensorFlow's SAME rule, or p cells on every side. */
export type ArchPadding = 'valid' | 'same' | number;

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
  kind: 'maxPool' | 'avgPool';
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

/** One top-level layer or block of an analysed architecture. */
export interface ArchRow {
  /** 0-based position in `arch.layers`. */
  index: number;
  kind: ArchLayerKind;
  /** The layer's or block's label, or a generated one, e.g. "conv 64 11×11 s4 p2". */
  label: string;
  /** HWC or [units]; empty when it cannot be inferred. */
  inputShape: number[];
  /** HWC or [units]; empty when it cannot be inferred. */
  outputShape: number[];
  /** Trainable parameters of the layer, or of everything inside the block; 0 when unknown. */
  params: number;
}

/** A problem found while inferring shapes. */
export interface ArchError {
  /** 0-based top-level row the problem is in, or null when it is about the whole model. */
  layerIndex: number | null;
  /** A sentence naming the layer (with its path inside blocks) and what is wrong. */
  message: string;
}

/** Everything `analyzeArchitecture` learns about an architecture. */
export interface ArchitectureAnalysis {
  name: string;
  inputShape: number[];
  /** One row per top-level layer or block, in order. */
  layers: ArchRow[];
  /** Sum of `layers[i].params`. */
  totalParams: number;
  /** The last row's output shape; empty when it cannot be inferred. */
  outputShape: number[];
  /** Convolution and dense layers, counting every branch but not residual shortcut branches. */
  weightLayers: number;
  /** Convolution and dense layers on the longest input-to-output path ("depth"). */
  weightDepth: number;
  /** Empty when every shape could be inferred. */
  errors: ArchError[];
}

/**
 * Infers every top-level row's shapes and parameters. Never throws: impossible settings and
 * mismatched shapes become `errors`, and shapes after the first failure are left empty.
 */
export function analyzeArchitecture(arch: Architecture): ArchitectureAnalysis {
  const errors: ArchError[] = [];
  const layers: ArchRow[] = [];
  const inputOk =
    Array.isArray(arch.inputShape) && arch.inputShape.length === 3 && arch.inputShape.every(isPositiveInteger);
  if (!inputOk) {
    errors.push({ layerIndex: null, message: `the input shape must be three positive whole numbers (HWC), not ${formatArchShape(arch.inputShape)}` });
  }
  let shape: Shape | null = inputOk ? [...arch.inputShape] : null;
  arch.layers.forEach((layer, index) => {
    const label = layerLabel(layer);
    const messages: string[] = [];
    const flow = runLayer(layer, shape, `layer ${index + 1} (${label})`, messages);
    layers.push({ index, kind: layer.kind, label, inputShape: shape ?? [], outputShape: flow.shape ?? [], params: flow.params });
    errors.push(...messages.map((message) => ({ layerIndex: index, message })));
    shape = flow.shape;
  });
  return {
    name: arch.name,
    inputShape: inputOk ? [...arch.inputShape] : [],
    layers,
    totalParams: layers.reduce((sum, row) => sum + row.params, 0),
    outputShape: shape ?? [],
    weightLayers: countWeightLayers(arch.layers),
    weightDepth: weightDepth(arch.layers),
    errors,
  };
}

/**
 * Output length along one axis of a PyTorch max/avg pool: floor (or ceil with `ceilMode`) of
 * (n + 2p − k) / s, plus 1; in ceil mode a last window that would start in the right padding
 * is dropped. May be below 1 when the window does not fit.
 */
export function pooledSize(inputSize: number, size: number, stride: number, padding: number, ceilMode: boolean): number {
  const span = inputSize + 2 * padding - size;
  let out = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  if (ceilMode && (out - 1) * stride >= inputSize + padding) out -= 1;
  return out;
}

/** "28×28×256", "1000", or "?" for an empty (unknown) shape. */
export function formatArchShape(shape: unknown): string {
  if (!Array.isArray(shape)) return String(shape);
  return shape.length === 0 ? '?' : shape.map(String).join('×');
}

/** A compact label for a layer, e.g. "conv 64 11×11 s4 p2", "max pool 3×3 s2 ceil", or a block's own label. */
export function layerLabel(layer: ArchLayer): string {
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

/** Convolution and dense layers in `layers`, every branch included, residual shortcuts excluded. */
export function countWeightLayers(layers: readonly ArchLayer[]): number {
  return layers.reduce((sum, layer) => {
    switch (layer.kind) {
      case 'conv2d':
      case 'dense':
        return sum + 1;
      case 'concat':
        return sum + layer.branches.reduce((s, branch) => s + countWeightLayers(branch), 0);
      case 'residual':
        return sum + countWeightLayers(layer.main);
      case 'sequence':
        return sum + countWeightLayers(layer.layers);
      default:
        return sum;
    }
  }, 0);
}

/** Convolution and dense layers on the longest path through `layers` (branches: the deepest one). */
export function weightDepth(layers: readonly ArchLayer[]): number {
  return layers.reduce((sum, layer) => {
    switch (layer.kind) {
      case 'conv2d':
      case 'dense':
        return sum + 1;
      case 'concat':
        return sum + Math.max(0, ...layer.branches.map(weightDepth));
      case 'residual':
        return sum + Math.max(weightDepth(layer.main), weightDepth(layer.shortcut ?? []));
      case 'sequence':
        return sum + weightDepth(layer.layers);
      default:
        return sum;
    }
  }, 0);
}

// ---------------------------------------------------------------------------------------------
// Inference

type Shape = number[];

/** What flows out of a layer: its output shape (null when unknown) and its parameters. */
interface Flow {
  shape: Shape | null;
  params: number;
}

const UNKNOWN: Flow = { shape: null, params: 0 };

function runSequence(layers: readonly ArchLayer[], input: Shape | null, where: string, messages: string[]): Flow {
  let shape = input;
  let params = 0;
  layers.forEach((layer, i) => {
    const flow = runLayer(layer, shape, `${where} › layer ${i + 1} (${layerLabel(layer)})`, messages);
    shape = flow.shape;
    params += flow.params;
  });
  return { shape, params };
}

function runLayer(layer: ArchLayer, input: Shape | null, where: string, messages: string[]): Flow {
  switch (layer.kind) {
    case 'concat':
      return runConcat(layer, input, where, messages);
    case 'residual':
      return runResidual(layer, input, where, messages);
    case 'sequence':
      return runSequence(layer.layers, input, where, messages);
    default: {
      const settings = settingMessages(layer, where);
      messages.push(...settings);
      if (input === null || settings.length > 0) return UNKNOWN;
      const flow = runSimple(layer, input, where);
      if (typeof flow === 'string') {
        messages.push(flow);
        return UNKNOWN;
      }
      return flow;
    }
  }
}

type SimpleLayer = Exclude<ArchLayer, ArchConcat | ArchResidual | ArchSequence>;

/** Output of a layer with valid settings, or the sentence that says why there is none. */
function runSimple(layer: SimpleLayer, input: Shape, where: string): Flow | string {
  switch (layer.kind) {
    case 'conv2d': {
      const hwc = asSpatial(input);
      if (!hwc) return notSpatial(where, input);
      const [h, w, c] = hwc;
      const [kh, kw] = kernelOf(layer);
      const stride = layer.stride ?? 1;
      const padding = layer.padding ?? 'valid';
      const oh = convOutputSize(h, kh, stride, padding);
      const ow = convOutputSize(w, kw, stride, padding);
      if (oh < 1 || ow < 1) return tooSmall(where, kh, kw, hwc, padding === 'same' || padding === 'valid' ? 0 : padding);
      const bias = layer.bias === false ? 0 : layer.filters;
      return { shape: [oh, ow, layer.filters], params: kh * kw * c * layer.filters + bias };
    }
    case 'batchNorm': {
      const channels = input[input.length - 1] ?? 0;
      return { shape: input, params: 2 * channels };
    }
    case 'relu':
    case 'tanh':
    case 'lrn':
    case 'dropout':
      return { shape: input, params: 0 };
    case 'maxPool':
    case 'avgPool': {
      const hwc = asSpatial(input);
      if (!hwc) return notSpatial(where, input);
      const [h, w, c] = hwc;
      const stride = layer.stride ?? layer.size;
      const padding = layer.padding ?? 0;
      const ceilMode = layer.ceilMode ?? false;
      const oh = pooledSize(h, layer.size, stride, padding, ceilMode);
      const ow = pooledSize(w, layer.size, stride, padding, ceilMode);
      if (oh < 1 || ow < 1) return tooSmall(where, layer.size, layer.size, hwc, padding);
      return { shape: [oh, ow, c], params: 0 };
    }
    case 'adaptiveAvgPool': {
      const hwc = asSpatial(input);
      if (!hwc) return notSpatial(where, input);
      const [oh, ow] = adaptiveSizeOf(layer);
      return { shape: [oh, ow, hwc[2]], params: 0 };
    }
    case 'flatten':
      return { shape: [input.reduce((product, size) => product * size, 1)], params: 0 };
    case 'dense': {
      const [inputSize] = input;
      if (input.length !== 1 || inputSize === undefined) {
        return `${where} gets a ${formatArchShape(input)} input but needs a vector; add a flatten layer before it`;
      }
      const bias = layer.bias === false ? 0 : layer.units;
      return { shape: [layer.units], params: inputSize * layer.units + bias };
    }
  }
}

function runConcat(block: ArchConcat, input: Shape | null, where: string, messages: string[]): Flow {
  if (block.branches.length === 0) {
    messages.push(`${where} has no branches; a concatenation needs at least one`);
    return UNKNOWN;
  }
  const flows = block.branches.map((branch, i) => runSequence(branch, input, `${where} › branch ${i + 1}`, messages));
  const params = flows.reduce((sum, flow) => sum + flow.params, 0);
  const shapes = flows.map((flow) => flow.shape);
  if (!shapes.every((shape): shape is Shape => shape !== null)) return { shape: null, params };
  const spatial = shapes.map(asSpatial);
  if (!spatial.every((hwc): hwc is [number, number, number] => hwc !== null)) {
    const list = shapes.map((shape, i) => `branch ${i + 1}: ${formatArchShape(shape)}`).join(', ');
    messages.push(`${where}: every branch must output a height×width×channels volume to be concatenated along channels (${list})`);
    return { shape: null, params };
  }
  const [first] = spatial as [[number, number, number], ...[number, number, number][]];
  const mismatch = spatial.some(([h, w]) => h !== first[0] || w !== first[1]);
  if (mismatch) {
    const list = spatial.map((hwc, i) => `branch ${i + 1}: ${formatArchShape(hwc)}`).join(', ');
    messages.push(`${where}: branch outputs must share height and width to be concatenated along channels, but they are ${list}`);
    return { shape: null, params };
  }
  const channels = spatial.reduce((sum, [, , c]) => sum + c, 0);
  return { shape: [first[0], first[1], channels], params };
}

function runResidual(block: ArchResidual, input: Shape | null, where: string, messages: string[]): Flow {
  const main = runSequence(block.main, input, `${where} › main branch`, messages);
  const shortcut = runSequence(block.shortcut ?? [], input, `${where} › shortcut`, messages);
  const params = main.params + shortcut.params;
  if (main.shape === null || shortcut.shape === null) return { shape: null, params };
  if (!sameShape(main.shape, shortcut.shape)) {
    const hint = block.shortcut?.length
      ? 'change the shortcut projection so that both match'
      : 'add a projection shortcut (a 1×1 convolution with the right filters and stride) so that both match';
    messages.push(
      `${where}: the main branch outputs ${formatArchShape(main.shape)} but the shortcut outputs ` +
        `${formatArchShape(shortcut.shape)}; outputs can only be added when their shapes are equal, so ${hint}`,
    );
    return { shape: null, params };
  }
  return { shape: main.shape, params };
}

/** Problems with a layer's own settings, independent of its input. */
function settingMessages(layer: SimpleLayer, where: string): string[] {
  switch (layer.kind) {
    case 'conv2d': {
      const kernel = typeof layer.kernel === 'number' ? [layer.kernel] : Array.isArray(layer.kernel) ? layer.kernel : [NaN];
      const padding = layer.padding ?? 'valid';
      const paddingOk = padding === 'valid' || padding === 'same' || isNonNegativeInteger(padding);
      return [
        ...positive(where, 'filters', layer.filters),
        ...(kernel.length >= 1 && kernel.length <= 2 && kernel.every(isPositiveInteger)
          ? []
          : [`${where}: the kernel must be a positive whole number or [height, width], not ${formatArchShape(layer.kernel)}`]),
        ...positive(where, 'stride', layer.stride ?? 1),
        ...(paddingOk ? [] : [`${where}: padding must be "valid", "same" or a whole number of cells, not ${String(padding)}`]),
      ];
    }
    case 'maxPool':
    case 'avgPool': {
      const padding = layer.padding ?? 0;
      const messages = [...positive(where, 'pool size', layer.size), ...positive(where, 'stride', layer.stride ?? layer.size)];
      if (!isNonNegativeInteger(padding)) messages.push(`${where}: padding must be a whole number of cells, not ${String(padding)}`);
      // PyTorch refuses a pad beyond half the window: a window could then see only padding.
      else if (isPositiveInteger(layer.size) && padding > layer.size / 2) {
        messages.push(`${where}: padding ${padding} is more than half the ${layer.size}×${layer.size} window; use at most ${Math.floor(layer.size / 2)}`);
      }
      return messages;
    }
    case 'adaptiveAvgPool': {
      const size = adaptiveSizeOf(layer);
      return size.every(isPositiveInteger) ? [] : [`${where}: the output size must be positive whole numbers, not ${formatArchShape(size)}`];
    }
    case 'dense':
      return positive(where, 'units', layer.units);
    case 'dropout':
      return layer.rate >= 0 && layer.rate < 1 ? [] : [`${where}: the dropout rate must be at least 0 and below 1, not ${layer.rate}`];
    case 'batchNorm':
    case 'relu':
    case 'tanh':
    case 'lrn':
    case 'flatten':
      return [];
  }
}

function positive(where: string, name: string, value: unknown): string[] {
  return isPositiveInteger(value) ? [] : [`${where}: ${name} must be a positive whole number, not ${String(value)}`];
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function kernelOf(layer: ArchConv2d): [number, number] {
  if (typeof layer.kernel === 'number') return [layer.kernel, layer.kernel];
  const [kh, kw] = layer.kernel;
  return [kh, kw ?? kh];
}

function adaptiveSizeOf(layer: ArchAdaptiveAvgPool): [number, number] {
  const size = layer.size ?? 1;
  if (typeof size === 'number') return [size, size];
  const [oh, ow] = size;
  return [oh, ow ?? oh];
}

function asSpatial(shape: Shape): [number, number, number] | null {
  const [h, w, c] = shape;
  if (shape.length !== 3 || h === undefined || w === undefined || c === undefined) return null;
  return [h, w, c];
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

function notSpatial(where: string, input: Shape): string {
  return `${where} needs a height×width×channels input but gets a vector of ${formatArchShape(input)} values`;
}

function tooSmall(where: string, kh: number, kw: number, [h, w]: [number, number, number], padding: number): string {
  const padded = padding > 0 ? ` (${h + 2 * padding}×${w + 2 * padding} with padding)` : '';
  return `${where}: its ${kh}×${kw} window does not fit the ${h}×${w} input${padded}`;
}

// ---------------------------------------------------------------------------------------------
// Builders used by the definitions below (exported so pages and tests can compose small nets).

interface ConvOptions {
  stride?: number;
  padding?: ArchPadding;
  bias?: boolean;
  label?: string;
}

/** A conv2d layer; options default to stride 1, 'valid', bias on. */
export function conv(filters: number, kernel: number | readonly [number, number], options: ConvOptions = {}): ArchConv2d {
  return { kind: 'conv2d', filters, kernel, ...options };
}

/** A dense layer with bias. */
export function dense(units: number, label?: string): ArchDense {
  return label === undefined ? { kind: 'dense', units } : { kind: 'dense', units, label };
}

const RELU: ArchActivation = { kind: 'relu' };
const TANH: ArchActivation = { kind: 'tanh' };
const FLATTEN: ArchFlatten = { kind: 'flatten' };
const BATCH_NORM: ArchBatchNorm = { kind: 'batchNorm' };

function maxPool(size: number, stride: number, options: { padding?: number; ceilMode?: boolean } = {}): ArchPool {
  return { kind: 'maxPool', size, stride, ...options };
}

/**
 * torchvision's GoogLeNet `BasicConv2d`: a conv without bias, batch norm (eps 0.001), ReLU.
 */
function basicConv(filters: number, kernel: number, options: { stride?: number; padding?: number } = {}): ArchLayer[] {
  return [conv(filters, kernel, { ...options, bias: false }), { kind: 'batchNorm', eps: 0.001 }, RELU];
}

/**
 * torchvision's `Inception(in, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj)`. Its
 * "5×5" branch uses a 3×3 convolution (a known quirk kept for weight compatibility).
 */
function inception(label: string, ch1x1: number, ch3x3red: number, ch3x3: number, ch5x5red: number, ch5x5: number, poolProj: number): ArchConcat {
  return {
    kind: 'concat',
    label,
    branches: [
      basicConv(ch1x1, 1),
      [...basicConv(ch3x3red, 1), ...basicConv(ch3x3, 3, { padding: 1 })],
      [...basicConv(ch5x5red, 1), ...basicConv(ch5x5, 3, { padding: 1 })],
      [maxPool(3, 1, { padding: 1, ceilMode: true }), ...basicConv(poolProj, 1)],
    ],
  };
}

/**
 * torchvision's ResNet `Bottleneck` (v1.5: the stride sits on the 3×3 conv): 1×1 (width),
 * 3×3 (width, stride), 1×1 (4·width), each conv without bias and followed by batch norm; a
 * projection shortcut (1×1 conv with the stride, no bias, batch norm) when the shape changes.
 */
export function bottleneck(label: string, inChannels: number, width: number, stride: number): ArchResidual {
  const outChannels = width * 4;
  const main: ArchLayer[] = [
    conv(width, 1, { bias: false }),
    BATCH_NORM,
    RELU,
    conv(width, 3, { stride, padding: 1, bias: false }),
    BATCH_NORM,
    RELU,
    conv(outChannels, 1, { bias: false }),
    BATCH_NORM,
  ];
  const needsProjection = stride !== 1 || inChannels !== outChannels;
  const shortcut = needsProjection ? [conv(outChannels, 1, { stride, bias: false }), BATCH_NORM] : undefined;
  return shortcut ? { kind: 'residual', label, main, shortcut, activation: 'relu' } : { kind: 'residual', label, main, activation: 'relu' };
}

/** Bottleneck ResNet as in torchvision (`resnet50`, `resnet101`, `resnet152`), one row per stage. */
function bottleneckResNet(name: string, blocksPerStage: readonly [number, number, number, number]): Architecture {
  const stages: ArchSequence[] = [];
  let channels = 64;
  blocksPerStage.forEach((count, stage) => {
    const width = 64 * 2 ** stage;
    const blocks: ArchResidual[] = [];
    for (let b = 0; b < count; b++) {
      const stride = stage > 0 && b === 0 ? 2 : 1;
      blocks.push(bottleneck(`conv${stage + 2}_${b + 1}`, channels, width, stride));
      channels = width * 4;
    }
    stages.push({ kind: 'sequence', label: `conv${stage + 2}_x (${count} bottleneck blocks)`, layers: blocks });
  });
  const depth = 2 + 3 * blocksPerStage.reduce((a, b) => a + b, 0);
  return {
    name,
    inputShape: [224, 224, 3],
    layers: [
      { kind: 'sequence', label: 'conv1 7×7 s2 + BN + ReLU', layers: [conv(64, 7, { stride: 2, padding: 3, bias: false }), BATCH_NORM, RELU] },
      maxPool(3, 2, { padding: 1 }),
      ...stages,
      { kind: 'adaptiveAvgPool', size: 1 },
      FLATTEN,
      dense(1000, 'fc 1000'),
    ],
    source:
      `torchvision.models.resnet${depth} (Bottleneck blocks [${blocksPerStage.join(', ')}], expansion 4, ResNet v1.5 ` +
      'with the stride on the 3×3 conv, convs without bias, batch norm after every conv, projection ' +
      'shortcuts only on the first block of each stage, 1000 classes); the stride placement does not change the count',
  };
}

// ---------------------------------------------------------------------------------------------
// The architectures

/**
 * LeNet-5 (LeCun et al. 1998) as most modern re-implementations build it: 61,706 parameters.
 */
export const LENET5: Architecture = {
  name: 'LeNet-5',
  inputShape: [32, 32, 1],
  layers: [
    conv(6, 5, { label: 'C1 conv 6@5×5' }),
    TANH,
    { kind: 'avgPool', size: 2, stride: 2, label: 'S2 avg pool 2×2' },
    conv(16, 5, { label: 'C3 conv 16@5×5' }),
    TANH,
    { kind: 'avgPool', size: 2, stride: 2, label: 'S4 avg pool 2×2' },
    conv(120, 5, { label: 'C5 conv 120@5×5' }),
    TANH,
    FLATTEN,
    dense(84, 'F6 dense 84'),
    TANH,
    dense(10, 'output dense 10'),
  ],
  source:
    'Modern re-implementation of LeNet-5 (LeCun, Bottou, Bengio & Haffner 1998): C3 connected to all 6 S2 maps ' +
    '(the paper connects each C3 map to a subset, 1,516 weights instead of 2,416), S2/S4 as parameter-free 2×2 ' +
    'average pooling (the paper’s subsampling has a trainable coefficient and bias per map) and a 10-unit dense ' +
    'output with bias in place of the paper’s Euclidean RBF units; 61,706 parameters',
};

/** AlexNet as torchvision builds it (`torchvision.models.alexnet`): 61,100,840 parameters. */
export const ALEXNET: Architecture = {
  name: 'AlexNet',
  inputShape: [224, 224, 3],
  layers: [
    conv(64, 11, { stride: 4, padding: 2 }),
    RELU,
    maxPool(3, 2),
    conv(192, 5, { padding: 2 }),
    RELU,
    maxPool(3, 2),
    conv(384, 3, { padding: 1 }),
    RELU,
    conv(256, 3, { padding: 1 }),
    RELU,
    conv(256, 3, { padding: 1 }),
    RELU,
    maxPool(3, 2),
    { kind: 'adaptiveAvgPool', size: 6 },
    FLATTEN,
    { kind: 'dropout', rate: 0.5 },
    dense(4096),
    RELU,
    { kind: 'dropout', rate: 0.5 },
    dense(4096),
    RELU,
    dense(1000),
  ],
  source:
    'torchvision.models.alexnet (the single-GPU variant of "One weird trick", Krizhevsky 2014: 64/192/384/256/256 ' +
    'filters, no local response norm, adaptive 6×6 average pool, 1000 classes); the 2012 paper’s two-GPU network ' +
    'has 96/256/384/384/256 filters and about 60 million parameters',
};

const VGG16_CONFIG: readonly (number | 'M')[] = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'];

/** VGG-16 (configuration D) as torchvision `vgg16` / Keras `VGG16(include_top=True)`: 138,357,544 parameters. */
export const VGG16: Architecture = {
  name: 'VGG-16',
  inputShape: [224, 224, 3],
  layers: [
    ...VGG16_CONFIG.flatMap((item): ArchLayer[] => (item === 'M' ? [maxPool(2, 2)] : [conv(item, 3, { padding: 1 }), RELU])),
    { kind: 'adaptiveAvgPool', size: 7 },
    FLATTEN,
    dense(4096),
    RELU,
    { kind: 'dropout', rate: 0.5 },
    dense(4096),
    RELU,
    { kind: 'dropout', rate: 0.5 },
    dense(1000),
  ],
  source:
    'torchvision.models.vgg16 (configuration D without batch norm, 1000 classes; its adaptive 7×7 average pool ' +
    'is the identity on 224×224 inputs), equal to Keras VGG16(include_top=True): 138,357,544 parameters',
};

/** GoogLeNet as torchvision builds it (`googlenet`, auxiliary classifiers removed): 6,624,904 parameters. */
export const GOOGLENET: Architecture = {
  name: 'GoogLeNet',
  inputShape: [224, 224, 3],
  layers: [
    { kind: 'sequence', label: 'conv1 7×7 s2 + BN + ReLU', layers: basicConv(64, 7, { stride: 2, padding: 3 }) },
    maxPool(3, 2, { ceilMode: true }),
    { kind: 'sequence', label: 'conv2 1×1 + BN + ReLU', layers: basicConv(64, 1) },
    { kind: 'sequence', label: 'conv3 3×3 + BN + ReLU', layers: basicConv(192, 3, { padding: 1 }) },
    maxPool(3, 2, { ceilMode: true }),
    inception('inception 3a', 64, 96, 128, 16, 32, 32),
    inception('inception 3b', 128, 128, 192, 32, 96, 64),
    maxPool(3, 2, { ceilMode: true }),
    inception('inception 4a', 192, 96, 208, 16, 48, 64),
    inception('inception 4b', 160, 112, 224, 24, 64, 64),
    inception('inception 4c', 128, 128, 256, 24, 64, 64),
    inception('inception 4d', 112, 144, 288, 32, 64, 64),
    inception('inception 4e', 256, 160, 320, 32, 128, 128),
    maxPool(2, 2, { ceilMode: true }),
    inception('inception 5a', 256, 160, 320, 32, 128, 128),
    inception('inception 5b', 384, 192, 384, 48, 128, 128),
    { kind: 'adaptiveAvgPool', size: 1 },
    FLATTEN,
    { kind: 'dropout', rate: 0.2 },
    dense(1000, 'fc 1000'),
  ],
  source:
    'torchvision.models.googlenet without the auxiliary classifiers (aux_logits=False, as in its pretrained ' +
    'weights): BasicConv2d = conv without bias + batch norm (eps 0.001) + ReLU, max pools with ceil_mode=True, ' +
    'a 3×3 conv in the "5×5" branch; the 2014 paper has no batch norm and real 5×5 convs',
};

/** ResNet-50 as torchvision `resnet50`: 25,557,032 parameters. */
export const RESNET50: Architecture = bottleneckResNet('ResNet-50', [3, 4, 6, 3]);

/** ResNet-152 as torchvision `resnet152`: 60,192,808 parameters. */
export const RESNET152: Architecture = bottleneckResNet('ResNet-152', [3, 8, 36, 3]);

/** Identifiers of the architectures of the history chapter, in chronological order. */
export type ArchitectureId = 'lenet5' | 'alexnet' | 'vgg16' | 'googlenet' | 'resnet50' | 'resnet152';

/** Every defined architecture by id. */
export const ARCHITECTURES: Readonly<Record<ArchitectureId, Architecture>> = {
  lenet5: LENET5,
  alexnet: ALEXNET,
  vgg16: VGG16,
  googlenet: GOOGLENET,
  resnet50: RESNET50,
  resnet152: RESNET152,
};
