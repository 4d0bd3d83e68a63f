import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../protocol/messages';
import { shownSnapshot, stepAtIndex, stepBy, timelineIndex, timelineSteps } from './replayPosition';

const at = (step: number): Snapshot => ({ step, sampleIndex: 0, input: new Float32Array(1), label: 0, layers: [] });
const kept = [at(0), at(8), at(16), at(24)];
const live = at(30);

describe('timelineSteps', () => {
  it('lists the kept steps before the live one, then the live step', () => {
    expect(timelineSteps(kept, live)).toEqual([0, 8, 16, 24, 30]);
    // The newest kept snapshot may be the live one itself: it is not listed twice.
    expect(timelineSteps(kept, at(24))).toEqual([0, 8, 16, 24]);
    expect(timelineSteps([], live)).toEqual([30]);
  });
});

describe('positions on the timeline', () => {
  const steps = [0, 8, 16, 24, 30];

  it('shows live at the last position and a past step at the last kept position at or before it', () => {
    expect(timelineIndex(steps, null)).toBe(4);
    expect(timelineIndex(steps, 16)).toBe(2);
    expect(timelineIndex(steps, 20)).toBe(2);
    // A past step never slides onto the live position.
    expect(timelineIndex(steps, 99)).toBe(3);
    expect(timelineIndex(steps, -5)).toBe(0);
    expect(timelineIndex([], null)).toBe(0);
  });

  it('turns an index into the step shown, live at the end', () => {
    expect(stepAtIndex(steps, 0)).toBe(0);
    expect(stepAtIndex(steps, 3)).toBe(24);
    expect(stepAtIndex(steps, 4)).toBeNull();
    expect(stepAtIndex(steps, 9)).toBeNull();
  });

  it('steps back from live and forward onto live, clamped at the first', () => {
    expect(stepBy(steps, null, -1)).toBe(24);
    expect(stepBy(steps, 24, 1)).toBeNull();
    expect(stepBy(steps, 8, -1)).toBe(0);
    expect(stepBy(steps, 0, -1)).toBe(0);
    expect(stepBy(steps, null, 1)).toBeNull();
  });
});

describe('shownSnapshot', () => {
  it('is the live snapshot when live, otherwise the kept one at or before the step', () => {
    expect(shownSnapshot(kept, live, null)).toBe(live);
    expect(shownSnapshot(kept, live, 16)).toBe(kept[2]);
    // The step was thinned away: the kept one before it.
    expect(shownSnapshot(kept, live, 12)).toBe(kept[1]);
    expect(shownSnapshot(kept.slice(1), live, 0)).toBe(kept[1]);
    expect(shownSnapshot([], live, 5)).toBe(live);
  });
});
