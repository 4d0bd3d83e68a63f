/**
 * A bounded history of training snapshots for the replay timeline. It never holds more than a
 * set number of items however long training runs: when full, it drops every other item between
 * the first and the newest, and the schedule that says when to take the next snapshot slows
 * down to match, so the kept steps stay evenly spread over the whole run.
 */

/** How many snapshots a history keeps unless told otherwise. */
export const DEFAULT_MAX_SNAPSHOTS = 64;

/**
 * An immutable history: `items` in increasing `step` order (training steps), and `spacing`, the
 * training steps the schedule wants between snapshots now. The items are the caller's, kept by
 * reference and never changed; every update returns a new history.
 */
export interface SnapshotHistory<T extends { step: number }> {
  readonly items: readonly T[];
  /** Steps from the newest item to the next snapshot due (≥ 1); doubles each time the history is thinned. */
  readonly spacing: number;
}

/** A history with no items, taking a snapshot every `spacing` steps (whole, ≥ 1) until first thinned. */
export function emptySnapshotHistory<T extends { step: number }>(spacing = 1): SnapshotHistory<T> {
  if (!Number.isInteger(spacing) || spacing < 1) {
    throw new RangeError(`The snapshot spacing must be a whole number ≥ 1, not ${spacing}.`);
  }
  return { items: [], spacing };
}

/**
 * Whether a snapshot is due at training step `step`: always for an empty history, otherwise once
 * `step` is at least `history.spacing` steps after the newest item.
 */
export function snapshotDueAtStep<T extends { step: number }>(step: number, history: SnapshotHistory<T>): boolean {
  const newest = history.items.at(-1);
  return newest === undefined || step - newest.step >= history.spacing;
}

/**
 * A new history with `item` appended (the given history is left as it is). An item at the newest
 * item's step replaces it, so steps stay strictly increasing. While there would be more than
 * `maxCount` items (whole, ≥ 2), the history is thinned: the first and the newest are kept and
 * every other item between them is dropped, and `spacing` doubles each time (or grows to the
 * smallest gap left, when snapshots came less often than the schedule asked, so that new items
 * are no denser than the old ones).
 * Throws a RangeError for an item before the newest step (start a new history after a reset)
 * or a bad `maxCount`.
 */
export function addSnapshot<T extends { step: number }>(
  history: SnapshotHistory<T>,
  item: T,
  maxCount = DEFAULT_MAX_SNAPSHOTS,
): SnapshotHistory<T> {
  if (!Number.isInteger(maxCount) || maxCount < 2) {
    throw new RangeError(`A snapshot history must keep a whole number ≥ 2 of items, not ${maxCount}.`);
  }
  const newest = history.items.at(-1);
  if (newest !== undefined && item.step < newest.step) {
    throw new RangeError(`Snapshot step ${item.step} comes before the newest step ${newest.step}.`);
  }
  const kept = newest !== undefined && item.step === newest.step ? history.items.slice(0, -1) : history.items;
  let items: readonly T[] = [...kept, item];
  let spacing = history.spacing;
  while (items.length > maxCount) {
    items = thinned(items);
    spacing = Math.max(spacing * 2, smallestGap(items));
  }
  return { items, spacing };
}

/**
 * The item shown at timeline position `step`: the newest item at or before `step`, or undefined
 * when `step` comes before every item.
 */
export function nearestSnapshot<T extends { step: number }>(history: SnapshotHistory<T>, step: number): T | undefined {
  // Binary search for the last item with item.step ≤ step; items are sorted by step.
  const { items } = history;
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const candidate = items[middle];
    if (candidate !== undefined && candidate.step <= step) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? undefined : items[low - 1];
}

/** The fewest steps between two neighbouring items (0 for fewer than two items). */
function smallestGap(items: readonly { step: number }[]): number {
  let smallest = Infinity;
  for (let index = 1; index < items.length; index += 1) {
    smallest = Math.min(smallest, (items[index]?.step ?? 0) - (items[index - 1]?.step ?? 0));
  }
  return Number.isFinite(smallest) ? smallest : 0;
}

/**
 * Every even-indexed item, plus the newest. With items taken at a steady spacing, the even ones
 * are spread at twice that spacing, matching the doubled schedule that follows.
 */
function thinned<T>(items: readonly T[]): readonly T[] {
  const last = items.length - 1;
  return items.filter((_, index) => index % 2 === 0 || index === last);
}
