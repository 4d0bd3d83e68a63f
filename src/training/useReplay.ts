import { useMemo, useState } from 'react';
import { DEFAULT_MAX_SNAPSHOTS } from '../core/snapshotHistory';
import { useAnimationClock } from '../hooks/useAnimationClock';
import { usePrefersReducedMotion } from '../hooks/usePrefersReducedMotion';
import type { Snapshot } from '../protocol/messages';
import type { TimelineProps } from '../widgets/Timeline';
import type { TrainingChartRun } from '../widgets/TrainingChart';
import { shownSnapshot, stepAtIndex, stepBy, timelineIndex, timelineSteps } from './replayPosition';
import { shownPreviousRun, type PreviousRun, type TrainerView } from './trainerView';

/** Kept snapshots replayed per second; fewer when the user asks for reduced motion. */
const REPLAY_PER_SECOND = 4;
const REDUCED_MOTION_PER_SECOND = 1;

/** A past step shown, tied to the run it belongs to (a reset starts a new timeline and goes live). */
interface Shown {
  step: number;
  /** The first kept snapshot when it was chosen: every timeline since the last reset starts with it. */
  first: Snapshot | undefined;
}

export interface Replay {
  /** The snapshot to draw: live, or the kept one at the shown step. */
  snapshot: Snapshot | null;
  /** The timeline's props, or null before the first snapshot. */
  timeline: TimelineProps | null;
  /** The step the chart marks while a past step is shown; null while live. */
  cursorStep: number | null;
  /** The previous run's curves, until the user clears them. */
  previousRun: TrainingChartRun | null;
  clearPreviousRun: () => void;
  /** Moves the timeline by `delta` kept snapshots (a keyboard shortcut); pauses the replay. */
  stepTimeline: (delta: number) => void;
}

/**
 * The replay of training: the position shown on the timeline (a past step or live), Play/Pause
 * that steps through the kept snapshots on the rAF animation clock, and the previous run's
 * curves until cleared. Training goes on underneath whatever is shown.
 */
export function useReplay(view: TrainerView): Replay {
  const kept = view.timeline.history.items;
  const live = view.snapshot;
  const steps = timelineSteps(kept, live);
  const [shown, setShown] = useState<Shown | null>(null);
  // While playing: the steps to play, fixed when Play was pressed (later thinning does not move them).
  const [tape, setTape] = useState<Shown[] | null>(null);
  const reducedMotion = usePrefersReducedMotion();
  // A fixed length: the clock starts over whenever its length changes, and a tape is never longer.
  const clock = useAnimationClock({
    steps: DEFAULT_MAX_SNAPSHOTS,
    stepsPerSecond: reducedMotion ? REDUCED_MOTION_PER_SECOND : REPLAY_PER_SECOND,
  });
  const [dismissed, setDismissed] = useState<PreviousRun | null>(null);

  const playing = tape !== null && clock.playing && clock.step < tape.length && tape[0]?.first === kept[0];
  const current = tape ? (tape[clock.step] ?? null) : shown;
  // A position from before the last reset no longer exists: show live.
  const shownStep = current && current.first === kept[0] ? current.step : null;

  // Past the tape's end is live: stop the clock there (adjusting state while rendering, not in an effect).
  if (tape && clock.playing && clock.step >= tape.length) clock.setPlaying(false);

  const moveTo = (step: number | null) => {
    clock.setPlaying(false);
    setTape(null);
    setShown(step === null ? null : { step, first: kept[0] });
  };
  const play = () => {
    // From the shown step, or from the first kept one when live; live is where the tape ends.
    const from = shownStep === null ? 0 : timelineIndex(steps, shownStep);
    const tapeSteps = steps.slice(from, -1).slice(0, DEFAULT_MAX_SNAPSHOTS);
    if (tapeSteps.length === 0) return;
    setTape(tapeSteps.map((step) => ({ step, first: kept[0] })));
    clock.setStep(0);
    clock.setPlaying(true);
  };

  const snapshot = shownSnapshot(kept, live, shownStep);
  const timeline: TimelineProps | null =
    live && snapshot
      ? {
          steps,
          index: timelineIndex(steps, shownStep),
          shownStep: snapshot.step,
          playing,
          kept: kept.length,
          bytes: view.timeline.bytes,
          onIndex: (index) => moveTo(stepAtIndex(steps, index)),
          onTogglePlay: () => (playing ? moveTo(shownStep) : play()),
          onLive: () => moveTo(null),
        }
      : null;
  const previous = shownPreviousRun(view, dismissed);
  // The same object from render to render, so the chart smooths the previous run only when it changes.
  const previousRun = useMemo(
    () => previous && { batches: previous.history, evaluations: previous.evaluations },
    [previous],
  );
  return {
    snapshot,
    timeline,
    cursorStep: shownStep === null ? null : (snapshot?.step ?? null),
    previousRun,
    clearPreviousRun: () => setDismissed(view.previousRun),
    stepTimeline: (delta) => moveTo(stepBy(steps, shownStep, delta)),
  };
}
