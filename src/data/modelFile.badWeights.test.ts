import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  MAX_MANIFEST_BYTES,
  MAX_WEIGHT_BYTES,
  parseModelJson,
  readModelFiles,
  writeModelFiles,
  type ModelFilePart,
} from './modelFile';
import {
  BIN_NAME,
  binPart,
  DEFAULT_WEIGHT_BYTES,
  distinctiveModel,
  errorOf,
  group,
  JSON_NAME,
  jsonPart,
  validFiles,
  withBin,
  withJson,
} from './modelFile.test-helpers';

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
    ['no .json file', () => validFiles().filter((f) => f.name === BIN_NAME), /No \.json file was chosen/i],
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
    expect(errorOf(readModelFiles(files))).toMatch(
      /weights file has 21,000,000 bytes but model\.json describes 23,976 bytes: it is too long/i,
    );
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
      () =>
        errorOf(readModelFiles(withBin(validFiles(), binPart(validFiles()).data.slice(0, DEFAULT_WEIGHT_BYTES - 4)))),
      /weights file has (.+) but model\.json describes (.+?):/,
    ],
    [
      'a file 4 bytes over MAX_WEIGHT_BYTES',
      () =>
        errorOf(readModelFiles([...validFiles(), { name: 'huge.bin', data: new ArrayBuffer(MAX_WEIGHT_BYTES + 4) }])),
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
