import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * What the built site may load: only its own files. wasm needs 'wasm-unsafe-eval' to compile
 * the WebAssembly backend; nothing needs 'unsafe-eval' or inline scripts. Blob and data URLs
 * carry pictures the user opens and files they download. Added to the build only: the dev
 * server injects an inline script for hot reloading.
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
    closeBundle: () => {
      for (const name of readdirSync(assetsDir).filter((file) => file.endsWith('.wasm'))) {
        writeFileSync(join(assetsDir, `${name}.gz`), gzipSync(readFileSync(join(assetsDir, name)), { level: 9 }));
      }
    },
  };
}

// `base: './'` keeps every asset URL relative, so the built site works from any static host
// and under any sub-path (e.g. https://example.org/courses/cnn/) with no setting. BASE_PATH
// pins an absolute base instead, for hosts that serve index.html from other paths too.
export default defineConfig({
  base: process.env.BASE_PATH ?? './',
  plugins: [react(), contentSecurityPolicy(), gzippedWasm()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
