import { describe, expect, it } from 'vitest';
import { parseIdx, parseMnistFile } from './idx';

/** Builds an IDX ubyte file from dims and values. */
function idxBytes(dims: number[], values: number[], magicType = 0x08): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header[2] = magicType;
  header[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.length + values.length);
  out.set(header);
  out.set(values, header.length);
  return out;
}

describe('parseIdx', () => {
  it('decodes dimensions and row-major values of a 3-D file', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];
    const idx = parseIdx(idxBytes([2, 2, 3], values));
    expect(idx.dims).toEqual([2, 2, 3]);
    expect(Array.from(idx.data)).toEqual(values);
  });

  it('decodes a 1-D label file', () => {
    const idx = parseIdx(idxBytes([4], [7, 2, 1, 0]));
    expect(idx.dims).toEqual([4]);
    expect(Array.from(idx.data)).toEqual([7, 2, 1, 0]);
  });

  it('rejects a bad magic number, naming the file', () => {
    const bytes = idxBytes([2], [1, 2]);
    bytes[0] = 0x1f;
    expect(() => parseIdx(bytes, 'labels.idx')).toThrow(/labels\.idx has a bad magic number 0x1f/);
  });

  it('rejects a non-ubyte data type', () => {
    expect(() => parseIdx(idxBytes([1], [1], 0x0d))).toThrow(/type 0xd; only unsigned bytes/);
  });

  it('reports a truncated body with expected and actual sizes', () => {
    const bytes = idxBytes([3, 2], [1, 2, 3, 4, 5, 6]).subarray(0, 15);
    expect(() => parseIdx(bytes, 'x')).toThrow('x is truncated: expected 18 bytes for 3×2, got 15.');
  });

  it('reports a file truncated inside its header', () => {
    expect(() => parseIdx(idxBytes([3, 2], []).subarray(0, 7))).toThrow(
      /truncated inside its header \(7 of 12 bytes\)/,
    );
  });

  it('reports trailing bytes', () => {
    expect(() => parseIdx(idxBytes([2], [1, 2, 3]))).toThrow(/1 unexpected trailing bytes/);
  });

  it('rejects tiny inputs', () => {
    expect(() => parseIdx(new Uint8Array([0, 0]))).toThrow(/too short/);
  });
});

describe('parseMnistFile', () => {
  it('rejects a file with the wrong dimensions for its role', () => {
    expect(() => parseMnistFile('testLabels', idxBytes([3], [1, 2, 3]))).toThrow(
      't10k-labels-idx1-ubyte holds 3 values; MNIST needs 10000.',
    );
  });

  it('rejects labels outside 0–9', () => {
    const labels = new Array<number>(10_000).fill(4);
    labels[1234] = 11;
    expect(() => parseMnistFile('testLabels', idxBytes([10_000], labels))).toThrow(/label 11 at index 1234/);
  });

  it('accepts a well-formed test label file', () => {
    const labels = Array.from({ length: 10_000 }, (_, i) => i % 10);
    expect(parseMnistFile('testLabels', idxBytes([10_000], labels)).data[13]).toBe(3);
  });
});
