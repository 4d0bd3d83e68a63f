/**
 * Compute backends: registration (wasm files served from our own build, the
 * gradient kernels wasm lacks) and start-up, with a deadline where starting
 * needs the network (the wasm binary). The timing probe is in timedProbe.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerFastGradKernels } from './gradKernels';
import { fetchWasmGzipped } from './wasmFetch';
import type { BackendName } from '../protocol/messages';

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

/** The parts of tfjs-core 4.22's Engine that starting a backend without switching to it needs (private there). */
interface EngineInternals {
  registry: Record<string, unknown>;
  initializeBackend?: (name: string) => { success: boolean | Promise<boolean>; asyncInit: boolean };
  pendingBackendInit: Promise<boolean> | null;
  pendingBackendInitId: number;
}

/**
 * Switches to `name` if it starts within `ms`: 'started', 'failed', or 'late' when its start-up
 * (the wasm backend fetches and compiles its binary) takes longer. A late start is forgotten:
 * tf.setBackend cannot be cancelled, and one that resolved later would make `name` current
 * behind the back of whichever backend was chosen meanwhile, so the backend is first initialised
 * on its own and only switched to once it is ready; a late initialisation is marked outdated, the
 * way tfjs marks one superseded by another, and no longer blocks the other backends' operations.
 */
export async function startBackendWithin(name: BackendName, ms: number): Promise<'started' | 'failed' | 'late'> {
  configureOnce();
  const engine = tf.engine() as unknown as EngineInternals;
  if (engine.registry[name] === undefined && typeof engine.initializeBackend === 'function') {
    let init: ReturnType<NonNullable<EngineInternals['initializeBackend']>>;
    try {
      init = engine.initializeBackend(name);
    } catch {
      return 'failed';
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
    const outcome = await Promise.race([Promise.resolve(init.success), late]).finally(() => clearTimeout(timer));
    if (outcome === 'late') {
      engine.pendingBackendInitId++;
      engine.pendingBackendInit = null;
      return 'late';
    }
    if (!outcome) return 'failed';
  }
  return (await switchBackend(name)) ? 'started' : 'failed';
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

/**
 * Whether WebGL here draws in software (SwiftShader, llvmpipe): on the CPU, with no GPU behind it.
 * Switches to webgl to ask; false when it cannot start.
 */
export async function softwareWebgl(): Promise<boolean> {
  if (!(await switchBackend('webgl'))) return false;
  return /swiftshader|llvmpipe|softpipe|software/i.test(webglRenderer() ?? '');
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
