import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import { analyzeSpec } from '../core/shapes';
import { buildModel } from '../model/buildModel';
import {
  expectedWeights,
  formatBytes,
  MAX_MANIFEST_BYTES,
  MAX_WEIGHT_BYTES,
  parseModelJson,
  readModelFiles,
  sizeOf,
  writeModelFiles,
  type LoadedModel,
  type ModelFilePart,
  type Result,
} from './modelFile';

const JSON_NAME = 'convscope-model.json';
const BIN_NAME = 'convscope-model.weights.bin';
/** DEFAULT_SPEC's 5,994 parameters as float32. */
const DEFAULT_WEIGHT_BYTES = 5_994 * 4;

interface WeightEntry {
  name: string;
  shape: number[];
  dtype?: string;
}

interface ModelJson {
  [key: string]: unknown;
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[];
  convscope: Record<string, unknown>;
}

/** Distinctive values: weights[i][j] = i + j / 1000. */
function distinctiveModel(spec: ModelSpec = DEFAULT_SPEC): LoadedModel {
  const weights = expectedWeights(spec).map((w, i) => Float32Array.from({ length: sizeOf(w.shape) }, (_, j) => i + j / 1000));
  return { spec, weights, testAccuracy: 0.987, trainedExamples: 123_456 };
}

function validFiles(): ModelFilePart[] {
  return writeModelFiles(distinctiveModel(), { some: 'topology' });
}

function textOf(part: ModelFilePart): string {
  return new TextDecoder().decode(part.data);
}

function jsonPart(files: readonly ModelFilePart[]): ModelFilePart {
  const part = files.find((f) => f.name.endsWith('.json'));
  if (!part) throw new Error('no .json file');
  return part;
}

function binPart(files: readonly ModelFilePart[]): ModelFilePart {
  const part = files.find((f) => f.name.endsWith('.bin'));
  if (!part) throw new Error('no .bin file');
  return part;
}

/** A parsed copy of the files' model.json. */
function jsonOf(files: readonly ModelFilePart[]): ModelJson {
  return JSON.parse(textOf(jsonPart(files))) as ModelJson;
}

function bytesOf(text: string): ArrayBuffer {
  return new TextEncoder().encode(text).buffer as ArrayBuffer;
}

function withJsonText(files: readonly ModelFilePart[], text: string): ModelFilePart[] {
  return files.map((f) => (f.name.endsWith('.json') ? { name: f.name, data: bytesOf(text) } : f));
}

/** The files with model.json replaced by a mutated copy. */
function withJson(files: readonly ModelFilePart[], mutate: (json: ModelJson) => void): ModelFilePart[] {
  const json = jsonOf(files);
  mutate(json);
  return withJsonText(files, JSON.stringify(json));
}

function withBin(files: readonly ModelFilePart[], data: ArrayBuffer, name = BIN_NAME): ModelFilePart[] {
  return files.map((f) => (f.name.endsWith('.bin') ? { name, data } : f));
}

function group(json: ModelJson): ModelJson['weightsManifest'][number] {
  const first = json.weightsManifest[0];
  if (!first) throw new Error('no manifest group');
  return first;
}

function weightEntry(json: ModelJson, index: number): WeightEntry {
  const entry = group(json).weights[index];
  if (!entry) throw new Error(`no weight ${index}`);
  return entry;
}

function loose(record: object): Record<string, unknown> {
  return record as Record<string, unknown>;
}

function okOf<T>(result: Result<T>): T {
  if ('error' in result) throw new Error(`unexpected error: ${result.error}`);
  return result.ok;
}

function errorOf<T>(result: Result<T>): string {
  if ('ok' in result) throw new Error('expected an error, got ok');
  return result.error;
}

/** The valid model.json's text, built by hand so key order and `__proto__` keys are exactly as written. */
function validJsonText(convscope: string): string {
  const json = jsonOf(validFiles());
  return `{"__proto__": {"polluted": 1}, "format": "layers-model", "modelTopology": null, "weightsManifest": ${JSON.stringify(
    json.weightsManifest,
  )}, "convscope": ${convscope}}`;
}

describe('expectedWeights', () => {
  it('lists the default spec’s kernels and biases in tfjs order with hand-worked shapes', () => {
    expect(expectedWeights(DEFAULT_SPEC)).toEqual([
      { name: 'L1_conv2d/kernel', shape: [5, 5, 1, 8] },
      { name: 'L1_conv2d/bias', shape: [8] },
      { name: 'L3_conv2d/kernel', shape: [5, 5, 8, 16] },
      { name: 'L3_conv2d/bias', shape: [16] },
      { name: 'L6_dense/kernel', shape: [256, 10] },
      { name: 'L6_dense/bias', shape: [10] },
    ]);
  });

  it.each(Object.entries(PRESET_SPECS))('holds exactly the parameters analyzeSpec counts for preset %s', (_id, { spec }) => {
    const total = expectedWeights(spec).reduce((sum, w) => sum + sizeOf(w.shape), 0);
    expect(total).toBe(analyzeSpec(spec).totalParams);
    expect(total).toBeGreaterThan(0);
  });

  it('lists an Inception block’s four branch convs, 1×1, 3×3, 5×5 then pool projection, with hand-worked shapes', () => {
    expect(expectedWeights(PRESET_SPECS.inception!.spec)).toEqual([
      { name: 'L1_conv2d/kernel', shape: [3, 3, 1, 8] },
      { name: 'L1_conv2d/bias', shape: [8] },
      { name: 'L3_inception_1x1/kernel', shape: [1, 1, 8, 8] },
      { name: 'L3_inception_1x1/bias', shape: [8] },
      { name: 'L3_inception_3x3/kernel', shape: [3, 3, 8, 8] },
      { name: 'L3_inception_3x3/bias', shape: [8] },
      { name: 'L3_inception_5x5/kernel', shape: [5, 5, 8, 4] },
      { name: 'L3_inception_5x5/bias', shape: [4] },
      { name: 'L3_inception_poolproj/kernel', shape: [1, 1, 8, 4] },
      { name: 'L3_inception_poolproj/bias', shape: [4] },
      // 7·7·(8+8+4+4) = 1176 inputs.
      { name: 'L6_dense/kernel', shape: [1176, 10] },
      { name: 'L6_dense/bias', shape: [10] },
    ]);
  });

  it('lists a residual block’s two convs, and its projection only when the channels change', () => {
    const spec: ModelSpec = {
      inputShape: [28, 28, 1],
      layers: [
        { kind: 'residual', filters: 4 },
        { kind: 'residual', filters: 4 },
        { kind: 'maxPool', poolSize: 4, stride: 4 },
        { kind: 'flatten' },
        { kind: 'dense', units: 10, activation: 'softmax' },
      ],
    };
    expect(expectedWeights(spec)).toEqual([
      { name: 'L1_residual_conv1/kernel', shape: [3, 3, 1, 4] },
      { name: 'L1_residual_conv1/bias', shape: [4] },
      { name: 'L1_residual_conv2/kernel', shape: [3, 3, 4, 4] },
      { name: 'L1_residual_conv2/bias', shape: [4] },
      { name: 'L1_residual_proj/kernel', shape: [1, 1, 1, 4] },
      { name: 'L1_residual_proj/bias', shape: [4] },
      { name: 'L2_residual_conv1/kernel', shape: [3, 3, 4, 4] },
      { name: 'L2_residual_conv1/bias', shape: [4] },
      { name: 'L2_residual_conv2/kernel', shape: [3, 3, 4, 4] },
      { name: 'L2_residual_conv2/bias', shape: [4] },
      { name: 'L5_dense/kernel', shape: [196, 10] },
      { name: 'L5_dense/bias', shape: [10] },
    ]);
  });

  it('gives the default spec 5,994 parameters', () => {
    expect(expectedWeights(DEFAULT_SPEC).reduce((sum, w) => sum + sizeOf(w.shape), 0)).toBe(5_994);
  });
});

describe('expectedWeights against the models buildModel creates', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(Object.entries(PRESET_SPECS))('names and shapes exactly the weights of preset %s', (_id, { spec }) => {
    const model = buildModel(spec, 1);
    try {
      // tfjs's originalName is the name model files and Trainer.importWeights use.
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      const created = model.weights.map((w) => ({ name: w.originalName, shape: w.shape })).sort(byName);
      expect(created).toEqual([...expectedWeights(spec)].sort(byName));
    } finally {
      model.dispose();
    }
  });
});

describe('sizeOf', () => {
  it.each([
    [[5, 5, 1, 8], 200],
    [[256, 10], 2560],
    [[10], 10],
    [[], 1],
    [[3, 0], 0],
  ])('multiplies %j out to %i', (shape, size) => {
    expect(sizeOf(shape)).toBe(size);
  });
});

describe('writeModelFiles and readModelFiles round trip', () => {
  it('names the files convscope-model.json and convscope-model.weights.bin by default', () => {
    expect(validFiles().map((f) => f.name)).toEqual([JSON_NAME, BIN_NAME]);
  });

  it('uses a custom stem for both files and the manifest path', () => {
    const files = writeModelFiles(distinctiveModel(), {}, 'my-net');
    expect(files.map((f) => f.name)).toEqual(['my-net.json', 'my-net.weights.bin']);
    expect(group(jsonOf(files)).paths).toEqual(['my-net.weights.bin']);
    expect(okOf(readModelFiles(files)).spec).toEqual(DEFAULT_SPEC);
  });

  it('writes the tfjs layers-model fields, the topology as given and the convscope section', () => {
    const json = jsonOf(validFiles());
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toBe('ConvScope');
    expect(json.modelTopology).toEqual({ some: 'topology' });
    expect(json.convscope).toEqual({
      version: 1,
      inputShape: [28, 28, 1],
      architecture: 'conv8k5s1valid-relu_maxpool2s2_conv16k5s1valid-relu_maxpool2s2_flatten_dense10-softmax',
      testAccuracy: 0.987,
      trainedExamples: 123_456,
    });
    expect(group(json).weights.map((w) => w.dtype)).toEqual(Array(6).fill('float32'));
  });

  it('writes the weights as little-endian float32 in manifest order, 23,976 bytes for the default spec', () => {
    const bin = binPart(validFiles());
    expect(bin.data.byteLength).toBe(DEFAULT_WEIGHT_BYTES);
    const view = new DataView(bin.data);
    expect(view.getFloat32(0, true)).toBe(0);
    expect(view.getFloat32(4, true)).toBe(Math.fround(0.001));
    // Weight 1 (L1_conv2d/bias) starts after the 200 kernel values.
    expect(view.getFloat32(200 * 4, true)).toBe(1);
    expect(view.getFloat32(DEFAULT_WEIGHT_BYTES - 4, true)).toBe(Math.fround(5 + 9 / 1000));
  });

  it('reads back the same spec, weight values, accuracy and example count', () => {
    const model = distinctiveModel();
    const loaded = okOf(readModelFiles(writeModelFiles(model, { some: 'topology' })));
    expect(loaded.spec).toEqual(DEFAULT_SPEC);
    expect(loaded.testAccuracy).toBe(0.987);
    expect(loaded.trainedExamples).toBe(123_456);
    expect(loaded.weights.map((w) => w.length)).toEqual([200, 8, 3200, 16, 2560, 10]);
    loaded.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(model.weights[i]!)));
    expect(loaded.weights[2]![17]).toBe(Math.fround(2 + 17 / 1000));
  });

  it.each(Object.entries(PRESET_SPECS))('round-trips preset %s', (_id, { spec }) => {
    const model = distinctiveModel(spec);
    const loaded = okOf(readModelFiles(writeModelFiles(model, null)));
    expect(loaded.spec).toEqual(spec);
    expect(loaded.weights.map((w) => Array.from(w))).toEqual(model.weights.map((w) => Array.from(w)));
  });

  it('writes only each weight’s own values when weights are views into a larger buffer', () => {
    const model = distinctiveModel();
    const shared = new Float32Array(10_000).fill(-7);
    const views = model.weights.map((w, i) => {
      const view = shared.subarray(i * 1000 + 3, i * 1000 + 3 + w.length);
      if (w.length > 1000) return w;
      view.set(w);
      return view;
    });
    const loaded = okOf(readModelFiles(writeModelFiles({ ...model, weights: views }, null)));
    loaded.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(model.weights[i]!)));
  });

  it('carries a missing accuracy and example count over as null', () => {
    const files = writeModelFiles({ ...distinctiveModel(), testAccuracy: null, trainedExamples: null }, null);
    const loaded = okOf(readModelFiles(files));
    expect(loaded.testAccuracy).toBeNull();
    expect(loaded.trainedExamples).toBeNull();
  });

  it.each([
    ['an accuracy above 1', { testAccuracy: 1.5 }, { testAccuracy: null, trainedExamples: 123_456 }],
    ['a negative accuracy', { testAccuracy: -0.1 }, { testAccuracy: null, trainedExamples: 123_456 }],
    ['an accuracy as text', { testAccuracy: '0.9' }, { testAccuracy: null, trainedExamples: 123_456 }],
    ['a negative example count', { trainedExamples: -1 }, { testAccuracy: 0.987, trainedExamples: null }],
    ['a fractional example count', { trainedExamples: 1.5 }, { testAccuracy: 0.987, trainedExamples: null }],
  ])('reads %s as unknown rather than rejecting the model', (_case, fields, info) => {
    const files = withJson(validFiles(), (json) => Object.assign(json.convscope, fields));
    const loaded = okOf(readModelFiles(files));
    expect({ testAccuracy: loaded.testAccuracy, trainedExamples: loaded.trainedExamples }).toEqual(info);
  });

  it('accepts the weights file before model.json in the list', () => {
    const files = validFiles().reverse();
    expect(files[0]!.name).toBe(BIN_NAME);
    expect(okOf(readModelFiles(files)).spec).toEqual(DEFAULT_SPEC);
  });

  it('accepts a weights file whose name has a folder prefix', () => {
    const files = withBin(validFiles(), binPart(validFiles()).data, `dir/${BIN_NAME}`);
    expect(okOf(readModelFiles(files)).weights[5]![9]).toBe(Math.fround(5.009));
  });

  it('accepts a model.json whose extension is upper case', () => {
    const files = validFiles().map((f) => (f.name === JSON_NAME ? { ...f, name: 'CONVSCOPE-MODEL.JSON' } : f));
    expect(okOf(readModelFiles(files)).spec).toEqual(DEFAULT_SPEC);
  });

  it('accepts a model.json without a format field, and ignores unrelated extra files', () => {
    const files = withJson(validFiles(), (json) => delete loose(json).format);
    const extra = { name: 'notes.txt', data: bytesOf('hello') };
    expect(okOf(readModelFiles([...files, extra])).spec).toEqual(DEFAULT_SPEC);
  });

  it('accepts manifest weights listed in another order and cuts the file in that order', () => {
    const model = distinctiveModel();
    const files = withJson(validFiles(), (json) => group(json).weights.reverse());
    const reversed = [...model.weights].reverse();
    const data = new Uint8Array(DEFAULT_WEIGHT_BYTES);
    let offset = 0;
    for (const w of reversed) {
      data.set(new Uint8Array(w.buffer, w.byteOffset, w.byteLength), offset);
      offset += w.byteLength;
    }
    const loaded = okOf(readModelFiles(withBin(files, data.buffer)));
    // Returned in expectedWeights order regardless of file order.
    loaded.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(model.weights[i]!)));
  });

  it('concatenates weights split across two files in the order of "paths"', () => {
    const bin = new Uint8Array(binPart(validFiles()).data);
    const cut = 1000; // a multiple of 4 that splits L1_conv2d/kernel
    const files = [
      ...withJson(validFiles(), (json) => {
        group(json).paths = ['part1.bin', 'part2.bin'];
      }).filter((f) => f.name.endsWith('.json')),
      { name: 'part2.bin', data: bin.slice(cut).buffer },
      { name: 'part1.bin', data: bin.slice(0, cut).buffer },
    ];
    const loaded = okOf(readModelFiles(files));
    loaded.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(distinctiveModel().weights[i]!)));
  });
});

describe('readModelFiles rejects bad model.json contents', () => {
  it.each<[string, (json: ModelJson) => void, RegExp]>([
    ['a TensorFlow.js graph model', (json) => (json.format = 'graph-model'), /graph model/i],
    ['an unknown format', (json) => (json.format = 'keras-h5'), /format "keras-h5".*"layers-model"/i],
    ['a missing convscope section', (json) => delete loose(json).convscope, /no "convscope" section/i],
    ['a convscope section that is a list', (json) => (loose(json).convscope = []), /no "convscope" section/i],
    ['version 2', (json) => (json.convscope.version = 2), /model version 2;.*reads version 1/i],
    ['version "1" as text', (json) => (json.convscope.version = '1'), /model version "1";.*reads version 1/i],
    ['a missing version', (json) => delete json.convscope.version, /model version missing/i],
    ['input shape [32, 32, 3]', (json) => (json.convscope.inputShape = [32, 32, 3]), /inputs of shape \[32,32,3\].*28×28×1/i],
    ['a missing input shape', (json) => delete json.convscope.inputShape, /inputs of shape undefined/i],
    ['input shape [28, 28]', (json) => (json.convscope.inputShape = [28, 28]), /inputs of shape \[28,28\]/i],
    [
      'an architecture with an unknown layer kind',
      (json) => (json.convscope.architecture = 'conv8k5s1valid-relu_lstm4_dense10-softmax'),
      /architecture cannot be read: layer 2 \('lstm4'\)/i,
    ],
    [
      'an architecture whose kernel is larger than allowed',
      (json) => (json.convscope.architecture = 'conv8k29s1valid-relu_flatten_dense10-softmax'),
      /architecture cannot be built/i,
    ],
    [
      'an architecture that does not end in dense 10 softmax',
      (json) => (json.convscope.architecture = 'conv8k5s1valid-relu_flatten_dense10-relu'),
      /architecture cannot be built/i,
    ],
    ['an architecture that is a number', (json) => (json.convscope.architecture = 42), /architecture cannot be read: the architecture must be text/i],
    ['a missing architecture', (json) => delete json.convscope.architecture, /architecture cannot be read/i],
    ['an empty architecture', (json) => (json.convscope.architecture = ''), /architecture cannot be read: the architecture is empty/i],
    ['a missing weightsManifest', (json) => delete loose(json).weightsManifest, /no "weightsManifest" list/i],
    ['an empty weightsManifest', (json) => (json.weightsManifest = []), /no "weightsManifest" list/i],
    ['a weightsManifest that is an object', (json) => (loose(json).weightsManifest = { paths: [BIN_NAME] }), /no "weightsManifest" list/i],
    ['manifest paths that are not a list', (json) => (loose(group(json)).paths = BIN_NAME), /"weightsManifest" is malformed/i],
    ['manifest paths holding an empty name', (json) => (group(json).paths = ['']), /"weightsManifest" is malformed/i],
    ['manifest paths holding a number', (json) => (loose(group(json)).paths = [7]), /"weightsManifest" is malformed/i],
    ['a manifest group without weights', (json) => delete loose(group(json)).weights, /"weightsManifest" is malformed/i],
    ['a manifest group that is not an object', (json) => (loose(json).weightsManifest = ['x']), /"weightsManifest" is malformed/i],
    ['a weight stored as int8', (json) => (weightEntry(json, 1).dtype = 'int8'), /Weight L1_conv2d\/bias is stored as "int8".*float32 weights only/i],
    ['a weight without a dtype', (json) => delete weightEntry(json, 0).dtype, /Weight L1_conv2d\/kernel is stored as missing/i],
    [
      'a weight listed twice',
      (json) => group(json).weights.push({ name: 'L3_conv2d/bias', shape: [16], dtype: 'float32' }),
      /lists weight L3_conv2d\/bias twice/i,
    ],
    [
      'a weight the architecture has no place for',
      (json) => group(json).weights.push({ name: 'L2_maxPool/kernel', shape: [1], dtype: 'float32' }),
      /weight L2_maxPool\/kernel that its architecture has no place for/i,
    ],
    ['a missing weight', (json) => group(json).weights.splice(3, 1), /does not list weight L3_conv2d\/bias/i],
    [
      'a weight of the wrong shape',
      (json) => (weightEntry(json, 4).shape = [10, 256]),
      /Weight L6_dense\/kernel has shape \[10, 256\] but the architecture needs \[256, 10\]/i,
    ],
    [
      'an absurd kernel shape (10^10 numbers)',
      (json) => (weightEntry(json, 0).shape = [100_000, 100_000, 1, 8]),
      /Weight L1_conv2d\/kernel has shape \[100000, 100000, 1, 8\] but the architecture needs \[/i,
    ],
    [
      'an architecture with an absurd kernel',
      (json) => (json.convscope.architecture = 'conv8k9999s1valid-relu_flatten_dense10-softmax'),
      /architecture cannot be built: layer 1 \(conv 9999×9999, valid\): kernel size must be a whole number from 1 to 11, not 9999/i,
    ],
    [
      'a weight with an extra dimension',
      (json) => (weightEntry(json, 1).shape = [8, 1]),
      /Weight L1_conv2d\/bias has shape \[8, 1\] but the architecture needs \[8\]/i,
    ],
    ['a negative shape entry', (json) => (weightEntry(json, 1).shape = [-8]), /without a proper "name" and "shape" \(whole numbers\)/i],
    ['a fractional shape entry', (json) => (weightEntry(json, 1).shape = [7.5]), /without a proper "name" and "shape"/i],
    ['a shape entry as text', (json) => (loose(weightEntry(json, 1)).shape = ['8']), /without a proper "name" and "shape"/i],
    ['a shape that is not a list', (json) => (loose(weightEntry(json, 1)).shape = 8), /without a proper "name" and "shape"/i],
    ['a weight without a name', (json) => delete loose(weightEntry(json, 1)).name, /without a proper "name"/i],
  ])('rejects %s', (_case, mutate, message) => {
    expect(errorOf(readModelFiles(withJson(validFiles(), mutate)))).toMatch(message);
  });

  it.each<[string, string, RegExp]>([
    ['invalid JSON', '{"format": "layers-model",', /model\.json is not valid JSON/i],
    ['a JSON array', '[1, 2, 3]', /holds no JSON object/i],
    ['null', 'null', /holds no JSON object/i],
    ['a JSON number', '42', /holds no JSON object/i],
  ])('rejects %s as model.json', (_case, text, message) => {
    expect(errorOf(readModelFiles(withJsonText(validFiles(), text)))).toMatch(message);
  });

  it('accepts a UTF-8 byte order mark before otherwise valid JSON', () => {
    const text = textOf(jsonPart(validFiles()));
    expect(okOf(parseModelJson(`\uFEFF${text}`)).spec).toEqual(DEFAULT_SPEC);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const files = validFiles().map((f) => (f.name === JSON_NAME ? { name: f.name, data: bom.buffer } : f));
    expect(okOf(readModelFiles(files)).trainedExamples).toBe(123_456);
  });

  it('rejects a model.json text longer than MAX_MANIFEST_BYTES, even if it is valid JSON', () => {
    const text = textOf(jsonPart(validFiles()));
    const padded = text + ' '.repeat(MAX_MANIFEST_BYTES - text.length + 1);
    expect(padded.length).toBe(MAX_MANIFEST_BYTES + 1);
    expect(errorOf(parseModelJson(padded))).toMatch(/model\.json is .*more than a ConvScope model's/i);
  });

  it('accepts a model.json text of exactly MAX_MANIFEST_BYTES', () => {
    const text = textOf(jsonPart(validFiles()));
    const padded = text + ' '.repeat(MAX_MANIFEST_BYTES - text.length);
    expect(okOf(parseModelJson(padded)).spec).toEqual(DEFAULT_SPEC);
  });

  it('names the size of a much larger model.json and the limit', () => {
    const message = errorOf(parseModelJson('x'.repeat(2 * MAX_MANIFEST_BYTES)));
    expect(message).toMatch(/model\.json is 2,000,000 bytes, more than a ConvScope model's 1,000,000 bytes/);
  });
});

describe('readModelFiles guards against __proto__ keys', () => {
  it('treats a top-level "__proto__" key as data and does not pollute Object.prototype', () => {
    const text = validJsonText(JSON.stringify(jsonOf(validFiles()).convscope));
    const loaded = okOf(readModelFiles(withJsonText(validFiles(), text)));
    expect(loaded.spec).toEqual(DEFAULT_SPEC);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('does not count convscope fields hidden behind "__proto__" as present', () => {
    const architecture = jsonOf(validFiles()).convscope.architecture as string;
    const hidden = `{"__proto__": {"version": 1, "inputShape": [28, 28, 1], "architecture": ${JSON.stringify(architecture)}, "polluted": 1}}`;
    const message = errorOf(readModelFiles(withJsonText(validFiles(), validJsonText(hidden))));
    expect(message).toMatch(/model version missing/i);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).version).toBeUndefined();
  });

  it('does not count a weight’s dtype hidden behind "__proto__" as present', () => {
    const json = jsonOf(validFiles());
    const weights = group(json).weights.map((w, i) =>
      i === 0 ? `{"name": "${w.name}", "shape": ${JSON.stringify(w.shape)}, "__proto__": {"dtype": "float32"}}` : JSON.stringify(w),
    );
    const text = `{"weightsManifest": [{"paths": ["${BIN_NAME}"], "weights": [${weights.join(', ')}]}], "convscope": ${JSON.stringify(json.convscope)}}`;
    expect(errorOf(parseModelJson(text))).toMatch(/Weight L1_conv2d\/kernel is stored as missing/i);
  });
});

describe('readModelFiles rejects bad weight files', () => {
  const bin = () => binPart(validFiles()).data;

  it.each<[string, () => ModelFilePart[], RegExp]>([
    [
      'a weights file truncated by 4 bytes',
      () => withBin(validFiles(), bin().slice(0, DEFAULT_WEIGHT_BYTES - 4)),
      /has 23,972 bytes but model\.json describes 23,976 bytes: it is truncated or belongs to another model/i,
    ],
    [
      'a weights file 4 bytes too long',
      () => withBin(validFiles(), new Uint8Array(DEFAULT_WEIGHT_BYTES + 4).buffer),
      /has 23,980 bytes but model\.json describes 23,976 bytes: it is too long: it belongs to another model/i,
    ],
    [
      'a 0-byte weights file',
      () => withBin(validFiles(), new ArrayBuffer(0)),
      /weights file has 0 bytes but model\.json describes 23,976 bytes: it is truncated/i,
    ],
    [
      'a weights file missing from the chosen files',
      () => validFiles().filter((f) => f.name === JSON_NAME),
      /needs the weights file "convscope-model\.weights\.bin", but it was not among the files \(none\)/i,
    ],
    [
      'a weights file with a different name than the manifest’s path',
      () => withBin(validFiles(), bin(), 'other.weights.bin'),
      /needs the weights file "convscope-model\.weights\.bin", but it was not among the files \("other\.weights\.bin"\)/i,
    ],
    [
      'a weights file whose name merely ends with the manifest’s path',
      () => withBin(validFiles(), bin(), `my${BIN_NAME}`),
      /needs the weights file "convscope-model\.weights\.bin"/i,
    ],
    [
      'no .json file',
      () => validFiles().filter((f) => f.name === BIN_NAME),
      /No \.json file was chosen/i,
    ],
    ['no files at all', () => [], /No \.json file was chosen/i],
    [
      'two .json files',
      () => [...validFiles(), { name: 'other.json', data: jsonPart(validFiles()).data }],
      /Several \.json files were chosen/i,
    ],
  ])('rejects %s', (_case, files, message) => {
    expect(errorOf(readModelFiles(files()))).toMatch(message);
  });

  it('rejects a file larger than MAX_WEIGHT_BYTES before reading anything, naming the file', () => {
    const huge = { name: 'huge.bin', data: new ArrayBuffer(MAX_WEIGHT_BYTES + 4) };
    const message = errorOf(readModelFiles([...validFiles(), huge]));
    expect(message).toMatch(/^"huge\.bin" is 21,000,004 bytes; a ConvScope model file is at most 21,000,000 bytes/);
  });


  it('reaches the size comparison for a file of exactly MAX_WEIGHT_BYTES', () => {
    const files = withBin(validFiles(), new ArrayBuffer(MAX_WEIGHT_BYTES));
    expect(errorOf(readModelFiles(files))).toMatch(/weights file has 21,000,000 bytes but model\.json describes 23,976 bytes: it is too long/i);
  });

  it.each([
    ['NaN', Number.NaN, /Weight L3_conv2d\/bias holds NaN at position 5.*diverged/i],
    ['Infinity', Number.POSITIVE_INFINITY, /Weight L3_conv2d\/bias holds Infinity at position 5.*diverged/i],
    ['-Infinity', Number.NEGATIVE_INFINITY, /Weight L3_conv2d\/bias holds -Infinity at position 5/i],
  ])('rejects a weight holding %s', (_case, value, message) => {
    const model = distinctiveModel();
    model.weights[3]![5] = value;
    expect(errorOf(readModelFiles(writeModelFiles(model, null)))).toMatch(message);
  });

  it('rejects manifest groups with no paths instead of blaming a 0-byte weights file', () => {
    const files = withJson(validFiles(), (json) => (group(json).paths = []));
    const message = errorOf(readModelFiles(files));
    expect(message).not.toMatch(/weights file has 0 bytes/i);
    expect(message).toMatch(/"weightsManifest" is malformed/i);
  });
});

describe('size messages tell different sizes apart', () => {
  /** The two sizes a message compares, e.g. ["24 KB", "24 KB"]. */
  function sizesIn(message: string, pattern: RegExp): [string | undefined, string | undefined] {
    const [, first, second] = pattern.exec(message) ?? [];
    return [first, second];
  }

  it.each<[string, () => string, RegExp]>([
    [
      'a weights file 4 bytes short (23,972 vs 23,976 bytes)',
      () => errorOf(readModelFiles(withBin(validFiles(), binPart(validFiles()).data.slice(0, DEFAULT_WEIGHT_BYTES - 4)))),
      /weights file has (.+) but model\.json describes (.+?):/,
    ],
    [
      'a file 4 bytes over MAX_WEIGHT_BYTES',
      () => errorOf(readModelFiles([...validFiles(), { name: 'huge.bin', data: new ArrayBuffer(MAX_WEIGHT_BYTES + 4) }])),
      /is (.+); a ConvScope model file is at most (.+)\.$/,
    ],
    [
      'a model.json 1 character over MAX_MANIFEST_BYTES',
      () => errorOf(parseModelJson(' '.repeat(MAX_MANIFEST_BYTES + 1))),
      /model\.json is (.+), more than a ConvScope model's (.+?);/,
    ],
  ])('does not show the same size twice for %s', (_case, message, pattern) => {
    const [actual, limit] = sizesIn(message(), pattern);
    expect(actual).toBeDefined();
    expect(limit).toBeDefined();
    expect(actual).not.toBe(limit);
  });
});

describe('parseModelJson never throws', () => {
  it.each([
    ['an empty text', ''],
    ['0', '0'],
    ['a JSON string', '"x"'],
    ['an empty object', '{}'],
    ['a nested array', '[[]]'],
    ['a convscope list', '{"convscope":[]}'],
    ['a convscope section of null', '{"convscope":null}'],
    ['100 KB of "{"', '{'.repeat(100_000)],
    ['100 KB of nested arrays', '['.repeat(50_000) + ']'.repeat(50_000)],
    ['a lone surrogate', '"\uD800"'],
  ])('returns an error for %s', (_case, text) => {
    let result: ReturnType<typeof parseModelJson> | undefined;
    expect(() => (result = parseModelJson(text))).not.toThrow();
    expect(result).toBeDefined();
    expect(result).toHaveProperty('error');
    expect(typeof (result as { error: unknown }).error).toBe('string');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [999, '999 bytes'],
    [9_999, '9,999 bytes'],
    [10_000, '10 KB'],
    [23_976, '24 KB'],
    [9_999_000, '9,999 KB'],
    [10_000_000, '10 MB'],
    [21_000_000, '21 MB'],
  ])('formats %i as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
