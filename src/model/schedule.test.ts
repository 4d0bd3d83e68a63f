import { describe, expect, it } from 'vitest';
import { batchesPerEpoch, batchIndices, decayedLearningRate, evaluationDue, snapshotDue } from './schedule';

describe('schedule', () => {
  it('counts a short last batch as a batch', () => {
    expect(batchesPerEpoch(1000, 64)).toBe(16);
    expect(batchesPerEpoch(1024, 64)).toBe(16);
    expect(batchesPerEpoch(1025, 64)).toBe(17);
  });

  it('decays the learning rate by a fraction of an epoch too', () => {
    const config = { learningRate: 0.004, lrDecayPerEpoch: 0.5 };
    expect(decayedLearningRate(config, 0, 16)).toBe(0.004);
    expect(decayedLearningRate(config, 8, 16)).toBe(0.004 * 0.5 ** 0.5);
    expect(decayedLearningRate(config, 32, 16)).toBe(0.001);
    expect(decayedLearningRate({ learningRate: 0.01, lrDecayPerEpoch: 1 }, 123, 16)).toBe(0.01);
  });

  it("slices a batch's indices out of the epoch's order, the last one short", () => {
    const order = Uint32Array.from([9, 8, 7, 6, 5, 4, 3]);
    expect([...batchIndices(order, 0, 3)]).toEqual([9, 8, 7]);
    expect([...batchIndices(order, 1, 3)]).toEqual([6, 5, 4]);
    expect([...batchIndices(order, 2, 3)]).toEqual([3]);
  });

  it('makes a snapshot due once the interval has passed, never when snapshots are off', () => {
    expect(snapshotDue(100, -Infinity, 500)).toBe(true);
    expect(snapshotDue(599, 100, 500)).toBe(false);
    expect(snapshotDue(600, 100, 500)).toBe(true);
    expect(snapshotDue(600, -Infinity, 0)).toBe(false);
  });

  it('evaluates every evalEverySteps steps, never when it is 0', () => {
    expect(evaluationDue(10, 5)).toBe(true);
    expect(evaluationDue(11, 5)).toBe(false);
    expect(evaluationDue(10, 0)).toBe(false);
  });
});
