/**
 * The moves of the invariance experiment (core/invariance) and the amounts it tries, apart from
 * its arithmetic so that a page's switch can name them without loading the image transforms.
 */

export const SWEEP_KINDS = ['shift', 'rotate'] as const;
/** What a sweep moves the digits by: shift (pixels) or rotate (degrees). */
export type SweepKind = (typeof SWEEP_KINDS)[number];

/** The amounts each sweep tests, in its unit (pixels for shift, degrees for rotate), from 0. */
export const SWEEP_AMOUNTS: Record<SweepKind, readonly number[]> = {
  shift: [0, 1, 2, 3, 4, 5, 6],
  rotate: [0, 5, 10, 15, 20, 25, 30],
};
