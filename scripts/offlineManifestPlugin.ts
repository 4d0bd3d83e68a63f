/**
 * A build step that writes `offline-manifest.json` next to index.html: what the service worker
 * precaches (count and bytes, from Workbox's own list) and every file it caches at first use (the
 * MNIST files, their manifest, the WebAssembly binaries) with its size, so **Make available
 * offline** knows what to fetch and how much, without guessing at hashed file names.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import type { ManifestTransform } from 'workbox-build';
import { OFFLINE_MANIFEST_PATH, offlineManifestOf, type BuiltFile } from '../src/offline/offlineFiles.ts';

/** Every file under `dir`, with its path relative to it (forward slashes) and its size. */
function builtFiles(dir: string): BuiltFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      return { path: relative(dir, full).split(sep).join('/'), bytes: statSync(full).size };
    });
}

/**
 * The plugin, and the Workbox manifest transform that hands it the precache list: pass the
 * transform in `workbox.manifestTransforms` and run vite-plugin-pwa's closeBundle first
 * (`integration.closeBundleOrder: 'pre'`); this plugin's own runs last.
 */
export function offlineManifest(): { plugin: Plugin; collectPrecache: ManifestTransform } {
  let config: ResolvedConfig | undefined;
  let precached: BuiltFile[] | null = null;
  const collectPrecache: ManifestTransform = (entries) => {
    precached = entries.map(({ url, size }) => ({ path: url, bytes: size }));
    return { manifest: entries, warnings: [] };
  };
  const plugin: Plugin = {
    name: 'convscope-offline-manifest',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        if (!config || config.build.ssr) return;
        if (!precached) throw new Error('convscope-offline-manifest: the service worker was not generated first');
        const outDir = join(config.root, config.build.outDir);
        const manifest = offlineManifestOf(builtFiles(outDir), precached);
        writeFileSync(join(outDir, OFFLINE_MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`);
        precached = null;
      },
    },
  };
  return { plugin, collectPrecache };
}
