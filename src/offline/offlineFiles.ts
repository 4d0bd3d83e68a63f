/**
 * Which of the built site's files the service worker keeps, and where: one table read by the
 * Workbox config in vite.config.ts (precache globs, runtime caching routes), by the build step that
 * writes `offline-manifest.json`, and by the **Make available offline** download, so the three
 * cannot disagree. Pure: no DOM, no Node.
 */

/**
 * Precached at install, so every page opens offline after one visit: the app shell, every route's
 * code (the JS and CSS chunks, the trainer worker's included), the pretrained model, the test-digit
 * pack (16 KB: every page that shows a model needs it) and icons.
 * Paths are relative to the build folder.
 */
export const PRECACHE_GLOBS = ['**/*.{html,js,css,json,bin,svg,png,webmanifest}', 'data/mnist/test-digits.bin.gz'];

/**
 * Left out of the precache: the MNIST training and test files (11 MB: fetched when a page needs
 * them, cached then or by Make available offline), their manifest (read network-first, so a new
 * deployment's manifest is seen) and the list of offline files itself (read fresh each time).
 */
export const PRECACHE_IGNORES = [
  'data/mnist/train-*',
  'data/mnist/t10k-*',
  'data/mnist/manifest.json',
  'offline-manifest.json',
];

/** The Cache Storage names of the files cached at first use; the offline download writes into the same ones. */
export const CACHE_NAMES = {
  /** The WebAssembly binaries (the app fetches their gzipped copies): content-hashed names, so cache-first forever. */
  wasm: 'convscope-wasm',
  /** The MNIST files: cache-first (their bytes are checked against the manifest's lengths on load). */
  mnist: 'convscope-mnist',
  /**
   * The lists that change with a deployment (the MNIST manifest, the offline manifest):
   * network-first, the cached copy only when the network fails.
   */
  lists: 'convscope-lists',
} as const;

export type RuntimeCacheName = (typeof CACHE_NAMES)[keyof typeof CACHE_NAMES];

/** How the service worker fetches a runtime-cached file. */
export type RuntimeStrategy = 'CacheFirst' | 'NetworkFirst';

export interface RuntimeRule {
  /** Matched against the full URL, in this order: the first rule that matches wins. */
  urlPattern: RegExp;
  cacheName: RuntimeCacheName;
  handler: RuntimeStrategy;
}

/** The service worker's runtime caching, in the order Workbox registers (and so matches) them. */
export const RUNTIME_RULES: readonly RuntimeRule[] = [
  { urlPattern: /\/assets\/[^/?#]+\.wasm(\.gz)?$/, cacheName: CACHE_NAMES.wasm, handler: 'CacheFirst' },
  { urlPattern: /\/data\/mnist\/manifest\.json$/, cacheName: CACHE_NAMES.lists, handler: 'NetworkFirst' },
  { urlPattern: /\/offline-manifest\.json$/, cacheName: CACHE_NAMES.lists, handler: 'NetworkFirst' },
  { urlPattern: /\/data\/mnist\/[^/?#]+$/, cacheName: CACHE_NAMES.mnist, handler: 'CacheFirst' },
];

/** The cache a URL (or a site-relative path) goes into at first use, or null when no rule takes it. */
export function runtimeCacheFor(url: string): RuntimeCacheName | null {
  // Paths from the build folder have no leading slash; the rules expect one before the folder.
  const href = url.startsWith('/') || /^[a-z]+:/i.test(url) ? url : `/${url}`;
  return RUNTIME_RULES.find((rule) => rule.urlPattern.test(href))?.cacheName ?? null;
}

/** The file the built site lists for the offline download, next to index.html. */
export const OFFLINE_MANIFEST_PATH = 'offline-manifest.json';

/** A file Make available offline puts into a runtime cache. */
export interface OfflineFile {
  /** Relative to the site's base, e.g. `data/mnist/train-images-idx3-ubyte.gz`. */
  path: string;
  bytes: number;
  cache: RuntimeCacheName;
}

/** `offline-manifest.json`: what the whole site needs offline, written at build time. */
export interface OfflineManifest {
  version: 1;
  /** What the service worker precaches at install (its own list, with sizes). */
  precache: { count: number; bytes: number };
  /** What the service worker caches at first use, which the offline download fetches ahead. */
  files: OfflineFile[];
}

/** A file of the build folder: its path relative to the folder, and its size. */
export interface BuiltFile {
  path: string;
  bytes: number;
}

/**
 * Builds the offline manifest from the build folder's files and the service worker's precache
 * list: every file that a runtime rule takes and the precache does not already hold, sorted by
 * path, and the precache's count and size. The offline manifest itself is left out.
 */
export function offlineManifestOf(files: readonly BuiltFile[], precached: readonly BuiltFile[]): OfflineManifest {
  const inPrecache = new Set(precached.map((file) => file.path));
  // A binary whose gzipped copy ships is never fetched itself (src/model/wasmFetch.ts): leave it out.
  const paths = new Set(files.map((file) => file.path));
  const fetched = (path: string) => !(path.endsWith('.wasm') && paths.has(`${path}.gz`));
  const listed: OfflineFile[] = [];
  for (const { path, bytes } of files) {
    const cache = runtimeCacheFor(path);
    if (cache && fetched(path) && !inPrecache.has(path) && path !== OFFLINE_MANIFEST_PATH)
      listed.push({ path, bytes, cache });
  }
  const precache = { count: precached.length, bytes: precached.reduce((sum, file) => sum + file.bytes, 0) };
  listed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { version: 1, precache, files: listed };
}

/** Reads an offline manifest, refusing anything else with a sentence that says what is wrong. */
export function parseOfflineManifest(value: unknown): OfflineManifest {
  const fail = (why: string): never => {
    throw new Error(`The list of files for offline use is damaged (${why}). Reload the page and try again.`);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const { version, precache, files } = value as Record<string, unknown>;
  if (version !== 1) return fail(`unknown version ${String(version)}`);
  const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  const pre = precache as Record<string, unknown> | null;
  if (typeof pre !== 'object' || pre === null || !isCount(pre.count) || !isCount(pre.bytes)) {
    return fail('no precache size');
  }
  if (!Array.isArray(files)) return fail('no file list');
  const caches = new Set<string>(Object.values(CACHE_NAMES));
  const checked = files.map((file: unknown, i): OfflineFile => {
    const f = file as Record<string, unknown> | null;
    if (typeof f !== 'object' || f === null) return fail(`entry ${i} is not an object`);
    const { path, bytes, cache } = f;
    // Site-relative paths only: nothing from another host, no way out of the site's folder.
    if (typeof path !== 'string' || !/^[\w-]+(?:\/[\w.-]+)*$/.test(path) || path.split('/').includes('..')) {
      return fail(`entry ${i} has a bad path`);
    }
    if (!isCount(bytes)) return fail(`${path} has no size`);
    if (typeof cache !== 'string' || !caches.has(cache)) return fail(`${path} names an unknown cache`);
    return { path, bytes, cache: cache as RuntimeCacheName };
  });
  return { version: 1, precache: { count: pre.count, bytes: pre.bytes }, files: checked };
}
