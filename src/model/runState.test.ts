import { describe, expect, it } from 'vitest';
import {
  examplesPerSec,
  freshRun,
  recordBatch,
  startOfTraining,
  THROUGHPUT_WINDOW,
  type BatchTiming,
  type Checkpoint,
} from './runState';

describe('freshRun', () => {
  it('starts from the beginning with nothing measured when given no checkpoint', () => {
    expect(freshRun()).toEqual({
      progress: { epoch: 0, batch: 0, step: 0, examplesSeen: 0, elapsedMs: 0, order: null, orderFilled: 0 },
      checkpoint: null,
      testAccuracy: null,
      recent: [],
      highLossRun: 0,
      lastSnapshotAt: -Infinity,
    });
  });

  it('starts at a checkpoint’s progress, as a copy the run can advance without changing the checkpoint', () => {
    const order = Uint32Array.from([3, 1, 2]);
    const checkpoint: Checkpoint = {
      weights: [Float32Array.from([0.5])],
      progress: { epoch: 2, batch: 7, step: 37, examplesSeen: 2368, elapsedMs: 9120, order, orderFilled: 3 },
    };
    const run = freshRun({ checkpoint, testAccuracy: 0.912 });
    expect(run.checkpoint).toBe(checkpoint);
    expect(run.testAccuracy).toBe(0.912);
    expect(run.progress).toEqual(checkpoint.progress);
    run.progress.step++;
    run.progress.batch++;
    expect(checkpoint.progress.step).toBe(37);
    expect(checkpoint.progress.batch).toBe(7);
    expect(run.progress.order).toBe(order);
  });

  it('gives every run its own progress and batch list', () => {
    const a = freshRun();
    const b = freshRun();
    a.progress.step = 5;
    a.recent.push({ ms: 1, examples: 2 });
    expect(b.progress).toEqual(startOfTraining());
    expect(b.recent).toEqual([]);
  });
});

describe('recordBatch and examplesPerSec', () => {
  it('keeps the last THROUGHPUT_WINDOW batches, oldest first', () => {
    const recent: BatchTiming[] = [];
    for (let i = 1; i <= THROUGHPUT_WINDOW + 3; i++) recordBatch(recent, { ms: i, examples: 64 });
    expect(recent).toHaveLength(20);
    expect(recent[0]!.ms).toBe(4);
    expect(recent.at(-1)!.ms).toBe(23);
  });

  it('divides every example by every millisecond, the latest batch included', () => {
    // (64 + 64 + 32) examples in (40 + 60 + 20) ms = 160 / 0.12 s.
    const recent = [
      { ms: 40, examples: 64 },
      { ms: 60, examples: 64 },
    ];
    expect(examplesPerSec(recent, { ms: 20, examples: 32 })).toBeCloseTo(1333.333, 3);
    expect(examplesPerSec([], { ms: 250, examples: 100 })).toBe(400);
  });

  it('stays finite for a batch that took no measurable time', () => {
    expect(examplesPerSec([], { ms: 0, examples: 3 })).toBe(3_000_000);
  });
});
