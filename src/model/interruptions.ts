/**
 * What the engine says when the backend interrupts training: a step that never finished, a
 * lost WebGL context, and where training stands once another backend has taken over.
 */
import type { BackendName, TrainerEvent } from '../protocol/messages';
import type { Progress } from './runState';

/** Why training stopped when step `step` ran past `limitMs` on `backend`, and what to do. */
export function stepTimeoutMessage(step: number, limitMs: number, backend: string): string {
  const seconds = (limitMs / 1000).toLocaleString('en', { maximumFractionDigits: 1 });
  return `Training stopped: step ${step} took more than ${seconds} s on the ${backend} backend, so it has stopped answering (on a GPU: a lost WebGL context or a driver problem). Reload the page with ?backend=wasm in the address to train on the CPU instead.`;
}

/** The loss of the WebGL context, during step `duringStep` if training was running (null if not). */
export function contextLostMessage(duringStep: number | null): string {
  const during = duringStep === null ? '' : ` during step ${duringStep}`;
  return `The GPU's WebGL context was lost${during} (the GPU was reset, or the browser took it back for another page).`;
}

/**
 * The report once `next` has taken over after `lossMessage`: training stopped at step `lostAt`
 * and goes on from `restored` (a checkpoint's progress, or the start). `restored` names the
 * last batch trained, as batch events do: epoch from 1, the batch index within it.
 */
export function backendLostEvent(
  lossMessage: string,
  lostAt: number,
  next: BackendName,
  restored: Progress,
): Extract<TrainerEvent, { type: 'backendLost' }> {
  const { step, epoch, batch, examplesSeen, elapsedMs } = restored;
  const kept = step > 0 ? `the weights from step ${step}` : 'its initial weights';
  return {
    type: 'backendLost',
    message: `${lossMessage} Training stopped at step ${lostAt} and moved to the ${next} backend with ${kept}; the optimizer's running averages start afresh. Press ${step > 0 ? 'Resume' : 'Train'} to go on.`,
    restored: { epoch: epoch + 1, batch: batch - 1, step, examplesSeen, elapsedMs },
  };
}
