import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import { MAX_MANIFEST_BYTES, parseModelJson, readModelFiles } from './modelFile';
import {
  BIN_NAME,
  errorOf,
  group,
  JSON_NAME,
  jsonOf,
  jsonPart,
  loose,
  okOf,
  textOf,
  validFiles,
  validJsonText,
  weightEntry,
  withJson,
  withJsonText,
  type ModelJson,
} from './modelFile.test-helpers';

describe('readModelFiles rejects bad model.json contents', () => {
  it.each<[string, (json: ModelJson) => void, RegExp]>([
    ['a TensorFlow.js graph model', (json) => (json.format = 'graph-model'), /graph model/i],
    ['an unknown format', (json) => (json.format = 'keras-h5'), /format "keras-h5".*"layers-model"/i],
    ['a missing convscope section', (json) => delete loose(json).convscope, /no "convscope" section/i],
    ['a convscope section that is a list', (json) => (loose(json).convscope = []), /no "convscope" section/i],
    ['version 2', (json) => (json.convscope.version = 2), /model version 2;.*reads version 1/i],
    ['version "1" as text', (json) => (json.convscope.version = '1'), /model version "1";.*reads version 1/i],
    ['a missing version', (json) => delete json.convscope.version, /model version missing/i],
    [
      'input shape [32, 32, 3]',
      (json) => (json.convscope.inputShape = [32, 32, 3]),
      /inputs of shape \[32,32,3\].*28×28×1/i,
    ],
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
    [
      'an architecture that is a number',
      (json) => (json.convscope.architecture = 42),
      /architecture cannot be read: the architecture must be text/i,
    ],
    ['a missing architecture', (json) => delete json.convscope.architecture, /architecture cannot be read/i],
    [
      'an empty architecture',
      (json) => (json.convscope.architecture = ''),
      /architecture cannot be read: the architecture is empty/i,
    ],
    ['a missing weightsManifest', (json) => delete loose(json).weightsManifest, /no "weightsManifest" list/i],
    ['an empty weightsManifest', (json) => (json.weightsManifest = []), /no "weightsManifest" list/i],
    [
      'a weightsManifest that is an object',
      (json) => (loose(json).weightsManifest = { paths: [BIN_NAME] }),
      /no "weightsManifest" list/i,
    ],
    [
      'manifest paths that are not a list',
      (json) => (loose(group(json)).paths = BIN_NAME),
      /"weightsManifest" is malformed/i,
    ],
    ['manifest paths holding an empty name', (json) => (group(json).paths = ['']), /"weightsManifest" is malformed/i],
    ['manifest paths holding a number', (json) => (loose(group(json)).paths = [7]), /"weightsManifest" is malformed/i],
    [
      'a manifest group without weights',
      (json) => delete loose(group(json)).weights,
      /"weightsManifest" is malformed/i,
    ],
    [
      'a manifest group that is not an object',
      (json) => (loose(json).weightsManifest = ['x']),
      /"weightsManifest" is malformed/i,
    ],
    [
      'a weight stored as int8',
      (json) => (weightEntry(json, 1).dtype = 'int8'),
      /Weight L1_conv2d\/bias is stored as "int8".*float32 weights only/i,
    ],
    [
      'a weight without a dtype',
      (json) => delete weightEntry(json, 0).dtype,
      /Weight L1_conv2d\/kernel is stored as missing/i,
    ],
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
    [
      'a negative shape entry',
      (json) => (weightEntry(json, 1).shape = [-8]),
      /without a proper "name" and "shape" \(whole numbers\)/i,
    ],
    [
      'a fractional shape entry',
      (json) => (weightEntry(json, 1).shape = [7.5]),
      /without a proper "name" and "shape"/i,
    ],
    [
      'a shape entry as text',
      (json) => (loose(weightEntry(json, 1)).shape = ['8']),
      /without a proper "name" and "shape"/i,
    ],
    [
      'a shape that is not a list',
      (json) => (loose(weightEntry(json, 1)).shape = 8),
      /without a proper "name" and "shape"/i,
    ],
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
      i === 0
        ? `{"name": "${w.name}", "shape": ${JSON.stringify(w.shape)}, "__proto__": {"dtype": "float32"}}`
        : JSON.stringify(w),
    );
    const text = `{"weightsManifest": [{"paths": ["${BIN_NAME}"], "weights": [${weights.join(', ')}]}], "convscope": ${JSON.stringify(json.convscope)}}`;
    expect(errorOf(parseModelJson(text))).toMatch(/Weight L1_conv2d\/kernel is stored as missing/i);
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
