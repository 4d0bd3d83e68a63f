/**
 * IDX decoding (the format of the original MNIST files: a big-endian header
 * of magic number and dimensions, then unsigned bytes in row-major order).
 * Pure: shared by the data-preparation script and the browser loader.
 */

/** A decoded IDX file: `dims` as in the header, `data` a view into the input bytes. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export class IdxError extends Error {
  override name = 'IdxError';
}

const UBYTE = 0x08;

/** What an MNIST file must hold, by role. */
export const MNIST_FILES = {
  trainImages: { file: 'train-images-idx3-ubyte', dims: [60_000, 28, 28] },
  trainLabels: { file: 'train-labels-idx1-ubyte', dims: [60_000] },
  testImages: { file: 't10k-images-idx3-ubyte', dims: [10_000, 28, 28] },
  testLabels: { file: 't10k-labels-idx1-ubyte', dims: [10_000] },
} as const;

export type MnistRole = keyof typeof MNIST_FILES;

/**
 * Reads an IDX header of unsigned bytes: its dimensions and length. Throws an IdxError naming
 * `what` and the problem (bad magic number, wrong type, truncated inside the header).
 */
export function readIdxHeader(bytes: Uint8Array, what = 'IDX file'): { dims: number[]; headerBytes: number } {
  if (bytes.length < 4) {
    throw new IdxError(`${what} is too short to be an IDX file (${bytes.length} bytes).`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = bytes[2];
  const ndims = bytes[3] ?? 0;
  if (bytes[0] !== 0 || bytes[1] !== 0 || ndims < 1 || ndims > 4) {
    const magic = view.getUint32(0).toString(16).padStart(8, '0');
    throw new IdxError(`${what} has a bad magic number 0x${magic}: it is not an IDX file.`);
  }
  if (type !== UBYTE) {
    throw new IdxError(`${what} holds data of type 0x${type?.toString(16)}; only unsigned bytes (0x08) are supported.`);
  }
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new IdxError(`${what} is truncated inside its header (${bytes.length} of ${headerBytes} bytes).`);
  }
  return { dims: Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i)), headerBytes };
}

/**
 * Decodes an IDX file of unsigned bytes. Throws an IdxError naming `what`
 * and the problem (bad magic number, wrong type, truncated or overlong).
 */
export function parseIdx(bytes: Uint8Array, what = 'IDX file'): IdxArray {
  const { dims, headerBytes } = readIdxHeader(bytes, what);
  const expected = headerBytes + dims.reduce((a, b) => a * b, 1);
  if (bytes.length < expected) {
    throw new IdxError(`${what} is truncated: expected ${expected} bytes for ${dims.join('×')}, got ${bytes.length}.`);
  }
  if (bytes.length > expected) {
    throw new IdxError(
      `${what} has ${bytes.length - expected} unexpected trailing bytes after ${dims.join('×')} values.`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

/** Throws an IdxError when `dims` are not what MNIST file `role` holds. */
export function checkMnistDims(role: MnistRole, dims: readonly number[]): void {
  const { file, dims: expectedDims } = MNIST_FILES[role];
  if (dims.join('×') !== expectedDims.join('×')) {
    throw new IdxError(`${file} holds ${dims.join('×')} values; MNIST needs ${expectedDims.join('×')}.`);
  }
}

/** Decodes one of the four MNIST files and checks its dimensions. */
export function parseMnistFile(role: MnistRole, bytes: Uint8Array): IdxArray {
  const { file } = MNIST_FILES[role];
  const idx = parseIdx(bytes, file);
  checkMnistDims(role, idx.dims);
  if (role.endsWith('Labels')) {
    const bad = idx.data.findIndex((label) => label > 9);
    if (bad >= 0) throw new IdxError(`${file} has label ${idx.data[bad]} at index ${bad}; labels must be 0–9.`);
  }
  return idx;
}
