/**
 * Data augmentation for 28×28 training images: a random shift, rotation and scale about the
 * image centre, then Gaussian noise. Pure and seeded, so a run with the same seed sees the same
 * augmented batches.
 */
import { deriveSeed, mulberry32 } from './random';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
/** The geometric centre of the image, between the middle four pixels. */
const CENTRE = (SIDE - 1) / 2;

/** Each setting is the largest change drawn; 0 turns that transform off. */
export interface Augmentation {
  /** Pixels, drawn uniformly in [−shift, shift] on each axis. */
  shift: number;
  /** Degrees, drawn uniformly in [−rotate, rotate]. */
  rotate: number;
  /** A fraction: the zoom factor is drawn uniformly in [1 − scale, 1 + scale]. */
  scale: number;
  /** Standard deviation of the Gaussian noise added to every pixel (then clamped to [0, 1]). */
  noise: number;
}

export const NO_AUGMENTATION: Augmentation = { shift: 0, rotate: 0, scale: 0, noise: 0 };

/** Whether any transform is on (when none is, training skips augmentation entirely). */
export function isAugmenting(augmentation: Augmentation): boolean {
  return augmentation.shift > 0 || augmentation.rotate > 0 || augmentation.scale > 0 || augmentation.noise > 0;
}

/** The augmentation in words, e.g. "shift ±3 px, turn ±15°, zoom ±10%, noise 0.1"; "none" when off. */
export function describeAugmentation(augmentation: Augmentation): string {
  const parts = [
    augmentation.shift > 0 && `shift ±${augmentation.shift} px`,
    augmentation.rotate > 0 && `turn ±${augmentation.rotate}°`,
    augmentation.scale > 0 && `zoom ±${Math.round(augmentation.scale * 100)}%`,
    augmentation.noise > 0 && `noise ${augmentation.noise}`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** One drawn geometric transform: `dx` moves right, `dy` down, a positive angle turns anticlockwise on screen. */
export interface AffineDraw {
  dx: number;
  dy: number;
  degrees: number;
  zoom: number;
}

/**
 * Writes `source` moved by `draw` into `out`. Each output pixel is mapped back through the inverse
 * transform and sampled bilinearly (no holes, unlike pushing pixels forward); outside is 0.
 */
export function affineImage(source: Float32Array, draw: AffineDraw, out = new Float32Array(PIXELS)): Float32Array {
  const radians = (draw.degrees * Math.PI) / 180;
  const cos = Math.cos(radians) / draw.zoom;
  const sin = Math.sin(radians) / draw.zoom;
  for (let row = 0; row < SIDE; row++) {
    const y = row - CENTRE - draw.dy;
    for (let col = 0; col < SIDE; col++) {
      const x = col - CENTRE - draw.dx;
      // Inverse of an anticlockwise turn in y-down coordinates, then of the zoom.
      const sourceCol = cos * x - sin * y + CENTRE;
      const sourceRow = sin * x + cos * y + CENTRE;
      out[row * SIDE + col] = bilinear(source, sourceRow, sourceCol);
    }
  }
  return out;
}

/** `source` sampled at a fractional position; pixels beyond the edge count as 0. */
function bilinear(source: Float32Array, row: number, col: number): number {
  // Snap values within rounding of a whole pixel, so a whole-pixel move copies pixels exactly.
  const r = snap(row);
  const c = snap(col);
  const r0 = Math.floor(r);
  const c0 = Math.floor(c);
  const fr = r - r0;
  const fc = c - c0;
  return (
    at(source, r0, c0) * (1 - fr) * (1 - fc) +
    at(source, r0, c0 + 1) * (1 - fr) * fc +
    at(source, r0 + 1, c0) * fr * (1 - fc) +
    at(source, r0 + 1, c0 + 1) * fr * fc
  );
}

function snap(value: number): number {
  const whole = Math.round(value);
  return Math.abs(value - whole) < 1e-9 ? whole : value;
}

function at(source: Float32Array, row: number, col: number): number {
  if (row < 0 || row >= SIDE || col < 0 || col >= SIDE) return 0;
  return source[row * SIDE + col]!;
}

/** A standard normal number (Box–Muller) from a uniform source in [0, 1). */
function gaussian(random: () => number): number {
  const u = 1 - random(); // (0, 1]: the logarithm stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Draws one transform within `augmentation`'s ranges. */
export function drawAffine(augmentation: Augmentation, random: () => number): AffineDraw {
  const within = (limit: number) => (2 * random() - 1) * limit;
  return {
    dx: within(augmentation.shift),
    dy: within(augmentation.shift),
    degrees: within(augmentation.rotate),
    zoom: 1 + within(augmentation.scale),
  };
}

/**
 * One image (28×28, row-major, in [0, 1]) augmented with numbers from `random`: a random affine
 * transform, then noise, clamped to [0, 1]. `out` must not be `source`.
 */
export function augmentImage(
  source: Float32Array,
  augmentation: Augmentation,
  random: () => number,
  out = new Float32Array(PIXELS),
): Float32Array {
  const draw = drawAffine(augmentation, random);
  affineImage(source, draw, out);
  if (augmentation.noise > 0)
    for (let p = 0; p < PIXELS; p++) out[p] = Math.min(1, Math.max(0, out[p]! + augmentation.noise * gaussian(random)));
  return out;
}

/**
 * Augments `count` images packed in `pixels` in place, image i with its own stream of `seed`, so
 * the result depends only on the seed and the images (a run reproduces; a batch's images differ).
 */
export function augmentBatch(pixels: Float32Array, count: number, augmentation: Augmentation, seed: number): void {
  const original = new Float32Array(PIXELS);
  const augmented = new Float32Array(PIXELS);
  for (let i = 0; i < count; i++) {
    const image = pixels.subarray(i * PIXELS, (i + 1) * PIXELS);
    original.set(image);
    image.set(augmentImage(original, augmentation, mulberry32(deriveSeed(seed, i)), augmented));
  }
}
