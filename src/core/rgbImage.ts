/**
 * Colour inputs for the multi-channel explorable: a synthetic RGB picture made in code, seeded
 * random filters with entries −1, 0 or 1, and an area-averaging downscaler that turns the RGBA
 * pixels of any picture into a small HWC volume. Volumes are `[row][col][channel]`; every
 * returned array is new and belongs to the caller.
 */
import type { Volume } from './convolution';
import { deriveSeed, mulberry32 } from './random';

/** Number of colour channels of the volumes made here: red, green, blue. */
export const RGB_CHANNELS = 3;

/**
 * A size×size×3 picture on black, values 0 or 1, each channel with its own shape: a red disc
 * (upper left), a green vertical bar (right) and a blue square (lower left). Cells are taken at
 * their centres, so every size shows all three shapes (sizes ≥ 5 are the intended range).
 */
export function syntheticRgb(size: number): Volume {
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => {
      const u = (col + 0.5) / size;
      const v = (row + 0.5) / size;
      const disc = Math.hypot(u - 0.35, v - 0.35) < 0.25;
      const bar = u > 0.62 && u < 0.82 && v > 0.1 && v < 0.9;
      const square = u > 0.12 && u < 0.55 && v > 0.62 && v < 0.9;
      return [disc ? 1 : 0, bar ? 1 : 0, square ? 1 : 0];
    }),
  );
}

/**
 * `n` filters, each k×k×`channels` (HWC) with entries −1, 0 or 1, the same for the same seed.
 * Filter i depends only on (seed, i), so asking for more filters keeps the first ones. A filter
 * that came out all zeros gets a 1 in its centre of channel 0, so no output map is blank by chance.
 */
export function randomFilters(n: number, k: number, channels: number, seed: number): Volume[] {
  return Array.from({ length: n }, (_, i) => {
    const rng = mulberry32(deriveSeed(seed, i));
    const filter = Array.from({ length: k }, () =>
      Array.from({ length: k }, () => Array.from({ length: channels }, () => Math.floor(rng() * 3) - 1)),
    );
    if (filter.flat(2).every((w) => w === 0)) {
      const centre = Math.floor(k / 2);
      filter[centre]![centre]![0] = 1;
    }
    return filter;
  });
}

/**
 * The centred largest square of an RGBA picture (`data` row-major, 4 bytes a pixel, as in
 * ImageData), area-averaged to size×size×3 with values in 0–1, rounded to hundredths so the
 * numbers on screen are the numbers used. Each output cell averages every source pixel it
 * covers, weighted by the covered area, so it also works when `size` exceeds the picture.
 * Transparent pixels count as black (colour × alpha), like the synthetic picture's background.
 * Throws a RangeError when `data` does not hold width×height×4 bytes or a size is not ≥ 1.
 */
export function downscaleRgba(data: Uint8ClampedArray, width: number, height: number, size: number): Volume {
  if (!(width >= 1 && height >= 1 && size >= 1) || ![width, height, size].every(Number.isInteger)) {
    throw new RangeError(`Sizes must be whole numbers ≥ 1, got ${width}×${height} to ${size}.`);
  }
  if (data.length !== width * height * 4) {
    throw new RangeError(`A ${width}×${height} RGBA picture has ${width * height * 4} bytes, got ${data.length}.`);
  }
  const side = Math.min(width, height);
  const x0 = (width - side) / 2;
  const y0 = (height - side) / 2;
  const cellPx = side / size;
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => {
      const top = y0 + row * cellPx;
      const left = x0 + col * cellPx;
      const sums = [0, 0, 0];
      for (let y = Math.floor(top); y < Math.ceil(top + cellPx); y++) {
        const dy = Math.min(y + 1, top + cellPx) - Math.max(y, top);
        if (dy <= 0) continue;
        for (let x = Math.floor(left); x < Math.ceil(left + cellPx); x++) {
          const dx = Math.min(x + 1, left + cellPx) - Math.max(x, left);
          if (dx <= 0) continue;
          const i = (y * width + x) * 4;
          const weight = (dx * dy * (data[i + 3] as number)) / 255;
          for (let ch = 0; ch < 3; ch++) sums[ch]! += weight * (data[i + ch] as number);
        }
      }
      return sums.map((sum) => Math.round((sum / (cellPx * cellPx * 255)) * 100) / 100);
    }),
  );
}
