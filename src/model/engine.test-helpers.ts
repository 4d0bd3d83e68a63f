/**
 * The engine tests' harness (test-only): real MNIST digits, a tiny spec that trains in
 * milliseconds on the cpu backend, and engines whose events are recorded for assertions.
 * Node has no WebGL, so `./backends` is mocked to hand the tests the engine's context-loss
 * listener: calling `contextLoss.listener()` loses "the context". Each engine test file calls
 * registerEngineHooks() once at its top.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, expect, vi } from 'vitest';
import { realMnistSplit } from '../../scripts/mnistFixture';
import { NO_AUGMENTATION } from '../core/augment';
import type { ModelSpec } from '../core/modelSpec';
import type { MnistData } from '../data/mnist';
import type { BackendName, EngineState, TrainConfig, TrainerEvent } from '../protocol/messages';
import { decodeDigitPack, encodeDigitPack } from '../data/digitPack';
import { Engine, type SplitLoader } from './engine';
import type { DigitsLoader } from './engineData';

/** Set by the engine through the mocked onWebglContextLost; call it to lose the WebGL context. */
export const contextLoss = { listener: null as (() => void) | null };
// vi.mock is hoisted above this file's declarations: the mock reads `contextLoss` only once an engine starts.
vi.mock('./backends', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./backends')>()),
  onWebglContextLost: (listener: () => void) => {
    contextLoss.listener = listener;
    return true;
  },
}));

export const PIXELS = 28 * 28;
export const BASE_URL = 'http://x/';

/** Small enough that a batch of 64 trains in milliseconds on the cpu backend. */
export const TINY_SPEC: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 4, kernelSize: 3, stride: 2, padding: 'valid', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

/** 256 training digits in batches of 64: every epoch is 4 batches. */
export function config(overrides: Partial<TrainConfig> = {}): TrainConfig {
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
    augmentation: NO_AUGMENTATION,
    ...overrides,
  };
}

/** The first 256 training and 200 test digits of MNIST, what every engine here loads. */
export const data: MnistData = {
  train: realMnistSplit('trainImages', 'trainLabels', 256),
  test: realMnistSplit('testImages', 'testLabels', 200),
};

/** The pack of test digits #0–#9 the engines show before they train (through its real encoding). */
export const loadDigits: DigitsLoader = async () =>
  decodeDigitPack(
    encodeDigitPack(
      data.test,
      Array.from({ length: 10 }, (_, i) => i),
    ),
  );

/** What the fixture's full download weighs, as announced before training. */
export const DATA_BYTES = 10;

export type EventOf<T extends TrainerEvent['type']> = Extract<TrainerEvent, { type: T }>;

export interface Harness {
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

/** Registers the hooks of an engine test file: the cpu backend, and every engine stopped after each test. */
export function registerEngineHooks(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(async () => {
    // Every engine stops (disposing its model) so that tensor counts start clean in the next test.
    for (const engine of engines.splice(0)) await engine.handle({ type: 'stop' });
    await tf.setBackend('cpu');
  });
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A new engine on the cpu backend whose events are recorded; stopped after the test. */
export function createEngine(
  options: {
    thread?: 'worker' | 'main';
    loadTrain?: SplitLoader;
    loadTest?: SplitLoader;
    loadDigits?: DigitsLoader;
    stepTimeoutMs?: number;
    startImages?: number;
  } = {},
): Harness {
  const events: TrainerEvent[] = [];
  const loadTrain: SplitLoader = async (_baseUrl, onProgress) => {
    onProgress({ loadedBytes: DATA_BYTES / 2, totalBytes: DATA_BYTES });
    onProgress({ loadedBytes: DATA_BYTES, totalBytes: DATA_BYTES });
    return data.train;
  };
  const engine = new Engine({
    thread: options.thread ?? 'worker',
    candidates: ['cpu'],
    emit: (event) => events.push(event),
    loadTrain: options.loadTrain ?? loadTrain,
    loadTest: options.loadTest ?? (async () => data.test),
    loadDigits: options.loadDigits ?? loadDigits,
    measureData: async () => DATA_BYTES,
    stepTimeoutMs: options.stepTimeoutMs,
    startImages: options.startImages,
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

/** An engine that has started and built its model, idle and ready to train (MNIST comes at the first step). */
export async function readyEngine(
  overrides: Partial<TrainConfig> = {},
  backend: BackendName | 'auto' = 'cpu',
): Promise<Harness> {
  const harness = createEngine();
  await harness.engine.handle({ type: 'init', baseUrl: BASE_URL, backend, config: config(overrides) });
  expect(harness.state()).toBe('idle');
  return harness;
}
