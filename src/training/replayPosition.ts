/**
 * Which snapshot the replay shows. The timeline's positions are the kept snapshots older than
 * the live one, then the live snapshot last. A position is held as a training step (null = live)
 * rather than an index, so it stays put when the history is thinned under it.
 */
import type { Snapshot } from '../protocol/messages';

/**
 * The training steps of the timeline's positions: each kept snapshot before the live step, then
 * the live step (when there is a live snapshot).
 */
export function timelineSteps(kept: readonly Snapshot[], live: Snapshot | null): number[] {
  if (!live) return kept.map((item) => item.step);
  return [...kept.filter((item) => item.step < live.step).map((item) => item.step), live.step];
}

/**
 * The index in `steps` (from timelineSteps) shown for `shownStep`: the last position, live, for
 * null; otherwise the last position at or before that step (0 when it comes before them all).
 * An empty timeline gives 0.
 */
export function timelineIndex(steps: readonly number[], shownStep: number | null): number {
  if (steps.length === 0) return 0;
  if (shownStep === null) return steps.length - 1;
  // Never the live position, which moves on: a past step stays shown while training continues.
  const past = steps.length - 1;
  let index = 0;
  for (let i = 0; i < past; i += 1) if ((steps[i] as number) <= shownStep) index = i;
  return index;
}

/** The shown step for a timeline index: null (live) at or past the last position. */
export function stepAtIndex(steps: readonly number[], index: number): number | null {
  if (index >= steps.length - 1) return null;
  return steps[Math.max(0, Math.round(index))] ?? null;
}

/** The shown step `delta` positions away from `shownStep` (clamped; moving onto the last position is live). */
export function stepBy(steps: readonly number[], shownStep: number | null, delta: number): number | null {
  return stepAtIndex(steps, Math.max(0, timelineIndex(steps, shownStep) + delta));
}

/**
 * The snapshot to draw: the live one for null, otherwise the newest kept snapshot at or before
 * `shownStep` (the first kept one, then live, when there is none).
 */
export function shownSnapshot(
  kept: readonly Snapshot[],
  live: Snapshot | null,
  shownStep: number | null,
): Snapshot | null {
  if (shownStep === null) return live;
  return kept.findLast((item) => item.step <= shownStep) ?? kept[0] ?? live;
}
