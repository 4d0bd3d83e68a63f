import { describe, expect, it } from 'vitest';
import {
  estimateSpeed,
  formatDuration,
  formatRate,
  slowEpochWarning,
  SLOW_EPOCH_SECONDS,
  type MeasuredSpeed,
} from './trainingEstimate';

/** 1,700 examples/s of the default network (1,935,360 FLOPs each): about 3.3 GFLOP/s. */
const DEFAULT_ON_WASM: MeasuredSpeed = {
  backend: 'wasm',
  examplesPerSec: 1700,
  flopsPerExample: 1_935_360,
  source: 'start-up test',
};

describe('estimateSpeed', () => {
  it('scales the measured examples/s by the ratio of FLOPs per example', () => {
    // Same FLOP/s: 1,700 × 1,935,360 / 5,571,944,448 = 0.590478… examples/s; 60,000 examples take 101,612.5 s.
    const estimate = estimateSpeed(DEFAULT_ON_WASM, 5_571_944_448, 60_000)!;
    expect(estimate.examplesPerSec).toBeCloseTo(0.590478, 6);
    expect(estimate.secondsPerEpoch).toBeCloseTo(101_612.55, 1);
    // A network half as heavy trains twice as fast: 3,400 examples/s, 60,000 in 17.6 s.
    const half = estimateSpeed(DEFAULT_ON_WASM, 967_680, 60_000)!;
    expect(half.examplesPerSec).toBe(3400);
    expect(half.secondsPerEpoch).toBeCloseTo(17.647, 3);
  });

  it('gives nothing without a measurement or with unknown FLOPs', () => {
    expect(estimateSpeed(null, 1e6, 60_000)).toBeNull();
    expect(estimateSpeed(DEFAULT_ON_WASM, 0, 60_000)).toBeNull();
    expect(estimateSpeed({ ...DEFAULT_ON_WASM, flopsPerExample: 0 }, 1e6, 60_000)).toBeNull();
    expect(estimateSpeed({ ...DEFAULT_ON_WASM, examplesPerSec: Number.NaN }, 1e6, 60_000)).toBeNull();
  });
});

describe('slowEpochWarning', () => {
  it('warns, with what to do, when an epoch would take more than an hour', () => {
    expect(SLOW_EPOCH_SECONDS).toBe(3600);
    const estimate = estimateSpeed(DEFAULT_ON_WASM, 5_571_944_448, 60_000);
    expect(slowEpochWarning(estimate, 'wasm')).toBe(
      'This network needs about 28 hours per epoch here (about 0.59 examples/s on wasm): to train it in ' +
        'minutes, use fewer filters or units, pool or stride earlier so that later layers work on smaller maps, ' +
        'or train on fewer images.',
    );
  });

  it('says nothing up to an hour per epoch, or without an estimate', () => {
    expect(slowEpochWarning({ examplesPerSec: 16.7, secondsPerEpoch: 3600 }, 'wasm')).toBeNull();
    expect(slowEpochWarning({ examplesPerSec: 16.6, secondsPerEpoch: 3601 }, 'cpu')).toMatch(
      /^This network needs about 60 minutes per epoch here \(about 17 examples\/s on cpu\)/,
    );
    expect(slowEpochWarning(null, 'wasm')).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [0.2, 'about 1 s'],
    [40.4, 'about 40 s'],
    [89, 'about 89 s'],
    [90, 'about 2 minutes'],
    [720, 'about 12 minutes'],
    [5399, 'about 90 minutes'],
    [5400, 'about 1.5 hours'],
    [11_880, 'about 3.3 hours'],
    [101_613, 'about 28 hours'],
    [172_800, 'about 2 days'],
  ])('writes %d s as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatRate', () => {
  it.each([
    [4512.4, '4,512'],
    [100, '100'],
    [37.4, '37'],
    [0.590474, '0.59'],
  ])('writes %d examples/s as %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });
});
