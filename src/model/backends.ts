/**
 * Compute backends: registration (wasm files served from our own build, the
 * gradient kernels wasm lacks), start-up, and the timing probe that picks the
 * fastest backend on this machine.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { ModelSpec } from '../core/modelSpec';
import { mulberry32 } from '../core/random';
import type { MnistSplit } from '../data/mnist';
import { registerFastGradKernels } from './gradKernels';
import { fetchWasmGzipped } from './wasmFetch';
import type { BackendName, BackendProbe } from '../protocol/messages';
import { Trainer } from './trainer';

let configured = false;
let wasmDirectory: string | null = null;

/** For Node scripts: load the wasm binaries from this folder (a path ending in /), not bundler URLs. */
export function loadWasmFrom(directory: string): void {
  wasmDirectory = directory;
}

/** Where bundler asset URLs resolve from: the page or worker script (a file URL under Node tests). */
function pageUrl(): string {
  return globalThis.location?.href ?? import.meta.url;
}

function configureOnce(): void {
  if (configured) return;
  configured = true;
  // Asset URLs from the bundler: resolved against our own build, never a CDN.
  // In the browser the binaries come through tfjs's platform fetch, which prefers their gzipped copies.
  setWasmPaths(
    wasmDirectory ?? {
      'tfjs-backend-wasm.wasm': new URL(wasmPlainUrl, pageUrl()).href,
      'tfjs-backend-wasm-simd.wasm': new URL(wasmSimdUrl, pageUrl()).href,
      'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreadedUrl, pageUrl()).href,
    },
    wasmDirectory === null,
  );
  // Threads need a cross-origin-isolated page, which ordinary static hosts do not give.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerFastGradKernels('wasm');
  registerFastGradKernels('cpu');
  tf.enableProdMode();
  if (wasmDirectory === null) fetchWasmGzipped();
}

/** Switches tfjs to `name`; resolves false (never throws) when it cannot start here. */
export async function switchBackend(name: BackendName): Promise<boolean> {
  configureOnce();
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** The WebGL context behind the current backend, or null when it is not webgl. */
function webglContext(): WebGL2RenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  return (tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl ?? null;
}

/** A human-readable note on the device behind WebGL, e.g. to flag software rendering. */
export function webglRenderer(): string | null {
  try {
    const gl = webglContext();
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return `${renderer}, WebGL ${tf.env().getNumber('WEBGL_VERSION')}`;
  } catch {
    return null;
  }
}

/** Calls `listener` once if the current WebGL backend's context is lost; returns false when there is none to watch. */
export function onWebglContextLost(listener: () => void): boolean {
  const canvas = webglContext()?.canvas;
  if (!canvas) return false;
  canvas.addEventListener('webglcontextlost', listener, { once: true });
  return true;
}

/** Loses the WebGL context on purpose, as a GPU reset would (tests only); false when it cannot. */
export function loseWebglContext(): boolean {
  const extension = webglContext()?.getExtension('WEBGL_lose_context');
  extension?.loseContext();
  return Boolean(extension);
}

function randomSplit(count: number, seed: number): MnistSplit {
  const rng = mulberry32(seed);
  const images = Uint8Array.from({ length: count * 784 }, () => (rng() < 0.2 ? 255 : 0));
  const labels = Uint8Array.from({ length: count }, () => Math.floor(rng() * 10));
  return { images, labels, count };
}

/**
 * Times training steps of `spec` on `name`, after one warm-up step that pays for shader
 * compilation and allocation, and reports examples per second. Stops after one timed step
 * when the backend is clearly slower than `toBeat` (examples/s of the best so far), so a
 * slow backend costs start-up time only once.
 */
export async function probeBackend(
  name: BackendName,
  spec: ModelSpec,
  batchSize: number,
  toBeat = 0,
  budgetMs = 400,
): Promise<BackendProbe> {
  if (!(await switchBackend(name))) return { backend: name, examplesPerSec: null, error: 'could not start here' };
  const split = randomSplit(batchSize, 7);
  const indices = Array.from({ length: batchSize }, (_, i) => i);
  let trainer: Trainer | null = null;
  try {
    trainer = new Trainer(spec, 1, 'adam', 1e-3);
    await trainer.step(split, indices);
    const start = performance.now();
    let steps = 0;
    let rate = 0;
    for (;;) {
      await trainer.step(split, indices);
      steps++;
      const ms = performance.now() - start;
      rate = (steps * batchSize * 1000) / ms;
      if (rate < toBeat / 2 || steps >= 20 || (steps >= 2 && ms >= budgetMs)) break;
    }
    return { backend: name, examplesPerSec: rate };
  } catch (error) {
    return { backend: name, examplesPerSec: null, error: (error as Error).message };
  } finally {
    trainer?.dispose();
  }
}

/** The fastest backend that ran, or null when none did. */
export function fastest(probes: BackendProbe[]): BackendProbe | null {
  return probes.reduce<BackendProbe | null>(
    (best, p) => (p.examplesPerSec !== null && (!best || p.examplesPerSec > best.examplesPerSec!) ? p : best),
    null,
  );
}
