import { describe, expect, it } from 'vitest';
import {
  failureMessage,
  filesToFetch,
  megabytes,
  OfflineError,
  percentOf,
  progressOf,
  storageFailureOf,
  totalBytesOf,
} from './downloadPlan';
import { CACHE_NAMES, type OfflineManifest } from './offlineFiles';

const MANIFEST: OfflineManifest = {
  version: 1,
  precache: { count: 36, bytes: 3_514_533 },
  files: [
    { path: 'assets/tfjs-backend-wasm-simd-Cc22.wasm', bytes: 424_594, cache: CACHE_NAMES.wasm },
    { path: 'data/mnist/manifest.json', bytes: 560, cache: CACHE_NAMES.lists },
    { path: 'data/mnist/train-images-idx3-ubyte.gz', bytes: 9_612_640, cache: CACHE_NAMES.mnist },
  ],
};

describe('the offline download’s arithmetic', () => {
  it('totals the precache and every runtime-cached file', () => {
    expect(totalBytesOf(MANIFEST)).toBe(3_514_533 + 424_594 + 560 + 9_612_640);
    expect(megabytes(totalBytesOf(MANIFEST))).toBe('13.6 MB');
  });

  it('counts the precache once the service worker holds it, and each file by its bytes in', () => {
    const loaded = new Map([
      ['data/mnist/manifest.json', 560],
      ['data/mnist/train-images-idx3-ubyte.gz', 1_000_000],
    ]);
    expect(progressOf(MANIFEST, false, loaded)).toEqual({
      loadedBytes: 1_000_560,
      totalBytes: 13_552_327,
      savedFiles: 1,
      totalFiles: 4,
    });
    const done = progressOf(MANIFEST, true, loaded);
    expect(done.loadedBytes).toBe(3_514_533 + 1_000_560);
    expect(done.savedFiles).toBe(2);
    expect(percentOf(done)).toBe(33);
  });

  it('never passes 100%, even when a server sends more than the build measured', () => {
    const loaded = new Map(MANIFEST.files.map((f) => [f.path, f.bytes * 2]));
    const progress = progressOf(MANIFEST, true, loaded);
    expect(progress.loadedBytes).toBe(progress.totalBytes);
    expect(progress.savedFiles).toBe(progress.totalFiles);
    expect(percentOf(progress)).toBe(100);
    expect(percentOf({ ...progress, loadedBytes: progress.totalBytes - 1 })).toBe(99);
  });

  it('fetches only what is not cached yet, in the manifest’s order', () => {
    expect(filesToFetch(MANIFEST, new Set(['data/mnist/manifest.json'])).map((f) => f.path)).toEqual([
      'assets/tfjs-backend-wasm-simd-Cc22.wasm',
      'data/mnist/train-images-idx3-ubyte.gz',
    ]);
  });
});

describe('failures', () => {
  it('tells a full store from a refused one, and leaves other errors to the caller', () => {
    expect(storageFailureOf(new DOMException('over', 'QuotaExceededError'))).toBe('storage-full');
    expect(storageFailureOf({ name: 'Error', code: 22 })).toBe('storage-full');
    expect(storageFailureOf(new DOMException('no', 'SecurityError'))).toBe('storage-unavailable');
    expect(storageFailureOf(new OfflineError('network'))).toBe('network');
    expect(storageFailureOf(new TypeError('Failed to fetch'))).toBeNull();
    expect(storageFailureOf(undefined)).toBeNull();
  });

  it('says what happened and what to do, and that the site still works online', () => {
    expect(failureMessage('storage-full')).toMatch(
      /storage is full.*Free some space.*works as usual while you are online/,
    );
    expect(failureMessage('no-service-worker')).toMatch(/service workers are turned off or blocked.*works as usual/);
    expect(failureMessage('network', 'data/mnist/x.gz')).toBe(
      'A file could not be downloaded (data/mnist/x.gz). Check the connection and try again; what was saved is kept.',
    );
  });
});
