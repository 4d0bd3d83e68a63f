import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import type { MnistData } from '../data/mnist';
import { realMnistSplit } from '../data/mnistFixture';
import { Engine, type DataLoader } from './engine';
import { Trainer } from './trainer';

// Node has no WebGL: the tests lose "the context" by calling the listener the engine registers.
const contextLoss = vi.hoisted(() => ({ listener: null as (() => void) | null }));
vi.mock('./backends', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./backends')>()),
  onWebglContextLost: (listener: () => void) => {
    contextLoss.listener = listener;
    return true;
  },
}));
import type { ModelFilePart } from '../data/modelFile';
import type { BackendName, EngineState, TrainConfig, TrainerEvent } from '../protocol/messages';

const PIXELS = 28 * 28;
const BASE_URL = 'http://x/';

/** Small enough that a batch of 64 trains in milliseconds on the cpu backend. */
const TINY_SPEC: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 4, kernelSize: 3, stride: 2, padding: 'valid', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

/** 256 training digits in batches of 64: every epoch is 4 batches. */
function config(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    spec: TINY_SPEC,
    optimizer: 'adam',
    learningRate: 0.01,
    lrDecayPerEpoch: 1,
    batchSize: 64,
    epochs: 3,
    trainSize: 256,
    seed: 42,
    snapshotIntervalMs: 0,
    evalEverySteps: 0,
    ...overrides,
  };
}

let data: MnistData;

beforeAll(async () => {
  data = { train: realMnistSplit('trainImages', 'trainLabels', 256), test: realMnistSplit('testImages', 'testLabels', 200) };
  await tf.setBackend('cpu');
});

type EventOf<T extends TrainerEvent['type']> = Extract<TrainerEvent, { type: T }>;

interface Harness {
  engine: Engine;
  events: TrainerEvent[];
  /** Recorded events of one type, in order. */
  of<T extends TrainerEvent['type']>(type: T): EventOf<T>[];
  /** The state the engine last announced. */
  state(): EngineState | undefined;
  /** Resolves once `predicate` holds for the recorded events; fails after `timeoutMs`. */
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Resolves once at least `count` batch events have arrived. */
  batches(count: number): Promise<void>;
  /** Resolves once the engine announces `state`. */
  settles(state: EngineState): Promise<void>;
}

const engines: Engine[] = [];

afterEach(async () => {
  // Every engine stops (disposing its model) so that tensor counts start clean in the next test.
  for (const engine of engines.splice(0)) await engine.handle({ type: 'stop' });
  await tf.setBackend('cpu');
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function createEngine(options: { thread?: 'worker' | 'main'; loadData?: DataLoader; stepTimeoutMs?: number } = {}): Harness {
  const events: TrainerEvent[] = [];
  const loadData: DataLoader = async (_baseUrl, onProgress) => {
    onProgress({ loadedBytes: 5, totalBytes: 10 });
    onProgress({ loadedBytes: 10, totalBytes: 10 });
    return data;
  };
  const engine = new Engine({
    thread: options.thread ?? 'worker',
    candidates: ['cpu'],
    emit: (event) => events.push(event),
    loadData: options.loadData ?? loadData,
    stepTimeoutMs: options.stepTimeoutMs,
  });
  engines.push(engine);
  const of = <T extends TrainerEvent['type']>(type: T) => events.filter((e): e is EventOf<T> => e.type === type);
  const state = () => of('state').at(-1)?.state;
  const waitFor = async (predicate: () => boolean, what: string, timeoutMs = 20_000) => {
    const deadline = performance.now() + timeoutMs;
    while (!predicate()) {
      if (performance.now() > deadline) {
        const seen = events.map((e) => (e.type === 'state' ? `state:${e.state}` : e.type)).join(', ');
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Events: ${seen}`);
      }
      await delay(5);
    }
  };
  return {
    engine,
    events,
    of,
    state,
    waitFor,
    batches: (count) => waitFor(() => of('batch').length >= count, `${count} batch events`),
    settles: (target) => waitFor(() => state() === target, `state ${target}`),
  };
}

/** An engine that has loaded the data and built its model, idle and ready to train. */
async function readyEngine(overrides: Partial<TrainConfig> = {}, backend: BackendName | 'auto' = 'cpu'): Promise<Harness> {
  const harness = createEngine();
  await harness.engine.handle({ type: 'init', baseUrl: BASE_URL, backend, config: config(overrides) });
  expect(harness.state()).toBe('idle');
  return harness;
}

describe('Engine start-up', () => {
  it('reports data progress, the data, the fastest backend with its probes, then goes idle', async () => {
    const h = createEngine();
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'auto', config: config() });

    expect(h.of('dataProgress').at(-1)).toEqual({ type: 'dataProgress', loadedBytes: 10, totalBytes: 10 });
    const [ready] = h.of('dataReady');
    expect(ready).toMatchObject({ trainCount: 256, testCount: 200 });
    expect(ready!.loadMs).toBeGreaterThanOrEqual(0);

    const backends = h.of('backend');
    expect(backends).toHaveLength(1);
    const backend = backends[0]!;
    expect(backend).toMatchObject({ backend: 'cpu', thread: 'worker', floatPrecision: 32 });
    expect(backend.probes).toHaveLength(1);
    expect(backend.probes[0]!.backend).toBe('cpu');
    expect(backend.probes[0]!.examplesPerSec).toBeGreaterThan(0);
    expect(backend.reason).toMatch(/^cpu trained fastest in a start-up test \(cpu: [\d,]+ examples\/s\)\.$/);

    // Idle comes last, once both the data and the backend are ready, with the model's tensors alive.
    const last = h.events.at(-1)!;
    expect(last).toMatchObject({ type: 'state', state: 'idle' });
    expect((last as EventOf<'state'>).numTensors).toBeGreaterThan(0);
    expect(h.of('state').map((e) => e.state)).toEqual(['idle']);
  });

  it('names the URL parameter when the backend is forced, without timing any', async () => {
    const h = await readyEngine({}, 'cpu');
    const [backend] = h.of('backend');
    expect(backend!.backend).toBe('cpu');
    expect(backend!.reason).toContain('?backend=cpu');
    expect(backend!.probes).toEqual([]);
  });

  it('says a forced backend is unavailable in a worker, so the page can fall back to the main thread', async () => {
    const h = createEngine({ thread: 'worker' });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'webgl', config: config() });
    const unavailable = h.of('unavailable');
    expect(unavailable).toHaveLength(1);
    expect(unavailable[0]!.reason).toMatch(/webgl.*Web Worker/);
    expect(h.of('backend')).toEqual([]);
    expect(h.state()).toBeUndefined();
  });

  it('falls back to the fastest backend on the main thread when the forced one cannot start', async () => {
    const h = createEngine({ thread: 'main' });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'webgl', config: config() });
    const [backend] = h.of('backend');
    expect(backend).toMatchObject({ backend: 'cpu', thread: 'main' });
    expect(backend!.reason).toMatch(/^webgl could not start here, so cpu trained fastest/);
    expect(backend!.probes.map((p) => p.backend)).toEqual(['cpu']);
    expect(h.of('unavailable')).toEqual([]);
    expect(h.state()).toBe('idle');
  });

  it('reports a data loading failure as an error and stays in the error state', async () => {
    const h = createEngine({ loadData: () => Promise.reject(new Error('boom')) });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config() });
    expect(h.of('error').map((e) => e.message)).toEqual(['boom']);
    expect(h.state()).toBe('error');

    await h.engine.handle({ type: 'start' });
    await h.engine.handle({ type: 'reset' });
    expect(h.of('batch')).toEqual([]);
    expect(h.state()).toBe('error');
  });
});

describe('Engine training', () => {
  it('trains epochs of 4 batches, evaluates after each without leaking, and finishes as done', async () => {
    const h = await readyEngine({ epochs: 3 });
    await h.engine.handle({ type: 'start' });
    expect(h.state()).toBe('training');
    await h.settles('done');

    const batches = h.of('batch');
    expect(batches.map((b) => b.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(batches.map((b) => b.examplesSeen)).toEqual(batches.map((b) => b.step * 64));
    expect(batches.map((b) => b.batch)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
    expect(batches.map((b) => b.epoch)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(batches.every((b) => b.batchesPerEpoch === 4)).toBe(true);
    expect(batches.every((b) => Number.isFinite(b.loss) && b.examplesPerSec > 0)).toBe(true);
    const elapsed = batches.map((b) => b.elapsedMs);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));

    const evaluations = h.of('evaluation');
    expect(evaluations.map((e) => [e.epoch, e.step, e.atEpochEnd])).toEqual([
      [1, 4, true],
      [2, 8, true],
      [3, 12, true],
    ]);
    // Each evaluation follows the last batch of its epoch.
    evaluations.forEach((evaluation) => {
      const previous = h.events[h.events.indexOf(evaluation) - 1];
      expect(previous).toMatchObject({ type: 'batch', step: evaluation.step });
    });
    // The same live tensors at every epoch end: nothing leaks per batch or per evaluation.
    expect(new Set(evaluations.map((e) => e.numTensors)).size).toBe(1);
    expect(evaluations.at(-1)!.testAccuracy).toBeGreaterThan(0.3);
    expect(evaluations.at(-1)!.testAccuracy).toBeGreaterThan(evaluations[0]!.testAccuracy);
    // The confusion matrix counts every test image once, its diagonal the correct ones.
    for (const { confusion, testAccuracy } of evaluations) {
      expect(confusion.reduce((a, b) => a + b, 0)).toBe(200);
      const diagonal = Array.from({ length: 10 }, (_, c) => confusion[c * 11]!).reduce((a, b) => a + b, 0);
      expect(diagonal / 200).toBeCloseTo(testAccuracy, 10);
      Array.from({ length: 10 }, (_, label) => {
        const row = confusion.slice(label * 10, label * 10 + 10).reduce((a, b) => a + b, 0);
        expect(row).toBe(data.test.labels.filter((l) => l === label).length);
      });
    }
    expect(evaluations.at(-1)!.testLoss).toBeLessThan(batches[0]!.loss);
    expect(h.events.at(-1)).toMatchObject({ type: 'state', state: 'done' });

    // Done means done: only a reset trains again.
    await h.engine.handle({ type: 'start' });
    await delay(50);
    expect(h.of('batch')).toHaveLength(12);
    expect(h.state()).toBe('done');
  });

  it('pauses between batches and resumes from the same step', async () => {
    const h = await readyEngine({ epochs: 50 });
    await h.engine.handle({ type: 'start' });
    await h.batches(2);
    await h.engine.handle({ type: 'pause' });
    expect(h.state()).toBe('paused');
    const count = h.of('batch').length;
    await delay(300);
    expect(h.of('batch')).toHaveLength(count);

    await h.engine.handle({ type: 'resume' });
    expect(h.state()).toBe('training');
    await h.batches(count + 1);
    expect(h.of('batch')[count]!.step).toBe(count + 1);
    expect(h.of('batch')[count]!.examplesSeen).toBe((count + 1) * 64);
  });

  it('trains exactly one batch per step command and then waits, paused', async () => {
    const h = await readyEngine();
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch').map((b) => [b.step, b.epoch, b.batch, b.examplesSeen])).toEqual([[1, 1, 0, 64]]);
    expect(h.state()).toBe('paused');
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch').map((b) => b.step)).toEqual([1, 2]);
    expect(h.state()).toBe('paused');
  });

  it('restarts from step 1 with freshly initialised weights after a reset', async () => {
    const h = await readyEngine({ epochs: 50 });
    await h.engine.handle({ type: 'start' });
    await h.batches(3);
    await h.engine.handle({ type: 'reset' });
    expect(h.state()).toBe('idle');
    const before = h.of('batch').length;

    await h.engine.handle({ type: 'step' });
    const [first, afterReset] = [h.of('batch')[0]!, h.of('batch')[before]!];
    expect(afterReset).toMatchObject({ step: 1, epoch: 1, batch: 0, examplesSeen: 64 });
    // Same seed, same first batch, same initial weights: the very same loss as the first run's.
    expect(afterReset.loss).toBe(first.loss);
  });

  it('frees every tensor on stop and trains a fresh model from step 1 on the next start', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const h = await readyEngine({ epochs: 50 });
    await h.engine.handle({ type: 'start' });
    await h.batches(2);
    await h.engine.handle({ type: 'stop' });
    expect(tf.memory().numTensors).toBe(before);
    expect(h.events.at(-1)).toEqual({ type: 'state', state: 'idle', numTensors: before });

    const count = h.of('batch').length;
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch')[count]).toMatchObject({ step: 1, examplesSeen: 64 });
  });

  it('uses the whole training set in each step when the batch is larger than it: one step per epoch', async () => {
    const h = await readyEngine({ batchSize: 1024, trainSize: 100, epochs: 2 });
    await h.engine.handle({ type: 'start' });
    await h.settles('done');
    expect(h.of('batch').map((b) => [b.step, b.epoch, b.batch, b.batchesPerEpoch, b.examplesSeen])).toEqual([
      [1, 1, 0, 1, 100],
      [2, 2, 0, 1, 200],
    ]);
    expect(h.of('evaluation').map((e) => e.atEpochEnd)).toEqual([true, true]);
  });

  it('stops mid-epoch at once, leaking nothing, and pauses there when asked instead', async () => {
    const before = tf.memory().numTensors;
    const h = await readyEngine({ batchSize: 16, epochs: 50 }); // 16 batches an epoch
    await h.engine.handle({ type: 'start' });
    await h.batches(5);
    await h.engine.handle({ type: 'pause' });
    const paused = h.of('batch').at(-1)!;
    expect(paused.batch).toBeLessThan(paused.batchesPerEpoch - 1);
    expect(h.of('evaluation')).toHaveLength(0);
    await h.engine.handle({ type: 'stop' });
    expect(tf.memory().numTensors).toBe(before);
    expect(h.state()).toBe('idle');
  });

  it('stops with a clear error when the loss blows up, and trains again after a reset', async () => {
    // 1e30 overflows float32 weights within one SGD step, so the second loss is NaN.
    const h = await readyEngine({ optimizer: 'sgd', learningRate: 1e30, epochs: 50 });
    await h.engine.handle({ type: 'start' });
    await h.settles('error');
    const [error] = h.of('error');
    expect(error!.message).toContain('learning rate');
    expect(error!.message).toContain('Reset');
    expect(error!.message).toContain('NaN');
    expect(h.of('batch').every((b) => Number.isFinite(b.loss))).toBe(true);

    // Nothing trains from the error state until a reset.
    const count = h.of('batch').length;
    await h.engine.handle({ type: 'start' });
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch')).toHaveLength(count);
    expect(h.state()).toBe('error');

    await h.engine.handle({ type: 'reset', config: { learningRate: 0.01 } });
    expect(h.state()).toBe('idle');
    await h.engine.handle({ type: 'step' });
    await h.engine.handle({ type: 'step' });
    const after = h.of('batch').slice(count);
    expect(after.map((b) => b.step)).toEqual([1, 2]);
    expect(after.every((b) => Number.isFinite(b.loss))).toBe(true);
    expect(h.state()).toBe('paused');
  });

  it('recognises any 28×28 image on request, with the activations of every layer', async () => {
    const h = await readyEngine();
    const pixels = new Float32Array(784);
    for (let r = 4; r < 24; r++) pixels[r * 28 + 14] = 1; // a vertical stroke, like a 1
    await h.engine.handle({ type: 'predict', pixels });
    const [prediction] = h.of('prediction');
    expect(Array.from(prediction!.input)).toEqual(Array.from(pixels));
    const probabilities = prediction!.layers.at(-1)!.activations;
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    await h.engine.handle({ type: 'predict', pixels: new Float32Array(5) });
    expect(h.of('error').at(-1)!.message).toBe('A digit to recognise needs 784 pixels (28×28), not 5.');
  });

  it('decays the learning rate smoothly by the given factor per epoch', async () => {
    const h = await readyEngine({ learningRate: 0.008, lrDecayPerEpoch: 0.5, epochs: 2 });
    await h.engine.handle({ type: 'start' });
    await h.settles('done');
    const rates = h.of('batch').map((b) => b.learningRate);
    // Step n (from 1) uses 0.008 · 0.5^((n − 1)/4): 4 batches per epoch.
    rates.forEach((rate, i) => expect(rate).toBeCloseTo(0.008 * 0.5 ** (i / 4), 10));
    expect(rates[4]).toBeCloseTo(0.004, 10);
  });

  it('stops when the loss stays far above chance level, the way clipped probabilities hide a blow-up', async () => {
    // At this rate the loss saturates at −log(ε) ≈ 16 instead of turning NaN.
    const h = await readyEngine({ optimizer: 'sgd', learningRate: 1e6, epochs: 50 });
    await h.engine.handle({ type: 'start' });
    await h.settles('error');
    expect(h.of('error')[0]!.message).toMatch(/the loss stayed above 10 for 20 batches .* press Reset and try 100000/);
    const losses = h.of('batch').map((b) => b.loss);
    expect(losses.length).toBeLessThanOrEqual(21);
    // The 20th such batch stops training instead of being reported.
    expect(losses.slice(-19).every((loss) => loss > 10)).toBe(true);
  });
});

describe('Engine evaluations', () => {
  it('evaluates on request without counting it as an epoch end', async () => {
    const h = await readyEngine();
    await h.engine.handle({ type: 'evaluate' });
    const evaluations = h.of('evaluation');
    expect(evaluations).toHaveLength(1);
    expect(evaluations[0]).toMatchObject({ epoch: 0, step: 0, atEpochEnd: false });
    expect(evaluations[0]!.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(evaluations[0]!.testAccuracy).toBeLessThanOrEqual(1);
    expect(evaluations[0]!.testLoss).toBeGreaterThan(0);
  });

  it('also evaluates every N steps when asked, once per step at epoch ends', async () => {
    const h = await readyEngine({ evalEverySteps: 2, epochs: 2 });
    await h.engine.handle({ type: 'start' });
    await h.settles('done');
    expect(h.of('evaluation').map((e) => [e.step, e.atEpochEnd])).toEqual([
      [2, false],
      [4, true],
      [6, false],
      [8, true],
    ]);
  });
});

describe('Engine snapshots', () => {
  it('sends no snapshots while training when the interval is 0', async () => {
    const h = await readyEngine({ snapshotIntervalMs: 0, epochs: 1 });
    await h.engine.handle({ type: 'start' });
    await h.settles('done');
    expect(h.of('batch')).toHaveLength(4);
    expect(h.of('snapshot')).toEqual([]);
  });

  it('sends the untrained network once ready, snapshots while training, and one on a sample change', async () => {
    const h = await readyEngine({ snapshotIntervalMs: 1, epochs: 1 });
    expect(h.of('snapshot').map((e) => e.snapshot.step)).toEqual([0]);
    await h.engine.handle({ type: 'start' });
    await h.settles('done');
    const snapshots = h.of('snapshot').map((e) => e.snapshot);
    expect(snapshots.length).toBeGreaterThan(1);
    const steps = [0, ...h.of('batch').map((b) => b.step)];
    for (const snapshot of snapshots) {
      expect(steps).toContain(snapshot.step);
      expect(snapshot.sampleIndex).toBe(0);
      expect(snapshot.layers.map((l) => l.outputShape)).toEqual([[13, 13, 4], [6, 6, 4], [144], [10]]);
    }

    await h.engine.handle({ type: 'setSample', index: 5 });
    const chosen = h.of('snapshot').at(-1)!.snapshot;
    expect(chosen).toMatchObject({ sampleIndex: 5, label: data.test.labels[5], step: 4 });
    const pixels = data.test.images.subarray(5 * PIXELS, 6 * PIXELS);
    expect(Array.from(chosen.input)).toEqual(Array.from(pixels, (p) => Math.fround(p / 255)));

    await h.engine.handle({ type: 'setSample', index: 10_000 });
    expect(h.of('snapshot').at(-1)!.snapshot.sampleIndex).toBe(199);
  });

  it('freezes the weights a snapshot shows once the learning rate is set to 0', async () => {
    const h = await readyEngine({ snapshotIntervalMs: 1 });
    const kernel = () => Array.from(h.of('snapshot').at(-1)!.snapshot.layers[0]!.kernel!.values);
    await h.engine.handle({ type: 'step' });
    const trained = kernel();
    await h.engine.handle({ type: 'setLearningRate', learningRate: 0 });
    await delay(2);
    await h.engine.handle({ type: 'step' });
    expect(h.of('snapshot').at(-1)!.snapshot.step).toBe(2);
    expect(kernel()).toEqual(trained);

    await h.engine.handle({ type: 'setLearningRate', learningRate: 0.01 });
    await delay(2);
    await h.engine.handle({ type: 'step' });
    expect(kernel()).not.toEqual(trained);
  });
});

describe('Engine model files', () => {
  const stroke = new Float32Array(784).map((_, i) => (i % 28 === 14 && i > 100 && i < 680 ? 1 : 0));

  async function probabilities(h: Harness): Promise<number[]> {
    await h.engine.handle({ type: 'predict', pixels: stroke });
    return Array.from(h.of('prediction').at(-1)!.layers.at(-1)!.activations);
  }

  async function trainedFiles(): Promise<{ files: ModelFilePart[]; expected: number[] }> {
    const source = await readyEngine();
    for (let i = 0; i < 3; i++) await source.engine.handle({ type: 'step' });
    await source.engine.handle({ type: 'export', requestId: 7 });
    const [exported] = source.of('exported');
    expect(exported!.requestId).toBe(7);
    return { files: exported!.files, expected: await probabilities(source) };
  }

  it('saves the model as files that a fresh engine loads, with the same architecture and answers', async () => {
    const { files, expected } = await trainedFiles();
    const target = await readyEngine({ spec: DEFAULT_SPEC, seed: 9 });
    await target.engine.handle({ type: 'load', source: { kind: 'files', label: 'my model', files } });
    expect(target.of('origin').at(-1)!.origin).toMatchObject({ label: 'my model', spec: TINY_SPEC, trainedExamples: 192 });
    expect(await probabilities(target)).toEqual(expected);
    expect(target.state()).toBe('idle');
  });

  it('refuses a truncated weights file with a message and keeps the current model, leaking nothing', async () => {
    const { files } = await trainedFiles();
    const h = await readyEngine();
    await h.engine.handle({ type: 'step' });
    const before = await probabilities(h);
    const tensors = tf.memory().numTensors;
    const truncated = [files[0]!, { ...files[1]!, data: files[1]!.data.slice(0, 100) }];
    await h.engine.handle({ type: 'load', source: { kind: 'files', label: 'broken', files: truncated } });
    expect(h.of('loadRejected').at(-1)).toMatchObject({ label: 'broken', message: expect.stringMatching(/has 100 bytes but model\.json describes/) });
    expect(h.of('origin')).toHaveLength(0);
    expect(await probabilities(h)).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensors);
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch').at(-1)!.step).toBe(2);
  });

  it('starts from a model fetched at init, and from random weights with a message when the fetch fails', async () => {
    const { files, expected } = await trainedFiles();
    const served = new Map(files.map((f) => [`${BASE_URL}models/${f.name}`, f.data]));
    vi.stubGlobal('fetch', async (url: string) => {
      const body = served.get(url);
      return body ? new Response(body.slice(0)) : new Response('not here', { status: 404, statusText: 'Not Found' });
    });
    try {
      const good = createEngine();
      const model = { kind: 'url' as const, label: 'pretrained', url: `${BASE_URL}models/${files[0]!.name}` };
      await good.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config({ spec: DEFAULT_SPEC }), model });
      expect(good.of('origin')[0]!.origin).toMatchObject({ label: 'pretrained', spec: TINY_SPEC });
      expect(await probabilities(good)).toEqual(expected);

      const missing = createEngine();
      const absent = { ...model, url: `${BASE_URL}models/absent.json` };
      await missing.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config(), model: absent });
      expect(missing.of('loadRejected')[0]!.message).toMatch(/could not be read: the server answered 404 Not Found for absent\.json/);
      expect(missing.state()).toBe('idle');
      expect(await probabilities(missing)).toHaveLength(10);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('explains each prediction with the gradient of the predicted class score for every pixel', async () => {
    const h = await readyEngine();
    await h.engine.handle({ type: 'predict', pixels: stroke });
    const { saliency, layers } = h.of('prediction')[0]!;
    const probs = Array.from(layers.at(-1)!.activations);
    expect(saliency.predictedClass).toBe(probs.indexOf(Math.max(...probs)));
    expect(saliency.gradient).toHaveLength(784);
    expect(saliency.gradient.some((g) => g !== 0)).toBe(true);
  });
});

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
    expect(h.of('backendLost')[0]!.message).toContain('Training stopped at step 2 and moved to the cpu backend with the weights from step 1;');
    expect(h.of('backendLost')[0]!.restored.step).toBe(1);
    expect(h.state()).toBe('paused');
    expect(h.of('error')).toHaveLength(0);
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch').at(-1)).toMatchObject({ step: 2, examplesSeen: 128 });
  });
});
