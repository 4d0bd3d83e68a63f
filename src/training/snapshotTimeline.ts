/**
 * The snapshots kept for replaying training: a bounded SnapshotHistory (evenly spread over the
 * run, first and newest kept) that is also bounded in memory, with the bytes it holds.
 */
import {
  addSnapshot,
  DEFAULT_MAX_SNAPSHOTS,
  emptySnapshotHistory,
  snapshotDueAtStep,
  type SnapshotHistory,
} from '../core/snapshotHistory';
import type { Snapshot } from '../protocol/messages';

/** The most memory the kept snapshots may hold, in bytes (50 MB). */
export const TIMELINE_MAX_BYTES = 50_000_000;

export interface SnapshotTimeline {
  history: SnapshotHistory<Snapshot>;
  /** Bytes held by the kept snapshots' arrays. */
  bytes: number;
}

export const EMPTY_TIMELINE: SnapshotTimeline = { history: emptySnapshotHistory<Snapshot>(), bytes: 0 };

/** The bytes of a snapshot's arrays: the input, and each layer's activations, kernel and bias. */
export function snapshotBytes(snapshot: Snapshot): number {
  let bytes = snapshot.input.byteLength;
  for (const layer of snapshot.layers) {
    bytes += layer.activations.byteLength + (layer.kernel?.values.byteLength ?? 0) + (layer.bias?.byteLength ?? 0);
  }
  return bytes;
}

/**
 * How many snapshots of `bytesEach` bytes the timeline keeps: DEFAULT_MAX_SNAPSHOTS, fewer when
 * that many would pass `maxBytes`, never fewer than 2 (the first and the newest).
 */
export function snapshotCap(bytesEach: number, maxBytes = TIMELINE_MAX_BYTES): number {
  if (!(bytesEach > 0)) return DEFAULT_MAX_SNAPSHOTS;
  return Math.min(DEFAULT_MAX_SNAPSHOTS, Math.max(2, Math.floor(maxBytes / bytesEach)));
}

/**
 * The timeline with `snapshot` kept when it is due (the schedule thins out as the run grows).
 * A snapshot before the newest kept step (training went back to a checkpoint) first drops the
 * kept ones after it. The given timeline is left as it is.
 */
export function keepSnapshot(
  timeline: SnapshotTimeline,
  snapshot: Snapshot,
  maxBytes = TIMELINE_MAX_BYTES,
): SnapshotTimeline {
  let { history } = timeline;
  if ((history.items.at(-1)?.step ?? -1) > snapshot.step) {
    history = { ...history, items: history.items.filter((item) => item.step < snapshot.step) };
  }
  // A snapshot at the newest step (a new sample picked) replaces it, so the replay shows that sample.
  const sameStep = history.items.at(-1)?.step === snapshot.step;
  if (!sameStep && !snapshotDueAtStep(snapshot.step, history)) {
    return history === timeline.history ? timeline : measured(history);
  }
  return measured(addSnapshot(history, snapshot, snapshotCap(snapshotBytes(snapshot), maxBytes)));
}

/** The timeline without the snapshots after `step` (training went back to a checkpoint there). */
export function timelineUpTo(timeline: SnapshotTimeline, step: number): SnapshotTimeline {
  const items = timeline.history.items.filter((item) => item.step <= step);
  return items.length === timeline.history.items.length ? timeline : measured({ ...timeline.history, items });
}

function measured(history: SnapshotHistory<Snapshot>): SnapshotTimeline {
  return { history, bytes: history.items.reduce((sum, item) => sum + snapshotBytes(item), 0) };
}
