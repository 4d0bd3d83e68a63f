import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import {
  BASE_URL,
  config,
  contextLoss,
  createEngine,
  data,
  readyEngine,
  registerEngineHooks,
  type Harness,
} from './engine.test-helpers';
import { Trainer } from './trainer';

registerEngineHooks();

describe('Engine watchdog', () => {
  it('stops with advice, instead of waiting forever, when a step never finishes, and keeps the model', async () => {
    const h = createEngine({ stepTimeoutMs: 150 });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config() });
    const realStep = Trainer.prototype.step;
    let calls = 0;
    const hang = vi.spyOn(Trainer.prototype, 'step').mockImplementation(function (this: Trainer, split, indices) {
      return ++calls === 1 ? realStep.call(this, split, indices) : new Promise(() => {}); // a GPU that stops answering
    });
    try {
      await h.engine.handle({ type: 'start' });
      await h.settles('error');
      expect(h.of('batch')).toHaveLength(1);
      expect(h.of('error').at(-1)!.message).toBe(
        'Training stopped: step 2 took more than 0.2 s on the cpu backend, so it has stopped answering (on a GPU: a lost WebGL context or a driver problem). Reload the page with ?backend=wasm in the address to train on the CPU instead.',
      );
    } finally {
      hang.mockRestore();
    }
    await h.engine.handle({ type: 'predict', pixels: new Float32Array(784) });
    expect(h.of('prediction')).toHaveLength(1);
  });
});

describe('Engine after a lost WebGL context', () => {
  /** The probabilities the model gives a fixed image: equal only if the weights are. */
  async function answer(h: Harness): Promise<Float32Array> {
    const pixels = Float32Array.from(data.test.images.subarray(0, 784), (v) => v / 255);
    const count = h.of('prediction').length;
    await h.engine.handle({ type: 'predict', pixels });
    await h.waitFor(() => h.of('prediction').length > count, 'a prediction');
    return h.of('prediction').at(-1)!.layers.at(-1)!.activations;
  }

  it('stops, moves to another backend with the weights it had, paused, and resumes from the same step', async () => {
    const h = await readyEngine({ epochs: 50 });
    for (let i = 0; i < 3; i++) await h.engine.handle({ type: 'step' });
    const before = await answer(h);
    const tensors = tf.memory().numTensors;

    contextLoss.listener!();
    await h.waitFor(() => h.of('backendLost').length === 1, 'the loss to be reported');
    expect(h.of('backendLost')[0]!.message).toBe(
      "The GPU's WebGL context was lost (the GPU was reset, or the browser took it back for another page). Training stopped at step 3 and moved to the cpu backend with the weights from step 3; the optimizer's running averages start afresh. Press Resume to go on.",
    );
    expect(h.of('backendLost')[0]!.restored).toMatchObject({ step: 3, epoch: 1, batch: 2, examplesSeen: 192 });
    expect(h.of('backend').at(-1)!.reason).toBe('cpu took over when the cpu backend was lost.');
    expect(h.state()).toBe('paused');
    expect(Array.from(await answer(h))).toEqual(Array.from(before));

    await h.engine.handle({ type: 'step' });
    expect(h.of('batch').at(-1)).toMatchObject({ step: 4, examplesSeen: 256 });
    expect(Number.isFinite(h.of('batch').at(-1)!.loss)).toBe(true);
    // The lost model and optimizer were freed; the new optimizer's state is back once it has stepped.
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('gives up on a step that will never finish the moment the context is lost, long before the watchdog', async () => {
    const h = createEngine({ stepTimeoutMs: 60_000 });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config({ epochs: 50 }) });
    const realStep = Trainer.prototype.step;
    let calls = 0;
    const hang = vi.spyOn(Trainer.prototype, 'step').mockImplementation(function (this: Trainer, split, indices) {
      return ++calls <= 2 ? realStep.call(this, split, indices) : new Promise(() => {}); // a read from a dead GPU
    });
    try {
      await h.engine.handle({ type: 'start' });
      await h.waitFor(() => calls === 3, 'the third step to start');
      const lostAt = performance.now();
      contextLoss.listener!();
      await h.waitFor(() => h.of('backendLost').length === 1, 'the loss to be reported', 2_000);
      expect(performance.now() - lostAt).toBeLessThan(2_000);
    } finally {
      hang.mockRestore();
    }
    // The first step took a checkpoint (the next is due 2 s later): training goes back to it.
    expect(h.of('backendLost')[0]!.message).toContain('during step 3 (');
    expect(h.of('backendLost')[0]!.message).toContain(
      'Training stopped at step 2 and moved to the cpu backend with the weights from step 1;',
    );
    expect(h.of('backendLost')[0]!.restored.step).toBe(1);
    expect(h.state()).toBe('paused');
    expect(h.of('error')).toHaveLength(0);
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch').at(-1)).toMatchObject({ step: 2, examplesSeen: 128 });
  });
});
