/**
 * What the service worker precaches and what it caches at first use, checked with Workbox's own
 * globbing (workbox-build's getManifest, the function vite-plugin-pwa's generateSW runs) over a
 * build folder laid out as `vite build` writes it, and over the real build when one is there.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getManifest } from 'workbox-build';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CACHE_NAMES,
  OFFLINE_MANIFEST_PATH,
  PRECACHE_GLOBS,
  PRECACHE_IGNORES,
  offlineManifestOf,
  parseOfflineManifest,
  runtimeCacheFor,
} from './offlineFiles';

const ROOT = join(__dirname, '..', '..');

/** The pages App.tsx loads on demand: each becomes a chunk of its own, named after the module. */
function lazyRoutes(): string[] {
  const app = readFileSync(join(ROOT, 'src', 'App.tsx'), 'utf8');
  return [...app.matchAll(/lazy\(\(\) => import\('\.\/pages\/(?:[\w]+\/)*(\w+)'\)\)/g)].map((m) => m[1]!);
}

/** The files of a build as vite lays them out (hashed chunk names), with sizes in bytes. */
function buildLayout(): Record<string, number> {
  const files: Record<string, number> = {
    'index.html': 900,
    'sw.js': 30_000,
    'workbox-1a2b3c4d.js': 22_000,
    'manifest.webmanifest': 500,
    'assets/index-Ab12Cd34.js': 230_000,
    'assets/index-Ef56Gh78.css': 20_000,
    'assets/backends-Zz11Yy22.js': 1_014_000,
    'assets/trainer.worker-Qq33Rr44.js': 1_900_000,
    'assets/tfjs-backend-wasm-Aa00Bb11.wasm': 311_123,
    'assets/tfjs-backend-wasm-simd-Cc22Dd33.wasm': 424_594,
    'assets/tfjs-backend-wasm-threaded-simd-Ee44Ff55.wasm': 435_643,
    'assets/tfjs-backend-wasm-Aa00Bb11.wasm.gz': 118_445,
    'assets/tfjs-backend-wasm-simd-Cc22Dd33.wasm.gz': 137_217,
    'assets/tfjs-backend-wasm-threaded-simd-Ee44Ff55.wasm.gz': 142_020,
    'data/mnist/manifest.json': 560,
    'data/mnist/test-digits.bin.gz': 15_820,
    'data/mnist/train-images-idx3-ubyte.gz': 9_612_640,
    'data/mnist/train-labels-idx1-ubyte.gz': 28_246,
    'data/mnist/t10k-images-idx3-ubyte.gz': 1_598_236,
    'data/mnist/t10k-labels-idx1-ubyte.gz': 4_210,
    'models/pretrained/convscope-model.json': 2_812,
    'models/pretrained/convscope-model.weights.bin': 23_976,
    'icons/icon-192.png': 1_741,
    'icons/icon.svg': 980,
    [OFFLINE_MANIFEST_PATH]: 1_000,
  };
  for (const route of lazyRoutes()) {
    files[`assets/${route}-H4sh${route.length}x.js`] = 10_000 + route.length;
    files[`assets/${route}-C55${route.length}y.css`] = 1_000 + route.length;
  }
  return files;
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function writeLayout(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'convscope-precache-'));
  made.push(dir);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), Buffer.alloc(bytes, path.length % 251));
  }
  return dir;
}

/** What Workbox precaches from `dir` with the site's globs (sw.js and its runtime left out, as the plugin does). */
async function precached(dir: string): Promise<{ url: string; size: number }[]> {
  // The sizes, as the build's own manifest transform sees them (getManifest returns entries without).
  let seen: { url: string; size: number }[] = [];
  const { warnings } = await getManifest({
    globDirectory: dir,
    globPatterns: PRECACHE_GLOBS,
    globIgnores: [...PRECACHE_IGNORES, 'sw.js', 'workbox-*.js'],
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    manifestTransforms: [
      (entries) => {
        seen = entries.map(({ url, size }) => ({ url, size }));
        return { manifest: entries, warnings: [] };
      },
    ],
  });
  expect(warnings).toEqual([]);
  return seen;
}

describe('the precache', () => {
  it('holds the app shell, every route’s chunk and stylesheet, the trainer worker, the pretrained model and the icons', async () => {
    const layout = buildLayout();
    const urls = (await precached(writeLayout(layout))).map((entry) => entry.url);
    expect(lazyRoutes()).toEqual(expect.arrayContaining(['Playground', 'Chapter', 'Embed', 'Embeds', 'Bench']));
    const wanted = Object.keys(layout).filter(
      (path) => /\.(js|css|html)$/.test(path) && !['sw.js'].includes(path) && !path.startsWith('workbox-'),
    );
    expect(wanted.length).toBeGreaterThan(10);
    expect(urls).toEqual(expect.arrayContaining(wanted));
    expect(urls).toEqual(
      expect.arrayContaining([
        'assets/trainer.worker-Qq33Rr44.js',
        'models/pretrained/convscope-model.json',
        'models/pretrained/convscope-model.weights.bin',
        'icons/icon-192.png',
        'icons/icon.svg',
        'manifest.webmanifest',
      ]),
    );
  });

  it('holds the test-digit pack but no MNIST file (no training data), no manifest that must stay fresh and no wasm', async () => {
    const urls = (await precached(writeLayout(buildLayout()))).map((entry) => entry.url);
    expect(urls.filter((url) => url.startsWith('data/mnist/'))).toEqual(['data/mnist/test-digits.bin.gz']);
    expect(urls.filter((url) => /\.wasm(\.gz)?$/.test(url))).toEqual([]);
    expect(urls).not.toContain(OFFLINE_MANIFEST_PATH);
  });

  it('never holds a training file, whatever its extension', async () => {
    const layout = { ...buildLayout(), 'data/mnist/train-images-part-00.bin': 1_000_000 };
    const urls = (await precached(writeLayout(layout))).map((entry) => entry.url);
    expect(urls.filter((url) => url.startsWith('data/mnist/train-'))).toEqual([]);
  });
});

describe('runtime caching', () => {
  it('sends the wasm binaries, the MNIST files and the changing lists to their caches, and nothing else', () => {
    expect(runtimeCacheFor('assets/tfjs-backend-wasm-simd-Cc22Dd33.wasm')).toBe(CACHE_NAMES.wasm);
    expect(runtimeCacheFor('assets/tfjs-backend-wasm-simd-Cc22Dd33.wasm.gz')).toBe(CACHE_NAMES.wasm);
    expect(runtimeCacheFor('https://example.org/courses/cnn/assets/tfjs-backend-wasm-Aa00Bb11.wasm')).toBe(
      CACHE_NAMES.wasm,
    );
    expect(runtimeCacheFor('data/mnist/train-images-idx3-ubyte.gz')).toBe(CACHE_NAMES.mnist);
    expect(runtimeCacheFor('/courses/cnn/data/mnist/t10k-labels-idx1-ubyte.gz')).toBe(CACHE_NAMES.mnist);
    expect(runtimeCacheFor('data/mnist/manifest.json')).toBe(CACHE_NAMES.lists);
    expect(runtimeCacheFor('http://127.0.0.1:4317/courses/cnn/offline-manifest.json')).toBe(CACHE_NAMES.lists);
    for (const other of ['index.html', 'assets/index-Ab12Cd34.js', 'models/pretrained/convscope-model.json', 'sw.js']) {
      expect(runtimeCacheFor(other), other).toBeNull();
    }
  });

  it('lists for the offline download every runtime-cached file the app fetches, with its size, none that the precache holds', async () => {
    const layout = buildLayout();
    const dir = writeLayout(layout);
    const entries = await precached(dir);
    const files = Object.entries(layout).map(([path, bytes]) => ({ path, bytes }));
    const manifest = offlineManifestOf(
      files,
      entries.map(({ url, size }) => ({ path: url, bytes: size })),
    );
    expect(manifest.precache.count).toBe(entries.length);
    expect(manifest.precache.bytes).toBe(entries.reduce((sum, e) => sum + e.size, 0));
    expect(manifest.files.map((f) => [f.path, f.bytes, f.cache])).toEqual([
      // The gzipped copies, which the app fetches, not the plain binaries beside them.
      ['assets/tfjs-backend-wasm-Aa00Bb11.wasm.gz', 118_445, CACHE_NAMES.wasm],
      ['assets/tfjs-backend-wasm-simd-Cc22Dd33.wasm.gz', 137_217, CACHE_NAMES.wasm],
      ['assets/tfjs-backend-wasm-threaded-simd-Ee44Ff55.wasm.gz', 142_020, CACHE_NAMES.wasm],
      ['data/mnist/manifest.json', 560, CACHE_NAMES.lists],
      ['data/mnist/t10k-images-idx3-ubyte.gz', 1_598_236, CACHE_NAMES.mnist],
      ['data/mnist/t10k-labels-idx1-ubyte.gz', 4_210, CACHE_NAMES.mnist],
      ['data/mnist/train-images-idx3-ubyte.gz', 9_612_640, CACHE_NAMES.mnist],
      ['data/mnist/train-labels-idx1-ubyte.gz', 28_246, CACHE_NAMES.mnist],
    ]);
    expect(parseOfflineManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
  });
});

describe('parseOfflineManifest', () => {
  const good = {
    version: 1,
    precache: { count: 3, bytes: 1000 },
    files: [{ path: 'data/mnist/train-images-idx3-ubyte.gz', bytes: 10, cache: CACHE_NAMES.mnist }],
  };

  it('refuses a damaged list, naming what is wrong', () => {
    expect(() => parseOfflineManifest('<!doctype html>')).toThrow('not an object');
    expect(() => parseOfflineManifest({ ...good, version: 2 })).toThrow('unknown version 2');
    expect(() => parseOfflineManifest({ ...good, precache: { count: -1, bytes: 0 } })).toThrow('no precache size');
    const withFile = (file: object) => ({ ...good, files: [file] });
    expect(() =>
      parseOfflineManifest(withFile({ path: 'https://evil.test/x', bytes: 1, cache: 'convscope-mnist' })),
    ).toThrow('bad path');
    expect(() => parseOfflineManifest(withFile({ path: 'data/../../x', bytes: 1, cache: 'convscope-mnist' }))).toThrow(
      'bad path',
    );
    expect(() => parseOfflineManifest(withFile({ path: 'data/x.gz', bytes: 1.5, cache: 'convscope-mnist' }))).toThrow(
      'no size',
    );
    expect(() => parseOfflineManifest(withFile({ path: 'data/x.gz', bytes: 1, cache: 'other' }))).toThrow(
      'unknown cache',
    );
  });
});

/** A build folder with a generated service worker, when one has been built (`vite build --outDir dist-…`). */
const BUILT = [
  join(ROOT, 'dist'),
  ...readdirSync(ROOT)
    .filter((d) => d.startsWith('dist-'))
    .map((d) => join(ROOT, d)),
].find((dir) => existsSync(join(dir, 'sw.js')) && existsSync(join(dir, OFFLINE_MANIFEST_PATH)));

describe.skipIf(!BUILT)('the built site’s service worker', () => {
  it('precaches every JS and CSS file of the build, and lists every wasm and MNIST file for the offline download', () => {
    const dir = BUILT!;
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    const urls = new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!));
    const assets = readdirSync(join(dir, 'assets'));
    const code = assets.filter((name) => /\.(js|css)$/.test(name)).map((name) => `assets/${name}`);
    expect(code.filter((path) => !urls.has(path))).toEqual([]);
    expect(urls).toContain('index.html');
    expect([...urls].filter((url) => url.startsWith('data/mnist/') && !url.endsWith('test-digits.bin.gz'))).toEqual([]);
    expect([...urls].filter((url) => /\.wasm(\.gz)?$/.test(url))).toEqual([]);
    for (const route of lazyRoutes())
      expect(
        code.some((path) => path.startsWith(`assets/${route}-`)),
        route,
      ).toBe(true);

    const manifest = parseOfflineManifest(JSON.parse(readFileSync(join(dir, OFFLINE_MANIFEST_PATH), 'utf8')));
    const listed = manifest.files.map((file) => file.path);
    expect(listed).toEqual(
      expect.arrayContaining(assets.filter((n) => n.endsWith('.wasm.gz')).map((n) => `assets/${n}`)),
    );
    const mnist = readdirSync(join(dir, 'data', 'mnist')).filter((name) => name !== 'test-digits.bin.gz');
    expect(listed).toEqual(expect.arrayContaining(mnist.map((name) => `data/mnist/${name}`)));
  });
});
