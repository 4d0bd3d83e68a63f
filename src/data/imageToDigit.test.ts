import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../core/random';
import { centreOfMass, inkBoundingBox, preprocessDigit } from './digitPreprocess';
import { imageToDigit, type DecodedImage } from './imageToDigit';

type Rgba = readonly [number, number, number, number];
const WHITE: Rgba = [255, 255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];
const CLEAR: Rgba = [0, 0, 0, 0]; // transparent black: what an erased canvas holds

/** A width × height image painted pixel by pixel. */
function paint(width: number, height: number, colour: (x: number, y: number) => Rgba): DecodedImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colour(x, y), (y * width + x) * 4);
  return { data, width, height };
}

/** An "L" on a 40×40 field: asymmetric, so a flip or a transpose would show. */
function isL(x: number, y: number): boolean {
  return (x >= 10 && x < 16 && y >= 6 && y < 35) || (x >= 10 && x < 30 && y >= 29 && y < 35);
}

/** An image of the L in `ink` on `paper`. */
function lImage(ink: Rgba, paper: Rgba): DecodedImage {
  return paint(40, 40, (x, y) => (isL(x, y) ? ink : paper));
}

/** What the drawing pad makes of the same L drawn at full strength. */
function expectedL(): Float32Array {
  const mask = new Float32Array(40 * 40);
  for (let y = 0; y < 40; y++) for (let x = 0; x < 40; x++) mask[y * 40 + x] = isL(x, y) ? 1 : 0;
  return preprocessDigit(mask, 40, 40)!;
}

function digitOf(image: DecodedImage): Float32Array {
  const result = imageToDigit(image);
  if (!result.ok) throw new Error(`expected a digit, got: ${result.reason}`);
  return result.digit;
}

function reasonOf(image: DecodedImage): string {
  const result = imageToDigit(image);
  if (result.ok) throw new Error('expected the image to be refused');
  return result.reason;
}

const sum = (values: Float32Array): number => values.reduce((a, b) => a + b, 0);

describe('imageToDigit: colour, transparency and polarity', () => {
  it('turns black ink on white into the digit the drawing pad makes of the same strokes', () => {
    const result = imageToDigit(lImage(BLACK, WHITE));
    expect(result).toEqual({ ok: true, digit: expectedL(), lightInk: false });
    if (result.ok) expect(sum(result.digit)).toBeGreaterThan(50); // ink is really there
  });

  it('reads a red digit on white as full-strength ink', () => {
    expect(digitOf(lImage([230, 20, 20, 255], WHITE))).toEqual(expectedL());
  });

  it('reads a blue digit on yellow paper (colour on colour) by luminance', () => {
    expect(digitOf(lImage([20, 40, 200, 255], [250, 240, 60, 255]))).toEqual(expectedL());
  });

  it('composites a black stroke on a transparent background over white paper', () => {
    expect(digitOf(lImage(BLACK, CLEAR))).toEqual(expectedL());
  });

  it('inverts white ink on black so the ink is high', () => {
    const result = imageToDigit(lImage(WHITE, BLACK));
    expect(result).toEqual({ ok: true, digit: expectedL(), lightInk: true });
  });

  it('finds grey ink on noisy grey paper, as in a photo, and leaves the paper at 0', () => {
    const rng = mulberry32(7);
    const image = paint(40, 40, (x, y) => {
      if (isL(x, y)) return [60, 60, 60, 255];
      const g = Math.round(180 + (rng() - 0.5) * 24); // paper around 0.7 ± 0.05
      return [g, g, g, 255];
    });
    expect(digitOf(image)).toEqual(expectedL());
  });

  it('decides polarity from the border even when the ink touches every edge (a tightly cropped 0)', () => {
    const ring = (x: number, y: number, left: number, top: number): boolean => {
      const r = Math.hypot((x + 0.5 - left - 12) / 12, (y + 0.5 - top - 16) / 16);
      return r <= 1 && r > 0.75;
    };
    const tight = imageToDigit(paint(24, 32, (x, y) => (ring(x, y, 0, 0) ? BLACK : WHITE)));
    const padded = imageToDigit(paint(44, 52, (x, y) => (ring(x, y, 10, 10) ? BLACK : WHITE)));
    expect(tight.ok && tight.lightInk).toBe(false);
    expect(tight).toEqual(padded);
  });
});

describe('imageToDigit: odd sizes', () => {
  it('fits a 300×40 picture of a wide stroke into 20 px across, centred', () => {
    const digit = digitOf(paint(300, 40, (x, y) => (x >= 10 && x < 290 && y >= 12 && y < 28 ? BLACK : WHITE)));
    const box = inkBoundingBox(digit, 28, 28)!;
    expect(box.width).toBe(20);
    expect(box.height).toBeLessThanOrEqual(2);
    const com = centreOfMass(digit, 28, 28)!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('fits a 40×300 picture of a tall stroke into 20 px high', () => {
    const digit = digitOf(paint(40, 300, (x, y) => (y >= 10 && y < 290 && x >= 12 && x < 28 ? BLACK : WHITE)));
    const box = inkBoundingBox(digit, 28, 28)!;
    expect(box.height).toBe(20);
    expect(box.width).toBeLessThanOrEqual(2);
  });

  it('averages a 4000×3000 photo down first and gives the digit of the same picture at 40×30', () => {
    // The same L at 40×30 and magnified 100 times.
    const small = (x: number, y: number): boolean =>
      (x >= 10 && x < 16 && y >= 4 && y < 27) || (x >= 10 && x < 30 && y >= 22 && y < 27);
    const big = paint(4000, 3000, (x, y) => (small(Math.floor(x / 100), Math.floor(y / 100)) ? BLACK : WHITE));
    const fromBig = digitOf(big);
    const fromSmall = digitOf(paint(40, 30, (x, y) => (small(x, y) ? BLACK : WHITE)));
    expect(inkBoundingBox(fromBig, 28, 28)).toEqual(inkBoundingBox(fromSmall, 28, 28));
    expect(sum(fromBig)).toBeCloseTo(sum(fromSmall), -1); // within ±5 of ~130 px of ink
    const com = centreOfMass(fromBig, 28, 28)!;
    expect(Math.hypot(com.x - 14, com.y - 14)).toBeLessThan(0.75);
  });

  it('refuses a 1×1 image', () => {
    expect(reasonOf(paint(1, 1, () => BLACK))).toMatch(/single pixel/);
    expect(reasonOf(paint(1, 1, () => WHITE))).toMatch(/single pixel/);
  });

  it('handles a one-pixel-high strip with a dash in it', () => {
    const digit = digitOf(paint(30, 1, (x) => (x >= 10 && x < 20 ? BLACK : WHITE)));
    expect(inkBoundingBox(digit, 28, 28)).toEqual({ x: 4, y: 13, width: 20, height: 2 });
  });
});

describe('imageToDigit: refusals', () => {
  it.each([
    ['white', WHITE],
    ['black', BLACK],
    ['transparent', CLEAR],
    ['mid-grey', [128, 128, 128, 255] as Rgba],
  ])('refuses a blank %s image, saying no drawing was found', (_name, colour) => {
    expect(reasonOf(paint(50, 40, () => colour))).toMatch(/No drawing found/);
  });

  it('refuses marks too faint to tell from the paper', () => {
    expect(reasonOf(lImage([235, 235, 235, 255], WHITE))).toMatch(/No drawing found/);
  });

  it('refuses an image with no pixels or damaged pixel data', () => {
    expect(reasonOf({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toMatch(/0×0 pixels/);
    expect(reasonOf({ data: new Uint8ClampedArray(10), width: 2, height: 2 })).toMatch(/damaged/);
    expect(reasonOf({ data: new Uint8ClampedArray(16), width: 2.5, height: 2 })).toMatch(/2\.5×2/);
  });
});
