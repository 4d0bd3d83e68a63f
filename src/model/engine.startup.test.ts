import { describe, expect, it } from 'vitest';
import { BASE_URL, config, createEngine, readyEngine, registerEngineHooks, type EventOf } from './engine.test-helpers';

registerEngineHooks();

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
