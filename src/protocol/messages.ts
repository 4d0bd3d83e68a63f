/**
 * The trainer's message protocol: plain, structured-cloneable data only, the
 * same whether the engine runs in a Web Worker or on the main thread.
 */
import type { Augmentation } from '../core/augment';
import type { ModelSpec, Shape } from '../core/modelSpec';
import type { LoadProgress } from '../data/mnist';
import type { ModelFilePart } from '../data/modelFile';
import type { OwnData } from '../data/ownData';

/** The compute backends the engine can train on. */
export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** The optimizers the engine offers. */
export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface TrainConfig {
  spec: ModelSpec;
  optimizer: OptimizerName;
  learningRate: number;
  /** The learning rate is multiplied by this once per epoch, smoothly step by step; 1 keeps it fixed. */
  lrDecayPerEpoch: number;
  batchSize: number;
  epochs: number;
  /** How many training images to use (the first N of the 60,000). */
  trainSize: number;
  seed: number;
  /** Minimum time between snapshots; 0 turns snapshots off. */
  snapshotIntervalMs: number;
  /** Also check on a fixed fifth of the test set every this many steps; 0 = only the full evaluation at each epoch's end. */
  evalEverySteps: number;
  /** Random changes to every training batch (never to test images or snapshots); NO_AUGMENTATION = none. */
  augmentation: Augmentation;
}

export type EngineState = 'loading' | 'idle' | 'training' | 'paused' | 'done' | 'error';

/** Where a model file comes from: files the user chose (or stored), or a model.json URL and its neighbours. */
export type ModelSource =
  { kind: 'files'; label: string; files: ModelFilePart[] } | { kind: 'url'; label: string; url: string };

export type TrainerCommand =
  /**
   * `model`, when given, replaces the random initial weights (falling back to them if it cannot be
   * read); `data`, when given, is trained and tested on instead of MNIST (nothing is downloaded).
   */
  | {
      type: 'init';
      baseUrl: string;
      backend: BackendName | 'auto';
      config: TrainConfig;
      model?: ModelSource;
      data?: OwnData;
      flags?: Record<string, string>;
    }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step' }
  | { type: 'stop' }
  | { type: 'reset'; config?: Partial<TrainConfig> }
  | { type: 'evaluate' }
  /** Runs the current model on any 28×28 image in [0, 1] (row-major), e.g. a drawn digit. */
  | { type: 'predict'; pixels: Float32Array }
  | { type: 'setSample'; index: number }
  /** Replaces the model (architecture and weights) with a saved one; a bad file leaves the current model untouched. */
  | { type: 'load'; source: ModelSource }
  /** Asks for the current model as files (answered by an `exported` event with the same id). */
  | { type: 'export'; requestId: number }
  | { type: 'setLearningRate'; learningRate: number }
  /** Times the backends now, on the current network, instead of just before the first training step ('auto' only). */
  | { type: 'timeBackends' };

export interface BackendProbe {
  backend: BackendName;
  /** Measured training speed, or null when the backend could not run or had no step within its time. */
  examplesPerSec: number | null;
  error?: string;
  /** Set when the backend lost for want of time: its time in the start-up test, in ms. */
  overBudgetMs?: number;
  /** Speed from a step that ended after the budget (it could not be abandoned): not counted in the choice. */
  lateExamplesPerSec?: number;
  /** Set when the backend was not timed at all (`error` says why, e.g. wasm is faster on the same CPU). */
  notTimed?: true;
  /** Examples per timed step (fewer than a training batch when the network is heavy). */
  examples?: number;
  /** Training FLOPs per example of the network timed (see core/flops), to scale the speed to another network. */
  flopsPerExample?: number;
}

export interface BatchMetrics {
  epoch: number;
  /** Batch index within the epoch, from 0. */
  batch: number;
  batchesPerEpoch: number;
  /** Optimizer steps since the last reset. */
  step: number;
  loss: number;
  accuracy: number;
  /** The learning rate this step used (after decay). */
  learningRate: number;
  examplesSeen: number;
  /** Throughput over the last few batches. */
  examplesPerSec: number;
  /** Training time since the last reset, pauses excluded. */
  elapsedMs: number;
}

/** Accuracy on the test set: all of it at an epoch's end, a fixed fifth in the quick checks between. */
export interface Evaluation {
  /** Completed epochs when evaluated. */
  epoch: number;
  step: number;
  atEpochEnd: boolean;
  /** Whether it ran on the whole test set (at an epoch's end, or asked for), not the quick check's fixed fifth. */
  wholeSet: boolean;
  /** How many test images it ran on. */
  testImages: number;
  testAccuracy: number;
  testLoss: number;
  /** Classes² counts over the images evaluated: `confusion[label * classes + predicted]` (10 classes for MNIST). */
  confusion: number[];
  elapsedMs: number;
  /** Live tensors after the evaluation: constant from epoch to epoch unless something leaks. */
  numTensors: number;
}

/** The model's answer for each test image (10,000 for MNIST), for the confusion matrix and the gallery of mistakes. */
export interface TestPredictions {
  predicted: Uint8Array;
  /** The probability given to the predicted class. */
  confidence: Float32Array;
}

/** One layer's state for the selected sample: activations HWC or [units]; weights as stored by tfjs. */
export interface LayerSnapshot {
  layerIndex: number;
  outputShape: Shape;
  activations: Float32Array;
  kernel: { shape: number[]; values: Float32Array } | null;
  bias: Float32Array | null;
}

export interface Snapshot {
  step: number;
  sampleIndex: number;
  /** The sample's 28×28 pixels scaled to [0, 1]. */
  input: Float32Array;
  label: number;
  layers: LayerSnapshot[];
}

/** The gradient of the predicted class's score with respect to each input pixel (28×28, row-major). */
export interface Saliency {
  predictedClass: number;
  gradient: Float32Array;
}

/** The saved model the current weights started from. */
export interface ModelOrigin {
  label: string;
  spec: ModelSpec;
  testAccuracy: number | null;
  trainedExamples: number | null;
}

export type TrainerEvent =
  /** The size of the MNIST download that training will need, announced before it starts. */
  | { type: 'dataPending'; totalBytes: number }
  | ({ type: 'dataProgress' } & LoadProgress)
  /** A split has arrived: the training digits before the first step, the test digits for the first evaluation. */
  | { type: 'dataReady'; split: 'train' | 'test'; count: number; loadMs: number }
  | {
      type: 'backend';
      backend: BackendName;
      thread: 'worker' | 'main';
      reason: string;
      probes: BackendProbe[];
      floatPrecision: number;
    }
  | { type: 'unavailable'; reason: string }
  | { type: 'state'; state: EngineState; numTensors: number }
  | ({ type: 'batch' } & BatchMetrics)
  /** `predictions` covers the whole test set, so quick checks have none. */
  | ({ type: 'evaluation' } & Evaluation & { predictions: TestPredictions | null })
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'prediction'; input: Float32Array; layers: LayerSnapshot[]; saliency: Saliency }
  /** The weights were replaced: by a saved model (`origin`), or by fresh random ones (null) after a reset. */
  | { type: 'origin'; origin: ModelOrigin | null }
  | { type: 'loadRejected'; label: string; message: string }
  /** The backend lost its memory (a lost WebGL context): training stopped and went back to the last checkpoint. */
  | {
      type: 'backendLost';
      message: string;
      restored: Pick<BatchMetrics, 'epoch' | 'batch' | 'step' | 'examplesSeen' | 'elapsedMs'>;
    }
  | { type: 'exported'; requestId: number; files: ModelFilePart[] }
  | { type: 'error'; message: string };
