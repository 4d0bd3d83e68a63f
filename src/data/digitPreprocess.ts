/**
 * MNIST-style preprocessing of a hand-drawn digit, as LeCun, Cortes and Burges describe it for
 * the MNIST set: crop to the ink, fit the larger side into 20 px with anti-aliasing (aspect
 * ratio kept), then place the result in a 28×28 field so that the ink's centre of mass sits at
 * the field's centre. Pure: no DOM, no tfjs.
 *
 * Images are grayscale, row-major (`index = row * width + col`), ink = high (0 = paper, 1 = ink).
 * Coordinates are continuous pixel coordinates: pixel (col, row) covers [col, col + 1) ×
 * [row, row + 1), so its centre is (col + 0.5, row + 0.5) and the centre of a 28×28 field is
 * exactly (14, 14).
 */

/** Side of the output field, px. */
export const DIGIT_FIELD_PX = 28;
/** Side of the box the larger dimension of the ink is scaled to, px. */
const DIGIT_FIT_PX = 20;
/** A pixel counts as ink for the bounding box when its value exceeds this. */
const INK_THRESHOLD = 0.05;

/** An axis-aligned box in pixel indices: columns [x, x + width), rows [y, y + height). */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in continuous pixel coordinates (see the module comment). */
export interface PixelPoint {
  x: number;
  y: number;
}

/**
 * The smallest box holding every pixel whose value is above `threshold`.
 * Returns null when no pixel is.
 */
export function inkBoundingBox(
  pixels: Float32Array,
  width: number,
  height: number,
  threshold: number = INK_THRESHOLD,
): PixelBox | null {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let row = 0; row < height; row++) {
    const base = row * width;
    for (let col = 0; col < width; col++) {
      if ((pixels[base + col] ?? 0) > threshold) {
        if (col < minX) minX = col;
        if (col > maxX) maxX = col;
        if (row < minY) minY = row;
        if (row > maxY) maxY = row;
      }
    }
  }
  if (maxX < 0) return null;
  return { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/**
 * Intensity-weighted centre of mass in continuous pixel coordinates (pixel centres at +0.5).
 * Returns null when the image holds no ink (total ≤ 0).
 */
export function centreOfMass(pixels: Float32Array, width: number, height: number): PixelPoint | null {
  let total = 0;
  let sumX = 0;
  let sumY = 0;
  for (let row = 0; row < height; row++) {
    const base = row * width;
    for (let col = 0; col < width; col++) {
      const v = pixels[base + col] ?? 0;
      if (v <= 0) continue;
      total += v;
      sumX += v * (col + 0.5);
      sumY += v * (row + 0.5);
    }
  }
  if (total <= 0) return null;
  return { x: sumX / total, y: sumY / total };
}

/** Overlap weights of one axis: for each output index, the source indices and their share. */
function areaWeights(srcSize: number, dstSize: number): { index: number; weight: number }[][] {
  const scale = srcSize / dstSize; // source pixels per output pixel
  const out: { index: number; weight: number }[][] = [];
  for (let i = 0; i < dstSize; i++) {
    const start = i * scale;
    const end = (i + 1) * scale;
    const taps: { index: number; weight: number }[] = [];
    for (let j = Math.floor(start); j < Math.min(srcSize, Math.ceil(end)); j++) {
      const overlap = Math.min(end, j + 1) - Math.max(start, j);
      if (overlap > 1e-12) taps.push({ index: j, weight: overlap / scale });
    }
    out.push(taps);
  }
  return out;
}

/**
 * Resamples an image to dstWidth × dstHeight by exact area averaging (a box filter): every
 * output pixel is the mean of the source area it covers, fractional overlaps weighted. This
 * anti-aliases when shrinking and repeats pixels when enlarging. The mean intensity is
 * preserved, so total ink scales by (dstWidth·dstHeight)/(srcWidth·srcHeight).
 * Returns a new row-major Float32Array of dstWidth × dstHeight; the input is not modified.
 */
export function resizeArea(
  pixels: Float32Array,
  srcWidth: number,
  srcHeight: number,
  dstWidth: number,
  dstHeight: number,
): Float32Array {
  if (srcWidth < 1 || srcHeight < 1 || dstWidth < 1 || dstHeight < 1) {
    throw new RangeError(`resizeArea: sizes must be ≥ 1 (got ${srcWidth}×${srcHeight} → ${dstWidth}×${dstHeight})`);
  }
  const wx = areaWeights(srcWidth, dstWidth);
  const wy = areaWeights(srcHeight, dstHeight);
  // Separable: columns first (srcHeight × dstWidth), then rows.
  const horizontal = new Float64Array(srcHeight * dstWidth);
  for (let row = 0; row < srcHeight; row++) {
    const srcBase = row * srcWidth;
    const dstBase = row * dstWidth;
    for (let col = 0; col < dstWidth; col++) {
      let acc = 0;
      for (const { index, weight } of wx[col] ?? []) acc += (pixels[srcBase + index] ?? 0) * weight;
      horizontal[dstBase + col] = acc;
    }
  }
  const out = new Float32Array(dstWidth * dstHeight);
  for (let row = 0; row < dstHeight; row++) {
    const taps = wy[row] ?? [];
    for (let col = 0; col < dstWidth; col++) {
      let acc = 0;
      for (const { index, weight } of taps) acc += (horizontal[index * dstWidth + col] ?? 0) * weight;
      out[row * dstWidth + col] = acc;
    }
  }
  return out;
}

/** Size of the fitted ink box: larger side DIGIT_FIT_PX, aspect kept, each side ≥ 1 px. */
export function fittedSize(boxWidth: number, boxHeight: number): { width: number; height: number } {
  if (boxWidth >= boxHeight) {
    return { width: DIGIT_FIT_PX, height: Math.max(1, Math.round((DIGIT_FIT_PX * boxHeight) / boxWidth)) };
  }
  return { width: Math.max(1, Math.round((DIGIT_FIT_PX * boxWidth) / boxHeight)), height: DIGIT_FIT_PX };
}

const clamp01 = (v: number): number => (v > 1 ? 1 : v > 0 ? v : 0);

/**
 * Turns a drawn digit into an MNIST-like 28×28 input.
 *
 * @param pixels grayscale row-major width × height, values in [0, 1], ink = high (values
 *   outside [0, 1] are clamped). Not modified.
 * @returns a new 28×28 row-major Float32Array in [0, 1], or null when no pixel exceeds
 *   INK_THRESHOLD (an empty pad).
 *
 * Steps: (a) crop to the ink bounding box; (b) area-average it so its larger side is 20 px,
 * aspect kept; (c) translate it, by a whole number of pixels, so its centre of mass lands
 * nearest (14, 14); ink that falls outside the field is clipped.
 */
export function preprocessDigit(pixels: Float32Array, width: number, height: number): Float32Array | null {
  if (width < 1 || height < 1 || pixels.length < width * height) {
    throw new RangeError(`preprocessDigit: expected ${width}×${height} pixels, got ${pixels.length}`);
  }
  const box = inkBoundingBox(pixels, width, height);
  if (!box) return null;

  const crop = new Float32Array(box.width * box.height);
  for (let row = 0; row < box.height; row++) {
    const srcBase = (box.y + row) * width + box.x;
    for (let col = 0; col < box.width; col++) crop[row * box.width + col] = clamp01(pixels[srcBase + col] ?? 0);
  }

  const fit = fittedSize(box.width, box.height);
  const fitted = resizeArea(crop, box.width, box.height, fit.width, fit.height);
  const com = centreOfMass(fitted, fit.width, fit.height);
  if (!com) return null;

  const centre = DIGIT_FIELD_PX / 2;
  const offsetX = Math.round(centre - com.x);
  const offsetY = Math.round(centre - com.y);
  const out = new Float32Array(DIGIT_FIELD_PX * DIGIT_FIELD_PX);
  for (let row = 0; row < fit.height; row++) {
    const y = row + offsetY;
    if (y < 0 || y >= DIGIT_FIELD_PX) continue;
    for (let col = 0; col < fit.width; col++) {
      const x = col + offsetX;
      if (x < 0 || x >= DIGIT_FIELD_PX) continue;
      out[y * DIGIT_FIELD_PX + x] = clamp01(fitted[row * fit.width + col] ?? 0);
    }
  }
  return out;
}

/**
 * Grey level of one RGBA pixel (bytes 0–255) composited over white paper, in [0, 1]:
 * 1 = white, 0 = black. Rec. 709 luminance weights; a fully transparent pixel reads as paper.
 * Shared by the drawing pad and by uploaded images, so both see colour the same way.
 */
export function greyOnWhite(red: number, green: number, blue: number, alpha: number): number {
  const luminance = (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255;
  const opacity = alpha / 255;
  return clamp01(1 - opacity * (1 - luminance));
}

/**
 * Ink intensities from RGBA bytes (e.g. canvas ImageData.data) of a drawing in dark ink on a
 * light background: ink = 1 − greyOnWhite (transparent pixels are paper). Returns a new
 * width × height row-major Float32Array in [0, 1].
 */
export function inkFromRgba(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Float32Array {
  const n = width * height;
  if (rgba.length < n * 4) throw new RangeError(`inkFromRgba: expected ${n * 4} bytes, got ${rgba.length}`);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    out[i] = 1 - greyOnWhite(rgba[o] ?? 255, rgba[o + 1] ?? 255, rgba[o + 2] ?? 255, rgba[o + 3] ?? 255);
  }
  return out;
}
