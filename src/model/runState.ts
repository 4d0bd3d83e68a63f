/**
 * One training run as the engine sees it: where training stands, the last checkpoint, the
 * accuracy of the current weights, and what recent batches said (time taken, loss too high).
 * The engine holds one RunState and replaces it whole, through freshRun, whenever a run starts
 * over: on reset and stop, when a model is loaded, when another backend takes over.
 */

/** Where training stands; a checkpoint keeps a copy. */
export interface Progress {
  epoch: number;
  /** Batch index within the epoch. */
  batch: number;
  step: number;
  examplesSeen: number;
  elapsedMs: number;
  /** This epoch's shuffled order of the training images, made at its first batch. */
  order: Uint32Array | null;
  /** Entries of `order` set so far: all of it, unless the epoch began while the training images were arriving. */
  orderFilled: number;
}

/** Weights copied out of the backend, one array per weight, with the progress they belong to. */
export interface Checkpoint {
  weights: Float32Array[];
  progress: Progress;
}

/** How long one batch's full cycle took and how many examples it trained. */
export interface BatchTiming {
  ms: number;
  examples: number;
}

export interface RunState {
  progress: Progress;
  /** The weights to go on with if the backend is lost; null means the seeded initial weights. */
  checkpoint: Checkpoint | null;
  /** The latest test-set accuracy of the current weights (saved with them), or null. */
  testAccuracy: number | null;
  /** The last THROUGHPUT_WINDOW batches, oldest first, for the examples/s users see. */
  recent: BatchTiming[];
  /** Batches in a row whose loss was far above chance level (see divergence.ts). */
  highLossRun: number;
  /** When the last snapshot was posted (performance.now()); -Infinity before the first. */
  lastSnapshotAt: number;
}

/** How many recent batches the examples/s figure averages over. */
export const THROUGHPUT_WINDOW = 20;

export function startOfTraining(): Progress {
  return { epoch: 0, batch: 0, step: 0, examplesSeen: 0, elapsedMs: 0, order: null, orderFilled: 0 };
}

/**
 * A run that starts from `checkpoint` (at its progress, which is copied) or, without one, from
 * the beginning; `testAccuracy` is what the starting weights are known to score.
 */
export function freshRun(start: { checkpoint?: Checkpoint | null; testAccuracy?: number | null } = {}): RunState {
  const checkpoint = start.checkpoint ?? null;
  return {
    progress: checkpoint ? { ...checkpoint.progress } : startOfTraining(),
    checkpoint,
    testAccuracy: start.testAccuracy ?? null,
    recent: [],
    highLossRun: 0,
    lastSnapshotAt: -Infinity,
  };
}

/** Adds a finished batch to `recent`, dropping the oldest beyond THROUGHPUT_WINDOW. */
export function recordBatch(recent: BatchTiming[], batch: BatchTiming): void {
  recent.push(batch);
  if (recent.length > THROUGHPUT_WINDOW) recent.shift();
}

/** Examples per second over the recent batches and the `latest` one (whose time may be the step's alone). */
export function examplesPerSec(recent: readonly BatchTiming[], latest: BatchTiming): number {
  const ms = recent.reduce((sum, r) => sum + r.ms, latest.ms);
  const examples = recent.reduce((sum, r) => sum + r.examples, latest.examples);
  return (examples * 1000) / Math.max(ms, 1e-3);
}
