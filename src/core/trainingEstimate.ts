/**
 * How fast a network would train here, estimated from a speed measured on another network by
 * the ratio of their FLOPs per training example (core/flops), and the warning shown before a
 * network that would take hours per epoch is trained.
 */

/** A training speed measured on one network (the one trained or timed), to scale to another. */
export interface MeasuredSpeed {
  /** The backend it was measured on, e.g. "wasm". */
  backend: string;
  examplesPerSec: number;
  /** Training FLOPs per example of the network it was measured on. */
  flopsPerExample: number;
  /** Where the number comes from, for the sentence that says it is an estimate. */
  source: 'training' | 'start-up test';
}

/** The expected speed of a network, scaled from a measured one. */
export interface SpeedEstimate {
  examplesPerSec: number;
  secondsPerEpoch: number;
}

/** Above this, training a network gets a warning: an hour per epoch. */
export const SLOW_EPOCH_SECONDS = 3600;

/**
 * Examples/s and seconds per epoch of `examplesPerEpoch` examples for a network of
 * `flopsPerExample` training FLOPs: the measured rate times measured FLOPs over these FLOPs
 * (the same FLOP/s). Null when either network's FLOPs are unknown (0) or nothing was measured.
 */
export function estimateSpeed(
  measured: MeasuredSpeed | null,
  flopsPerExample: number,
  examplesPerEpoch: number,
): SpeedEstimate | null {
  if (!measured || !(measured.examplesPerSec > 0) || !(measured.flopsPerExample > 0) || !(flopsPerExample > 0))
    return null;
  const examplesPerSec = (measured.examplesPerSec * measured.flopsPerExample) / flopsPerExample;
  return { examplesPerSec, secondsPerEpoch: examplesPerEpoch / examplesPerSec };
}

/**
 * The warning for a network that needs more than SLOW_EPOCH_SECONDS per epoch at `estimate`,
 * with what to do about it; null when it trains faster.
 */
export function slowEpochWarning(estimate: SpeedEstimate | null, backend: string): string | null {
  if (!estimate || estimate.secondsPerEpoch <= SLOW_EPOCH_SECONDS) return null;
  return (
    `This network needs ${formatDuration(estimate.secondsPerEpoch)} per epoch here ` +
    `(about ${formatRate(estimate.examplesPerSec)} examples/s on ${backend}): ` +
    'to train it in minutes, use fewer filters or units, pool or stride earlier so that later layers ' +
    'work on smaller maps, or train on fewer images.'
  );
}

/** "about 40 s", "about 12 minutes", "about 3.3 hours", "about 28 hours", "about 5 days". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  const minutes = seconds / 60;
  if (minutes < 90) return `about ${Math.round(minutes)} minutes`;
  const hours = minutes / 60;
  if (hours < 48) return `about ${hours < 10 ? Number(hours.toFixed(1)) : Math.round(hours)} hours`;
  return `about ${Math.round(hours / 24)} days`;
}

/** Whole numbers from 100 up ("4,512"), two significant digits below ("0.59", "37"). */
export function formatRate(examplesPerSec: number): string {
  if (examplesPerSec >= 100) return Math.round(examplesPerSec).toLocaleString('en');
  return String(Number(examplesPerSec.toPrecision(2)));
}
