import type { Evaluation } from '../protocol/messages';

/**
 * An evaluation at `step`: on the whole test set (10,000 images, at an epoch's end) or a quick
 * check (2,000), ten steps an epoch and 100 ms of training a step.
 */
export function evaluationAt(step: number, testAccuracy: number, wholeSet: boolean): Evaluation {
  return {
    epoch: Math.floor(step / 10),
    step,
    atEpochEnd: wholeSet,
    wholeSet,
    testImages: wholeSet ? 10_000 : 2_000,
    testAccuracy,
    testLoss: 0.1,
    confusion: [],
    elapsedMs: step * 100,
    numTensors: 20,
  };
}
