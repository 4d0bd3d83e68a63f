import { describe, expect, it } from 'vitest';
import {
  centreOfMass,
  fittedSize,
  greyOnWhite,
  inkBoundingBox,
  inkFromRgba,
  preprocessDigit,
  resizeArea,
} from './digitPreprocess';

/** A blank (all paper) width × height image. */
function blank(width: number, height: number): Float32Array {
  return new Float32Array(width * height);
}

/** Sets columns [x, x + w) × rows [y, y + h) to value. */
function fillRect(img: Float32Array, width: number, x: number, y: number, w: number, h: number, value = 1): void {
  for (let row = y; row < y + h; row++) for (let col = x; col < x + w; col++) img[row * width + col] = value;
}

function sum(values: Float32Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

const FIELD = 28;

describe('inkBoundingBox', () => {
  it('encloses every pixel above the threshold and ignores faint ones', () => {
    const img = blank(10, 8);
    fillRect(img, 10, 3, 2, 4, 5, 0.7);
    img[0] = 0.04; // below threshold: not ink
    expect(inkBoundingBox(img, 10, 8)).toEqual({ x: 3, y: 2, width: 4, height: 5 });
  });

  it('returns null for an empty image', () => {
    expect(inkBoundingBox(blank(5, 5), 5, 5)).toBeNull();
  });
});

describe('centreOfMass', () => {
  it('weights pixel centres (index + 0.5) by intensity', () => {
    const img = new Float32Array([1, 0, 3]); // 3×1
    expect(centreOfMass(img, 3, 1)).toEqual({ x: 2, y: 0.5 });
  });

  it('returns null when there is no ink', () => {
    expect(centreOfMass(blank(3, 3), 3, 3)).toBeNull();
  });
});

describe('resizeArea', () => {
  it('averages whole source pixels when shrinking by an integer factor', () => {
    expect(Array.from(resizeArea(new Float32Array([1, 2, 3, 4]), 4, 1, 2, 1))).toEqual([1.5, 3.5]);
  });

  it('weights fractional overlaps when shrinking by a non-integer factor', () => {
    // 3 → 2: each output covers 1.5 source pixels: (3·1 + 6·0.5)/1.5 = 4 and (6·0.5 + 9·1)/1.5 = 8.
    const out = resizeArea(new Float32Array([3, 6, 9]), 3, 1, 2, 1);
    expect(out[0]).toBeCloseTo(4, 6);
    expect(out[1]).toBeCloseTo(8, 6);
  });

  it('repeats pixels when enlarging', () => {
    expect(Array.from(resizeArea(new Float32Array([0.25]), 1, 1, 3, 2))).toEqual([0.25, 0.25, 0.25, 0.25, 0.25, 0.25]);
  });

  it('preserves mean intensity, so total ink scales with the area ratio', () => {
    const img = blank(37, 23);
    for (let i = 0; i < img.length; i++) img[i] = ((i * 7919) % 101) / 100;
    const out = resizeArea(img, 37, 23, 20, 12);
    expect(sum(out)).toBeCloseTo((sum(img) * (20 * 12)) / (37 * 23), 3);
  });
});

describe('fittedSize', () => {
  it('scales the larger side to 20 px and keeps the aspect ratio', () => {
    expect(fittedSize(40, 20)).toEqual({ width: 20, height: 10 });
    expect(fittedSize(30, 90)).toEqual({ width: 7, height: 20 });
    expect(fittedSize(1, 200)).toEqual({ width: 1, height: 20 });
  });
});

describe('preprocessDigit', () => {
  it('returns null for an empty pad', () => {
    expect(preprocessDigit(blank(280, 280), 280, 280)).toBeNull();
  });

  it('returns null when every stroke is fainter than the ink threshold', () => {
    const img = blank(50, 50);
    fillRect(img, 50, 10, 10, 20, 20, 0.03);
    expect(preprocessDigit(img, 50, 50)).toBeNull();
  });

  it('centres an off-centre filled rectangle with its long side 20 px', () => {
    const img = blank(100, 100);
    fillRect(img, 100, 5, 60, 40, 20); // 40 × 20, bottom-left of the pad
    const out = preprocessDigit(img, 100, 100);
    expect(out).not.toBeNull();
    if (!out) return;
    expect(out.length).toBe(FIELD * FIELD);
    // Fitted to 20 × 10; its centre of mass (10, 5) is placed at (14, 14).
    expect(inkBoundingBox(out, FIELD, FIELD)).toEqual({ x: 4, y: 9, width: 20, height: 10 });
    const com = centreOfMass(out, FIELD, FIELD);
    expect(com?.x).toBeCloseTo(14, 5);
    expect(com?.y).toBeCloseTo(14, 5);
  });

  it('keeps the aspect ratio of a thin vertical line: 20 px tall and narrow', () => {
    const img = blank(120, 120);
    fillRect(img, 120, 50, 10, 3, 100);
    const out = preprocessDigit(img, 120, 120);
    expect(out).not.toBeNull();
    if (!out) return;
    const box = inkBoundingBox(out, FIELD, FIELD);
    expect(box?.height).toBe(20);
    expect(box?.width).toBeLessThanOrEqual(2);
  });

  it('puts the centre of mass of an L-shape within 0.5 px of (14, 14)', () => {
    const img = blank(200, 200);
    fillRect(img, 200, 30, 20, 12, 130); // vertical stroke
    fillRect(img, 200, 30, 138, 70, 12); // foot to the right
    const out = preprocessDigit(img, 200, 200);
    expect(out).not.toBeNull();
    if (!out) return;
    const com = centreOfMass(out, FIELD, FIELD);
    expect(com).not.toBeNull();
    expect(Math.abs((com?.x ?? 0) - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((com?.y ?? 0) - 14)).toBeLessThanOrEqual(0.5);
    // The L is taller than wide, so its height is the 20 px side.
    expect(inkBoundingBox(out, FIELD, FIELD)?.height).toBe(20);
  });

  it('treats a digit touching the pad border the same as one in the middle', () => {
    const atCorner = blank(60, 60);
    fillRect(atCorner, 60, 0, 0, 18, 33, 0.9);
    fillRect(atCorner, 60, 0, 0, 6, 6, 0.4);
    const inMiddle = blank(60, 60);
    fillRect(inMiddle, 60, 21, 13, 18, 33, 0.9);
    fillRect(inMiddle, 60, 21, 13, 6, 6, 0.4);
    const a = preprocessDigit(atCorner, 60, 60);
    const b = preprocessDigit(inMiddle, 60, 60);
    expect(a).not.toBeNull();
    expect(Array.from(a ?? [])).toEqual(Array.from(b ?? []));

    const atBottomRight = blank(60, 60);
    fillRect(atBottomRight, 60, 42, 27, 18, 33, 0.9);
    fillRect(atBottomRight, 60, 42, 27, 6, 6, 0.4);
    expect(Array.from(preprocessDigit(atBottomRight, 60, 60) ?? [])).toEqual(Array.from(b ?? []));
  });

  it('clips ink that the centring shift pushes outside the field', () => {
    // A heavy bar on the left with a faint long tail: the centre of mass is far left, so the
    // shift moves the tail beyond the right edge.
    const img = blank(100, 100);
    fillRect(img, 100, 0, 0, 10, 100, 1);
    fillRect(img, 100, 10, 45, 90, 10, 0.06);
    const out = preprocessDigit(img, 100, 100);
    expect(out).not.toBeNull();
    if (!out) return;
    expect(out.length).toBe(FIELD * FIELD);
    const box = inkBoundingBox(out, FIELD, FIELD, 0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBe(FIELD); // reaches the right edge: clipped
    const com = centreOfMass(out, FIELD, FIELD);
    expect(Math.abs((com?.y ?? 0) - 14)).toBeLessThanOrEqual(0.5);
  });

  it('keeps every value in [0, 1], clamping out-of-range input', () => {
    const img = blank(64, 48);
    for (let i = 0; i < img.length; i++) img[i] = Math.sin(i * 12.9898) * 1.6; // in [-1.6, 1.6]
    const out = preprocessDigit(img, 64, 48);
    expect(out).not.toBeNull();
    for (const v of out ?? []) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('preserves total ink up to the area ratio of the scaling (within 10%)', () => {
    // A diagonal stroke of varying intensity.
    const size = 140;
    const img = blank(size, size);
    for (let t = 0; t < 100; t++) fillRect(img, size, 20 + t, 15 + t, 9, 9, 0.3 + (0.7 * t) / 100);
    const box = inkBoundingBox(img, size, size);
    expect(box).not.toBeNull();
    if (!box) return;
    let inkInBox = 0;
    for (let row = box.y; row < box.y + box.height; row++)
      for (let col = box.x; col < box.x + box.width; col++) inkInBox += img[row * size + col] ?? 0;
    const fit = fittedSize(box.width, box.height);
    const expected = (inkInBox * fit.width * fit.height) / (box.width * box.height);
    const out = preprocessDigit(img, size, size);
    const total = sum(out ?? new Float32Array(0));
    expect(Math.abs(total - expected) / expected).toBeLessThan(0.1);
  });

  it('does not modify its input', () => {
    const img = blank(30, 30);
    fillRect(img, 30, 4, 4, 5, 20, 0.8);
    const copy = img.slice();
    preprocessDigit(img, 30, 30);
    expect(Array.from(img)).toEqual(Array.from(copy));
  });

  it('rejects a pixel buffer smaller than width × height', () => {
    expect(() => preprocessDigit(new Float32Array(10), 4, 4)).toThrow(RangeError);
  });
});

describe('inkFromRgba', () => {
  it('maps white paper to 0, black ink to 1, mid-grey to about 0.5 and transparent to 0', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255, 0, 0, 0, 0]);
    const ink = inkFromRgba(rgba, 4, 1);
    expect(ink[0]).toBeCloseTo(0, 6);
    expect(ink[1]).toBeCloseTo(1, 6);
    expect(ink[2]).toBeCloseTo(1 - 128 / 255, 5);
    expect(ink[3]).toBeCloseTo(0, 6);
  });
});

describe('greyOnWhite', () => {
  it('weights colours by Rec. 709 luminance: green reads darker than white, far lighter than blue', () => {
    expect(greyOnWhite(0, 255, 0, 255)).toBeCloseTo(0.7152, 6);
    expect(greyOnWhite(0, 0, 255, 255)).toBeCloseTo(0.0722, 6);
    expect(greyOnWhite(255, 0, 0, 255)).toBeCloseTo(0.2126, 6);
  });

  it('composites over white paper: transparent black is paper, half-transparent black is mid-grey', () => {
    expect(greyOnWhite(0, 0, 0, 0)).toBe(1);
    expect(greyOnWhite(0, 0, 0, 255)).toBe(0);
    expect(greyOnWhite(0, 0, 0, 51)).toBeCloseTo(0.8, 6);
  });
});
