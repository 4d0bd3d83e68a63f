import { describe, expect, it } from 'vitest';
import {
  BASE_URL,
  config,
  createEngine,
  data,
  DATA_BYTES,
  PIXELS,
  readyEngine,
  registerEngineHooks,
} from './engine.test-helpers';

registerEngineHooks();

describe('Engine start-up', () => {
  it('starts on the first backend that works and the test-digit pack, without MNIST or any timing', async () => {
    const h = createEngine();
    await h.engine.handle({
      type: 'init',
      baseUrl: BASE_URL,
      backend: 'auto',
      config: config({ snapshotIntervalMs: 1 }),
    });

    expect(h.of('dataProgress')).toEqual([]);
    expect(h.of('dataReady')).toEqual([]);
    expect(h.of('dataPending')).toEqual([{ type: 'dataPending', totalBytes: DATA_BYTES }]);
    const [backend, ...more] = h.of('backend');
    expect(more).toEqual([]);
    expect(backend).toMatchObject({ backend: 'cpu', thread: 'worker', floatPrecision: 32, probes: [] });
    expect(backend!.reason).toBe('cpu started first; the backends are timed on this network before it trains.');
    // The untrained network is shown on the pack's first digit, test digit #0 (a 7).
    const [snapshot] = h.of('snapshot');
    expect(snapshot!.snapshot).toMatchObject({ sampleIndex: 0, label: 7, step: 0 });
    expect(h.of('state').map((e) => e.state)).toEqual(['idle']);
    expect(h.of('state')[0]!.numTensors).toBeGreaterThan(0);
  });

  it('fetches MNIST and times the backends when it first trains, then trains', async () => {
    const h = createEngine();
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'auto', config: config() });
    await h.engine.handle({ type: 'step' });

    expect(h.of('dataProgress').at(-1)).toEqual({ type: 'dataProgress', loadedBytes: 10, totalBytes: 10 });
    const [ready] = h.of('dataReady');
    expect(ready).toMatchObject({ split: 'train', count: 256 });
    expect(ready!.loadMs).toBeGreaterThanOrEqual(0);
    const timed = h.of('backend')[1]!;
    expect(timed.probes.map((p) => p.backend)).toEqual(['cpu']);
    // Timed within its budget; on a machine too busy for one step in time, the first to start wins.
    const [probe] = timed.probes;
    if (probe!.examplesPerSec === null) {
      expect(probe!.overBudgetMs).toBeGreaterThan(0);
      expect(timed.reason).toMatch(/^cpu was the first to start: no backend finished a training step/);
    } else {
      expect(probe!.examplesPerSec).toBeGreaterThan(0);
      expect(timed.reason).toMatch(/^cpu trained fastest in a start-up test \(cpu: [\d,]+ examples\/s\)\.$/);
    }
    expect(h.of('batch')).toHaveLength(1);
    expect(h.of('state').map((e) => e.state)).toEqual(['idle', 'loading', 'paused']);

    // Only once: later steps neither download nor time again.
    await h.engine.handle({ type: 'step' });
    // The test digits followed the training digits, for the first evaluation.
    expect(h.of('dataReady').map((e) => e.split)).toEqual(['train', 'test']);
    expect(h.of('backend')).toHaveLength(2);
  });

  it('times the backends when asked before training, without fetching MNIST, and only once', async () => {
    const h = createEngine();
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'auto', config: config() });
    await h.engine.handle({ type: 'timeBackends' });
    expect(h.of('backend').map((b) => b.probes.map((p) => p.backend))).toEqual([[], ['cpu']]);
    expect(h.of('dataProgress')).toEqual([]);
    expect(h.state()).toBe('idle');
    await h.engine.handle({ type: 'step' });
    expect(h.of('backend')).toHaveLength(2);
    expect(h.of('batch')).toHaveLength(1);
  });

  it('starts the training download as Train arrives, while the backends are still being timed', async () => {
    let backendEventsAtDownload: number | null = null;
    const h = createEngine({
      loadTrain: async () => {
        backendEventsAtDownload ??= h.of('backend').length;
        return data.train;
      },
    });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'auto', config: config() });
    h.engine.receive({ type: 'timeBackends' });
    h.engine.receive({ type: 'step' });
    await h.batches(1);
    // One backend event (the start-up one) when the download began: the timed choice came after.
    expect(backendEventsAtDownload).toBe(1);
    expect(h.of('backend')).toHaveLength(2);
    expect(h.of('dataReady').filter((e) => e.split === 'train')).toHaveLength(1);
  });

  it('keeps the weights it showed when timing moves them to the fastest backend', async () => {
    const h = createEngine();
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'auto', config: config() });
    const pixels = new Float32Array(PIXELS).fill(0.5);
    await h.engine.handle({ type: 'predict', pixels });
    const before = h.of('prediction')[0]!.layers.at(-1)!.activations;
    await h.engine.handle({ type: 'timeBackends' });
    expect(h.of('backend')).toHaveLength(2);
    await h.engine.handle({ type: 'predict', pixels });
    expect(Array.from(h.of('prediction')[1]!.layers.at(-1)!.activations)).toEqual(Array.from(before));
    expect(h.state()).toBe('idle');
  });

  it('says what is wrong when the test-digit pack cannot be read', async () => {
    const h = createEngine({ loadDigits: () => Promise.reject(new Error('no digits')) });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config() });
    expect(h.of('error').map((e) => e.message)).toEqual(['no digits']);
    expect(h.state()).toBe('error');
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
    const h = createEngine({ loadTrain: () => Promise.reject(new Error('boom')) });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config() });
    expect(h.state()).toBe('idle');
    await h.engine.handle({ type: 'start' });
    expect(h.of('error').map((e) => e.message)).toEqual(['boom']);
    expect(h.state()).toBe('error');

    await h.engine.handle({ type: 'start' });
    await h.engine.handle({ type: 'reset' });
    expect(h.of('batch')).toEqual([]);
    expect(h.state()).toBe('error');
  });
});
