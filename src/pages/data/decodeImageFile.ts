/**
 * An uploaded picture file as one example: the browser decodes it (createImageBitmap), a canvas
 * gives its RGBA bytes, and imageToDigit turns them into a 28×28 digit the way the drawing pad
 * does. Never throws: a file that cannot become an example gets a reason.
 */
import { exampleFromDigit } from '../../core/dataSet';
import { imageToDigit, WORKING_MAX_SIDE } from '../../data/imageToDigit';

/** Pictures larger than this are refused unread: no drawing of one symbol needs more. */
export const MAX_PICTURE_BYTES = 20_000_000;

export type DecodedFile = { ok: true; example: Uint8Array } | { ok: false; reason: string };

export async function decodeImageFile(file: File): Promise<DecodedFile> {
  if (file.size > MAX_PICTURE_BYTES) {
    return {
      ok: false,
      reason: `the file is ${(file.size / 1e6).toFixed(0)} MB; pictures up to ${MAX_PICTURE_BYTES / 1e6} MB are read.`,
    };
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { ok: false, reason: 'not an image the browser can read.' };
  }
  try {
    // Drawn at most twice imageToDigit's working size: a huge photo never becomes a huge canvas.
    const scale = Math.min(1, (2 * WORKING_MAX_SIDE) / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return { ok: false, reason: 'this browser gave the page no canvas to read the picture with.' };
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const result = imageToDigit({ data: context.getImageData(0, 0, width, height).data, width, height });
    return result.ok ? { ok: true, example: exampleFromDigit(result.digit) } : { ok: false, reason: result.reason };
  } finally {
    bitmap.close();
  }
}
