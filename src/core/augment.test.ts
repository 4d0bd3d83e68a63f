import { describe, expect, it } from 'vitest';
import {
  affineImage,
  augmentBatch,
  augmentImage,
  describeAugmentation,
  drawAffine,
  isAugmenting,
  NO_AUGMENTATION,
  type AffineDraw,
} from './augment';
import { mulberry32 } from './random';

const SIDE = 28;
const STILL: AffineDraw = { dx: 0, dy: 0, degrees: 0, zoom: 1 };

function image(cells: [row: number, col: number, value: number][]): Float32Array {
  const pixels = new Float32Array(SIDE * SIDE);
  for (const [row, col, value] of cells) pixels[row * SIDE + col] = value;
  return pixels;
}

/** A digit-like stroke pattern with no symmetry, well inside the borders. */
function stroke(): Float32Array {
  const pixels = new Float32Array(SIDE * SIDE);
  for (let row = 8; row < 20; row++) pixels[row * SIDE + 12] = 1;
  for (let col = 12; col < 18; col++) pixels[8 * SIDE + col] = 0.8;
  pixels[19 * SIDE + 16] = 0.3;
  return pixels;
}

function centreOfMass(pixels: Float32Array): { row: number; col: number } {
  let mass = 0;
  let row = 0;
  let col = 0;
  pixels.forEach((value, i) => {
    mass += value;
    row += value * Math.floor(i / SIDE);
    col += value * (i % SIDE);
  });
  return { row: row / mass, col: col / mass };
}

/** Non-zero pixels as [row, col, value], values rounded to 6 places. */
function lit(pixels: Float32Array): [number, number, number][] {
  const cells: [number, number, number][] = [];
  pixels.forEach((value, i) => {
    if (Math.abs(value) > 1e-6) cells.push([Math.floor(i / SIDE), i % SIDE, Math.round(value * 1e6) / 1e6]);
  });
  return cells;
}

describe('affineImage', () => {
  it('is the identity for no shift, no turn and zoom 1', () => {
    const source = stroke();
    expect(Array.from(affineImage(source, STILL))).toEqual(Array.from(source));
  });

  it('moves every pixel by a whole-pixel shift, and the centre of mass by exactly that much', () => {
    const source = stroke();
    const moved = affineImage(source, { ...STILL, dx: 3, dy: -2 });
    for (let row = 0; row < SIDE; row++)
      for (let col = 0; col < SIDE; col++) {
        const from = row + 2 < SIDE && col - 3 >= 0 ? source[(row + 2) * SIDE + col - 3]! : 0;
        expect(moved[row * SIDE + col]).toBe(from);
      }
    const before = centreOfMass(source);
    const after = centreOfMass(moved);
    expect(after.col - before.col).toBeCloseTo(3, 10);
    expect(after.row - before.row).toBeCloseTo(-2, 10);
  });

  it('zeroes what a shift brings in from beyond the edge', () => {
    const moved = affineImage(new Float32Array(SIDE * SIDE).fill(1), { ...STILL, dx: 5 });
    expect(moved[10 * SIDE + 4]).toBe(0);
    expect(moved[10 * SIDE + 5]).toBe(1);
  });

  it('turns a pattern 90° anticlockwise about the centre as worked by hand', () => {
    // About (13.5, 13.5), (x, y) → (y, −x) in y-down coordinates: right goes up, up goes left,
    // and the middle four pixels cycle among themselves.
    const source = image([
      [13, 20, 1], // 6.5 right, 0.5 up of the centre → 6.5 up, 0.5 left: (7, 13)
      [5, 14, 0.5], // 8.5 up, 0.5 right → 8.5 left, 0.5 up: (13, 5)
      [13, 13, 0.25], // a middle pixel → the one below it: (14, 13)
    ]);
    expect(lit(affineImage(source, { ...STILL, degrees: 90 }))).toEqual([
      [7, 13, 1],
      [13, 5, 0.5],
      [14, 13, 0.25],
    ]);
  });

  it('keeps the centre fixed under any turn: a round blob at the centre stays put', () => {
    const blob = new Float32Array(SIDE * SIDE);
    for (let row = 0; row < SIDE; row++)
      for (let col = 0; col < SIDE; col++)
        blob[row * SIDE + col] = Math.exp(-((row - 13.5) ** 2 + (col - 13.5) ** 2) / 8);
    const turned = affineImage(blob, { ...STILL, degrees: 37 });
    const centre = centreOfMass(turned);
    expect(centre.row).toBeCloseTo(13.5, 6);
    expect(centre.col).toBeCloseTo(13.5, 6);
    // A turned off-centre pattern does move: the centre is the only fixed point.
    expect(centreOfMass(affineImage(stroke(), { ...STILL, degrees: 37 })).col).not.toBeCloseTo(
      centreOfMass(stroke()).col,
      1,
    );
  });

  it('zooms about the centre: a zoom of 2 doubles the distance of the mass from it', () => {
    // Mass centred 1 pixel right of the centre (cols 14 and 15, rows 13 and 14) ends up 2 right.
    const source = image([
      [13, 14, 1],
      [13, 15, 1],
      [14, 14, 1],
      [14, 15, 1],
    ]);
    expect(centreOfMass(source)).toEqual({ row: 13.5, col: 14.5 });
    const zoomed = centreOfMass(affineImage(source, { ...STILL, zoom: 2 }));
    expect(zoomed.row).toBeCloseTo(13.5, 10);
    expect(zoomed.col).toBeCloseTo(15.5, 10);
  });
});

describe('augmentImage', () => {
  const WIDE = { shift: 3, rotate: 20, scale: 0.2, noise: 0.2 };

  it('is the identity with augmentation off, whatever the random source', () => {
    const source = stroke();
    expect(Array.from(augmentImage(source, NO_AUGMENTATION, mulberry32(7)))).toEqual(Array.from(source));
    expect(isAugmenting(NO_AUGMENTATION)).toBe(false);
    expect(isAugmenting({ ...NO_AUGMENTATION, noise: 0.1 })).toBe(true);
  });

  it('repeats for the same seed and changes with another', () => {
    const source = stroke();
    const first = augmentImage(source, WIDE, mulberry32(11));
    const again = augmentImage(source, WIDE, mulberry32(11));
    const other = augmentImage(source, WIDE, mulberry32(12));
    expect(Array.from(again)).toEqual(Array.from(first));
    expect(Array.from(other)).not.toEqual(Array.from(first));
    expect(Array.from(first)).not.toEqual(Array.from(source));
  });

  it('keeps every output in [0, 1], even with strong noise on a bright image', () => {
    const bright = new Float32Array(SIDE * SIDE).fill(0.95);
    for (let seed = 0; seed < 20; seed++) {
      const out = augmentImage(bright, { ...WIDE, noise: 0.5 }, mulberry32(seed));
      expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...out)).toBeLessThanOrEqual(1);
    }
  });

  it('adds noise with the standard deviation asked for', () => {
    const grey = new Float32Array(SIDE * SIDE).fill(0.5);
    const out = augmentImage(grey, { ...NO_AUGMENTATION, noise: 0.1 }, mulberry32(3));
    const deviations = Array.from(out, (value) => value - 0.5);
    const mean = deviations.reduce((a, b) => a + b, 0) / deviations.length;
    const std = Math.sqrt(deviations.reduce((a, b) => a + (b - mean) ** 2, 0) / deviations.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(std).toBeGreaterThan(0.09);
    expect(std).toBeLessThan(0.11);
  });

  it('draws each transform within its range, reaching near both ends', () => {
    const random = mulberry32(5);
    const draws = Array.from({ length: 500 }, () =>
      drawAffine({ shift: 4, rotate: 30, scale: 0.25, noise: 0 }, random),
    );
    const range = (pick: (d: AffineDraw) => number): [number, number] => [
      Math.min(...draws.map(pick)),
      Math.max(...draws.map(pick)),
    ];
    const [dxMin, dxMax] = range((d) => d.dx);
    const [turnMin, turnMax] = range((d) => d.degrees);
    const [zoomMin, zoomMax] = range((d) => d.zoom);
    expect(dxMin).toBeGreaterThanOrEqual(-4);
    expect(dxMin).toBeLessThan(-3.8);
    expect(dxMax).toBeLessThanOrEqual(4);
    expect(dxMax).toBeGreaterThan(3.8);
    expect(turnMin).toBeGreaterThanOrEqual(-30);
    expect(turnMax).toBeLessThanOrEqual(30);
    expect(turnMax - turnMin).toBeGreaterThan(57);
    expect(zoomMin).toBeGreaterThanOrEqual(0.75);
    expect(zoomMax).toBeLessThanOrEqual(1.25);
  });
});

describe('describeAugmentation', () => {
  it('names each transform that is on, and says none when all are off', () => {
    expect(describeAugmentation(NO_AUGMENTATION)).toBe('none');
    expect(describeAugmentation({ shift: 3, rotate: 15, scale: 0.1, noise: 0.05 })).toBe(
      'shift ±3 px, turn ±15°, zoom ±10%, noise 0.05',
    );
    expect(describeAugmentation({ ...NO_AUGMENTATION, rotate: 5 })).toBe('turn ±5°');
  });
});

describe('augmentBatch', () => {
  it('augments each image of a batch differently, and the same seed repeats the batch', () => {
    const batch = new Float32Array(3 * SIDE * SIDE);
    for (let i = 0; i < 3; i++) batch.set(stroke(), i * SIDE * SIDE);
    const again = batch.slice();
    const augmentation = { shift: 2, rotate: 10, scale: 0, noise: 0 };
    augmentBatch(batch, 3, augmentation, 99);
    augmentBatch(again, 3, augmentation, 99);
    expect(Array.from(again)).toEqual(Array.from(batch));
    const images = [0, 1, 2].map((i) => Array.from(batch.subarray(i * SIDE * SIDE, (i + 1) * SIDE * SIDE)));
    expect(images[0]).not.toEqual(images[1]);
    expect(images[1]).not.toEqual(images[2]);
    expect(images[0]).not.toEqual(Array.from(stroke()));
  });
});
