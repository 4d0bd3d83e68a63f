/**
 * The test-digit pack: a few real MNIST test images with their labels and their places in the
 * test set, so pages that only run a trained model show digits without the 11 MB download.
 * scripts/prepare-data.mjs writes it at build time from the real test set. Pure: no fetch.
 *
 * Layout (big-endian): "MNDP", version (1 byte), 3 zero bytes, count (u32), then count test-set
 * indices (u32 each), count labels (1 byte each) and count 28×28 images (row-major bytes).
 */
import type { MnistSplit } from './mnist';

export const DIGIT_PACK_FILE = 'test-digits.bin.gz';
/** The pack holds test digits #0 to #99: every class, and the digits the pages open on. */
export const DIGIT_PACK_SIZE = 100;

const MAGIC = [0x4d, 0x4e, 0x44, 0x50]; // "MNDP"
const VERSION = 1;
const HEADER_BYTES = 12;
const PIXELS = 28 * 28;

/** Test digits in a split of their own; `indices[i]` is image i's place in the 10,000-image test set. */
export interface DigitPack {
  split: MnistSplit;
  indices: Uint32Array;
}

export class DigitPackError extends Error {
  override name = 'DigitPackError';
}

/** The pack of test images `indices` of `test`. */
export function encodeDigitPack(test: MnistSplit, indices: readonly number[]): Uint8Array {
  const count = indices.length;
  const bytes = new Uint8Array(HEADER_BYTES + count * (4 + 1 + PIXELS));
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  bytes[4] = VERSION;
  view.setUint32(8, count);
  const labelsAt = HEADER_BYTES + count * 4;
  const imagesAt = labelsAt + count;
  indices.forEach((index, i) => {
    if (!Number.isInteger(index) || index < 0 || index >= test.count)
      throw new RangeError(`Test digit ${index} is not in a test set of ${test.count}.`);
    view.setUint32(HEADER_BYTES + i * 4, index);
    bytes[labelsAt + i] = test.labels[index]!;
    bytes.set(test.images.subarray(index * PIXELS, (index + 1) * PIXELS), imagesAt + i * PIXELS);
  });
  return bytes;
}

/** Reads a pack, checking its header, its length and every label; throws a DigitPackError saying what is wrong. */
export function decodeDigitPack(bytes: Uint8Array): DigitPack {
  if (bytes.length < HEADER_BYTES || MAGIC.some((b, i) => bytes[i] !== b))
    throw new DigitPackError('The test-digit pack is not a pack of digits (its header is wrong).');
  if (bytes[4] !== VERSION)
    throw new DigitPackError(`The test-digit pack has version ${bytes[4]}; this page reads version ${VERSION}.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8);
  const expected = HEADER_BYTES + count * (4 + 1 + PIXELS);
  if (count === 0 || bytes.length !== expected)
    throw new DigitPackError(
      `The test-digit pack holds ${bytes.length} bytes where ${count} digits need ${expected}: it is damaged.`,
    );
  const indices = Uint32Array.from({ length: count }, (_, i) => view.getUint32(HEADER_BYTES + i * 4));
  const labelsAt = HEADER_BYTES + count * 4;
  const labels = bytes.slice(labelsAt, labelsAt + count);
  if (labels.some((label) => label > 9)) throw new DigitPackError('The test-digit pack has a label outside 0–9.');
  const images = bytes.slice(labelsAt + count);
  return { split: { images, labels, count }, indices };
}

/** Where test digit `index` sits in the pack, or −1 when the pack does not hold it. */
export function packPosition(pack: DigitPack, index: number): number {
  return pack.indices.indexOf(index);
}
