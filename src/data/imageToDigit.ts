/**
 * An uploaded picture (a photo, a scan, a PNG from a paint program) turned into a 28×28 input
 * the same way as a drawn digit: grey levels, ink found against the paper, then the drawing
 * pad's MNIST preprocessing (`preprocessDigit`: crop to the ink, fit into 20 px, centre by mass).
 * Pure: takes the RGBA bytes a canvas's getImageData gives, no DOM.
 */
import { greyOnWhite, preprocessDigit } from './digitPreprocess';

/** Decoded pixels, as in an ImageData: RGBA bytes, row-major, width × height × 4. */
export interface DecodedImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export type ImageToDigitResult =
  | {
      ok: true;
      /** 28×28 row-major, in [0, 1], ink high. */
      digit: Float32Array;
      /** True when the picture had light ink on dark paper (and was inverted). */
      lightInk: boolean;
    }
  | { ok: false; reason: string };

/**
 * Larger pictures are first averaged down in whole blocks so their longer side is at most this:
 * a 4000×3000 photo becomes 500×375 in one pass over its bytes. The digit ends up 20 px tall, so
 * even ink a tenth of the picture wide keeps several times the detail it needs.
 */
export const WORKING_MAX_SIDE = 512;
/** The ink must differ from the paper by at least this much grey (0–1) to count as a drawing. */
export const MIN_INK_CONTRAST = 0.15;
/**
 * After scaling the darkest ink to 1, values up to this share are paper texture, sensor noise or
 * JPEG ringing, not ink: they would otherwise stretch the ink's bounding box to the whole picture.
 */
const PAPER_NOISE = 0.15;

/**
 * Turns decoded image pixels into a 28×28 digit, or says why it cannot.
 *
 * Steps: (1) grey level of each pixel composited on white paper (`greyOnWhite`), averaged down
 * in blocks when the picture is large; (2) the paper's grey is the median of the border pixels
 * (a median, not a mean, so ink touching the edge of a tightly cropped picture does not move
 * it); paper darker than mid-grey means light ink on dark paper; (3) ink = distance from the
 * paper's grey, scaled so the strongest ink is 1, with faint paper noise cut; (4) preprocessDigit.
 */
export function imageToDigit(image: DecodedImage): ImageToDigitResult {
  const { data, width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    return {
      ok: false,
      reason: `The image is ${width}×${height} pixels, so it holds no picture; choose another file.`,
    };
  }
  if (data.length !== width * height * 4) {
    return {
      ok: false,
      reason: `The image's pixels are damaged (${data.length} bytes for ${width}×${height}); choose another file.`,
    };
  }
  if (width * height === 1) {
    return { ok: false, reason: 'The image is a single pixel, too small to hold a drawing; choose a larger picture.' };
  }

  const grey = downsampledGrey(data, width, height);
  const paper = median(borderValues(grey.pixels, grey.width, grey.height));
  const lightInk = paper < 0.5;

  const n = grey.width * grey.height;
  const ink = new Float32Array(n);
  let strongest = 0;
  for (let i = 0; i < n; i++) {
    const g = grey.pixels[i] ?? paper;
    const v = lightInk ? g - paper : paper - g;
    const clipped = v > 0 ? v : 0;
    ink[i] = clipped;
    if (clipped > strongest) strongest = clipped;
  }
  if (strongest < MIN_INK_CONTRAST) {
    return {
      ok: false,
      reason:
        'No drawing found: the image is all one shade. Choose a picture of dark ink on light paper, or light on dark.',
    };
  }
  for (let i = 0; i < n; i++) {
    const v = (ink[i] ?? 0) / strongest;
    ink[i] = v > PAPER_NOISE ? (v - PAPER_NOISE) / (1 - PAPER_NOISE) : 0;
  }

  const digit = preprocessDigit(ink, grey.width, grey.height);
  if (!digit) return { ok: false, reason: 'No drawing found in the image; choose another picture.' };
  return { ok: true, digit, lightInk };
}

interface GreyImage {
  pixels: Float32Array;
  width: number;
  height: number;
}

/**
 * Grey levels (1 = white) of the picture, each the mean of a factor × factor block of source
 * pixels (blocks at the right and bottom edges may be smaller), factor chosen so the longer side
 * is at most WORKING_MAX_SIDE. One pass over the bytes, memory for the small image only.
 */
function downsampledGrey(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): GreyImage {
  const factor = Math.max(1, Math.ceil(Math.max(width, height) / WORKING_MAX_SIDE));
  const outWidth = Math.ceil(width / factor);
  const outHeight = Math.ceil(height / factor);
  const sums = new Float64Array(outWidth * outHeight);
  for (let row = 0; row < height; row++) {
    const outBase = Math.floor(row / factor) * outWidth;
    let o = row * width * 4;
    for (let x = 0; x < outWidth; x++) {
      const end = Math.min(width, (x + 1) * factor);
      let acc = 0;
      for (let col = x * factor; col < end; col++, o += 4)
        acc += greyOnWhite(rgba[o]!, rgba[o + 1]!, rgba[o + 2]!, rgba[o + 3]!);
      sums[outBase + x] = sums[outBase + x]! + acc;
    }
  }
  const pixels = new Float32Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y++) {
    const rows = Math.min(factor, height - y * factor);
    for (let x = 0; x < outWidth; x++) {
      const cols = Math.min(factor, width - x * factor);
      pixels[y * outWidth + x] = sums[y * outWidth + x]! / (rows * cols);
    }
  }
  return { pixels, width: outWidth, height: outHeight };
}

/** The pixels of the outermost ring (each once). */
function borderValues(pixels: Float32Array, width: number, height: number): Float32Array {
  const out: number[] = [];
  for (let row = 0; row < height; row++) {
    if (row === 0 || row === height - 1) {
      for (let col = 0; col < width; col++) out.push(pixels[row * width + col]!);
    } else {
      out.push(pixels[row * width]!);
      if (width > 1) out.push(pixels[row * width + width - 1]!);
    }
  }
  return Float32Array.from(out);
}

function median(values: Float32Array): number {
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
