import { accuracyMargin95 } from '../core/sampleMargin';
import type { TrainConfig } from '../protocol/messages';
import { firstReaching, latestWholeSetEvaluation, type TrainerView } from './trainerView';

/** One live figure of training: its label, its full-precision value (for tests) and its text. */
export interface TrainingFigure {
  id: string;
  label: string;
  value: number | string | null;
  text: string;
  /** One of the few figures a first screen shows beside the chart. */
  main: boolean;
}

/** The test accuracy the page times training to: the mark of a good MNIST network. */
export const TARGET_ACCURACY = 0.99;

/** `n` with thousands separators and exactly `digits` decimals, as the training figures show it. */
export const number = (n: number, digits = 0) =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** A fraction as a percentage with two decimals. */
export const percent = (n: number) => `${(n * 100).toFixed(2)}%`;

/** Every live figure of training, in the order the page lists them: the main ones first. */
export function trainingFigures(view: TrainerView, config: TrainConfig): TrainingFigure[] {
  const { state, lastBatch } = view;
  const lastEval = latestWholeSetEvaluation(view.evaluations);
  const lastCheck = view.evaluations.findLast((e) => !e.wholeSet);
  const reached99 = firstReaching(view.evaluations, TARGET_ACCURACY);
  const epoch = lastBatch?.epoch ?? 0;
  const elapsedMs = lastBatch?.elapsedMs ?? 0;
  const figures: TrainingFigure[] = [
    { id: 'epoch', label: 'Epoch', value: epoch, text: `${epoch} of ${config.epochs}`, main: true },
    { id: 'step', label: 'Steps', value: lastBatch?.step ?? 0, text: number(lastBatch?.step ?? 0), main: true },
    {
      id: 'loss',
      label: 'Loss',
      value: lastBatch?.loss ?? null,
      text: lastBatch ? number(lastBatch.loss, 4) : '—',
      main: true,
    },
    {
      id: 'test-accuracy',
      label: 'Test accuracy (whole test set)',
      value: lastEval?.testAccuracy ?? null,
      text: lastEval ? `${percent(lastEval.testAccuracy)} after epoch ${lastEval.epoch}` : '— until an epoch ends',
      main: true,
    },
  ];
  if (config.evalEverySteps > 0) {
    figures.push({
      id: 'check-accuracy',
      label: `Quick check (${lastCheck ? number(lastCheck.testImages) : 'a fifth of the'} test images)`,
      value: lastCheck?.testAccuracy ?? null,
      text: lastCheck
        ? `${percent(lastCheck.testAccuracy)} ±${percent(accuracyMargin95(lastCheck.testAccuracy, lastCheck.testImages))} at step ${number(lastCheck.step)}`
        : `— until step ${number(config.evalEverySteps)}`,
      main: true,
    });
  }
  figures.push(
    {
      id: 'time-to-99',
      label: `First at ${percent(TARGET_ACCURACY)}`,
      value: reached99?.elapsedMs ?? null,
      text: reached99
        ? `${number(reached99.elapsedMs / 1000, 1)} s of training (${number(reached99.testImages)} test images)`
        : 'not yet',
      main: true,
    },
    {
      id: 'elapsed',
      label: 'Training time',
      value: elapsedMs,
      text: `${number(elapsedMs / 1000, 1)} s`,
      main: false,
    },
    {
      id: 'speed',
      label: 'Examples/s',
      value: lastBatch?.examplesPerSec ?? null,
      text: lastBatch ? number(lastBatch.examplesPerSec) : '—',
      main: false,
    },
    { id: 'state', label: 'State', value: state, text: state, main: false },
    {
      id: 'examples',
      label: 'Examples seen',
      value: lastBatch?.examplesSeen ?? 0,
      text: number(lastBatch?.examplesSeen ?? 0),
      main: false,
    },
    {
      id: 'first-loss',
      label: 'Loss at the first batch',
      value: view.firstLoss,
      text: view.firstLoss === null ? '—' : number(view.firstLoss, 4),
      main: false,
    },
    {
      id: 'accuracy',
      label: 'Batch accuracy',
      value: lastBatch?.accuracy ?? null,
      text: lastBatch ? percent(lastBatch.accuracy) : '—',
      main: false,
    },
    {
      id: 'tensors',
      label: 'Live tensors',
      value: view.numTensors,
      text: view.numTensors === null ? '—' : String(view.numTensors),
      main: false,
    },
  );
  return figures;
}
