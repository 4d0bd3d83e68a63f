/**
 * The training speed the engine has measured on the chosen backend, for the architecture editor's
 * estimate of how fast another network would train: the live examples/s once training has run,
 * else the start-up test's.
 */
import { trainingFlopsPerExample } from '../core/flops';
import type { ModelSpec } from '../core/modelSpec';
import type { MeasuredSpeed } from '../core/trainingEstimate';
import type { TrainerView } from './trainerView';

/** The latest speed measured on `view`'s backend, with the FLOPs of the network it was measured on; null before any. */
export function measuredSpeed(view: TrainerView, trainedSpec: ModelSpec): MeasuredSpeed | null {
  const info = view.backend;
  if (!info) return null;
  const { backend } = info;
  if (view.lastBatch && view.lastBatch.examplesPerSec > 0) {
    const flopsPerExample = trainingFlopsPerExample(trainedSpec);
    return { backend, examplesPerSec: view.lastBatch.examplesPerSec, flopsPerExample, source: 'training' };
  }
  const probe = info.probes.find((p) => p.backend === backend);
  const examplesPerSec = probe?.examplesPerSec ?? probe?.lateExamplesPerSec;
  if (!examplesPerSec || !probe?.flopsPerExample) return null;
  return { backend, examplesPerSec, flopsPerExample: probe.flopsPerExample, source: 'start-up test' };
}
