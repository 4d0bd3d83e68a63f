import type { Snapshot } from '../protocol/messages';
import type { TrainerView } from './trainerView';

/**
 * The network's reading of the last drawn digit as a Snapshot the network widgets draw, or null
 * before anything was drawn. A drawing is no test digit: sampleIndex and label are −1.
 * Shares the prediction's arrays (no copies).
 */
export function drawnSnapshot({
  prediction,
  lastBatch,
}: Pick<TrainerView, 'prediction' | 'lastBatch'>): Snapshot | null {
  if (!prediction) return null;
  return {
    step: lastBatch?.step ?? 0,
    sampleIndex: -1,
    label: -1,
    input: prediction.input,
    layers: prediction.layers,
  };
}
