/**
 * **Make available offline**: waits for the service worker's precache (the pages and their code)
 * and fetches every file it would cache at first use (MNIST, wasm, the lists) into the very caches
 * its runtime rules read, so it serves them offline. The browser's fetch, Cache API and service
 * worker come in as an `OfflineEnvironment`, so tests run it in Node with fakes.
 */
import { failureMessage, OfflineError, progressOf, storageFailureOf, type OfflineProgress } from './downloadPlan';
import { CACHE_NAMES, OFFLINE_MANIFEST_PATH, parseOfflineManifest, type OfflineManifest } from './offlineFiles';

/** What the download uses of the browser. */
export interface OfflineEnvironment {
  /** The site's base URL (document.baseURI): every path is resolved against it. */
  baseUrl: string;
  fetch: typeof fetch;
  /** Undefined where the Cache API is missing or refused. */
  caches: CacheStorage | undefined;
  /** Undefined where service workers are missing or refused. */
  serviceWorker: ServiceWorkerContainer | undefined;
  /** How long to wait for the service worker (defaults: 15 s to appear, 5 min to install). */
  serviceWorkerWait?: ServiceWorkerWait;
}

/** Reads a browser global that may be missing, or may throw when touched (sandboxed frames, some private modes). */
function maybe<T>(read: () => T | undefined): T | undefined {
  try {
    return read() ?? undefined;
  } catch {
    return undefined;
  }
}

/** The page's own environment. */
export function browserEnvironment(): OfflineEnvironment {
  return {
    baseUrl: document.baseURI,
    fetch: (input, init) => fetch(input, init),
    caches: maybe(() => (typeof caches === 'undefined' ? undefined : caches)),
    serviceWorker: maybe(() => ('serviceWorker' in navigator ? navigator.serviceWorker : undefined)),
  };
}

/** Fetches and checks `offline-manifest.json` (network first; the service worker's copy when offline). */
export async function fetchOfflineManifest(env: OfflineEnvironment): Promise<OfflineManifest> {
  let response: Response;
  try {
    response = await env.fetch(new URL(OFFLINE_MANIFEST_PATH, env.baseUrl).href, { cache: 'no-cache' });
  } catch {
    throw new OfflineError('network', 'the list of files');
  }
  if (!response.ok) throw new OfflineError('network', `the list of files: HTTP ${response.status}`);
  return parseOfflineManifest(await response.json());
}

/** What is already saved: whether the service worker holds the precache, and which files are cached. */
export interface OfflineStatus {
  precacheDone: boolean;
  cached: Set<string>;
}

/** Looks, without fetching anything, at what the browser already holds for offline use. */
export async function offlineStatus(manifest: OfflineManifest, env: OfflineEnvironment): Promise<OfflineStatus> {
  const cached = new Set<string>();
  const registration = await maybeAsync(() => env.serviceWorker?.getRegistration());
  if (env.caches) {
    for (const file of manifest.files) {
      const url = new URL(file.path, env.baseUrl).href;
      const hit = await maybeAsync(async () => (await env.caches!.open(file.cache)).match(url));
      if (hit) cached.add(file.path);
    }
  }
  return { precacheDone: Boolean(registration?.active), cached };
}

async function maybeAsync<T>(read: () => Promise<T | undefined> | T | undefined): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

/** How long to wait for the service worker: to appear (registration waits for the page's load), and to install. */
export interface ServiceWorkerWait {
  registerTimeoutMs: number;
  installTimeoutMs: number;
}

const DEFAULT_WAIT: ServiceWorkerWait = { registerTimeoutMs: 15_000, installTimeoutMs: 300_000 };

/**
 * Resolves once the service worker is active (its precache complete); an update that is waiting
 * does not matter, as the active one serves every page. Throws `no-service-worker` when none is
 * registered in time (registration blocked), `install-failed` when it fails to install or takes
 * longer than the install timeout.
 */
export async function waitForServiceWorker(
  container: ServiceWorkerContainer,
  { registerTimeoutMs, installTimeoutMs }: ServiceWorkerWait = DEFAULT_WAIT,
): Promise<void> {
  const registerBy = Date.now() + registerTimeoutMs;
  for (;;) {
    const registration = await container.getRegistration();
    if (registration?.active) return;
    const installing = registration?.installing ?? registration?.waiting;
    if (installing) {
      const state = await new Promise<ServiceWorkerState>((resolve) => {
        const settle = () => {
          if (installing.state === 'activated' || installing.state === 'redundant') resolve(installing.state);
        };
        installing.addEventListener('statechange', settle);
        settle();
        setTimeout(() => resolve(installing.state), installTimeoutMs);
      });
      if (state === 'activated') return;
      // Redundant: it failed to install (or a newer one replaced it: look again, briefly).
      const again = await container.getRegistration();
      if (again?.active) return;
      throw new OfflineError('install-failed');
    }
    if (Date.now() >= registerBy) throw new OfflineError('no-service-worker');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Saves everything the site needs offline; `onProgress` hears of every chunk. Files already
 * cached are kept, so a second run (or one after a failure) fetches only what is missing.
 * Throws an OfflineError that says what went wrong and what to do.
 */
export async function makeAvailableOffline(
  manifest: OfflineManifest,
  env: OfflineEnvironment,
  onProgress: (progress: OfflineProgress) => void,
): Promise<void> {
  if (!env.serviceWorker) throw new OfflineError('no-service-worker');
  if (!env.caches) throw new OfflineError('storage-unavailable');
  const { cached } = await offlineStatus(manifest, env);
  const loaded = new Map<string, number>();
  for (const file of manifest.files) if (cached.has(file.path)) loaded.set(file.path, file.bytes);
  let precacheDone = false;
  const report = () => onProgress(progressOf(manifest, precacheDone, loaded));
  report();

  const precache = waitForServiceWorker(env.serviceWorker, env.serviceWorkerWait).then(() => {
    precacheDone = true;
    report();
  });
  const files = (async () => {
    await storeList(env, manifest);
    for (const file of manifest.files) {
      if (cached.has(file.path)) continue;
      const url = new URL(file.path, env.baseUrl).href;
      const cache = await openCache(env.caches!, file.cache);
      let response: Response;
      try {
        response = await env.fetch(url, { cache: 'no-cache' });
      } catch {
        throw new OfflineError('network', file.path);
      }
      if (!response.ok || !response.body) throw new OfflineError('network', `${file.path}: HTTP ${response.status}`);
      // The cache stores one branch of the body while this loop counts the other.
      const stored = storageCall(() => cache.put(url, response.clone()));
      try {
        await countBytes(response.body, (n) => {
          loaded.set(file.path, n);
          report();
        });
      } catch {
        stored.catch(() => {});
        throw new OfflineError('network', file.path);
      }
      await stored;
      loaded.set(file.path, file.bytes);
      report();
    }
  })();
  // Both must finish; the first failure is the one to report.
  await Promise.all([precache, files]);
}

/** Keeps the offline manifest in the lists cache, so the page can tell it is ready when offline. */
async function storeList(env: OfflineEnvironment, manifest: OfflineManifest): Promise<void> {
  const cache = await openCache(env.caches!, CACHE_NAMES.lists);
  const body = JSON.stringify(manifest);
  await storageCall(() =>
    cache.put(
      new URL(OFFLINE_MANIFEST_PATH, env.baseUrl).href,
      new Response(body, { headers: { 'Content-Type': 'application/json' } }),
    ),
  );
}

async function openCache(caches: CacheStorage, name: string): Promise<Cache> {
  return storageCall(() => caches.open(name));
}

/** Runs a Cache API call, turning a refused or full store into an OfflineError that says so. */
async function storageCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = storageFailureOf(error);
    if (failure) throw new OfflineError(failure);
    throw new OfflineError('storage-unavailable', error instanceof Error ? error.message : String(error));
  }
}

async function countBytes(body: ReadableStream<Uint8Array>, onBytes: (n: number) => void): Promise<void> {
  const reader = body.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    n += value.byteLength;
    onBytes(n);
  }
}

/** The sentence for any error the download throws. */
export function messageOf(error: unknown): string {
  if (error instanceof OfflineError) return error.message;
  const failure = storageFailureOf(error);
  return failure ? failureMessage(failure) : error instanceof Error ? error.message : String(error);
}
