/** The playground's training parameters in the URL (see urlSchema). */
import type { Augmentation } from '../core/augment';
import type { ModelSpec } from '../core/modelSpec';
import { BACKENDS, OPTIMIZERS, type BackendName, type OptimizerName, type TrainConfig } from '../protocol/messages';
import { defaultsOf, parseParams, serializeParams, type Parsed, type Schema } from './urlSchema';

export interface TrainingParams {
  backend: BackendName | 'auto';
  optimizer: OptimizerName;
  lr: number;
  /** Learning-rate factor per epoch; 1 = constant. */
  lrDecay: number;
  batch: number;
  epochs: number;
  trainSize: number;
  seed: number;
  /** Snapshot interval in ms; 0 = off. */
  snapshotMs: number;
  /** A quick test check (a fixed fifth of the test set) every N steps; 0 = the whole-set evaluation per epoch only. */
  evalEvery: number;
  /** Augmentation of training batches: largest shift (px), turn (degrees), zoom (± fraction), noise (std). */
  augShift: number;
  augRotate: number;
  augScale: number;
  augNoise: number;
  /** What the default network starts from when the page opens (other architectures start random). */
  weights: 'pretrained' | 'random';
}

/** Defaults and bounds of every training parameter: the address and the settings form both obey it. */
export const TRAINING_SCHEMA = {
  backend: { kind: 'choice', options: ['auto', ...BACKENDS], default: 'auto' },
  optimizer: { kind: 'choice', options: OPTIMIZERS, default: 'adam' },
  // Adam at 0.01, ×0.3 per epoch, reached 99% test accuracy soonest of the candidates in
  // `npm run study` (21–28 s, 115,000–144,000 examples, against 52 s for 0.004 ×0.55).
  lr: { kind: 'number', min: 1e-6, max: 10, integer: false, default: 0.01 },
  lrDecay: { kind: 'number', min: 0.01, max: 1, integer: false, default: 0.3 },
  batch: { kind: 'number', min: 1, max: 1024, integer: true, default: 64 },
  epochs: { kind: 'number', min: 1, max: 100, integer: true, default: 10 },
  trainSize: { kind: 'number', min: 16, max: 60_000, integer: true, default: 60_000 },
  seed: { kind: 'number', min: 0, max: 2 ** 31 - 1, integer: true, default: 42 },
  snapshotMs: { kind: 'number', min: 0, max: 60_000, integer: true, default: 200 },
  // A quick check on a fifth of the test set every 150 steps (9,600 examples at batch 64, a few
  // seconds here): often enough to see accuracy cross 99%, for about 4% of the wall time.
  evalEvery: { kind: 'number', min: 0, max: 1_000_000, integer: true, default: 150 },
  weights: { kind: 'choice', options: ['pretrained', 'random'], default: 'pretrained' },
  // Off by default: the pretrained network and the speed figures are for plain MNIST.
  augShift: { kind: 'number', min: 0, max: 6, integer: false, default: 0 },
  augRotate: { kind: 'number', min: 0, max: 30, integer: false, default: 0 },
  augScale: { kind: 'number', min: 0, max: 0.3, integer: false, default: 0 },
  augNoise: { kind: 'number', min: 0, max: 0.5, integer: false, default: 0 },
} satisfies Schema<TrainingParams>;

export const DEFAULT_TRAINING_PARAMS = defaultsOf(TRAINING_SCHEMA);

/** Reads training parameters from URL parameters; unknown keys are ignored. */
export function parseTrainingParams(params: URLSearchParams): Parsed<TrainingParams> {
  return parseParams(TRAINING_SCHEMA, params);
}

/** Writes the parameters that differ from their defaults, so shared links stay short. */
export function serializeTrainingParams(value: TrainingParams): URLSearchParams {
  return serializeParams(TRAINING_SCHEMA, value);
}

/** The engine's configuration for these settings and an architecture. */
export function trainConfigOf(settings: TrainingParams, spec: ModelSpec): TrainConfig {
  return {
    spec,
    optimizer: settings.optimizer,
    learningRate: settings.lr,
    lrDecayPerEpoch: settings.lrDecay,
    batchSize: settings.batch,
    epochs: settings.epochs,
    trainSize: settings.trainSize,
    seed: settings.seed,
    snapshotIntervalMs: settings.snapshotMs,
    evalEverySteps: settings.evalEvery,
    augmentation: augmentationOf(settings),
  };
}

/** The augmentation these settings ask for. */
export function augmentationOf(settings: TrainingParams): Augmentation {
  return { shift: settings.augShift, rotate: settings.augRotate, scale: settings.augScale, noise: settings.augNoise };
}
