import { describe, expect, it } from 'vitest';
import {
  accuracyPercent,
  argmax,
  movesAt,
  runSweep,
  sweepTally,
  type Classify,
  type LabelledDigits,
} from './invariance';
import { SWEEP_AMOUNTS } from './sweepKinds';

const SIDE = 28;

/** Digits made of one square blob each: `blobs[i]` = [centre row, centre col, half-width], label `labels[i]`. */
function blobDigits(blobs: [number, number, number][], labels: number[]): LabelledDigits {
  const images = new Uint8Array(blobs.length * SIDE * SIDE);
  blobs.forEach(([row, col, half], i) => {
    for (let r = row - half; r <= row + half; r++)
      for (let c = col - half; c <= col + half; c++) images[i * SIDE * SIDE + r * SIDE + c] = 255;
  });
  return { images, labels: Uint8Array.from(labels), count: blobs.length };
}

/** Looks at one pixel only, as a dense unit's weight does: lit → class 1, dark → class 0. */
const onePixel =
  (row: number, col: number): Classify =>
  (pixels) =>
    pixels[row * SIDE + col]! > 0.5 ? 1 : 0;

/** Counts the ink wherever it is: class 1 for a big blob (over 20 lit pixels), else 0. */
const inkCount: Classify = (pixels) => (pixels.reduce((sum, v) => sum + v, 0) > 20 ? 1 : 0);

describe('movesAt', () => {
  it('tries the digit as it is at 0, four directions for a shift and both ways for a turn', () => {
    expect(movesAt('shift', 0)).toEqual([{ dx: 0, dy: 0, degrees: 0, zoom: 1 }]);
    expect(movesAt('shift', 3).map(({ dx, dy }) => [dx, dy])).toEqual([
      [3, 0],
      [-3, 0],
      [0, 3],
      [0, -3],
    ]);
    expect(movesAt('rotate', 15).map((m) => m.degrees)).toEqual([15, -15]);
  });
});

describe('sweepTally', () => {
  // Three big blobs (label 1: 5×5, 25 pixels) and one small (label 0: 3×3, 9 pixels), all centred at (13, 13).
  const digits = blobDigits(
    [
      [13, 13, 2],
      [13, 13, 2],
      [13, 13, 1],
      [13, 13, 2],
    ],
    [1, 1, 0, 1],
  );

  it('gives at shift 0 the plain accuracy of the model on the unmoved digits', () => {
    // The ink counter is right on every digit; a model that always says 1 is right on 3 of 4.
    const always1: Classify = () => 1;
    const tally = runSweep([inkCount, always1], digits, 'shift');
    expect(accuracyPercent(tally).map((row) => row[0])).toEqual([100, 75]);
    expect(tally.tried.map((row) => row[0])).toEqual([4, 4]);
    expect(tally.tried[0]!.slice(1)).toEqual([16, 16, 16, 16, 16, 16]); // 4 digits × 4 directions
  });

  it('shows a model tied to one pixel failing with shift while one that counts ink anywhere does not', () => {
    // Pixel (13, 13) is lit for a blob moved up to its half-width: 2 px for the big ones, 1 px for the small.
    const tally = runSweep([onePixel(13, 13), inkCount], digits, 'shift');
    const [pixel, ink] = accuracyPercent(tally);
    // Big blobs (label 1) are read right while the pixel stays lit (shift ≤ 2); the small one (label 0) is
    // read wrong while it is lit (≤ 1) and right once it has moved off.
    expect(pixel).toEqual([75, 75, 100, 25, 25, 25, 25]);
    expect(ink).toEqual([100, 100, 100, 100, 100, 100, 100]);
  });

  it('sees a centred round-ish blob survive turns but a pixel off centre lose it', () => {
    const centred = blobDigits([[13, 13, 2]], [1]);
    const atCentre = runSweep([onePixel(13, 13)], centred, 'rotate');
    expect(accuracyPercent(atCentre)[0]).toEqual([100, 100, 100, 100, 100, 100, 100]);
    // A blob at the right edge swings up or down as it turns about the image centre.
    const offCentre = runSweep([onePixel(13, 24)], blobDigits([[13, 24, 1]], [1]), 'rotate');
    const accuracy = accuracyPercent(offCentre)[0]!;
    expect(accuracy[0]).toBe(100);
    expect(accuracy.at(-1)).toBe(0);
    expect(offCentre.amounts).toEqual(SWEEP_AMOUNTS.rotate);
  });

  it('yields one tally per digit, each a copy, then returns the same numbers every run', () => {
    const steps = sweepTally([onePixel(13, 13)], digits, 'shift', 3);
    const seen = [];
    let step = steps.next();
    while (!step.done) {
      seen.push(step.value);
      step = steps.next();
    }
    expect(seen.map((tally) => tally.digits)).toEqual([1, 2]);
    expect(step.value.digits).toBe(3);
    expect(seen[0]!.tried[0]![1]).toBe(4); // not changed by the later digits
    expect(runSweep([onePixel(13, 13)], digits, 'shift', 3)).toEqual(step.value);
  });
});

describe('argmax', () => {
  it('picks the largest value, the first of equals', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax(Float32Array.of(0.5, 0.5))).toBe(0);
  });
});
