import { evaluationAt } from './evaluations.test-helpers';
import { describe, expect, it } from 'vitest';
import type { BatchMetrics, Evaluation, Snapshot, TrainerEvent } from '../protocol/messages';
import {
  firstReaching,
  HISTORY_LIMIT,
  INITIAL_VIEW,
  latestWholeSetEvaluation,
  reduceTrainerView,
  shownPreviousRun,
  type TrainerView,
} from './trainerView';
import { DEFAULT_MAX_SNAPSHOTS } from '../core/snapshotHistory';

function fold(events: TrainerEvent[], from: TrainerView = INITIAL_VIEW): TrainerView {
  return events.reduce(reduceTrainerView, from);
}

function batch(step: number, loss: number): TrainerEvent {
  const metrics: BatchMetrics = {
    epoch: 1,
    batch: step - 1,
    batchesPerEpoch: 4,
    step,
    loss,
    accuracy: 0.5,
    learningRate: 0.003,
    examplesSeen: step * 64,
    examplesPerSec: 1000,
    elapsedMs: step * 10,
  };
  return { type: 'batch', ...metrics };
}

function evaluation(step: number, numTensors: number): TrainerEvent {
  const value: Evaluation = {
    epoch: 1,
    step,
    atEpochEnd: true,
    wholeSet: true,
    testImages: 10_000,
    testAccuracy: 0.9,
    testLoss: 0.3,
    confusion: new Array<number>(100).fill(0),
    elapsedMs: 100,
    numTensors,
  };
  const predictions = { predicted: new Uint8Array(10_000).fill(7), confidence: new Float32Array(10_000).fill(0.9) };
  return { type: 'evaluation', ...value, predictions };
}

const snapshot: Snapshot = { step: 3, sampleIndex: 2, input: new Float32Array(784), label: 1, layers: [] };
const state = (value: TrainerView['state'], numTensors = 20): TrainerEvent => ({
  type: 'state',
  state: value,
  numTensors,
});

describe('reduceTrainerView', () => {
  it('starts loading with nothing known', () => {
    expect(INITIAL_VIEW).toMatchObject({ state: 'loading', data: null, backend: null, lastBatch: null, error: null });
  });

  it('records download progress and then the loaded data', () => {
    const view = fold([
      { type: 'dataProgress', loadedBytes: 100, totalBytes: 400 },
      { type: 'dataProgress', loadedBytes: 400, totalBytes: 400, images: 5_000 },
      { type: 'dataReady', split: 'train', count: 60_000, loadMs: 812 },
    ]);
    expect(view.dataProgress).toEqual({ loadedBytes: 400, totalBytes: 400, images: 5_000 });
    expect(view.data).toEqual({ trainCount: 60_000, loadMs: 812 });
    expect(view.testCount).toBeNull();
    expect(reduceTrainerView(view, { type: 'dataReady', split: 'test', count: 10_000, loadMs: 90 }).testCount).toBe(
      10_000,
    );
  });

  it('records the chosen backend with its reason and probes', () => {
    const probes = [{ backend: 'cpu' as const, examplesPerSec: 250 }];
    const view = fold([
      { type: 'backend', backend: 'cpu', thread: 'worker', reason: 'cpu trained fastest', probes, floatPrecision: 32 },
    ]);
    expect(view.backend).toEqual({
      backend: 'cpu',
      thread: 'worker',
      reason: 'cpu trained fastest',
      probes,
      floatPrecision: 32,
    });
  });

  it('keeps why training fell back to the main thread, after the main-thread backend arrives too', () => {
    const view = fold([
      { type: 'unavailable', reason: 'The webgl backend cannot run in a Web Worker here.' },
      { type: 'backend', backend: 'webgl', thread: 'main', reason: 'webgl was chosen', probes: [], floatPrecision: 32 },
    ]);
    expect(view.fallbackReason).toBe('The webgl backend cannot run in a Web Worker here.');
    expect(view.backend?.thread).toBe('main');
  });

  it('shows the latest batch but remembers the first loss for comparison', () => {
    const view = fold([state('training'), batch(1, 2.3), batch(2, 1.9), batch(3, 1.4)]);
    expect(view.lastBatch).toMatchObject({ step: 3, loss: 1.4, examplesSeen: 192 });
    expect(view.lastBatch).not.toHaveProperty('type');
    expect(view.firstLoss).toBe(2.3);
  });

  it('accumulates evaluations in order and shows their live tensor count', () => {
    const view = fold([state('training', 20), evaluation(4, 31), evaluation(8, 31)]);
    expect(view.evaluations.map((e) => e.step)).toEqual([4, 8]);
    expect(view.evaluations[0]).not.toHaveProperty('type');
    expect(view.numTensors).toBe(31);
  });

  it('follows the engine state and its tensor count', () => {
    const view = fold([state('idle', 12), state('training', 30), state('paused', 31)]);
    expect(view.state).toBe('paused');
    expect(view.numTensors).toBe(31);
  });

  it('clears progress, the first loss, evaluations and the old snapshot when the engine goes idle after a reset', () => {
    const trained = fold([
      state('idle'),
      state('training'),
      batch(1, 2.3),
      batch(2, 1.8),
      evaluation(2, 31),
      { type: 'snapshot', snapshot },
      state('paused'),
    ]);
    expect(trained.snapshot).toBe(snapshot);

    const reset = fold([state('idle', 12)], trained);
    expect(reset).toMatchObject({
      state: 'idle',
      lastBatch: null,
      firstLoss: null,
      evaluations: [],
      snapshot: null,
      numTensors: 12,
    });
    // What does not depend on the model survives.
    expect(reset.data).toBe(trained.data);
    expect(reset.backend).toBe(trained.backend);

    const retrained = fold([state('training'), batch(1, 2.2)], reset);
    expect(retrained.firstLoss).toBe(2.2);
  });

  it('keeps counters while pausing and finishing', () => {
    const view = fold([state('training'), batch(1, 2.3), evaluation(1, 31), state('paused'), state('done')]);
    expect(view.lastBatch?.step).toBe(1);
    expect(view.evaluations).toHaveLength(1);
    expect(view.firstLoss).toBe(2.3);
  });

  it('keeps the loss history for the charts, halving its resolution instead of growing past the limit', () => {
    const steps = Array.from({ length: HISTORY_LIMIT + 1 }, (_, i) => batch(i + 1, 2 - i / 2000));
    const view = fold(steps);
    expect(view.history.length).toBe(HISTORY_LIMIT / 2 + 1);
    expect(view.history[0]).toEqual({ step: 2, loss: 2 - 1 / 2000, accuracy: 0.5 });
    expect(view.history.at(-1)!.step).toBe(HISTORY_LIMIT + 1);
    expect(fold([batch(1, 2.3), batch(2, 2.1)]).history.map((p) => p.loss)).toEqual([2.3, 2.1]);
  });

  it('keeps only the latest per-image predictions, outside the evaluation list', () => {
    const view = fold([evaluation(10, 20), evaluation(20, 20)]);
    expect(view.predictions?.predicted).toHaveLength(10_000);
    expect(view.evaluations.every((e) => !('predictions' in e))).toBe(true);
  });

  it("keeps the model's view of a drawn digit", () => {
    const input = new Float32Array(784).fill(0.5);
    const saliency = { predictedClass: 3, gradient: new Float32Array(784) };
    const view = fold([{ type: 'prediction', input, layers: [], saliency }]);
    expect(view.prediction?.input).toBe(input);
    expect(view.prediction?.saliency).toBe(saliency);
  });

  it('records where loaded weights came from, clears it after a reset, and forgets a drawing made with the old model', () => {
    const origin = {
      label: 'the pretrained model',
      spec: { inputShape: [28, 28, 1] as [number, number, number], layers: [] },
      testAccuracy: 0.99,
      trainedExamples: 360_000,
    };
    const saliency = { predictedClass: 1, gradient: new Float32Array(784) };
    const drawn = fold([{ type: 'prediction', input: new Float32Array(784), layers: [], saliency }]);
    const loaded = fold([{ type: 'origin', origin }], drawn);
    expect(loaded.origin).toBe(origin);
    expect(loaded.prediction).toBeNull();
    expect(fold([{ type: 'origin', origin: null }], loaded).origin).toBeNull();
  });

  it("keeps a refused file's message until a model loads, and the latest export", () => {
    const refused = fold([{ type: 'loadRejected', label: '"x.json"', message: 'model.json is not valid JSON.' }]);
    expect(refused.loadError).toEqual({ label: '"x.json"', message: 'model.json is not valid JSON.' });
    expect(fold([{ type: 'origin', origin: null }], refused).loadError).toBeNull();
    const files = [{ name: 'a.json', data: new ArrayBuffer(2) }];
    expect(fold([{ type: 'exported', requestId: 3, files }]).exported).toEqual({ requestId: 3, files });
  });

  it('shows the latest snapshot', () => {
    const later = { ...snapshot, step: 9 };
    expect(
      fold([
        { type: 'snapshot', snapshot },
        { type: 'snapshot', snapshot: later },
      ]).snapshot,
    ).toBe(later);
  });

  it('keeps an error through the error state and clears it when the engine recovers', () => {
    const failed = fold([
      state('training'),
      { type: 'error', message: 'Training stopped: the loss became NaN' },
      state('error'),
    ]);
    expect(failed.state).toBe('error');
    expect(failed.error).toBe('Training stopped: the loss became NaN');

    const recovered = fold([state('idle')], failed);
    expect(recovered.error).toBeNull();
    expect(recovered.state).toBe('idle');
  });

  it('goes back to the checkpoint after a lost backend: later batches and evaluations are forgotten, the message stays until a reset', () => {
    const trained = fold([
      batch(1, 2.3),
      batch(2, 2.0),
      evaluation(2, 20),
      batch(3, 1.8),
      evaluation(3, 20),
      batch(4, 1.6),
    ]);
    const restored = { epoch: 1, batch: 1, step: 2, examplesSeen: 128, elapsedMs: 20 };
    const lost = fold(
      [
        { type: 'state', state: 'paused', numTensors: 6 },
        { type: 'backendLost', message: 'Context lost.', restored },
      ],
      trained,
    );
    expect(lost.backendLost).toBe('Context lost.');
    expect(lost.history.map((p) => p.step)).toEqual([1, 2]);
    expect(lost.evaluations.map((e) => e.step)).toEqual([2]);
    expect(lost.lastBatch).toMatchObject({ ...restored, loss: 1.6 });
    expect(lost.firstLoss).toBe(2.3);
    expect(fold([batch(3, 1.7)], lost).backendLost).toBe('Context lost.');
    expect(fold([{ type: 'state', state: 'idle', numTensors: 6 }], lost).backendLost).toBeNull();
  });

  it('shows no progress when the backend was lost before the first checkpoint', () => {
    const lost = fold([
      batch(1, 2.3),
      {
        type: 'backendLost',
        message: 'Lost.',
        restored: { epoch: 1, batch: -1, step: 0, examplesSeen: 0, elapsedMs: 0 },
      },
    ]);
    expect(lost.lastBatch).toBeNull();
    expect(lost.history).toEqual([]);
  });

  it('never changes the view it was given', () => {
    const before = fold([state('training'), batch(1, 2.3)]);
    const copy = structuredClone(before);
    fold([batch(2, 2.0), evaluation(2, 31), state('idle'), { type: 'error', message: 'x' }], before);
    expect(before).toEqual(copy);
  });
});

describe('the replay timeline and the previous run', () => {
  const at = (step: number): TrainerEvent => ({ type: 'snapshot', snapshot: { ...snapshot, step } });
  const keptSteps = (view: TrainerView) => view.timeline.history.items.map((item) => item.step);

  it('keeps a bounded, evenly thinned timeline over a long run, with the first and the newest snapshot', () => {
    const events = Array.from({ length: 3_000 }, (_, i) => at(i * 7));
    const view = fold([state('idle'), state('training'), ...events]);
    const steps = keptSteps(view);
    expect(steps.length).toBeLessThanOrEqual(DEFAULT_MAX_SNAPSHOTS);
    expect(steps.length).toBeGreaterThan(DEFAULT_MAX_SNAPSHOTS / 2);
    expect(steps[0]).toBe(0);
    // The newest kept is within one schedule spacing of the latest snapshot, which the view shows.
    expect(view.snapshot?.step).toBe(2_999 * 7);
    expect(2_999 * 7 - steps.at(-1)!).toBeLessThan(view.timeline.history.spacing);
    expect(view.timeline.bytes).toBe(steps.length * snapshot.input.byteLength);
  });

  it('keeps fewer big snapshots, holding the timeline under 50 MB', () => {
    const big: Snapshot = { ...snapshot, input: new Float32Array(2_000_000) }; // 8 MB each
    const events = Array.from({ length: 100 }, (_, i): TrainerEvent => ({
      type: 'snapshot',
      snapshot: { ...big, step: i },
    }));
    const view = fold(events);
    expect(view.timeline.history.items.length).toBeLessThanOrEqual(6);
    expect(view.timeline.bytes).toBeLessThanOrEqual(50_000_000);
    expect(keptSteps(view)[0]).toBe(0);
    expect(keptSteps(view).at(-1)).toBeGreaterThan(80);
  });

  it('drops the snapshots after the checkpoint that a lost backend went back to', () => {
    const restored = { epoch: 1, batch: 1, step: 3, examplesSeen: 192, elapsedMs: 30 };
    const view = fold([at(0), at(1), at(2), at(3), at(4), at(5), { type: 'backendLost', message: 'Lost.', restored }]);
    expect(keptSteps(view)).toEqual([0, 1, 2, 3]);
    expect(keptSteps(fold([at(4)], view))).toEqual([0, 1, 2, 3, 4]);
  });

  it('on reset, keeps the curves as the previous run and clears the timeline', () => {
    const trained = fold([
      state('idle'),
      at(0),
      state('training'),
      batch(1, 2.3),
      batch(2, 1.8),
      evaluation(2, 31),
      at(2),
    ]);
    expect(keptSteps(trained)).toEqual([0, 2]);
    const reset = fold([state('idle'), at(0)], trained);
    expect(reset.previousRun?.history.map((p) => p.loss)).toEqual([2.3, 1.8]);
    expect(reset.previousRun?.evaluations.map((e) => e.step)).toEqual([2]);
    expect(keptSteps(reset)).toEqual([0]);
    expect(reset.history).toEqual([]);
    // A second reset before any batch keeps the run that had points.
    expect(fold([state('idle')], reset).previousRun).toBe(reset.previousRun);
    // The next run that trains and is reset replaces it.
    const again = fold([state('training'), batch(1, 2.2), state('idle')], reset);
    expect(again.previousRun?.history.map((p) => p.loss)).toEqual([2.2]);
  });

  it('has no previous run before the first reset after training', () => {
    expect(fold([state('idle'), state('training'), batch(1, 2.3)]).previousRun).toBeNull();
    expect(fold([state('idle'), state('idle')]).previousRun).toBeNull();
  });

  it('shows the previous run until that run is cleared, and the next one after a later reset', () => {
    const reset = fold([state('training'), batch(1, 2.3), state('idle')]);
    const cleared = reset.previousRun;
    expect(shownPreviousRun(reset, null)).toBe(reset.previousRun);
    expect(shownPreviousRun(reset, cleared)).toBeNull();
    const next = fold([state('training'), batch(1, 2.0), state('idle')], reset);
    expect(shownPreviousRun(next, cleared)?.history.map((p) => p.loss)).toEqual([2.0]);
  });
});

describe('quick checks and whole-set evaluations', () => {
  const at = evaluationAt;
  const run = [at(5, 0.97, false), at(10, 0.985, true), at(15, 0.991, false), at(20, 0.989, true)];

  it('keeps the whole-set answers per image when a quick check (without them) follows', () => {
    const view = fold([evaluation(10, 20), { type: 'evaluation', ...at(15, 0.99, false), predictions: null }]);
    expect(view.evaluations).toHaveLength(2);
    expect(view.predictions!.predicted).toHaveLength(10_000);
  });

  it('finds the latest whole-set evaluation, skipping later quick checks', () => {
    expect(latestWholeSetEvaluation(run)?.step).toBe(20);
    expect(latestWholeSetEvaluation(run.slice(0, 3))?.step).toBe(10);
    expect(latestWholeSetEvaluation(run.slice(0, 1))).toBeUndefined();
  });

  it('finds the first evaluation of either kind to reach a threshold', () => {
    expect(firstReaching(run, 0.99)).toMatchObject({ step: 15, testImages: 2_000, elapsedMs: 1_500 });
    expect(firstReaching(run, 0.98)?.step).toBe(10);
    expect(firstReaching(run, 0.995)).toBeUndefined();
  });
});
