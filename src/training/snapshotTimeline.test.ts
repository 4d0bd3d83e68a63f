import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SNAPSHOTS } from '../core/snapshotHistory';
import type { Snapshot } from '../protocol/messages';
import { EMPTY_TIMELINE, keepSnapshot, snapshotBytes, snapshotCap, timelineUpTo } from './snapshotTimeline';

/** A snapshot at `step` whose arrays hold 784 + 10 + 30 + 3 floats (3,308 bytes). */
function snapshot(step: number): Snapshot {
  return {
    step,
    sampleIndex: 0,
    input: new Float32Array(784),
    label: 7,
    layers: [
      { layerIndex: 0, outputShape: [10], activations: new Float32Array(10), kernel: null, bias: null },
      {
        layerIndex: 1,
        outputShape: [3],
        activations: new Float32Array(0),
        kernel: { shape: [10, 3], values: new Float32Array(30) },
        bias: new Float32Array(3),
      },
    ],
  };
}
const BYTES = 3_308;

describe('snapshotBytes', () => {
  it('adds the bytes of the input, activations, kernels and biases', () => {
    expect(snapshotBytes(snapshot(0))).toBe(BYTES);
  });
});

describe('snapshotCap', () => {
  it('keeps the default count of small snapshots, fewer of big ones, and never fewer than two', () => {
    expect(snapshotCap(1_000, 50_000_000)).toBe(DEFAULT_MAX_SNAPSHOTS);
    expect(snapshotCap(1_000_000, 50_000_000)).toBe(50);
    expect(snapshotCap(3_000_000, 50_000_000)).toBe(16);
    expect(snapshotCap(40_000_000, 50_000_000)).toBe(2);
    expect(snapshotCap(0)).toBe(DEFAULT_MAX_SNAPSHOTS);
  });
});

describe('keepSnapshot', () => {
  it('keeps at most the default count over a long run, with the first and the newest step, and counts their bytes', () => {
    let timeline = EMPTY_TIMELINE;
    for (let step = 0; step <= 5_000; step += 3) timeline = keepSnapshot(timeline, snapshot(step));
    const steps = timeline.history.items.map((item) => item.step);
    expect(steps.length).toBeLessThanOrEqual(DEFAULT_MAX_SNAPSHOTS);
    expect(steps.length).toBeGreaterThan(DEFAULT_MAX_SNAPSHOTS / 2);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBeGreaterThan(5_000 - 2 * timeline.history.spacing);
    expect(timeline.bytes).toBe(steps.length * BYTES);
  });

  it('keeps fewer snapshots when they are big, staying under the byte bound', () => {
    const maxBytes = 10 * BYTES;
    let timeline = EMPTY_TIMELINE;
    for (let step = 0; step < 500; step += 1) timeline = keepSnapshot(timeline, snapshot(step), maxBytes);
    expect(timeline.history.items.length).toBeLessThanOrEqual(10);
    expect(timeline.history.items.length).toBeGreaterThanOrEqual(5);
    expect(timeline.bytes).toBeLessThanOrEqual(maxBytes);
    expect(timeline.history.items[0]?.step).toBe(0);
  });

  it('skips a snapshot that is not due, and replaces the newest with one at the same step', () => {
    let timeline = EMPTY_TIMELINE;
    for (let step = 0; step < 200; step += 1) timeline = keepSnapshot(timeline, snapshot(step));
    const { spacing } = timeline.history;
    expect(spacing).toBeGreaterThan(1);
    const newest = timeline.history.items.at(-1)!.step;
    expect(keepSnapshot(timeline, snapshot(newest + 1))).toBe(timeline);
    const resampled = { ...snapshot(newest), sampleIndex: 9 };
    const replaced = keepSnapshot(timeline, resampled);
    expect(replaced.history.items.at(-1)).toBe(resampled);
    expect(replaced.history.items.length).toBe(timeline.history.items.length);
  });

  it('drops later snapshots when training goes back to an earlier step', () => {
    let timeline = EMPTY_TIMELINE;
    for (let step = 0; step < 10; step += 1) timeline = keepSnapshot(timeline, snapshot(step));
    const back = keepSnapshot(timeline, snapshot(4));
    expect(back.history.items.map((item) => item.step)).toEqual([0, 1, 2, 3, 4]);
    expect(back.bytes).toBe(5 * BYTES);
    expect(timelineUpTo(timeline, 6).history.items.map((item) => item.step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(timelineUpTo(timeline, 20)).toBe(timeline);
  });
});
