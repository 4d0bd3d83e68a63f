/**
 * Animation pacing shared by the explorables and their stepper controls: the speed
 * multipliers a user can pick and how many steps a second each speed plays.
 */

/** The speed multipliers the stepper offers, slowest first. */
export const SPEEDS = [0.5, 1, 2, 4] as const;

/** One of {@link SPEEDS}. */
export type Speed = (typeof SPEEDS)[number];

/** Steps per second at 1×: slow enough to follow each product and sum being written. */
export const STEPS_PER_SECOND = 1.5;

/**
 * Steps per second for `steps` steps at `speed`: {@link STEPS_PER_SECOND} × speed, or faster
 * when that would take longer than `longestSweepSeconds` at 1× (so a big grid still sweeps
 * in that time). Without a limit the pace is always the base rate × speed.
 */
export function stepsPerSecond(speed: number, steps = 0, longestSweepSeconds = Number.POSITIVE_INFINITY): number {
  return Math.max(STEPS_PER_SECOND, steps / longestSweepSeconds) * speed;
}
