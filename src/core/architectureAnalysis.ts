/**
 * Shape inference and parameter counts for an Architecture (the history chapter's layer
 * language, see architecture.ts). Shapes are HWC or [units]; an empty shape means "unknown".
 */

import {
  adaptiveSizeOf,
  archLayerLabel,
  formatArchShape,
  kernelOf,
  type ArchConcat,
  type ArchConv2d,
  type ArchLayer,
  type ArchLayerKind,
  type ArchPool,
  type ArchResidual,
  type ArchSimpleLayer,
  type Architecture,
} from './architecture';
import { archSettingMessages } from './architectureSettings';
import { convOutputSize, torchPoolOutputSize } from './convGeometry';
import {
  asSpatial,
  flattenedSize,
  isHwcShape,
  needsFlattenMessage,
  notSpatialMessage,
  UNKNOWN_FLOW,
  windowDoesNotFitMessage,
  type Flow,
  type Hwc,
} from './layerChecks';
import type { Shape } from './modelSpec';

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
  const inputOk = isHwcShape(arch.inputShape);
  if (!inputOk) {
    const message = `the input shape must be three positive whole numbers (HWC), not ${formatArchShape(arch.inputShape)}`;
    errors.push({ layerIndex: null, message });
  }
  let shape: Shape | null = inputOk ? [...arch.inputShape] : null;
  arch.layers.forEach((layer, index) => {
    const label = archLayerLabel(layer);
    const messages: string[] = [];
    const flow = runLayer(layer, shape, `layer ${index + 1} (${label})`, messages);
    const outputShape = flow.shape ?? [];
    layers.push({ index, kind: layer.kind, label, inputShape: shape ?? [], outputShape, params: flow.params });
    errors.push(...messages.map((message) => ({ layerIndex: index, message })));
    shape = flow.shape;
  });
  return {
    name: arch.name,
    inputShape: inputOk ? [...arch.inputShape] : [],
    layers,
    totalParams: layers.reduce((sum, row) => sum + row.params, 0),
    outputShape: shape ?? [],
    weightLayers: weightLayersAlong(arch.layers, ALL_PATHS),
    weightDepth: weightLayersAlong(arch.layers, DEEPEST_PATH),
    errors,
  };
}

/** How weight layers on parallel paths (concat branches, a residual's main branch and shortcut) add up. */
interface PathRule {
  combine: (counts: number[]) => number;
  /** Whether a residual block's shortcut is one of its paths. */
  shortcuts: boolean;
}

/** Every weight layer, in every branch; residual shortcuts are projections, not layers of the network. */
const ALL_PATHS: PathRule = { combine: (counts) => counts.reduce((sum, count) => sum + count, 0), shortcuts: false };

/** The weight layers on the longest path, i.e. the depth. */
const DEEPEST_PATH: PathRule = { combine: (counts) => Math.max(0, ...counts), shortcuts: true };

/** Convolution and dense layers in `layers`, parallel paths combined by `rule`. */
function weightLayersAlong(layers: readonly ArchLayer[], rule: PathRule): number {
  return layers.reduce((sum, layer) => {
    switch (layer.kind) {
      case 'conv2d':
      case 'dense':
        return sum + 1;
      case 'concat':
        return sum + rule.combine(layer.branches.map((branch) => weightLayersAlong(branch, rule)));
      case 'residual': {
        const paths = rule.shortcuts ? [layer.main, layer.shortcut ?? []] : [layer.main];
        return sum + rule.combine(paths.map((path) => weightLayersAlong(path, rule)));
      }
      case 'sequence':
        return sum + weightLayersAlong(layer.layers, rule);
      default:
        return sum;
    }
  }, 0);
}

function runSequence(layers: readonly ArchLayer[], input: Shape | null, where: string, messages: string[]): Flow {
  let shape = input;
  let params = 0;
  layers.forEach((layer, i) => {
    const flow = runLayer(layer, shape, `${where} › layer ${i + 1} (${archLayerLabel(layer)})`, messages);
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
      const settings = archSettingMessages(layer, where);
      messages.push(...settings);
      if (input === null || settings.length > 0) return UNKNOWN_FLOW;
      const flow = runSimple(layer, input, where);
      if (typeof flow === 'string') {
        messages.push(flow);
        return UNKNOWN_FLOW;
      }
      return flow;
    }
  }
}

/** Output of a layer with valid settings, or the sentence that says why there is none. */
function runSimple(layer: ArchSimpleLayer, input: Shape, where: string): Flow | string {
  switch (layer.kind) {
    case 'conv2d':
      return runConv(layer, input, where);
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
    case 'avgPool':
      return runPool(layer, input, where);
    case 'adaptiveAvgPool': {
      const hwc = spatialInput(input, where);
      if (typeof hwc === 'string') return hwc;
      const [oh, ow] = adaptiveSizeOf(layer);
      return { shape: [oh, ow, hwc[2]], params: 0 };
    }
    case 'flatten':
      return { shape: [flattenedSize(input)], params: 0 };
    case 'dense': {
      const [inputSize] = input;
      if (input.length !== 1 || inputSize === undefined) return needsFlattenMessage(where, input, 'a vector');
      const bias = layer.bias === false ? 0 : layer.units;
      return { shape: [layer.units], params: inputSize * layer.units + bias };
    }
  }
}

function runConv(layer: ArchConv2d, input: Shape, where: string): Flow | string {
  const hwc = spatialInput(input, where);
  if (typeof hwc === 'string') return hwc;
  const [h, w, c] = hwc;
  const [kh, kw] = kernelOf(layer);
  const stride = layer.stride ?? 1;
  const padding = layer.padding ?? 'valid';
  const oh = convOutputSize(h, kh, stride, padding);
  const ow = convOutputSize(w, kw, stride, padding);
  if (oh < 1 || ow < 1) return windowDoesNotFitMessage(where, [kh, kw], hwc, typeof padding === 'number' ? padding : 0);
  const bias = layer.bias === false ? 0 : layer.filters;
  return { shape: [oh, ow, layer.filters], params: kh * kw * c * layer.filters + bias };
}

function runPool(layer: ArchPool, input: Shape, where: string): Flow | string {
  const hwc = spatialInput(input, where);
  if (typeof hwc === 'string') return hwc;
  const [h, w, c] = hwc;
  const stride = layer.stride ?? layer.size;
  const padding = layer.padding ?? 0;
  const ceilMode = layer.ceilMode ?? false;
  const oh = torchPoolOutputSize(h, layer.size, stride, padding, ceilMode);
  const ow = torchPoolOutputSize(w, layer.size, stride, padding, ceilMode);
  if (oh < 1 || ow < 1) return windowDoesNotFitMessage(where, [layer.size, layer.size], hwc, padding);
  return { shape: [oh, ow, c], params: 0 };
}

/** The input as [height, width, channels], or the sentence saying it is a vector. */
function spatialInput(input: Shape, where: string): Hwc | string {
  return asSpatial(input) ?? notSpatialMessage(where, input, 'vector');
}

function runConcat(block: ArchConcat, input: Shape | null, where: string, messages: string[]): Flow {
  if (block.branches.length === 0) {
    messages.push(`${where} has no branches; a concatenation needs at least one`);
    return UNKNOWN_FLOW;
  }
  const flows = block.branches.map((branch, i) => runSequence(branch, input, `${where} › branch ${i + 1}`, messages));
  const params = flows.reduce((sum, flow) => sum + flow.params, 0);
  const shapes = flows.map((flow) => flow.shape);
  if (!shapes.every((shape): shape is Shape => shape !== null)) return { shape: null, params };
  const spatial = shapes.map(asSpatial);
  if (!spatial.every((hwc): hwc is Hwc => hwc !== null)) {
    const list = shapes.map((shape, i) => `branch ${i + 1}: ${formatArchShape(shape)}`).join(', ');
    messages.push(
      `${where}: every branch must output a height×width×channels volume to be concatenated along channels (${list})`,
    );
    return { shape: null, params };
  }
  const [first] = spatial as [Hwc, ...Hwc[]];
  const mismatch = spatial.some(([h, w]) => h !== first[0] || w !== first[1]);
  if (mismatch) {
    const list = spatial.map((hwc, i) => `branch ${i + 1}: ${formatArchShape(hwc)}`).join(', ');
    messages.push(
      `${where}: branch outputs must share height and width to be concatenated along channels, but they are ${list}`,
    );
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

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
