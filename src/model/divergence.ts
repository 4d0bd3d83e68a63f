/**
 * When training has diverged: the loss is not finite, or stays far above chance level
 * (ln 10 ≈ 2.3), which is what an exploding network looks like once probabilities are clipped.
 */

/** A loss above this for DIVERGED_RUN batches in a row means training diverged. */
export const DIVERGED_LOSS = 10;
export const DIVERGED_RUN = 20;

/** The run of high-loss batches after a batch with `loss`: one longer, or 0 once the loss is back down. */
export function highLossRunAfter(loss: number, run: number): number {
  return loss > DIVERGED_LOSS ? run + 1 : 0;
}

/** How the loss shows that training blew up ("became NaN", "stayed above 10 for 20 batches"), or null. */
export function blowUp(loss: number, highLossRun: number): string | null {
  if (!Number.isFinite(loss)) return `became ${loss}`;
  return highLossRun >= DIVERGED_RUN ? `stayed above ${DIVERGED_LOSS} for ${DIVERGED_RUN} batches` : null;
}

/** The error for a blow-up (`what`, from blowUp) at `step`, with a learning rate ten times lower to try. */
export function divergedMessage(what: string, step: number, learningRate: number, optimizer: string): string {
  return `Training stopped: the loss ${what} at step ${step}, so the weights blew up. The learning rate (${learningRate}) is probably too high for ${optimizer}: press Reset and try ${learningRate / 10}.`;
}
