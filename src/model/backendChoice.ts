/**
 * Which backend the engine trains on: the one the URL forces, else the fastest in a start-up
 * test bounded in time whatever the network (CHOICE_BUDGET_MS); and, when a backend is lost,
 * the first other one that starts.
 */
import { formatFlops, trainingFlopsPerExample } from '../core/flops';
import type { ModelSpec } from '../core/modelSpec';
import { formatRate } from '../core/trainingEstimate';
import type { BackendName, BackendProbe } from '../protocol/messages';
import { softwareWebgl, startBackendWithin, switchBackend } from './backends';
import { seconds, timeBackend, type MakeStepper } from './timedProbe';

/** wasm first: it is rarely slow, so slower backends are dropped after a single timed step. */
export const PROBE_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/** The whole start-up test: each candidate gets what is left of it, up to its own cap. */
export const CHOICE_BUDGET_MS = 3000;

/**
 * Each candidate's most time. wasm, timed first, may take 2 s, enough for one training example of
 * the heaviest networks the editor allows on this 2-core machine; a hardware WebGL gets the rest.
 */
export const CANDIDATE_BUDGET_MS: Record<BackendName, number> = { wasm: 2000, webgl: 1500, cpu: 1500 };

/** Below this, a candidate is started (as a fallback) but not timed. */
const MIN_BUDGET_MS = 100;

/**
 * Training FLOPs of one timed step at most (about 0.1 s on wasm here): a heavy network is timed on
 * fewer examples than a training batch, so that a step fits the budget and an abandoned one ends soon.
 */
export const PROBE_STEP_FLOPS = 1e9;

/** Examples per timed step: the training batch, or as many as PROBE_STEP_FLOPS allows (at least 1). */
export function probeExamples(flopsPerExample: number, batchSize: number): number {
  const fit = flopsPerExample > 0 ? Math.floor(PROBE_STEP_FLOPS / flopsPerExample) : batchSize;
  return Math.max(1, Math.min(batchSize, fit));
}

/** Test seams: each candidate's time (instead of its share of CHOICE_BUDGET_MS), and the model that takes the timed steps. */
export interface ChoiceOptions {
  budgetsMs?: Partial<Record<BackendName, number>>;
  makeStepper?: MakeStepper;
}

/**
 * The backend now switched to, why (one sentence for the backend report), the probes timed to pick
 * it, and when every step the test abandoned has settled and its tensors are freed.
 */
export interface BackendChoice {
  backend: BackendName;
  reason: string;
  probes: BackendProbe[];
  settled: Promise<void>;
}

/**
 * Switches to the forced backend or, in 'auto' mode or when the forced one cannot start on the
 * main thread, to the fastest of `candidates` at training `spec` in batches of `batchSize`, in
 * about CHOICE_BUDGET_MS whatever the network:
 * - each candidate is timed within what is left of CHOICE_BUDGET_MS, up to CANDIDATE_BUDGET_MS;
 *   one with no training step within its time loses;
 * - once wasm has started, backends that compute on the same CPU (cpu, and WebGL drawn in
 *   software) are not timed: wasm runs the same arithmetic there with SIMD kernels, and a
 *   software WebGL compiles its shaders for seconds before a step could be abandoned;
 * - when no candidate had a step in time, the first that started wins (wasm where it starts).
 * Null when the forced backend cannot start in a worker (the page then falls back to the main thread).
 */
export async function chooseBackend(
  forced: BackendName | 'auto',
  thread: 'worker' | 'main',
  candidates: readonly BackendName[],
  spec: ModelSpec,
  batchSize: number,
  options: ChoiceOptions = {},
): Promise<BackendChoice | null> {
  const settled: Promise<void>[] = [];
  const done = () => Promise.all(settled).then(() => {});
  if (forced !== 'auto' && (await switchBackend(forced))) {
    const reason = `${forced} was chosen in the URL (?backend=${forced}).`;
    return { backend: forced, reason, probes: [], settled: done() };
  }
  if (forced !== 'auto' && thread === 'worker') return null;
  const began = performance.now();
  const flopsPerExample = trainingFlopsPerExample(spec);
  const examples = probeExamples(flopsPerExample, batchSize);
  const probes: BackendProbe[] = [];
  let firstStarted: BackendName | null = null;
  for (const name of candidates) {
    const left = CHOICE_BUDGET_MS - (performance.now() - began);
    const budgetMs = options.budgetsMs?.[name] ?? Math.min(CANDIDATE_BUDGET_MS[name], left);
    const skip = await notTimedBecause(name, firstStarted === 'wasm', budgetMs);
    if (skip) {
      probes.push({ backend: name, examplesPerSec: null, error: skip, notTimed: true });
      // Started all the same, so that something can train if nothing else does.
      if (!firstStarted && (await startBackendWithin(name, MIN_START_MS)) === 'started') firstStarted = name;
      continue;
    }
    const toBeat = fastest(probes)?.examplesPerSec ?? 0;
    const timed = await timeBackend(name, spec, { budgetMs, examples, flopsPerExample, toBeat }, options.makeStepper);
    probes.push(timed.probe);
    settled.push(timed.settled);
    if (timed.started) firstStarted ??= name;
  }
  const best = fastest(probes);
  const winner = best?.backend ?? firstStarted;
  if (!winner || !(await switchBackend(winner)))
    throw new Error('No compute backend could train here: WebGL, WebAssembly and the CPU fallback all failed.');
  const tested = `${describeProbes(probes)}${batchNote(examples, batchSize, flopsPerExample)}`;
  const reason = best
    ? `${winner} trained fastest in a start-up test (${tested}).`
    : `${winner} was the first to start: no backend finished a training step within its time in the ` +
      `${seconds(CHOICE_BUDGET_MS)} start-up test (${tested}).`;
  return {
    backend: winner,
    reason: forced === 'auto' ? reason : `${forced} could not start here, so ${reason}`,
    probes,
    settled: done(),
  };
}

/** How long a candidate with no time left may take to start as a fallback. */
const MIN_START_MS = 500;

/** Why `name` is not timed, or null when it is. */
async function notTimedBecause(name: BackendName, wasmStarted: boolean, budgetMs: number): Promise<string | null> {
  if (wasmStarted && name === 'cpu') return 'not timed, as wasm computes faster on the same CPU';
  if (wasmStarted && name === 'webgl' && (await softwareWebgl()))
    return 'not timed, as it draws in software on the CPU, where wasm is faster';
  if (budgetMs < MIN_BUDGET_MS) return `not timed, as the ${seconds(CHOICE_BUDGET_MS)} were spent`;
  return null;
}

/** Why the test used fewer examples than a batch: "; timed on 1 example per step, as one costs 5.6 GFLOP". */
function batchNote(examples: number, batchSize: number, flopsPerExample: number): string {
  if (examples >= batchSize) return '';
  const what = examples === 1 ? '1 example' : `${examples} examples`;
  return `; timed on ${what} per step, as one training example of this network costs ${formatFlops(flopsPerExample)}`;
}

/** The fastest backend that ran, or null when none did. */
export function fastest(probes: readonly BackendProbe[]): BackendProbe | null {
  return probes.reduce<BackendProbe | null>(
    (best, p) => (p.examplesPerSec !== null && (!best || p.examplesPerSec > best.examplesPerSec!) ? p : best),
    null,
  );
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

/**
 * The probes as the backend report lists them:
 * "wasm: 4,512 examples/s, webgl: no step within 1.3 s, cpu: unavailable".
 */
export function describeProbes(probes: readonly BackendProbe[]): string {
  return probes.map((p) => `${p.backend}: ${probeOutcome(p)}`).join(', ');
}

function probeOutcome(probe: BackendProbe): string {
  if (probe.examplesPerSec !== null) return `${formatRate(probe.examplesPerSec)} examples/s`;
  if ((probe.overBudgetMs !== undefined || probe.notTimed) && probe.error) return probe.error;
  return 'unavailable';
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
        reason: `${name} started first; the backends are timed on this network before it trains.`,
        probes: [],
        settled: Promise.resolve(),
      };
  }
  throw new Error('No compute backend could start here: WebGL, WebAssembly and the CPU fallback all failed.');
}
