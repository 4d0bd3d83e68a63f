import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import type { BatchMetrics } from '../protocol/messages';
import { INITIAL_VIEW, type BackendInfo, type TrainerView } from './trainerView';
import { measuredSpeed } from './measuredSpeed';

const WASM: BackendInfo = {
  backend: 'wasm',
  thread: 'worker',
  reason: '',
  floatPrecision: 32,
  probes: [
    { backend: 'wasm', examplesPerSec: 1712, examples: 64, flopsPerExample: 1_935_360 },
    { backend: 'cpu', examplesPerSec: 91, examples: 64, flopsPerExample: 1_935_360 },
  ],
};

const BATCH: BatchMetrics = {
  epoch: 0,
  batch: 3,
  batchesPerEpoch: 938,
  step: 4,
  loss: 2.1,
  accuracy: 0.2,
  learningRate: 0.001,
  examplesSeen: 256,
  examplesPerSec: 2950,
  elapsedMs: 87,
};

function view(changes: Partial<TrainerView>): TrainerView {
  return { ...INITIAL_VIEW, ...changes };
}

describe('measuredSpeed', () => {
  it('is unknown until a backend is chosen', () => {
    expect(measuredSpeed(INITIAL_VIEW, DEFAULT_SPEC)).toBeNull();
  });

  it("takes the chosen backend's start-up test, with the FLOPs of the network it timed", () => {
    expect(measuredSpeed(view({ backend: WASM }), DEFAULT_SPEC)).toEqual({
      backend: 'wasm',
      examplesPerSec: 1712,
      flopsPerExample: 1_935_360,
      source: 'start-up test',
    });
  });

  it('falls back on a late step of the chosen backend, and on nothing when it was not timed', () => {
    const late: BackendInfo = {
      ...WASM,
      probes: [{ backend: 'wasm', examplesPerSec: null, lateExamplesPerSec: 0.3, flopsPerExample: 5.6e9, examples: 1 }],
    };
    expect(measuredSpeed(view({ backend: late }), DEFAULT_SPEC)?.examplesPerSec).toBe(0.3);
    expect(measuredSpeed(view({ backend: { ...WASM, probes: [] } }), DEFAULT_SPEC)).toBeNull();
  });

  it('prefers the live speed of training, measured on the network being trained', () => {
    expect(measuredSpeed(view({ backend: WASM, lastBatch: BATCH }), DEFAULT_SPEC)).toEqual({
      backend: 'wasm',
      examplesPerSec: 2950,
      flopsPerExample: 1_935_360,
      source: 'training',
    });
  });
});
