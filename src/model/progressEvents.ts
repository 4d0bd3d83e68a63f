/**
 * The events that report training progress, a batch trained and a test-set evaluation, built
 * from the run's progress so the engine's loop reads as what happens rather than what is sent.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainerEvent } from '../protocol/messages';
import { examplesPerSec, type RunState, type Progress } from './runState';
import type { EvaluationResult } from './trainer';

/**
 * A batch of `examples` whose step took `stepMs`, just recorded in `run`'s progress (so its
 * index is one less than the batch count); throughput also covers the previous batches' full cycles.
 */
export function batchEvent(
  run: RunState,
  batchesPerEpoch: number,
  result: { loss: number; accuracy: number; learningRate: number },
  examples: number,
  stepMs: number,
): Extract<TrainerEvent, { type: 'batch' }> {
  const { progress } = run;
  return {
    type: 'batch',
    epoch: progress.epoch + 1,
    batch: progress.batch - 1,
    batchesPerEpoch,
    step: progress.step,
    ...result,
    examplesSeen: progress.examplesSeen,
    examplesPerSec: examplesPerSec(run.recent, { ms: stepMs, examples }),
    elapsedMs: progress.elapsedMs + stepMs,
  };
}

/**
 * A test-set evaluation of `testImages` images at `progress`, after `elapsedMs` of training, with
 * the tensors now held; the per-image answers only when it covered the whole test set.
 */
export function evaluationEvent(
  result: EvaluationResult,
  progress: Progress,
  { atEpochEnd, wholeSet, elapsedMs }: { atEpochEnd: boolean; wholeSet: boolean; elapsedMs: number },
): Extract<TrainerEvent, { type: 'evaluation' }> {
  const { accuracy, loss, confusion, predicted, confidence } = result;
  return {
    type: 'evaluation',
    epoch: progress.epoch,
    step: progress.step,
    atEpochEnd,
    wholeSet,
    testImages: predicted.length,
    testAccuracy: accuracy,
    testLoss: loss,
    confusion,
    elapsedMs,
    numTensors: tf.memory().numTensors,
    predictions: wholeSet ? { predicted, confidence } : null,
  };
}
