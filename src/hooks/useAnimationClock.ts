import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { prefersReducedMotion, usePrefersReducedMotion } from './usePrefersReducedMotion';

/**
 * The longest frame the clock counts, in milliseconds. A background tab gets no animation
 * frames; when it comes back, the animation resumes where it was instead of jumping ahead.
 */
export const MAX_FRAME_MS = 100;

/**
 * The fractional step position one animation frame later: `position` plus
 * `elapsedMs` (capped at {@link MAX_FRAME_MS}) × `stepsPerSecond` / 1000, never past `steps`.
 * A non-positive, NaN or infinite elapsed time or speed leaves the position where it is
 * (only clamped into [0, steps]). The displayed step is `Math.floor(position)`.
 */
export function advance(position: number, elapsedMs: number, stepsPerSecond: number, steps: number): number {
  const end = Math.max(0, steps);
  const from = Math.min(Math.max(0, position), end);
  if (!(elapsedMs > 0) || !(stepsPerSecond > 0) || !Number.isFinite(stepsPerSecond)) return from;
  const frameMs = Math.min(elapsedMs, MAX_FRAME_MS);
  return Math.min(end, from + (frameMs * stepsPerSecond) / 1000);
}

export interface AnimationClockOptions {
  /** Number of steps (a whole number ≥ 0). The step runs from 0 to `steps`; `steps` means "all revealed". */
  steps: number;
  /** Playback speed in steps per second (e.g. a base rate × the speed multiplier of StepperControls). */
  stepsPerSecond: number;
  /** Start playing on mount. Ignored when the user prefers reduced motion. Default false. */
  autoPlay?: boolean;
}

export interface AnimationClock {
  /** The current whole step, 0..steps. */
  step: number;
  /** The number of steps the clock runs to (the `steps` option, floored at 0). */
  steps: number;
  playing: boolean;
  /** Whether the user prefers reduced motion (pages may skip tweens when true). */
  reducedMotion: boolean;
  /** Jump to a step (rounded and clamped into 0..steps); pauses playback. */
  setStep: (step: number) => void;
  /** Play or pause. Playing from the last step starts over at step 0. */
  setPlaying: (playing: boolean) => void;
  togglePlaying: () => void;
  /** One step forward or back (clamped); both pause playback. */
  stepForward: () => void;
  stepBack: () => void;
  /** Back to step 0, keeping the play state. */
  restart: () => void;
}

interface ClockState {
  /** The `steps` this state belongs to; a different number resets the clock. */
  steps: number;
  step: number;
  playing: boolean;
  /** Bumped by every move made from outside the loop, so a running loop restarts from it. */
  epoch: number;
}

const clampStep = (step: number, steps: number) =>
  Number.isFinite(step) ? Math.min(steps, Math.max(0, Math.round(step))) : 0;

/**
 * The single animation clock of an explorable: a step index that a page turns into what
 * is drawn (animations are pure functions of the step). While playing, one
 * requestAnimationFrame loop advances the step at `stepsPerSecond`; the loop stops at the
 * last step (playing becomes false), on pause, and on unmount. When `steps` changes the
 * clock goes back to step 0 (and keeps playing if it was). It never auto-plays when the
 * user prefers reduced motion.
 */
export function useAnimationClock({ steps, stepsPerSecond, autoPlay = false }: AnimationClockOptions): AnimationClock {
  const reducedMotion = usePrefersReducedMotion();
  const total = Number.isFinite(steps) ? Math.max(0, Math.floor(steps)) : 0;
  const [state, setState] = useState<ClockState>(() => ({
    steps: total,
    step: 0,
    playing: autoPlay && total > 0 && !prefersReducedMotion(),
    epoch: 0,
  }));

  // A new number of steps starts over (adjusting state while rendering, as React recommends
  // instead of an effect, so no frame ever shows a step that is out of range).
  let current = state;
  if (state.steps !== total) {
    current = { steps: total, step: 0, playing: state.playing && total > 0, epoch: state.epoch + 1 };
    setState(current);
  }
  const { step, playing, epoch } = current;

  const controls = useMemo(() => {
    const update = (change: (s: ClockState) => Partial<ClockState>) =>
      setState((previous) => {
        const s =
          previous.steps === total
            ? previous
            : { steps: total, step: 0, playing: previous.playing, epoch: previous.epoch };
        const next = { ...s, ...change(s) };
        if (next.step === previous.step && next.playing === previous.playing && next.steps === previous.steps)
          return previous;
        return { ...next, epoch: previous.epoch + 1 };
      });
    const play = (s: ClockState): Partial<ClockState> =>
      total === 0 ? { playing: false } : s.step >= total ? { step: 0, playing: true } : { playing: true };
    return {
      setStep: (n: number) => update(() => ({ step: clampStep(n, total), playing: false })),
      setPlaying: (on: boolean) => update((s) => (on ? play(s) : { playing: false })),
      togglePlaying: () => update((s) => (s.playing ? { playing: false } : play(s))),
      stepForward: () => update((s) => ({ step: Math.min(total, s.step + 1), playing: false })),
      stepBack: () => update((s) => ({ step: Math.max(0, s.step - 1), playing: false })),
      restart: () => update(() => ({ step: 0 })),
    };
  }, [total]);

  const startingStep = useEffectEvent(() => step);
  const showPosition = useEffectEvent((position: number) => {
    const whole = Math.floor(position);
    const done = position >= total;
    setState((s) =>
      s.steps !== total || !s.playing || (s.step === whole && !done) ? s : { ...s, step: whole, playing: !done },
    );
  });

  useEffect(() => {
    if (!playing) return;
    let position = startingStep();
    let last: number | null = null;
    let frame = requestAnimationFrame(function tick(now: number) {
      position = advance(position, last === null ? 0 : now - last, stepsPerSecond, total);
      last = now;
      showPosition(position);
      if (position < total) frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
    // `epoch` restarts the loop from the new step after a move made from outside it (restart).
  }, [playing, stepsPerSecond, total, epoch]);

  return { step, steps: total, playing, reducedMotion, ...controls };
}
