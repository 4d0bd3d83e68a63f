import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from '../core/defaultSpec';
import { readModelFiles, writeModelFiles } from './modelFile';
import {
  BIN_NAME,
  binPart,
  bytesOf,
  DEFAULT_WEIGHT_BYTES,
  distinctiveModel,
  group,
  JSON_NAME,
  jsonOf,
  loose,
  okOf,
  validFiles,
  withBin,
  withJson,
} from './modelFile.test-helpers';

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
