/**
 * The start-up speed test of one compute backend, time-boxed: training steps of the real network
 * on random digits until the backend's share of the start-up time is spent. A step still running
 * at the deadline is abandoned (a running kernel cannot be cancelled): nothing waits for it any
 * more, and its model is disposed when it settles, whichever backend is current by then.
 */
import type { ModelSpec } from '../core/modelSpec';
import { mulberry32 } from '../core/random';
import type { MnistSplit } from '../data/mnist';
import type { BackendName, BackendProbe } from '../protocol/messages';
import { startBackendWithin } from './backends';
import { Trainer } from './trainer';

/** One model that can take training steps, as the speed test needs it. */
export interface Stepper {
  step(): Promise<unknown>;
  dispose(): void;
}

/** Builds a Stepper for `spec` training on batches of `examples` (on the current backend). */
export type MakeStepper = (spec: ModelSpec, examples: number) => Stepper;

/** What the test of one backend may spend and must beat. */
export interface ProbeLimits {
  /** Time from asking for the backend to the end of its last counted step. */
  budgetMs: number;
  /** Examples per step. */
  examples: number;
  /** Training FLOPs per example of the network (core/flops), reported with the speed. */
  flopsPerExample: number;
  /** Examples/s of the best backend so far: a backend clearly slower stops after one timed step. */
  toBeat: number;
}

/** A probe's result, whether the backend started, and when any work it abandoned has settled and been disposed. */
export interface TimedProbe {
  probe: BackendProbe;
  started: boolean;
  settled: Promise<void>;
}

/** Backends whose kernels run on the calling thread: a step cannot be abandoned before it ends. */
const SYNCHRONOUS: readonly BackendName[] = ['wasm', 'cpu'];

/**
 * Training speeds (FLOP/s) below most devices' for the synchronous backends (this 2-core machine
 * trains the default network at about 3 GFLOP/s on wasm, the heavy 3×conv256 one at about
 * 4.5 GFLOP/s; the cpu backend at about 0.2 GFLOP/s): a step predicted to overrun the budget even
 * at this speed is not started, since it could not be abandoned.
 */
export const SLOW_FLOPS_PER_SEC: Partial<Record<BackendName, number>> = { wasm: 4e9, cpu: 1e8 };

/** How long steps after the first are timed, when the budget allows. */
const MEASURE_MS = 400;
const MAX_TIMED_STEPS = 20;

/**
 * Times training steps of `spec` on `name` within `limits.budgetMs` and reports examples/s: over
 * the steps after the first (which pays for shader compilation and allocation), or from the first
 * step alone when only it fitted (an underestimate). A backend with no step within its budget
 * gets examplesPerSec null and `overBudgetMs` (and `lateExamplesPerSec` when a synchronous step,
 * which cannot be abandoned, ended late).
 */
export async function timeBackend(
  name: BackendName,
  spec: ModelSpec,
  limits: ProbeLimits,
  makeStepper: MakeStepper = trainerStepper,
): Promise<TimedProbe> {
  const { budgetMs, examples, flopsPerExample, toBeat } = limits;
  const done = Promise.resolve();
  const deadline = performance.now() + budgetMs;
  const lost = (error: string, started = true): TimedProbe => ({
    probe: { backend: name, examplesPerSec: null, error, overBudgetMs: budgetMs, examples, flopsPerExample },
    started,
    settled: done,
  });
  const failed = (error: string): TimedProbe => ({
    probe: { backend: name, examplesPerSec: null, error },
    started: false,
    settled: done,
  });
  const start = await startBackendWithin(name, budgetMs);
  if (start === 'late') return lost(`did not start within ${seconds(budgetMs)}`, false);
  if (start === 'failed') return failed('could not start here');
  const slowest = SLOW_FLOPS_PER_SEC[name];
  const slowestStepMs = slowest ? (examples * flopsPerExample * 1000) / slowest : 0;
  if (slowestStepMs > deadline - performance.now()) return lost(`too slow to time within ${seconds(budgetMs)}`);
  let stepper: Stepper | null = null;
  try {
    stepper = makeStepper(spec, examples);
    const times: number[] = [];
    let rate = 0;
    for (;;) {
      const stepStart = performance.now();
      const step = stepper.step();
      const ended = await settlesBy(step, deadline);
      if (ended) await step; // Rethrows a failed step.
      const now = performance.now();
      if (!ended) {
        const abandoned = stepper;
        stepper = null; // Disposed once the step settles, not now: it may still be using the model.
        const settled = step.then(
          () => abandoned.dispose(),
          () => abandoned.dispose(),
        );
        if (times.length > 0) return { probe: measured(name, rate, examples, flopsPerExample), started: true, settled };
        return { ...lost(`no step within ${seconds(budgetMs)}`), settled };
      }
      if (now > deadline) {
        // A synchronous step that could not be abandoned: it ended late, but says how fast this backend is.
        if (times.length > 0)
          return { probe: measured(name, rate, examples, flopsPerExample), started: true, settled: done };
        const late = lost(`no step within ${seconds(budgetMs)} (one took ${seconds(now - stepStart)})`);
        return { ...late, probe: { ...late.probe, lateExamplesPerSec: (examples * 1000) / (now - stepStart) } };
      }
      times.push(now - stepStart);
      const timed = times.slice(1);
      const timedMs = timed.reduce((sum, ms) => sum + ms, 0);
      rate = timed.length > 0 ? (timed.length * examples * 1000) / timedMs : (examples * 1000) / times[0]!;
      // The first step pays for set-up, so the next is predicted from the FLOPs until one is timed.
      const nextMs = timed.length > 0 ? timedMs / timed.length : slowestStepMs;
      const outOfTime = SYNCHRONOUS.includes(name) && now + nextMs > deadline;
      const enough =
        timed.length > 0 && (rate < toBeat / 2 || timedMs >= MEASURE_MS || timed.length >= MAX_TIMED_STEPS);
      if (enough || outOfTime)
        return { probe: measured(name, rate, examples, flopsPerExample), started: true, settled: done };
    }
  } catch (error) {
    return failed((error as Error).message); // A backend that cannot train is no fallback either.
  } finally {
    stepper?.dispose();
  }
}

function measured(backend: BackendName, examplesPerSec: number, examples: number, flopsPerExample: number) {
  return { backend, examplesPerSec, examples, flopsPerExample };
}

/** Whether `work` settles (either way) before `deadline` (a performance.now() time). */
async function settlesBy(work: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>(
    (resolve) => (timer = setTimeout(() => resolve(false), deadline - performance.now())),
  );
  const settled = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** "1.3 s", "0.5 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** The real trainer on random binary digits: the same kernels as training, without waiting for MNIST. */
function trainerStepper(spec: ModelSpec, examples: number): Stepper {
  const split = randomSplit(examples, 7);
  const indices = Array.from({ length: examples }, (_, i) => i);
  const trainer = new Trainer(spec, 1, 'adam', 1e-3);
  return { step: () => trainer.step(split, indices), dispose: () => trainer.dispose() };
}

function randomSplit(count: number, seed: number): MnistSplit {
  const rng = mulberry32(seed);
  const images = Uint8Array.from({ length: count * 784 }, () => (rng() < 0.2 ? 255 : 0));
  const labels = Uint8Array.from({ length: count }, () => Math.floor(rng() * 10));
  return { images, labels, count };
}
