/**
 * The time-boxed start-up test on real backends in Node (cpu, and wasm loaded from node_modules):
 * a candidate slower than its budget loses, its abandoned step frees every tensor once it settles,
 * and neither a late step nor a late backend start disturbs the backend chosen meanwhile.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainingFlopsPerExample } from '../core/flops';
import type { ModelSpec } from '../core/modelSpec';
import type { BackendName } from '../protocol/messages';
import { chooseBackend } from './backendChoice';
import { loadWasmFrom, startBackendWithin, switchBackend } from './backends';
import { timeBackend, type MakeStepper } from './timedProbe';
import { Trainer } from './trainer';

loadWasmFrom(fileURLToPath(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));

/** Trains in a few milliseconds on either backend. */
const TINY: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 4, kernelSize: 3, stride: 2, padding: 'valid', activation: 'relu' },
    { kind: 'flatten' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

const HEAVY: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 256, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'conv2d', filters: 256, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'conv2d', filters: 256, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'flatten' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real trainer whose steps take `delayMs` longer on the backends listed (the step's tensors stay alive meanwhile). */
function slowOn(backends: string[], delayMs: number): MakeStepper {
  return (spec, examples) => {
    const slow = backends.includes(tf.getBackend());
    const trainer = new Trainer(spec, 1, 'adam', 1e-3);
    const images = new Uint8Array(examples * 784).fill(255);
    const split = { images, labels: new Uint8Array(examples), count: examples };
    const indices = Array.from({ length: examples }, (_, i) => i);
    return {
      step: async () => {
        const metrics = trainer.stepAsync(split, indices);
        try {
          if (slow) await sleep(delayMs);
          return await metrics.data();
        } finally {
          metrics.dispose();
        }
      },
      dispose: () => trainer.dispose(),
    };
  };
}

beforeAll(async () => {
  expect(await switchBackend('cpu')).toBe(true);
});

describe('chooseBackend, time-boxed', () => {
  it('drops a candidate with no step within its budget, frees its tensors once the step settles, and trains on the winner', async () => {
    const baseline = tf.memory().numTensors;
    // cpu first: once wasm has started, the cpu backend is not timed at all.
    const choice = await chooseBackend('auto', 'worker', ['cpu', 'wasm'], TINY, 16, {
      budgetsMs: { cpu: 200, wasm: 2000 },
      makeStepper: slowOn(['cpu'], 600),
    });
    expect(choice?.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice?.probes[0]).toMatchObject({
      backend: 'cpu',
      examplesPerSec: null,
      error: 'no step within 0.2 s',
      overBudgetMs: 200,
    });
    expect(choice?.probes[1]!.examplesPerSec).toBeGreaterThan(0);
    expect(choice?.reason).toMatch(
      /^wasm trained fastest in a start-up test \(cpu: no step within 0\.2 s, wasm: [\d,.]+ examples\/s\)\.$/,
    );
    // The abandoned cpu step still holds its model until it settles.
    expect(tf.memory().numTensors).toBeGreaterThan(baseline);

    // Training on the winner while the abandoned step is still running is not disturbed by it.
    const trainer = new Trainer(TINY, 3, 'adam', 1e-3);
    const split = { images: new Uint8Array(8 * 784).fill(128), labels: new Uint8Array(8).fill(3), count: 8 };
    const { loss } = await trainer.step(split, [0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Number.isFinite(loss)).toBe(true);
    trainer.dispose();

    await choice!.settled;
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.memory().numTensors).toBe(baseline);
    await switchBackend('cpu');
  });

  it('takes the first that started, by rule, when no candidate had a step in time', async () => {
    const baseline = tf.memory().numTensors;
    const choice = await chooseBackend('auto', 'worker', ['cpu', 'wasm'], TINY, 16, {
      budgetsMs: { cpu: 200, wasm: 200 },
      makeStepper: slowOn(['wasm', 'cpu'], 500),
    });
    expect(choice?.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(choice?.probes.map((p) => p.error)).toEqual(['no step within 0.2 s', 'no step within 0.2 s']);
    expect(choice?.reason).toMatch(/^cpu was the first to start: no backend finished a training step within/);
    await choice!.settled;
    expect(tf.memory().numTensors).toBe(baseline);
    await switchBackend('cpu');
  });
});

describe('timeBackend', () => {
  it('times real steps within the budget and leaves no tensor behind', async () => {
    const baseline = tf.memory().numTensors;
    const flopsPerExample = trainingFlopsPerExample(TINY);
    const started = performance.now();
    const timed = await timeBackend('cpu', TINY, { budgetMs: 1500, examples: 32, flopsPerExample, toBeat: 0 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(timed.started).toBe(true);
    expect(timed.probe).toMatchObject({ backend: 'cpu', examples: 32, flopsPerExample });
    expect(timed.probe.examplesPerSec).toBeGreaterThan(0);
    await timed.settled;
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('does not start a step of a synchronous backend that could not end within the budget', async () => {
    const flopsPerExample = trainingFlopsPerExample(HEAVY); // 5.6 GFLOP: seconds on the cpu backend
    const started = performance.now();
    const timed = await timeBackend('cpu', HEAVY, { budgetMs: 500, examples: 1, flopsPerExample, toBeat: 0 });
    expect(performance.now() - started).toBeLessThan(200);
    expect(timed.probe).toMatchObject({
      examplesPerSec: null,
      error: 'too slow to time within 0.5 s',
      overBudgetMs: 500,
    });
    expect(timed.started).toBe(true);
  });

  it('reports the speed of a synchronous step that ended late, without counting it', async () => {
    const busy: MakeStepper = () => ({
      step: () => {
        const end = performance.now() + 300;
        while (performance.now() < end); // A kernel that blocks the thread: it cannot be abandoned.
        return Promise.resolve();
      },
      dispose: () => {},
    });
    const limits = { budgetMs: 100, examples: 2, flopsPerExample: 1000, toBeat: 0 };
    const timed = await timeBackend('cpu', TINY, limits, busy);
    expect(timed.probe).toMatchObject({ examplesPerSec: null, error: 'no step within 0.1 s (one took 0.3 s)' });
    expect(timed.probe.lateExamplesPerSec).toBeGreaterThan(5);
    expect(timed.probe.lateExamplesPerSec).toBeLessThanOrEqual(2 / 0.3);
  });
});

describe('startBackendWithin', () => {
  it('gives up on a backend slow to start, and its late start changes nothing', async () => {
    let finish = (_backend: tf.KernelBackend) => {};
    const late = 'lateStart' as BackendName;
    tf.registerBackend(late, () => new Promise<tf.KernelBackend>((resolve) => (finish = resolve)));
    expect(await startBackendWithin(late, 30)).toBe('late');
    // Other backends' operations are not blocked by the pending start.
    expect(tf.getBackend()).toBe('cpu');
    expect(await tf.add(tf.scalar(1), tf.scalar(2)).data()).toEqual(new Float32Array([3]));
    finish(tf.findBackend('cpu')!);
    await sleep(10);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.engine().registry[late]).toBeUndefined();
    tf.removeBackend(late);
  });

  it('says a backend that fails to start failed', async () => {
    const broken = 'brokenStart' as BackendName;
    tf.registerBackend(broken, () => Promise.reject(new Error('no')));
    expect(await startBackendWithin(broken, 1000)).toBe('failed');
    expect(tf.getBackend()).toBe('cpu');
    tf.removeBackend(broken);
  });
});
