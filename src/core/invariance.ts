/**
 * The invariance experiment: how a classifier's accuracy on the same test digits falls as they
 * are shifted further (or turned further). Pure: the models come in as functions, so the same
 * code measures a network computed by core/forwardPass or a hand-made fake in a test.
 */
import { affineImage, type AffineDraw } from './augment';
import { SWEEP_AMOUNTS, type SweepKind } from './sweepKinds';

const PIXELS = 28 * 28;

/** The directions a shift of k px goes, each tried on every digit: right, left, down, up ([dx, dy]). */
export const SHIFT_DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];

/** A classifier: a 28×28 image (row-major, values in [0, 1]) → the class it predicts. */
export type Classify = (pixels: Float32Array) => number;

/** Labelled test digits: `count` 28×28 images of bytes 0–255 back to back, and their labels (data/mnist's MnistSplit fits). */
export interface LabelledDigits {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/**
 * The moves a sweep tries at `amount`: at 0 the digit as it is; a shift goes each of
 * SHIFT_DIRECTIONS; a turn goes both ways (anticlockwise and clockwise).
 */
export function movesAt(kind: SweepKind, amount: number): AffineDraw[] {
  const still: AffineDraw = { dx: 0, dy: 0, degrees: 0, zoom: 1 };
  if (amount === 0) return [still];
  if (kind === 'shift') return SHIFT_DIRECTIONS.map(([dx, dy]) => ({ ...still, dx: dx * amount, dy: dy * amount }));
  return [amount, -amount].map((degrees) => ({ ...still, degrees }));
}

/** Where a sweep stands: per model, per amount, how many moved digits it classified and how many rightly. */
export interface SweepTally {
  kind: SweepKind;
  amounts: readonly number[];
  /** Test digits done so far (each tried at every amount, by every model). */
  digits: number;
  /** [model][amount]: right answers. */
  correct: number[][];
  /** [model][amount]: moved digits tried (digits × moves at that amount). */
  tried: number[][];
}

/**
 * Runs the sweep digit by digit, yielding the tally after each digit (a fresh copy), so that a
 * caller can spread the work over frames and show the curves as they firm up: every model has
 * seen the same digits at every point. Returns the final tally (the same as the last yielded).
 * Deterministic: the moves are fixed, no randomness.
 * @param count how many digits to use, from the first (at most `digits.count`).
 */
export function* sweepTally(
  models: readonly Classify[],
  digits: LabelledDigits,
  kind: SweepKind,
  count = digits.count,
  amounts: readonly number[] = SWEEP_AMOUNTS[kind],
): Generator<SweepTally, SweepTally> {
  const n = Math.min(count, digits.count);
  const correct = models.map(() => amounts.map(() => 0));
  const tried = models.map(() => amounts.map(() => 0));
  const moves = amounts.map((amount) => movesAt(kind, amount));
  const source = new Float32Array(PIXELS);
  const moved = new Float32Array(PIXELS);
  let tally: SweepTally = { kind, amounts, digits: 0, correct: copy(correct), tried: copy(tried) };
  for (let d = 0; d < n; d++) {
    for (let p = 0; p < PIXELS; p++) source[p] = digits.images[d * PIXELS + p]! / 255;
    const label = digits.labels[d];
    moves.forEach((draws, a) => {
      for (const draw of draws) {
        affineImage(source, draw, moved);
        models.forEach((classify, m) => {
          tried[m]![a]!++;
          if (classify(moved) === label) correct[m]![a]!++;
        });
      }
    });
    tally = { kind, amounts, digits: d + 1, correct: copy(correct), tried: copy(tried) };
    if (d + 1 < n) yield tally;
  }
  return tally;
}

function copy(rows: number[][]): number[][] {
  return rows.map((row) => [...row]);
}

/** The tally run to the end in one go (tests, scripts). */
export function runSweep(...args: Parameters<typeof sweepTally>): SweepTally {
  const steps = sweepTally(...args);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** [model][amount]: accuracy in percent (0 where nothing was tried yet). */
export function accuracyPercent(tally: SweepTally): number[][] {
  return tally.correct.map((row, m) => row.map((right, a) => (100 * right) / Math.max(1, tally.tried[m]![a]!)));
}

/** The index of the largest value (the first of equals): a softmax output's predicted class. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
