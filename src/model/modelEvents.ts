/**
 * The events that show the model itself, a snapshot of a test digit, a prediction for a drawn
 * one and the model as files, each with the buffers to transfer rather than copy.
 */
import type { ModelSpec } from '../core/modelSpec';
import { writeModelFiles } from '../data/modelFile';
import type { TrainerEvent } from '../protocol/messages';
import type { Sample } from './engineData';
import type { RunState } from './runState';
import type { Trainer } from './trainer';
import { buffersOf } from './transferables';

type Sent<T extends TrainerEvent['type']> = [Extract<TrainerEvent, { type: T }>, Transferable[]];

/** Every layer's activations and weights for `sample`, as trained after `step` steps. */
export async function snapshotEvent(trainer: Trainer, sample: Sample, step: number): Promise<Sent<'snapshot'>> {
  const { input, layers } = await trainer.snapshot(sample.split, sample.position);
  const label = sample.split.labels[sample.position]!;
  const snapshot = { step, sampleIndex: sample.index, input, label, layers };
  return [{ type: 'snapshot', snapshot }, buffersOf(input, layers)];
}

/** The model's answer and saliency for any 28×28 image in [0, 1]; throws when `pixels` is not 784 long. */
export async function predictionEvent(trainer: Trainer, pixels: Float32Array): Promise<Sent<'prediction'>> {
  if (pixels.length !== 28 * 28)
    throw new Error(`A digit to recognise needs 784 pixels (28×28), not ${pixels.length}.`);
  const { input, layers } = await trainer.inspect(Float32Array.from(pixels));
  const saliency = await trainer.saliency(input);
  return [{ type: 'prediction', input, layers, saliency }, [...buffersOf(input, layers), saliency.gradient.buffer]];
}

/** The current model as a model.json and a weights file, answering export request `requestId`. */
export async function exportEvent(
  trainer: Trainer,
  spec: ModelSpec,
  run: RunState,
  requestId: number,
): Promise<Sent<'exported'>> {
  const weights = await trainer.exportWeights();
  const model = { spec, weights, testAccuracy: run.testAccuracy, trainedExamples: run.progress.examplesSeen };
  const files = writeModelFiles(model, trainer.topology());
  return [{ type: 'exported', requestId, files }, files.map((f) => f.data)];
}
