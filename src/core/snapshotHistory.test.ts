import { describe, expect, it } from 'vitest';
import { mulberry32 } from './random';
import {
  addSnapshot,
  DEFAULT_MAX_SNAPSHOTS,
  emptySnapshotHistory,
  nearestSnapshot,
  snapshotDueAtStep,
  type SnapshotHistory,
} from './snapshotHistory';

/** A snapshot whose payload names its step, so a test can tell items apart by more than the step. */
interface Snap {
  step: number;
  label: string;
}

type History = SnapshotHistory<Snap>;

const snap = (step: number): Snap => ({ step, label: `snapshot at ${step}` });

const steps = (history: History) => history.items.map((item) => item.step);

/** A history holding `stepsToAdd`, added one by one with a bound of `maxCount`. */
function historyOf(stepsToAdd: number[], maxCount: number, spacing = 1): History {
  return stepsToAdd.reduce(
    (history, step) => addSnapshot(history, snap(step), maxCount),
    emptySnapshotHistory<Snap>(spacing),
  );
}

/**
 * Trains for `totalSteps` steps, checking the schedule every `nextStep(step) − step` steps and
 * taking a snapshot whenever one is due; calls `inspect` after each snapshot.
 */
function followSchedule(
  totalSteps: number,
  maxCount: number,
  nextStep: (step: number) => number,
  inspect: (history: History, step: number) => void = () => {},
): History {
  let history = emptySnapshotHistory<Snap>();
  for (let step = 0; step < totalSteps; step = nextStep(step)) {
    if (!snapshotDueAtStep(step, history)) continue;
    history = addSnapshot(history, snap(step), maxCount);
    inspect(history, step);
  }
  return history;
}

function gaps(history: History): number[] {
  const kept = steps(history);
  return kept.slice(1).map((step, index) => step - (kept[index] ?? 0));
}

/** Largest gap between neighbouring kept steps over the smallest. */
function gapRatio(history: History): number {
  const all = gaps(history);
  return Math.max(...all) / Math.min(...all);
}

describe('addSnapshot', () => {
  it('appends items in step order while under the bound, keeping the spacing', () => {
    const history = historyOf([0, 3, 7], 5, 3);
    expect(steps(history)).toEqual([0, 3, 7]);
    expect(history.items[2]).toEqual(snap(7));
    expect(history.spacing).toBe(3);
  });

  it('returns a new history and leaves the given one as it was', () => {
    const before = historyOf([0, 1, 2], 3);
    const frozen: History = Object.freeze({ items: Object.freeze([...before.items]), spacing: before.spacing });
    const after = addSnapshot(frozen, snap(3), 3);
    expect(steps(frozen)).toEqual([0, 1, 2]);
    expect(frozen.spacing).toBe(1);
    expect(steps(after)).toEqual([0, 2, 3]);
  });

  it('thins a full history to every other item, keeping the first and the newest', () => {
    const history = historyOf([0, 1, 2, 3, 4, 5, 6], 6);
    expect(steps(history)).toEqual([0, 2, 4, 6]);
    expect(history.items.map((item) => item.label)).toEqual([
      'snapshot at 0',
      'snapshot at 2',
      'snapshot at 4',
      'snapshot at 6',
    ]);
  });

  it('keeps the newest when thinning leaves it right after an even-indexed item', () => {
    expect(steps(historyOf([0, 1, 2, 3, 4, 5], 5))).toEqual([0, 2, 4, 5]);
  });

  it('doubles the spacing each time it thins a history that followed the schedule', () => {
    const spacings: number[] = [];
    followSchedule(
      1000,
      8,
      (step) => step + 1,
      (history) => {
        if (history.spacing !== spacings.at(-1)) spacings.push(history.spacing);
      },
    );
    expect(spacings).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
  });

  it('asks for the next snapshot one doubled spacing after the newest once thinned', () => {
    const history = historyOf([0, 1, 2, 3, 4], 4);
    expect(steps(history)).toEqual([0, 2, 4]);
    expect(history.spacing).toBe(2);
    expect(snapshotDueAtStep(5, history)).toBe(false);
    expect(snapshotDueAtStep(6, history)).toBe(true);
  });

  it('grows the spacing to the gaps actually kept when snapshots came less often than due', () => {
    // Checked every 13 steps with a spacing of 1: every check is due, so the kept gaps are 26 after thinning.
    const history = historyOf([0, 13, 26, 39, 52], 4);
    expect(steps(history)).toEqual([0, 26, 52]);
    expect(history.spacing).toBe(26);
  });

  it('never holds more than the bound over 10,000 steps, and keeps the first and the newest', () => {
    for (const maxCount of [2, 5, 9, DEFAULT_MAX_SNAPSHOTS]) {
      let history = emptySnapshotHistory<Snap>();
      let mostItems = 0;
      let endsKept = true;
      for (let step = 0; step < 10_000; step += 1) {
        // Every step, ignoring the schedule: the bound must hold whatever the caller does.
        history = addSnapshot(history, snap(step), maxCount);
        mostItems = Math.max(mostItems, history.items.length);
        endsKept &&= history.items[0]?.step === 0 && history.items.at(-1)?.step === step;
      }
      expect(mostItems).toBe(maxCount);
      expect(endsKept).toBe(true);
    }
  });

  it('keeps the default of 64 items when no bound is given', () => {
    let history = emptySnapshotHistory<Snap>();
    for (let step = 0; step < 500; step += 1) history = addSnapshot(history, snap(step));
    expect(history.items.length).toBeLessThanOrEqual(DEFAULT_MAX_SNAPSHOTS);
    expect(history.items.length).toBeGreaterThan(DEFAULT_MAX_SNAPSHOTS / 2);
  });

  it('keeps steps increasing and evenly spread over a run that follows the schedule', () => {
    const history = followSchedule(
      10_000,
      DEFAULT_MAX_SNAPSHOTS,
      (step) => step + 1,
      (current, step) => {
        expect(gaps(current).every((gap) => gap > 0)).toBe(true);
        expect(current.items.at(-1)?.step).toBe(step);
        if (current.items.length > 2) expect(gapRatio(current)).toBeLessThanOrEqual(2);
      },
    );
    expect(history.items.length).toBeGreaterThan(DEFAULT_MAX_SNAPSHOTS / 2);
    expect(history.items.length).toBeLessThanOrEqual(DEFAULT_MAX_SNAPSHOTS);
    // The run's end is covered: the newest lies within one spacing of the last step.
    expect(10_000 - (history.items.at(-1)?.step ?? 0)).toBeLessThanOrEqual(history.spacing);
  });

  it('stays spread when the schedule is checked only every few steps, at random', () => {
    const random = mulberry32(20_240_613);
    const history = followSchedule(10_000, DEFAULT_MAX_SNAPSHOTS, (step) => step + 1 + Math.floor(random() * 20));
    expect(gaps(history).every((gap) => gap > 0)).toBe(true);
    expect(history.items[0]?.step).toBe(0);
    expect(gapRatio(history)).toBeLessThanOrEqual(4);
  });

  it('replaces the newest item with a snapshot at the same step', () => {
    const history = addSnapshot(historyOf([0, 5], 4), { step: 5, label: 'retaken' });
    expect(history.items).toEqual([snap(0), { step: 5, label: 'retaken' }]);
  });

  it('refuses a snapshot before the newest step, and a bound below 2', () => {
    const history = historyOf([0, 5], 4);
    expect(() => addSnapshot(history, snap(4))).toThrow(RangeError);
    expect(() => addSnapshot(history, snap(6), 1)).toThrow(RangeError);
    expect(() => addSnapshot(history, snap(6), 2.5)).toThrow(RangeError);
  });
});

describe('snapshotDueAtStep', () => {
  it('is due at any step for the first snapshot of an empty history', () => {
    expect(snapshotDueAtStep(0, emptySnapshotHistory(8))).toBe(true);
    expect(snapshotDueAtStep(37, emptySnapshotHistory(8))).toBe(true);
  });

  it('is due once the spacing has passed since the newest item', () => {
    const history = historyOf([0, 10], 4, 5);
    expect(snapshotDueAtStep(14, history)).toBe(false);
    expect(snapshotDueAtStep(15, history)).toBe(true);
    expect(snapshotDueAtStep(21, history)).toBe(true);
  });
});

describe('emptySnapshotHistory', () => {
  it('starts with no items and the given spacing', () => {
    expect(emptySnapshotHistory(7)).toEqual({ items: [], spacing: 7 });
    expect(emptySnapshotHistory().spacing).toBe(1);
  });

  it('refuses a spacing that is not a whole number of at least 1', () => {
    expect(() => emptySnapshotHistory(0)).toThrow(RangeError);
    expect(() => emptySnapshotHistory(1.5)).toThrow(RangeError);
  });
});

describe('nearestSnapshot', () => {
  const history = historyOf([4, 10, 25], 8);

  it('picks the item at a step that has one', () => {
    expect(nearestSnapshot(history, 4)).toBe(history.items[0]);
    expect(nearestSnapshot(history, 10)).toBe(history.items[1]);
    expect(nearestSnapshot(history, 25)).toBe(history.items[2]);
  });

  it('picks the item before a step that falls between items or after the newest', () => {
    expect(nearestSnapshot(history, 11)?.step).toBe(10);
    expect(nearestSnapshot(history, 24)?.step).toBe(10);
    expect(nearestSnapshot(history, 99)?.step).toBe(25);
  });

  it('finds nothing before the first item or in an empty history', () => {
    expect(nearestSnapshot(history, 3)).toBeUndefined();
    expect(nearestSnapshot(emptySnapshotHistory<Snap>(), 12)).toBeUndefined();
  });
});
