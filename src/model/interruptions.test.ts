import { describe, expect, it } from 'vitest';
import { backendLostEvent, contextLostMessage, stepTimeoutMessage } from './interruptions';
import { startOfTraining } from './runState';

describe('stepTimeoutMessage', () => {
  it('names the step, the limit in seconds to one decimal, the backend and the way out', () => {
    expect(stepTimeoutMessage(2, 150, 'cpu')).toBe(
      'Training stopped: step 2 took more than 0.2 s on the cpu backend, so it has stopped answering (on a GPU: a lost WebGL context or a driver problem). Reload the page with ?backend=wasm in the address to train on the CPU instead.',
    );
    expect(stepTimeoutMessage(1, 60_000, 'webgl')).toMatch(
      /^Training stopped: step 1 took more than 60 s on the webgl backend,/,
    );
  });
});

describe('contextLostMessage', () => {
  it('names the step in flight only while training runs', () => {
    expect(contextLostMessage(7)).toBe(
      "The GPU's WebGL context was lost during step 7 (the GPU was reset, or the browser took it back for another page).",
    );
    expect(contextLostMessage(null)).toBe(
      "The GPU's WebGL context was lost (the GPU was reset, or the browser took it back for another page).",
    );
  });
});

describe('backendLostEvent', () => {
  it('reports the restored checkpoint as its last batch: epoch from 1, the batch index within it', () => {
    const restored = { epoch: 1, batch: 3, step: 7, examplesSeen: 448, elapsedMs: 2_500, order: null, orderFilled: 0 };
    expect(backendLostEvent('Lost.', 9, 'wasm', restored)).toEqual({
      type: 'backendLost',
      message:
        "Lost. Training stopped at step 9 and moved to the wasm backend with the weights from step 7; the optimizer's running averages start afresh. Press Resume to go on.",
      restored: { epoch: 2, batch: 2, step: 7, examplesSeen: 448, elapsedMs: 2_500 },
    });
  });

  it('says the initial weights are kept and Train goes on when no step was checkpointed', () => {
    const event = backendLostEvent('Lost.', 1, 'cpu', startOfTraining());
    expect(event.message).toBe(
      "Lost. Training stopped at step 1 and moved to the cpu backend with its initial weights; the optimizer's running averages start afresh. Press Train to go on.",
    );
    expect(event.restored).toEqual({ epoch: 1, batch: -1, step: 0, examplesSeen: 0, elapsedMs: 0 });
  });
});
