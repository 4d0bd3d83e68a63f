/**
 * The arithmetic of a run's schedule, kept apart from the engine so it can be checked with exact
 * numbers: how many batches make an epoch, which images a batch trains, the learning rate after
 * decay, and when the next evaluation, snapshot or checkpoint is due.
 */

/** How often training copies the weights out of the backend, so a lost GPU context loses at most this much. */
export const CHECKPOINT_MS = 2_000;

/** Batches in one epoch of `trainSize` images; the last batch may be short. */
export function batchesPerEpoch(trainSize: number, batchSize: number): number {
  return Math.ceil(trainSize / batchSize);
}

/** The base rate decayed by `lrDecayPerEpoch` for every epoch's worth of steps taken (fractions too). */
export function decayedLearningRate(
  config: { learningRate: number; lrDecayPerEpoch: number },
  step: number,
  perEpoch: number,
): number {
  return config.learningRate * config.lrDecayPerEpoch ** (step / perEpoch);
}

/** The image indices of batch `batch` in the epoch's shuffled `order` (a view, not a copy). */
export function batchIndices(order: Uint32Array, batch: number, batchSize: number): Uint32Array {
  return order.subarray(batch * batchSize, (batch + 1) * batchSize);
}

/**
 * Grows an epoch's order to the training images that have arrived since it was made: `order`
 * has its first `filled` entries set and its first `used` trained; afterwards entries from `used`
 * to `available` hold the untrained ones and images `filled` to `available − 1`, shuffled
 * together (Fisher–Yates), so every image still comes once in the epoch. Changes `order` in place.
 */
export function extendOrder(
  order: Uint32Array,
  used: number,
  filled: number,
  available: number,
  random: () => number,
): void {
  for (let i = filled; i < available; i++) order[i] = i;
  for (let i = available - 1; i > used; i--) {
    const j = used + Math.floor(random() * (i - used + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
}

/** Whether `intervalMs` has passed since the last snapshot at `lastAt`; never when snapshots are off (0). */
export function snapshotDue(now: number, lastAt: number, intervalMs: number): boolean {
  return now - lastAt >= intervalMs && intervalMs > 0;
}

/** Whether step `step` ends with a test-set evaluation: every `evalEverySteps` steps, never when 0. */
export function evaluationDue(step: number, evalEverySteps: number): boolean {
  return evalEverySteps > 0 && step % evalEverySteps === 0;
}
