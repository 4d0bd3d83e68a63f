/**
 * Which backend the engine trains on: the one the URL forces, else the fastest of a timed
 * start-up probe; and, when a backend is lost, the first other one that starts.
 */
import type { ModelSpec } from '../core/modelSpec';
import type { BackendName, BackendProbe } from '../protocol/messages';
import { fastest, probeBackend, switchBackend } from './backends';

/** wasm first: it is rarely slow, so slower backends are dropped after a single timed step. */
export const PROBE_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/** The backend now switched to, why (one sentence for the backend report), and the probes timed to pick it. */
export interface BackendChoice {
  backend: BackendName;
  reason: string;
  probes: BackendProbe[];
}

/**
 * Switches to the forced backend or, in 'auto' mode or when the forced one cannot start on the
 * main thread, to the fastest of `candidates` at training `spec` in batches of `batchSize`.
 * Null when the forced backend cannot start in a worker (the page then falls back to the main thread).
 */
export async function chooseBackend(
  forced: BackendName | 'auto',
  thread: 'worker' | 'main',
  candidates: readonly BackendName[],
  spec: ModelSpec,
  batchSize: number,
): Promise<BackendChoice | null> {
  if (forced !== 'auto' && (await switchBackend(forced))) {
    return { backend: forced, reason: `${forced} was chosen in the URL (?backend=${forced}).`, probes: [] };
  }
  if (forced !== 'auto' && thread === 'worker') return null;
  const probes: BackendProbe[] = [];
  for (const name of candidates) {
    probes.push(await probeBackend(name, spec, batchSize, fastest(probes)?.examplesPerSec ?? 0));
  }
  const best = fastest(probes);
  if (!best)
    throw new Error('No compute backend could train here: WebGL, WebAssembly and the CPU fallback all failed.');
  await switchBackend(best.backend);
  const reason = `${best.backend} trained fastest in a start-up test (${describeProbes(probes)}).`;
  return {
    backend: best.backend,
    reason: forced === 'auto' ? reason : `${forced} could not start here, so ${reason}`,
    probes,
  };
}

/** The first of `candidates` that starts, the `lost` backend last (a fresh context may work again). */
export async function firstBackendBesides(
  lost: BackendName,
  candidates: readonly BackendName[],
): Promise<BackendName | null> {
  for (const name of [...candidates.filter((b) => b !== lost), lost]) {
    if (await switchBackend(name)) return name;
  }
  return null;
}

/** The probes as the backend report lists them: "wasm: 4,512 examples/s, webgl: unavailable". */
export function describeProbes(probes: readonly BackendProbe[]): string {
  return probes
    .map((p) =>
      p.examplesPerSec === null
        ? `${p.backend}: unavailable`
        : `${p.backend}: ${Math.round(p.examplesPerSec).toLocaleString('en')} examples/s`,
    )
    .join(', ');
}

/**
 * Starts what a page needs before any training: the forced backend (as `chooseBackend`), or in
 * 'auto' mode the first of `candidates` that starts, untimed: timing them costs a training step
 * each, which pages that only show a model never need. Training times them first (the engine).
 */
export async function startBackend(
  forced: BackendName | 'auto',
  thread: 'worker' | 'main',
  candidates: readonly BackendName[],
  spec: ModelSpec,
  batchSize: number,
): Promise<BackendChoice | null> {
  if (forced !== 'auto') return chooseBackend(forced, thread, candidates, spec, batchSize);
  for (const name of candidates) {
    if (await switchBackend(name))
      return {
        backend: name,
        reason: `${name} started first; the fastest backend is timed when you train.`,
        probes: [],
      };
  }
  throw new Error('No compute backend could start here: WebGL, WebAssembly and the CPU fallback all failed.');
}
