/**
 * What a screen reader should hear about training: changes of state and evaluations on the whole
 * test set, never the batches or quick checks in between (they come several times a second or
 * every few seconds). Pure, so it is unit-tested.
 */
import type { Evaluation } from '../protocol/messages';
import { latestWholeSetEvaluation, type TrainerView } from './trainerView';

/** The parts of the view an announcement depends on. */
export type AnnouncedView = Pick<TrainerView, 'state' | 'lastBatch' | 'evaluations'>;

export interface Announcement {
  text: string;
  /** Said at once (a change of state, the answer to a button); otherwise it may wait its turn. */
  urgent: boolean;
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)} %`;
const stepOf = (view: AnnouncedView) => view.lastBatch?.step ?? 0;
const urgent = (text: string | null): Announcement | null => (text === null ? null : { text, urgent: true });

/** What to say about going from `before` to `after`, or null when nothing worth saying happened. */
export function trainingAnnouncement(before: AnnouncedView, after: AnnouncedView, epochs: number): Announcement | null {
  if (after.state !== before.state) return urgent(stateAnnouncement(before, after));
  const last = latestWholeSetEvaluation(after.evaluations);
  if (last && last !== latestWholeSetEvaluation(before.evaluations))
    return { text: evaluationAnnouncement(last, epochs), urgent: false };
  // Outside training, a new step can only come from the Step button: say what it did.
  if (after.state === 'paused' && stepOf(after) !== stepOf(before))
    return urgent(`Step ${stepOf(after)} trained: loss ${lossOf(after)}.`);
  return null;
}

function stateAnnouncement(before: AnnouncedView, after: AnnouncedView): string | null {
  switch (after.state) {
    case 'training':
      return before.state === 'paused' ? `Training resumed at step ${stepOf(after)}.` : 'Training started.';
    case 'paused':
      return `Paused at step ${stepOf(after)}: loss ${lossOf(after)}.`;
    case 'done': {
      const last = latestWholeSetEvaluation(after.evaluations);
      return `Training finished after ${stepOf(after)} steps${last ? `: test accuracy ${percent(last.testAccuracy)}` : ''}.`;
    }
    case 'idle':
      return before.state === 'loading' ? 'Ready to train.' : 'Reset: training starts again from step 0.';
    // Loading says nothing yet; an error has its own alert.
    case 'loading':
    case 'error':
      return null;
  }
}

function evaluationAnnouncement(last: Evaluation, epochs: number): string {
  return last.atEpochEnd
    ? `Epoch ${last.epoch} of ${epochs} finished: test accuracy ${percent(last.testAccuracy)}.`
    : `Test accuracy ${percent(last.testAccuracy)} at step ${last.step}.`;
}

function lossOf(view: AnnouncedView): string {
  return view.lastBatch ? view.lastBatch.loss.toFixed(4) : 'not measured yet';
}
