import { describe, expect, it } from 'vitest';
import type { BatchMetrics, EngineState, Evaluation } from '../protocol/messages';
import { trainingAnnouncement, type AnnouncedView } from './trainingAnnouncements';

/** The words alone. */
const said = (...args: Parameters<typeof trainingAnnouncement>) => trainingAnnouncement(...args)?.text ?? null;

function batchAt(step: number, loss = 0.5): BatchMetrics {
  return {
    epoch: 0,
    batch: step - 1,
    batchesPerEpoch: 16,
    step,
    loss,
    accuracy: 0.5,
    learningRate: 0.003,
    examplesSeen: step * 32,
    examplesPerSec: 900,
    elapsedMs: step * 20,
  };
}

function evaluationAt(epoch: number, testAccuracy: number, atEpochEnd = true, wholeSet = true): Evaluation {
  return {
    epoch,
    step: epoch * 16,
    atEpochEnd,
    wholeSet,
    testImages: wholeSet ? 10_000 : 2_000,
    testAccuracy,
    testLoss: 0.3,
    confusion: [],
    elapsedMs: 500,
    numTensors: 40,
  };
}

function view(state: EngineState, step = 0, evaluations: Evaluation[] = []): AnnouncedView {
  return { state, lastBatch: step > 0 ? batchAt(step) : null, evaluations };
}

describe('trainingAnnouncement', () => {
  it('says when the data is ready, training starts, pauses and resumes', () => {
    expect(said(view('loading'), view('idle'), 5)).toBe('Ready to train.');
    expect(said(view('idle'), view('training'), 5)).toBe('Training started.');
    expect(said(view('training', 12), view('paused', 13), 5)).toBe('Paused at step 13: loss 0.5000.');
    expect(said(view('paused', 13), view('training', 13), 5)).toBe('Training resumed at step 13.');
  });

  it('stays silent from batch to batch while training', () => {
    expect(said(view('training', 3), view('training', 4), 5)).toBeNull();
    expect(said(view('training', 4), view('training', 9), 5)).toBeNull();
  });

  it('reports each finished epoch with its test accuracy, and the end of training', () => {
    const first = evaluationAt(1, 0.9812);
    expect(said(view('training', 15), view('training', 16, [first]), 5)).toBe(
      'Epoch 1 of 5 finished: test accuracy 98.12 %.',
    );
    expect(said(view('training', 16, [first]), view('training', 17, [first]), 5)).toBeNull();
    const mid = evaluationAt(1, 0.5, false);
    expect(said(view('paused', 8), view('paused', 8, [mid]), 5)).toBe('Test accuracy 50.00 % at step 16.');
    const last = evaluationAt(2, 0.99);
    expect(said(view('training', 31, [first]), view('done', 32, [first, last]), 2)).toBe(
      'Training finished after 32 steps: test accuracy 99.00 %.',
    );
  });

  it('keeps quiet about the quick checks between epochs: they come every few seconds', () => {
    const first = evaluationAt(1, 0.9812);
    const check = evaluationAt(1, 0.985, false, false);
    expect(said(view('training', 20, [first]), view('training', 21, [first, check]), 5)).toBeNull();
    expect(said(view('training', 20), view('done', 21, [first, check]), 5)).toBe(
      'Training finished after 21 steps: test accuracy 98.12 %.',
    );
  });

  it('says what the Step button did, and that a reset starts over', () => {
    expect(said(view('idle'), view('paused', 1), 5)).toBe('Paused at step 1: loss 0.5000.');
    expect(said(view('paused', 1), view('paused', 2), 5)).toBe('Step 2 trained: loss 0.5000.');
    expect(said(view('paused', 2), view('idle'), 5)).toBe('Reset: training starts again from step 0.');
  });

  it('lets epoch reports wait their turn, but never a change of state or a step', () => {
    const first = evaluationAt(1, 0.9);
    expect(trainingAnnouncement(view('training', 15), view('training', 16, [first]), 5)?.urgent).toBe(false);
    expect(trainingAnnouncement(view('training', 16), view('paused', 16), 5)?.urgent).toBe(true);
    expect(trainingAnnouncement(view('paused', 16), view('paused', 17), 5)?.urgent).toBe(true);
  });

  it('leaves errors to their alert', () => {
    expect(said(view('training', 3), view('error', 3), 5)).toBeNull();
  });
});
