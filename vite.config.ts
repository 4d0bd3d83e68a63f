import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { offlineManifest } from './scripts/offlineManifestPlugin.ts';
import { PRECACHE_GLOBS, PRECACHE_IGNORES, RUNTIME_RULES } from './src/offline/offlineFiles.ts';

/**
 * What the built site may load: only its own files. wasm needs 'wasm-unsafe-eval' to compile
 * the WebAssembly backend; nothing needs 'unsafe-eval' or inline scripts. Blob and data URLs
 * carry pictures the user opens and files they download. Added to the build only: the dev
 * server injects an inline script for hot reloading.
 *
 * The service worker needs nothing more: `worker-src 'self'` already admits its script (sw.js and
 * the Workbox runtime it imports, both our own files, registered from a module, never inline); the
 * web app manifest falls under default-src 'self'; and the worker's own fetches are not governed
 * by this page's policy (a meta tag does not reach a worker), only ever to our own files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'convscope-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * A gzipped copy beside each WebAssembly binary, which the app fetches instead (see
 * src/model/wasmFetch.ts): many static hosts send wasm uncompressed, three times the bytes.
 */
function gzippedWasm(): Plugin {
  let assetsDir = '';
  return {
    name: 'convscope-gzipped-wasm',
    apply: 'build',
    configResolved: (config) => {
      assetsDir = resolve(config.root, config.build.outDir, config.build.assetsDir);
    },
    // Before the service worker's files are listed (offline-manifest.json names the copies).
    closeBundle: {
      order: 'pre',
      sequential: true,
      handler: () => {
        for (const name of readdirSync(assetsDir).filter((file) => file.endsWith('.wasm'))) {
          writeFileSync(join(assetsDir, `${name}.gz`), gzipSync(readFileSync(join(assetsDir, name)), { level: 9 }));
        }
      },
    },
  };
}

// `base: './'` keeps every asset URL relative, so the built site works from any static host
// and under any sub-path (e.g. https://example.org/courses/cnn/) with no setting. BASE_PATH
// pins an absolute base instead, for hosts that serve index.html from other paths too.
const offline = offlineManifest();

/** The theme colour: --accent in src/styles.css. */
const THEME_COLOUR = '#1f5fbf';

/**
 * The service worker (Workbox, generated): precaches the app shell and every route's code, caches
 * the MNIST files and wasm binaries at first use (src/offline/offlineFiles.ts says which), and
 * waits for the page's say-so before a new deployment takes over (registerType 'prompt'), so old
 * and new files never mix. Registered by src/offline/serviceWorker.ts, a module: no inline script.
 */
function serviceWorker() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false,
    integration: { closeBundleOrder: 'pre' },
    // The icons are in the precache globs already.
    includeManifestIcons: false,
    manifest: {
      name: 'ConvScope — see a CNN learn',
      short_name: 'ConvScope',
      description: 'Train a convolutional neural network on MNIST in your browser and watch every layer learn.',
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: THEME_COLOUR,
      background_color: '#ffffff',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: PRECACHE_GLOBS,
      globIgnores: PRECACHE_IGNORES,
      // tfjs chunks are 1-2 MB each; nothing the app needs may be dropped for its size.
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      // The first visit's page is served by the worker as soon as it is installed, so the MNIST
      // files and wasm it fetches next are cached at first use. Updates still wait for the prompt.
      clientsClaim: true,
      runtimeCaching: RUNTIME_RULES.map(({ urlPattern, cacheName, handler }) => ({
        urlPattern,
        handler,
        options: {
          cacheName,
          cacheableResponse: { statuses: [200] },
          ...(handler === 'NetworkFirst' && { networkTimeoutSeconds: 5 }),
        },
      })),
      manifestTransforms: [offline.collectPrecache],
    },
  });
}

export default defineConfig({
  base: process.env.BASE_PATH ?? './',
  plugins: [react(), contentSecurityPolicy(), gzippedWasm(), serviceWorker(), offline.plugin],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
