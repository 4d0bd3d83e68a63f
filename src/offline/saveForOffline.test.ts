/** The offline download against fakes of fetch, the Cache API and the service worker container. */
import { describe, expect, it } from 'vitest';
import type { OfflineProgress } from './downloadPlan';
import { CACHE_NAMES, type OfflineManifest } from './offlineFiles';
import {
  makeAvailableOffline,
  messageOf,
  offlineStatus,
  waitForServiceWorker,
  type OfflineEnvironment,
} from './saveForOffline';

const BASE = 'https://school.example/courses/cnn/';

const MANIFEST: OfflineManifest = {
  version: 1,
  precache: { count: 30, bytes: 3_000_000 },
  files: [
    { path: 'assets/tfjs-backend-wasm-simd-Cc22.wasm', bytes: 4_000, cache: CACHE_NAMES.wasm },
    { path: 'data/mnist/manifest.json', bytes: 50, cache: CACHE_NAMES.lists },
    { path: 'data/mnist/train-images-idx3-ubyte.gz', bytes: 300_000, cache: CACHE_NAMES.mnist },
  ],
};

/** A Cache Storage kept in maps; `put` runs `onPut` first, which may throw. */
function fakeCaches(onPut: (url: string) => void = () => {}) {
  const stores = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    const store = stores.get(name) ?? new Map<string, Response>();
    stores.set(name, store);
    return {
      match: async (url: string) => store.get(url)?.clone(),
      put: async (url: string, response: Response) => {
        onPut(url);
        // A real cache reads the whole body before it settles.
        const body = await response.arrayBuffer();
        store.set(url, new Response(body, { status: response.status, headers: response.headers }));
      },
    } as unknown as Cache;
  };
  return { stores, caches: { open } as unknown as CacheStorage };
}

/** A site that serves every listed file with its listed size, in 1,000-byte chunks; counts requests. */
function fakeSite(requests: string[] = []): typeof fetch {
  return async (input) => {
    const url = String(input);
    requests.push(url);
    const file = MANIFEST.files.find((f) => new URL(f.path, BASE).href === url);
    if (!file) return new Response('not found', { status: 404 });
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const n = Math.min(1_000, file.bytes - sent);
        if (n === 0) return controller.close();
        controller.enqueue(new Uint8Array(n).fill(7));
        sent += n;
      },
    });
    return new Response(body, { status: 200 });
  };
}

/** A service worker container whose registration is active, or never appears. */
function fakeServiceWorker(active: boolean): ServiceWorkerContainer {
  const registration = { active: active ? {} : null, installing: null, waiting: null };
  return { getRegistration: async () => (active ? registration : undefined) } as unknown as ServiceWorkerContainer;
}

function env(overrides: Partial<OfflineEnvironment> = {}): OfflineEnvironment {
  return {
    baseUrl: BASE,
    fetch: fakeSite(),
    caches: fakeCaches().caches,
    serviceWorker: fakeServiceWorker(true),
    serviceWorkerWait: { registerTimeoutMs: 300, installTimeoutMs: 300 },
    ...overrides,
  };
}

describe('makeAvailableOffline', () => {
  it('stores every file in the cache its runtime rule reads, reporting progress up to the whole size', async () => {
    const { stores, caches } = fakeCaches();
    const reports: OfflineProgress[] = [];
    await makeAvailableOffline(MANIFEST, env({ caches }), (p) => reports.push(p));
    expect(stores.get(CACHE_NAMES.mnist)?.has(`${BASE}data/mnist/train-images-idx3-ubyte.gz`)).toBe(true);
    expect(stores.get(CACHE_NAMES.wasm)?.has(`${BASE}assets/tfjs-backend-wasm-simd-Cc22.wasm`)).toBe(true);
    expect(stores.get(CACHE_NAMES.lists)?.has(`${BASE}data/mnist/manifest.json`)).toBe(true);
    expect(stores.get(CACHE_NAMES.lists)?.has(`${BASE}offline-manifest.json`)).toBe(true);
    const stored = await stores
      .get(CACHE_NAMES.mnist)!
      .get(`${BASE}data/mnist/train-images-idx3-ubyte.gz`)!
      .arrayBuffer();
    expect(stored.byteLength).toBe(300_000);
    const loaded = reports.map((r) => r.loadedBytes);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(reports.length).toBeGreaterThan(300);
    expect(reports.at(-1)).toEqual({ loadedBytes: 3_304_050, totalBytes: 3_304_050, savedFiles: 4, totalFiles: 4 });
  });

  it('fetches only what is missing the second time', async () => {
    const { caches } = fakeCaches();
    await makeAvailableOffline(MANIFEST, env({ caches }), () => {});
    const requests: string[] = [];
    await makeAvailableOffline(MANIFEST, env({ caches, fetch: fakeSite(requests) }), () => {});
    expect(requests).toEqual([]);
    expect((await offlineStatus(MANIFEST, env({ caches }))).cached.size).toBe(3);
  });

  it('says the storage is full when the cache refuses a file (QuotaExceededError)', async () => {
    const { caches } = fakeCaches((url) => {
      if (url.endsWith('.gz')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failure = makeAvailableOffline(MANIFEST, env({ caches }), () => {});
    await expect(failure).rejects.toMatchObject({ failure: 'storage-full' });
    expect(messageOf(await failure.catch((e: unknown) => e))).toContain("The browser's storage is full");
  });

  it('says storage is refused when a cache cannot be opened, or there is no Cache API', async () => {
    const refusing = { open: async () => Promise.reject(new DOMException('denied', 'SecurityError')) };
    await expect(
      makeAvailableOffline(MANIFEST, env({ caches: refusing as unknown as CacheStorage }), () => {}),
    ).rejects.toMatchObject({ failure: 'storage-unavailable' });
    await expect(makeAvailableOffline(MANIFEST, env({ caches: undefined }), () => {})).rejects.toMatchObject({
      failure: 'storage-unavailable',
    });
  });

  it('says service workers are unavailable when there is none, or none ever registers', async () => {
    await expect(makeAvailableOffline(MANIFEST, env({ serviceWorker: undefined }), () => {})).rejects.toMatchObject({
      failure: 'no-service-worker',
    });
    await expect(
      makeAvailableOffline(MANIFEST, env({ serviceWorker: fakeServiceWorker(false) }), () => {}),
    ).rejects.toMatchObject({ failure: 'no-service-worker' });
  });

  it('names the file that could not be fetched', async () => {
    const failing: typeof fetch = async (input) =>
      String(input).endsWith('.gz') ? Promise.reject(new TypeError('Failed to fetch')) : fakeSite()(input);
    await expect(makeAvailableOffline(MANIFEST, env({ fetch: failing }), () => {})).rejects.toThrow(
      'A file could not be downloaded (data/mnist/train-images-idx3-ubyte.gz)',
    );
  });
});

describe('waitForServiceWorker', () => {
  /** A worker that goes through `states`, one per tick. */
  function installingWorker(states: ServiceWorkerState[]) {
    const listeners: (() => void)[] = [];
    const worker = {
      state: 'installing' as ServiceWorkerState,
      addEventListener: (_: string, listener: () => void) => listeners.push(listener),
    };
    (async () => {
      for (const state of states) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        worker.state = state;
        listeners.forEach((l) => l());
      }
    })();
    return worker;
  }

  function container(worker: ReturnType<typeof installingWorker>): ServiceWorkerContainer {
    return {
      getRegistration: async () => ({
        active: worker.state === 'activated' ? worker : null,
        installing: worker.state === 'activated' ? null : worker,
        waiting: null,
      }),
    } as unknown as ServiceWorkerContainer;
  }

  const wait = { registerTimeoutMs: 500, installTimeoutMs: 500 };

  it('resolves once the installing worker is activated', async () => {
    await expect(
      waitForServiceWorker(container(installingWorker(['installed', 'activating', 'activated'])), wait),
    ).resolves.toBeUndefined();
  });

  it('fails when the worker could not install (its precache refused)', async () => {
    await expect(waitForServiceWorker(container(installingWorker(['redundant'])), wait)).rejects.toMatchObject({
      failure: 'install-failed',
    });
  });
});
