/**
 * ConvScope's model files: a TensorFlow.js layers model (`model.json` plus a binary
 * weights file), with a `convscope` section that names the architecture in our own
 * compact form. Reading never throws and trusts nothing: every problem becomes one
 * sentence that says what is wrong and what to do. Pure: no tfjs, no DOM.
 *
 *   {
 *     "format": "layers-model", "generatedBy": "ConvScope", "convertedBy": null,
 *     "modelTopology": { ...as tfjs writes it, so tf.loadLayersModel opens the file too... },
 *     "weightsManifest": [{ "paths": ["convscope-model.weights.bin"],
 *                           "weights": [{ "name": "L1_conv2d/kernel", "shape": [5, 5, 1, 8], "dtype": "float32" }, ...] }],
 *     "convscope": { "version": 1, "inputShape": [28, 28, 1],
 *                    "architecture": "conv8k5s1valid-relu_maxpool2s2_...", "testAccuracy": 0.99, "trainedExamples": 300000 }
 *   }
 *
 * Weights are little-endian float32, in manifest order, concatenated across `paths`.
 */
import type { InceptionLayer, LayerKind, ModelSpec, ResidualLayer } from '../core/modelSpec';
import { analyzeSpec, residualNeedsProjection } from '../core/shapes';
import { decodeSpec, encodeSpec } from '../core/specCodec';
import { field, isRecord, quote } from './untrustedJson';

const MODEL_FILE_VERSION = 1;
/** Larger than any model.json we write (its topology is a few KB per layer). */
export const MAX_MANIFEST_BYTES = 1_000_000;
/** A spec at SPEC_LIMITS.maxParams float32 parameters, and a little room. */
export const MAX_WEIGHT_BYTES = 21_000_000;
const DEFAULT_FILE_STEM = 'convscope-model';

export interface WeightSpec {
  /** tfjs's weight name, `<layer name>/kernel` or `<layer name>/bias`. */
  name: string;
  shape: number[];
}

/** What a model file says about the model, beyond its weights. */
export interface ModelInfo {
  /** Test-set accuracy when saved, if it was measured. */
  testAccuracy: number | null;
  /** Training examples seen when saved, if known. */
  trainedExamples: number | null;
}

/** A validated model.json: the spec to build and the weight files it needs, in order. */
export interface ModelManifest extends ModelInfo {
  spec: ModelSpec;
  weightPaths: string[];
  /** The spec's weights, in the order they appear in the weight files. */
  weights: WeightSpec[];
}

/** A model ready to use: its spec, and one array per `expectedWeights(spec)` entry. */
export interface LoadedModel extends ModelInfo {
  spec: ModelSpec;
  weights: Float32Array[];
}

/** A file as read from disk, IndexedDB or the network. */
export interface ModelFilePart {
  name: string;
  data: ArrayBuffer;
}

export type Result<T> = { ok: T } | { error: string };

/**
 * The tf layers inside a block: an Inception block's four branch convs (`1x1`, `3x3`, `5x5`,
 * and `poolproj` after `pool`) joined by `concat`; a residual block's `conv1`, `conv2`, the
 * shortcut's `proj`ection, `add` and the final `relu`.
 */
export type BlockPart =
  '1x1' | '3x3' | '5x5' | 'pool' | 'poolproj' | 'concat' | 'conv1' | 'conv2' | 'proj' | 'add' | 'relu';

/**
 * The tf layer name of spec layer `index` (e.g. `L1_conv2d`), or of one `part` of a block
 * (e.g. `L3_inception_1x1`): readable, unique, and the key of its weights.
 */
export function tfLayerName(index: number, kind: LayerKind | 'leakyRelu', part?: BlockPart): string {
  return part === undefined ? `L${index + 1}_${kind}` : `L${index + 1}_${kind}_${part}`;
}

/** One conv inside a block: every one is stride 1, 'same', with a bias. */
export interface BlockConv {
  part: BlockPart;
  kernelSize: number;
  /** Channels of the tensor it reads. */
  inputChannels: number;
  filters: number;
}

/**
 * The convs inside a block on an input of `channels` channels, in the order their weights
 * are listed in model files (Inception: 1×1, 3×3, 5×5, pool projection; residual: conv1,
 * conv2, then the shortcut projection only when `channels` differs from the filters).
 */
export function blockConvs(layer: InceptionLayer | ResidualLayer, channels: number): BlockConv[] {
  if (layer.kind === 'inception') {
    return [
      { part: '1x1', kernelSize: 1, inputChannels: channels, filters: layer.filters1x1 },
      { part: '3x3', kernelSize: 3, inputChannels: channels, filters: layer.filters3x3 },
      { part: '5x5', kernelSize: 5, inputChannels: channels, filters: layer.filters5x5 },
      { part: 'poolproj', kernelSize: 1, inputChannels: channels, filters: layer.poolProj },
    ];
  }
  const { filters } = layer;
  const convs: BlockConv[] = [
    { part: 'conv1', kernelSize: 3, inputChannels: channels, filters },
    { part: 'conv2', kernelSize: 3, inputChannels: filters, filters },
  ];
  if (residualNeedsProjection(channels, filters))
    convs.push({ part: 'proj', kernelSize: 1, inputChannels: channels, filters });
  return convs;
}

/**
 * The weights `buildModel(spec)` creates, in model-file order: each conv and dense layer's
 * kernel, then bias; for a block, each of its convs' kernel and bias in `blockConvs` order.
 */
export function expectedWeights(spec: ModelSpec): WeightSpec[] {
  return analyzeSpec(spec).layers.flatMap(({ spec: layer, index, inputShape }) => {
    const name = tfLayerName(index, layer.kind);
    if (layer.kind === 'inception' || layer.kind === 'residual') {
      return blockConvs(layer, inputShape[2]!).flatMap(({ part, kernelSize: k, inputChannels, filters }) => {
        const convName = tfLayerName(index, layer.kind, part);
        return [
          { name: `${convName}/kernel`, shape: [k, k, inputChannels, filters] },
          { name: `${convName}/bias`, shape: [filters] },
        ];
      });
    }
    if (layer.kind === 'conv2d') {
      const k = layer.kernelSize;
      return [
        { name: `${name}/kernel`, shape: [k, k, inputShape[2]!, layer.filters] },
        { name: `${name}/bias`, shape: [layer.filters] },
      ];
    }
    if (layer.kind === 'dense') {
      return [
        { name: `${name}/kernel`, shape: [inputShape[0]!, layer.units] },
        { name: `${name}/bias`, shape: [layer.units] },
      ];
    }
    return [];
  });
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Reads and checks model.json's text against everything but the weight bytes. */
export function parseModelJson(text: string): Result<ModelManifest> {
  // Characters bound bytes from below and a third of them from above: encode only when it matters.
  const bytes = text.length > MAX_MANIFEST_BYTES / 3 ? new TextEncoder().encode(text).length : text.length;
  if (bytes > MAX_MANIFEST_BYTES) {
    return {
      error: `model.json is ${exactBytes(bytes)}, more than a ConvScope model's ${exactBytes(MAX_MANIFEST_BYTES)}; choose the .json file ConvScope saved.`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      error: `model.json is not valid JSON (${(error as Error).message}); choose the .json file ConvScope saved, unedited.`,
    };
  }
  if (!isRecord(json)) return { error: 'model.json holds no JSON object; choose the .json file ConvScope saved.' };
  const format = field(json, 'format');
  if (format === 'graph-model') {
    return {
      error:
        'This is a TensorFlow.js graph model (converted from TensorFlow); ConvScope opens only the layers models it saves. Choose a model saved from the playground.',
    };
  }
  if (format !== undefined && format !== 'layers-model')
    return { error: `model.json has format ${quote(format)}; ConvScope opens "layers-model" files it saved.` };
  const section = field(json, 'convscope');
  if (!isRecord(section)) {
    return {
      error:
        'model.json has no "convscope" section, so it was not saved by ConvScope and its architecture cannot be checked. Choose a model saved from the playground.',
    };
  }
  const version = field(section, 'version');
  if (version !== MODEL_FILE_VERSION) {
    return {
      error: `model.json is ConvScope model version ${quote(version)}; this version of ConvScope reads version ${MODEL_FILE_VERSION}.`,
    };
  }
  const spec = readSpec(section);
  if ('error' in spec) return spec;
  const manifest = readManifest(field(json, 'weightsManifest'), spec.ok);
  if ('error' in manifest) return manifest;
  return { ok: { spec: spec.ok, ...manifest.ok, ...readInfo(section) } };
}

/** Checks the weight files against a manifest and cuts them into one array per weight. */
export function readWeights(manifest: ModelManifest, files: readonly ModelFilePart[]): Result<LoadedModel> {
  const parts: ArrayBuffer[] = [];
  for (const path of manifest.weightPaths) {
    const file = files.find((f) => f.name === path || f.name.endsWith(`/${path}`));
    if (!file) {
      const chosen = files.map((f) => `"${f.name}"`).join(', ') || 'none';
      return {
        error: `model.json needs the weights file "${path}", but it was not among the files (${chosen}); choose model.json together with the .bin file saved with it.`,
      };
    }
    parts.push(file.data);
  }
  const expectedBytes = manifest.weights.reduce((sum, w) => sum + sizeOf(w.shape) * 4, 0);
  const actualBytes = parts.reduce((sum, p) => sum + p.byteLength, 0);
  if (actualBytes !== expectedBytes) {
    const how =
      actualBytes < expectedBytes
        ? 'is truncated or belongs to another model'
        : 'is too long: it belongs to another model';
    return {
      error: `The weights file has ${exactBytes(actualBytes)} but model.json describes ${exactBytes(expectedBytes)}: it ${how}. Choose the .bin file saved with this model.json.`,
    };
  }
  const all = concat(parts, actualBytes);
  const byName = new Map<string, Float32Array>();
  let offset = 0;
  for (const w of manifest.weights) {
    const values = new Float32Array(all, offset, sizeOf(w.shape));
    offset += values.byteLength;
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
      return {
        error: `Weight ${w.name} holds ${values[bad]} at position ${bad}: the model is broken (it diverged while training). Choose another file.`,
      };
    byName.set(w.name, values);
  }
  const weights = expectedWeights(manifest.spec).map((w) => byName.get(w.name)!);
  const { spec, testAccuracy, trainedExamples } = manifest;
  return { ok: { spec, weights, testAccuracy, trainedExamples } };
}

/** Validates a whole model: model.json's text and the weight files it names. */
export function readModelFiles(files: readonly ModelFilePart[]): Result<LoadedModel> {
  const tooBig = files.find((f) => f.data.byteLength > MAX_WEIGHT_BYTES);
  if (tooBig)
    return {
      error: `"${tooBig.name}" is ${exactBytes(tooBig.data.byteLength)}; a ConvScope model file is at most ${exactBytes(MAX_WEIGHT_BYTES)}.`,
    };
  const jsonFiles = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsonFiles.length !== 1) {
    return {
      error:
        jsonFiles.length === 0
          ? 'No .json file was chosen: choose the model .json file and its .bin weights file together.'
          : 'Several .json files were chosen: choose one model .json file and its .bin weights file.',
    };
  }
  const manifest = parseModelJson(new TextDecoder().decode(jsonFiles[0]!.data));
  if ('error' in manifest) return manifest;
  return readWeights(
    manifest.ok,
    files.filter((f) => f !== jsonFiles[0]),
  );
}

/** Writes a model as files: `<stem>.json` and `<stem>.weights.bin`. `topology` is tfjs's model.toJSON(). */
export function writeModelFiles(model: LoadedModel, topology: unknown, stem = DEFAULT_FILE_STEM): ModelFilePart[] {
  const weightsPath = `${stem}.weights.bin`;
  const specs = expectedWeights(model.spec);
  const json = {
    format: 'layers-model',
    generatedBy: 'ConvScope',
    convertedBy: null,
    modelTopology: topology,
    weightsManifest: [{ paths: [weightsPath], weights: specs.map((w) => ({ ...w, dtype: 'float32' })) }],
    convscope: {
      version: MODEL_FILE_VERSION,
      inputShape: model.spec.inputShape,
      architecture: encodeSpec(model.spec),
      testAccuracy: model.testAccuracy,
      trainedExamples: model.trainedExamples,
    },
  };
  const bytes = concat(
    model.weights.map((w) => w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer),
    model.weights.reduce((sum, w) => sum + w.byteLength, 0),
  );
  return [
    { name: `${stem}.json`, data: new TextEncoder().encode(JSON.stringify(json)).buffer as ArrayBuffer },
    { name: weightsPath, data: bytes },
  ];
}

function readSpec(section: Record<string, unknown>): Result<ModelSpec> {
  const inputShape = field(section, 'inputShape');
  const isMnist =
    Array.isArray(inputShape) && inputShape.length === 3 && [28, 28, 1].every((n, i) => inputShape[i] === n);
  if (!isMnist) {
    return {
      error: `The model expects inputs of shape ${JSON.stringify(inputShape) ?? 'undefined'}, but MNIST digits are 28×28×1: this model cannot read them.`,
    };
  }
  const decoded = decodeSpec(field(section, 'architecture') as string);
  if ('error' in decoded) return { error: `The model's architecture cannot be read: ${decoded.error}.` };
  const [first] = analyzeSpec(decoded.spec, 'any').errors; // The engine checks it against the data's classes.
  if (first) return { error: `The model's architecture cannot be built: ${first.message}.` };
  return { ok: decoded.spec };
}

function readManifest(value: unknown, spec: ModelSpec): Result<{ weightPaths: string[]; weights: WeightSpec[] }> {
  if (!Array.isArray(value) || value.length === 0)
    return { error: 'model.json has no "weightsManifest" list, so its weights cannot be found.' };
  const weightPaths: string[] = [];
  const weights: WeightSpec[] = [];
  for (const group of value) {
    const paths = isRecord(group) ? field(group, 'paths') : undefined;
    const entries = isRecord(group) ? field(group, 'weights') : undefined;
    const namesFiles =
      Array.isArray(paths) && paths.length > 0 && paths.every((p) => typeof p === 'string' && p !== '');
    if (!namesFiles || !Array.isArray(entries)) {
      return {
        error: 'model.json\'s "weightsManifest" is malformed: each entry needs "paths" (file names) and "weights".',
      };
    }
    weightPaths.push(...paths);
    for (const entry of entries) {
      const weight = readWeightEntry(entry);
      if ('error' in weight) return weight;
      weights.push(weight.ok);
    }
  }
  const checked = matchWeights(weights, expectedWeights(spec));
  return 'error' in checked ? checked : { ok: { weightPaths, weights } };
}

function readWeightEntry(entry: unknown): Result<WeightSpec> {
  const name = isRecord(entry) ? field(entry, 'name') : undefined;
  const shape = isRecord(entry) ? field(entry, 'shape') : undefined;
  const dtype = isRecord(entry) ? field(entry, 'dtype') : undefined;
  if (
    typeof name !== 'string' ||
    !Array.isArray(shape) ||
    !shape.every((n) => Number.isInteger(n) && n >= 0 && n <= 1e7)
  ) {
    return { error: 'model.json lists a weight without a proper "name" and "shape" (whole numbers).' };
  }
  if (dtype !== 'float32') {
    return {
      error: `Weight ${name} is stored as ${quote(dtype)}; ConvScope reads float32 weights only (not quantized models).`,
    };
  }
  return { ok: { name, shape } };
}

/** The manifest must list exactly the spec's weights (any order), each once, with the spec's shapes. */
function matchWeights(listed: WeightSpec[], expected: WeightSpec[]): Result<true> {
  const seen = new Set<string>();
  for (const weight of listed) {
    if (seen.has(weight.name)) return { error: `model.json lists weight ${weight.name} twice; the file is corrupt.` };
    seen.add(weight.name);
    const want = expected.find((w) => w.name === weight.name);
    if (!want)
      return {
        error: `model.json has a weight ${weight.name} that its architecture has no place for; the file is corrupt or was edited.`,
      };
    if (want.shape.join() !== weight.shape.join()) {
      return {
        error: `Weight ${weight.name} has shape [${weight.shape.join(', ')}] but the architecture needs [${want.shape.join(', ')}].`,
      };
    }
  }
  const missing = expected.find((w) => !seen.has(w.name));
  if (missing)
    return {
      error: `model.json does not list weight ${missing.name}, which its architecture needs; the file is incomplete.`,
    };
  return { ok: true };
}

function readInfo(section: Record<string, unknown>): ModelInfo {
  const accuracy = field(section, 'testAccuracy');
  const examples = field(section, 'trainedExamples');
  return {
    testAccuracy: typeof accuracy === 'number' && accuracy >= 0 && accuracy <= 1 ? accuracy : null,
    trainedExamples: Number.isSafeInteger(examples) && (examples as number) >= 0 ? (examples as number) : null,
  };
}

function concat(parts: ArrayBuffer[], totalBytes: number): ArrayBuffer {
  const out = new Uint8Array(totalBytes);
  let offset = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  return out.buffer;
}

/** Exact, so that two sizes a few bytes apart read differently. */
function exactBytes(bytes: number): string {
  return `${bytes.toLocaleString('en')} bytes`;
}

/** A rounded size for people, e.g. "24 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 10_000) return `${bytes.toLocaleString('en')} bytes`;
  if (bytes < 10_000_000) return `${Math.round(bytes / 1000).toLocaleString('en')} KB`;
  return `${Math.round(bytes / 1_000_000).toLocaleString('en')} MB`;
}
