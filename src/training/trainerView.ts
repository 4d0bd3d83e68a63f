/**
 * What the page knows about training, folded from trainer events by a pure
 * reducer (unit-tested; no React here).
 */
import type { LoadProgress } from '../data/mnist';
import type {
  BackendName,
  BackendProbe,
  BatchMetrics,
  EngineState,
  Evaluation,
  LayerSnapshot,
  ModelOrigin,
  Saliency,
  Snapshot,
  TestPredictions,
  TrainerEvent,
} from '../protocol/messages';
import type { ModelFilePart } from '../data/modelFile';
import { EMPTY_TIMELINE, keepSnapshot, timelineUpTo, type SnapshotTimeline } from './snapshotTimeline';

/** One point of the loss and accuracy history. */
export interface BatchPoint {
  step: number;
  loss: number;
  accuracy: number;
}

/** The curves of the run before the last reset, drawn faintly for comparison. */
export interface PreviousRun {
  history: BatchPoint[];
  evaluations: Evaluation[];
}

/** History kept for the charts; past this, every other point is dropped (coarser, same span). */
export const HISTORY_LIMIT = 2000;

export interface BackendInfo {
  backend: BackendName;
  thread: 'worker' | 'main';
  reason: string;
  probes: BackendProbe[];
  floatPrecision: number;
}

export interface TrainerView {
  state: EngineState;
  /** Bytes training will download (MNIST), known before the download starts. */
  dataSize: number | null;
  dataProgress: LoadProgress | null;
  /** The training digits, once downloaded for the first step. */
  data: { trainCount: number; loadMs: number } | null;
  /** How many test digits the engine holds, once the first evaluation has fetched them. */
  testCount: number | null;
  backend: BackendInfo | null;
  /** Why training runs on the main thread, when it does. */
  fallbackReason: string | null;
  lastBatch: BatchMetrics | null;
  firstLoss: number | null;
  /** Batch losses and accuracies since the last reset, at most HISTORY_LIMIT points. */
  history: BatchPoint[];
  evaluations: Evaluation[];
  snapshot: Snapshot | null;
  /** Snapshots kept since the last reset for the replay (bounded in count and bytes). */
  timeline: SnapshotTimeline;
  /** The curves of the last run that a reset ended with at least one batch. */
  previousRun: PreviousRun | null;
  /** Answers for every test image at the latest evaluation (kept apart from the lean evaluation list). */
  predictions: TestPredictions | null;
  /** The model's view of the last digit sent with 'predict' (e.g. drawn on the pad). */
  prediction: { input: Float32Array; layers: LayerSnapshot[]; saliency: Saliency } | null;
  /** The saved model the weights started from; null for random initial weights. */
  origin: ModelOrigin | null;
  /** Why the last model file was refused (the current model was kept). */
  loadError: { label: string; message: string } | null;
  /** The latest answer to an 'export' command. */
  exported: { requestId: number; files: ModelFilePart[] } | null;
  numTensors: number | null;
  error: string | null;
  /** Why training stopped and moved to another backend (a lost WebGL context), until the next reset. */
  backendLost: string | null;
}

export const INITIAL_VIEW: TrainerView = {
  state: 'loading',
  dataSize: null,
  dataProgress: null,
  data: null,
  testCount: null,
  backend: null,
  fallbackReason: null,
  lastBatch: null,
  firstLoss: null,
  history: [],
  evaluations: [],
  snapshot: null,
  timeline: EMPTY_TIMELINE,
  previousRun: null,
  predictions: null,
  prediction: null,
  origin: null,
  loadError: null,
  exported: null,
  numTensors: null,
  error: null,
  backendLost: null,
};

export function reduceTrainerView(view: TrainerView, event: TrainerEvent): TrainerView {
  switch (event.type) {
    case 'dataPending':
      return { ...view, dataSize: event.totalBytes };
    case 'dataProgress':
      return {
        ...view,
        dataProgress: {
          loadedBytes: event.loadedBytes,
          totalBytes: event.totalBytes,
          retrying: event.retrying,
          images: event.images,
        },
      };
    case 'dataReady':
      return event.split === 'train'
        ? { ...view, data: { trainCount: event.count, loadMs: event.loadMs } }
        : { ...view, testCount: event.count };
    case 'backend': {
      const { backend, thread, reason, probes, floatPrecision } = event;
      return { ...view, backend: { backend, thread, reason, probes, floatPrecision } };
    }
    case 'unavailable':
      return { ...view, fallbackReason: event.reason };
    case 'state': {
      const next = {
        ...view,
        state: event.state,
        numTensors: event.numTensors,
        error: event.state === 'error' ? view.error : null,
      };
      // The engine goes idle only when the data arrives or after a reset or stop: counters restart,
      // and the last snapshot showed a model that no longer exists. The curves stay as the previous run.
      return event.state === 'idle'
        ? {
            ...next,
            lastBatch: null,
            firstLoss: null,
            history: [],
            evaluations: [],
            previousRun:
              view.history.length > 0 ? { history: view.history, evaluations: view.evaluations } : view.previousRun,
            snapshot: null,
            timeline: EMPTY_TIMELINE,
            predictions: null,
            backendLost: null,
          }
        : next;
    }
    case 'batch': {
      const { type: _type, ...metrics } = event;
      const point = { step: metrics.step, loss: metrics.loss, accuracy: metrics.accuracy };
      return {
        ...view,
        lastBatch: metrics,
        firstLoss: view.firstLoss ?? metrics.loss,
        history: appendPoint(view.history, point),
      };
    }
    case 'evaluation': {
      const { type: _type, predictions, ...evaluation } = event;
      return {
        ...view,
        evaluations: [...view.evaluations, evaluation],
        predictions: predictions ?? view.predictions,
        numTensors: evaluation.numTensors,
      };
    }
    case 'snapshot':
      return { ...view, snapshot: event.snapshot, timeline: keepSnapshot(view.timeline, event.snapshot) };
    case 'prediction':
      return { ...view, prediction: { input: event.input, layers: event.layers, saliency: event.saliency } };
    case 'origin':
      return { ...view, origin: event.origin, loadError: null, prediction: null };
    case 'loadRejected':
      return { ...view, loadError: { label: event.label, message: event.message } };
    case 'exported':
      return { ...view, exported: { requestId: event.requestId, files: event.files } };
    case 'error':
      return { ...view, error: event.message };
    case 'backendLost':
      return backToCheckpoint({ ...view, backendLost: event.message }, event.restored);
  }
}

/** Forgets what happened after the checkpoint training went back to. */
function backToCheckpoint(
  view: TrainerView,
  restored: Extract<TrainerEvent, { type: 'backendLost' }>['restored'],
): TrainerView {
  const { step } = restored;
  const lastBatch = view.lastBatch && step > 0 ? { ...view.lastBatch, ...restored } : null;
  const evaluations = view.evaluations.filter((e) => e.step <= step);
  const history = view.history.filter((p) => p.step <= step);
  return { ...view, lastBatch, history, evaluations, timeline: timelineUpTo(view.timeline, step) };
}

function appendPoint(history: BatchPoint[], point: BatchPoint): BatchPoint[] {
  const kept = history.length < HISTORY_LIMIT ? history : history.filter((_, i) => i % 2 === 1);
  return [...kept, point];
}

/** The latest evaluation on the whole test set (quick checks aside), or undefined before the first. */
export function latestWholeSetEvaluation(evaluations: readonly Evaluation[]): Evaluation | undefined {
  return evaluations.findLast((e) => e.wholeSet);
}

/** The first evaluation, whole set or quick check, whose test accuracy reached `threshold`. */
export function firstReaching(evaluations: readonly Evaluation[], threshold: number): Evaluation | undefined {
  return evaluations.find((e) => e.testAccuracy >= threshold);
}

/**
 * The previous run to draw: none once the user has cleared that very run (the reducer stays a
 * fold of engine events; the next reset brings a new previous run, which shows again).
 */
export function shownPreviousRun(view: TrainerView, cleared: PreviousRun | null): PreviousRun | null {
  return view.previousRun === cleared ? null : view.previousRun;
}
