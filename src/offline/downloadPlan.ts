/**
 * The arithmetic of **Make available offline**: what is left to fetch, how far along it is, and
 * what to tell the user when it fails. Pure: the Cache API and fetch live in saveForOffline.ts.
 */
import type { OfflineFile, OfflineManifest } from './offlineFiles';

/** How far the offline download has come, in bytes of the whole site. */
export interface OfflineProgress {
  loadedBytes: number;
  totalBytes: number;
  /** Files fully saved (the precache counts as one, once the service worker holds it). */
  savedFiles: number;
  totalFiles: number;
}

/** Everything the site needs offline, in bytes: the precache and every runtime-cached file. */
export function totalBytesOf(manifest: OfflineManifest): number {
  return manifest.precache.bytes + manifest.files.reduce((sum, file) => sum + file.bytes, 0);
}

/**
 * The progress when the precache is (or is not yet) held and each file has `loadedBytes[path]`
 * bytes in (a file absent from the map has none). A file's count never exceeds its listed size,
 * so a server that sends more than the build measured cannot push past 100%.
 */
export function progressOf(
  manifest: OfflineManifest,
  precacheDone: boolean,
  loadedBytes: ReadonlyMap<string, number>,
): OfflineProgress {
  let loaded = precacheDone ? manifest.precache.bytes : 0;
  let saved = precacheDone ? 1 : 0;
  for (const file of manifest.files) {
    const n = Math.min(loadedBytes.get(file.path) ?? 0, file.bytes);
    loaded += n;
    if (n === file.bytes) saved += 1;
  }
  return {
    loadedBytes: loaded,
    totalBytes: totalBytesOf(manifest),
    savedFiles: saved,
    totalFiles: manifest.files.length + 1,
  };
}

/** The files not yet in their cache (`cached` holds the paths found there), in the manifest's order. */
export function filesToFetch(manifest: OfflineManifest, cached: ReadonlySet<string>): OfflineFile[] {
  return manifest.files.filter((file) => !cached.has(file.path));
}

/** Bytes as megabytes with one decimal ("14.2 MB"), for the offline download and the training panel's MNIST download. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A whole percentage, floored, so 100% means done. */
export function percentOf({ loadedBytes, totalBytes }: OfflineProgress): number {
  return totalBytes > 0 ? Math.floor((loadedBytes / totalBytes) * 100) : 100;
}

/** Why the offline download stopped, as the page explains it. */
export type OfflineFailure =
  /** No service worker here (unsupported, blocked, or the page is not on https or localhost). */
  | 'no-service-worker'
  /** No Cache API, or the browser refused to open a cache (private mode, a storage policy). */
  | 'storage-unavailable'
  /** The browser refused to store more (QuotaExceededError). */
  | 'storage-full'
  /** The service worker failed to install (its precache could not be stored or fetched). */
  | 'install-failed'
  /** A file could not be fetched. */
  | 'network';

/** An error that says which failure it is, with the sentence to show. */
export class OfflineError extends Error {
  constructor(
    readonly failure: OfflineFailure,
    detail?: string,
  ) {
    super(failureMessage(failure, detail));
    this.name = 'OfflineError';
  }
}

/** The sentence for a failure: what happened, and what to do. The site always still works online. */
export function failureMessage(failure: OfflineFailure, detail?: string): string {
  switch (failure) {
    case 'no-service-worker':
      return 'This browser cannot keep ConvScope for offline use: service workers are turned off or blocked here (private browsing, a school policy, or a page not served over https). The site works as usual while you are online.';
    case 'storage-unavailable':
      return 'This browser does not let ConvScope store files here (private browsing or a storage setting refuses it). Allow this site to store data, or use a normal window, and try again. The site works as usual while you are online.';
    case 'storage-full':
      return "The browser's storage is full, so ConvScope could not be saved for offline use. Free some space (or allow this site more storage in the browser's settings) and try again; what was saved is kept. The site works as usual while you are online.";
    case 'install-failed':
      return "The browser could not store the site's pages for offline use (its storage may be full, or the connection dropped). Free some space, check the connection and try again. The site works as usual while you are online.";
    case 'network':
      return `A file could not be downloaded${detail ? ` (${detail})` : ''}. Check the connection and try again; what was saved is kept.`;
  }
}

/**
 * Classifies an error thrown by the Cache API or fetch: a full store (QuotaExceededError, or the
 * legacy code 22 some browsers still use) or a refused one (SecurityError, e.g. storage blocked);
 * anything else is left to the caller.
 */
export function storageFailureOf(error: unknown): OfflineFailure | null {
  if (error instanceof OfflineError) return error.failure;
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (name === 'QuotaExceededError' || code === 22) return 'storage-full';
  if (name === 'SecurityError' || name === 'NotAllowedError') return 'storage-unavailable';
  return null;
}
