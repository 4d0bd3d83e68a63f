import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../core/random';
import {
  batchesPerEpoch,
  batchIndices,
  decayedLearningRate,
  evaluationDue,
  extendOrder,
  snapshotDue,
} from './schedule';

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

describe('extendOrder', () => {
  it('makes a permutation of the images that have arrived, and keeps what was trained', () => {
    const order = new Uint32Array(20);
    extendOrder(order, 0, 0, 6, mulberry32(1));
    expect([...order.subarray(0, 6)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
    const trained = [...order.subarray(0, 4)];
    extendOrder(order, 4, 6, 20, mulberry32(2));
    expect([...order.subarray(0, 4)]).toEqual(trained);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('mixes the untrained images with the new ones rather than queueing the new ones last', () => {
    const order = new Uint32Array(1_000);
    extendOrder(order, 0, 0, 100, mulberry32(3));
    extendOrder(order, 50, 100, 1_000, mulberry32(4));
    // The 50 images left over from the first 100 are spread over the 950 places, not kept in front.
    const placesOfOld = [...order.subarray(50)].flatMap((image, i) => (image < 100 ? [i] : []));
    expect(placesOfOld).toHaveLength(50);
    expect(Math.max(...placesOfOld)).toBeGreaterThan(600);
  });
});
