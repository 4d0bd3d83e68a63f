import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import type { BackendName, BackendProbe } from '../protocol/messages';

// Which backends "start" here, the speed each probe measures (null: no step in time), and every switch.
const machine = vi.hoisted(() => ({
  starts: new Set<string>(),
  speeds: {} as Record<string, number | null>,
  switches: [] as string[],
  softwareWebgl: false,
}));
vi.mock('./backends', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./backends')>()),
  switchBackend: async (name: string) => {
    machine.switches.push(name);
    return machine.starts.has(name);
  },
  startBackendWithin: async (name: string) => (machine.starts.has(name) ? 'started' : 'failed'),
  softwareWebgl: async () => machine.softwareWebgl && machine.starts.has('webgl'),
}));
vi.mock('./timedProbe', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./timedProbe')>()),
  timeBackend: async (name: BackendName, _spec: unknown, limits: ProbeLimits): Promise<TimedProbe> => {
    const started = machine.starts.has(name);
    const speed = machine.speeds[name] ?? null;
    const probe: BackendProbe =
      started && speed === null
        ? { backend: name, examplesPerSec: null, error: 'no step within 1.3 s', overBudgetMs: limits.budgetMs }
        : { backend: name, examplesPerSec: started ? speed : null };
    return { probe, started, settled: Promise.resolve() };
  },
}));
import {
  CANDIDATE_BUDGET_MS,
  CHOICE_BUDGET_MS,
  chooseBackend,
  describeProbes,
  firstBackendBesides,
  PROBE_ORDER,
  probeExamples,
} from './backendChoice';
import type { ProbeLimits, TimedProbe } from './timedProbe';

function onMachine(starts: string[], speeds: Record<string, number | null> = {}, softwareWebgl = false): void {
  machine.starts = new Set(starts);
  machine.speeds = speeds;
  machine.switches = [];
  machine.softwareWebgl = softwareWebgl;
}

afterEach(() => onMachine([]));

describe('chooseBackend', () => {
  it('takes a forced backend that starts without timing any', async () => {
    onMachine(['webgl'], { webgl: 900 });
    expect(await chooseBackend('webgl', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64)).toEqual({
      backend: 'webgl',
      reason: 'webgl was chosen in the URL (?backend=webgl).',
      probes: [],
      settled: expect.any(Promise),
    });
    expect(machine.switches).toEqual(['webgl']);
  });

  it('gives up on a forced backend that cannot start in a worker', async () => {
    onMachine(['wasm', 'cpu'], { wasm: 4000, cpu: 300 });
    expect(await chooseBackend('webgl', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64)).toBeNull();
  });

  it('times wasm and WebGL, not the CPU once wasm has started, and switches to the fastest', async () => {
    onMachine(['wasm', 'webgl', 'cpu'], { wasm: 4012.4, webgl: 6100.6 });
    const choice = await chooseBackend('auto', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64);
    expect(choice).toEqual({
      backend: 'webgl',
      reason:
        'webgl trained fastest in a start-up test (wasm: 4,012 examples/s, webgl: 6,101 examples/s, ' +
        'cpu: not timed, as wasm computes faster on the same CPU).',
      probes: [
        { backend: 'wasm', examplesPerSec: 4012.4 },
        { backend: 'webgl', examplesPerSec: 6100.6 },
        {
          backend: 'cpu',
          examplesPerSec: null,
          error: 'not timed, as wasm computes faster on the same CPU',
          notTimed: true,
        },
      ],
      settled: expect.any(Promise),
    });
    expect(machine.switches.at(-1)).toBe('webgl');
  });

  it('does not time a WebGL drawn in software once wasm has started', async () => {
    onMachine(['wasm', 'webgl', 'cpu'], { wasm: 4000, webgl: 9000 }, true);
    const choice = await chooseBackend('auto', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64);
    expect(choice?.backend).toBe('wasm');
    expect(choice?.reason).toBe(
      'wasm trained fastest in a start-up test (wasm: 4,000 examples/s, ' +
        'webgl: not timed, as it draws in software on the CPU, where wasm is faster, ' +
        'cpu: not timed, as wasm computes faster on the same CPU).',
    );
  });

  it('falls back to the fastest on the main thread, saying the forced one could not start', async () => {
    onMachine(['cpu'], { cpu: 300 });
    const choice = await chooseBackend('webgl', 'main', ['wasm', 'cpu'], DEFAULT_SPEC, 64);
    expect(choice?.backend).toBe('cpu');
    expect(choice?.reason).toBe(
      'webgl could not start here, so cpu trained fastest in a start-up test (wasm: unavailable, cpu: 300 examples/s).',
    );
  });

  it('takes the first backend that started when none had a step within its time, and says so', async () => {
    onMachine(['wasm', 'webgl', 'cpu'], { wasm: null, webgl: null });
    const choice = await chooseBackend('auto', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64);
    expect(choice?.backend).toBe('wasm');
    expect(choice?.reason).toBe(
      'wasm was the first to start: no backend finished a training step within its time in the 3 s start-up ' +
        'test (wasm: no step within 1.3 s, webgl: no step within 1.3 s, ' +
        'cpu: not timed, as wasm computes faster on the same CPU).',
    );
    expect(machine.switches.at(-1)).toBe('wasm');
    onMachine(['webgl', 'cpu'], { cpu: null, webgl: null });
    expect((await chooseBackend('auto', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64))?.backend).toBe('webgl');
  });

  it('prefers a backend with a step in time over one that started first but had none', async () => {
    onMachine(['webgl', 'cpu'], { webgl: null, cpu: 250 });
    const choice = await chooseBackend('auto', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64);
    expect(choice?.backend).toBe('cpu');
    expect(choice?.reason).toBe(
      'cpu trained fastest in a start-up test (wasm: unavailable, webgl: no step within 1.3 s, cpu: 250 examples/s).',
    );
  });

  it('still starts a candidate left no time, so that something trains', async () => {
    onMachine(['cpu'], { cpu: 250 });
    const choice = await chooseBackend('auto', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64, { budgetsMs: { cpu: 0 } });
    expect(choice?.backend).toBe('cpu');
    expect(choice?.probes.at(-1)).toEqual({
      backend: 'cpu',
      examplesPerSec: null,
      error: 'not timed, as the 3 s were spent',
      notTimed: true,
    });
  });

  it('says a heavy network was timed on fewer examples per step, and what one costs', async () => {
    onMachine(['wasm'], { wasm: 1.84 });
    const heavy = {
      inputShape: [28, 28, 1] as [number, number, number],
      layers: [
        {
          kind: 'conv2d' as const,
          filters: 256,
          kernelSize: 3,
          stride: 1,
          padding: 'same' as const,
          activation: 'relu' as const,
        },
        {
          kind: 'conv2d' as const,
          filters: 256,
          kernelSize: 3,
          stride: 1,
          padding: 'same' as const,
          activation: 'relu' as const,
        },
        { kind: 'flatten' as const },
        { kind: 'dense' as const, units: 10, activation: 'softmax' as const },
      ],
    };
    const choice = await chooseBackend('auto', 'worker', ['wasm'], heavy, 64);
    expect(choice?.reason).toBe(
      'wasm trained fastest in a start-up test (wasm: 1.8 examples/s; timed on 1 example per step, ' +
        'as one training example of this network costs 2.8 GFLOP).',
    );
  });

  it('fails with a sentence when no backend can train', async () => {
    onMachine([], {});
    await expect(chooseBackend('auto', 'main', PROBE_ORDER, DEFAULT_SPEC, 64)).rejects.toThrow(
      'No compute backend could train here: WebGL, WebAssembly and the CPU fallback all failed.',
    );
  });
});

describe('the start-up budget', () => {
  it('is 3 s in all, wasm taking at most 2 s and each other backend at most 1.5 s', () => {
    expect(CHOICE_BUDGET_MS).toBe(3000);
    expect(CANDIDATE_BUDGET_MS).toEqual({ wasm: 2000, webgl: 1500, cpu: 1500 });
  });
});

describe('probeExamples', () => {
  it('times a full batch of a light network and at least one example of a heavy one', () => {
    expect(probeExamples(1_935_360, 64)).toBe(64); // the default network: 516 would fit
    expect(probeExamples(40_000_000, 64)).toBe(25); // 1e9 / 4e7
    expect(probeExamples(5_571_944_448, 64)).toBe(1);
    expect(probeExamples(0, 32)).toBe(32);
  });
});

describe('firstBackendBesides', () => {
  it('tries the other candidates in order before the lost one', async () => {
    onMachine(['cpu']);
    expect(await firstBackendBesides('webgl', PROBE_ORDER)).toBe('cpu');
    expect(machine.switches).toEqual(['wasm', 'cpu']);
  });

  it('tries the lost backend again last, and gives null when nothing starts', async () => {
    onMachine(['webgl']);
    expect(await firstBackendBesides('webgl', PROBE_ORDER)).toBe('webgl');
    expect(machine.switches).toEqual(['wasm', 'cpu', 'webgl']);
    onMachine([]);
    expect(await firstBackendBesides('webgl', ['cpu'])).toBeNull();
    expect(machine.switches).toEqual(['cpu', 'webgl']);
  });
});

describe('describeProbes', () => {
  it('lists each probe with its rounded speed, or unavailable', () => {
    expect(
      describeProbes([
        { backend: 'wasm', examplesPerSec: 12_345.5 },
        { backend: 'webgl', examplesPerSec: null, error: 'no GL' },
      ]),
    ).toBe('wasm: 12,346 examples/s, webgl: unavailable');
    expect(
      describeProbes([
        { backend: 'wasm', examplesPerSec: 1.8412 },
        { backend: 'webgl', examplesPerSec: null, error: 'no step within 1.3 s', overBudgetMs: 1250 },
        { backend: 'cpu', examplesPerSec: null, error: 'too slow to time within 0.5 s', overBudgetMs: 500 },
      ]),
    ).toBe('wasm: 1.8 examples/s, webgl: no step within 1.3 s, cpu: too slow to time within 0.5 s');
    expect(describeProbes([])).toBe('');
  });
});
