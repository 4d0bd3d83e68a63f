import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import type { BackendName, BackendProbe } from '../protocol/messages';

// Which backends "start" here, and the speed each probe measures; every switch is recorded.
const machine = vi.hoisted(() => ({
  starts: new Set<string>(),
  speeds: {} as Record<string, number | null>,
  switches: [] as string[],
}));
vi.mock('./backends', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./backends')>()),
  switchBackend: async (name: string) => {
    machine.switches.push(name);
    return machine.starts.has(name);
  },
  probeBackend: async (name: BackendName): Promise<BackendProbe> => ({
    backend: name,
    examplesPerSec: machine.speeds[name] ?? null,
  }),
}));
import { chooseBackend, describeProbes, firstBackendBesides, PROBE_ORDER } from './backendChoice';

function onMachine(starts: string[], speeds: Record<string, number | null> = {}): void {
  machine.starts = new Set(starts);
  machine.speeds = speeds;
  machine.switches = [];
}

afterEach(() => onMachine([]));

describe('chooseBackend', () => {
  it('takes a forced backend that starts without timing any', async () => {
    onMachine(['webgl'], { webgl: 900 });
    expect(await chooseBackend('webgl', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64)).toEqual({
      backend: 'webgl',
      reason: 'webgl was chosen in the URL (?backend=webgl).',
      probes: [],
    });
    expect(machine.switches).toEqual(['webgl']);
  });

  it('gives up on a forced backend that cannot start in a worker', async () => {
    onMachine(['wasm', 'cpu'], { wasm: 4000, cpu: 300 });
    expect(await chooseBackend('webgl', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64)).toBeNull();
  });

  it('times every candidate in auto mode and switches to the fastest', async () => {
    onMachine(['wasm', 'webgl', 'cpu'], { wasm: 4012.4, webgl: 6100.6, cpu: null });
    const choice = await chooseBackend('auto', 'worker', PROBE_ORDER, DEFAULT_SPEC, 64);
    expect(choice).toEqual({
      backend: 'webgl',
      reason:
        'webgl trained fastest in a start-up test (wasm: 4,012 examples/s, webgl: 6,101 examples/s, cpu: unavailable).',
      probes: [
        { backend: 'wasm', examplesPerSec: 4012.4 },
        { backend: 'webgl', examplesPerSec: 6100.6 },
        { backend: 'cpu', examplesPerSec: null },
      ],
    });
    expect(machine.switches.at(-1)).toBe('webgl');
  });

  it('falls back to the fastest on the main thread, saying the forced one could not start', async () => {
    onMachine(['wasm', 'cpu'], { wasm: 4000, cpu: 300 });
    const choice = await chooseBackend('webgl', 'main', ['wasm', 'cpu'], DEFAULT_SPEC, 64);
    expect(choice?.backend).toBe('wasm');
    expect(choice?.reason).toBe(
      'webgl could not start here, so wasm trained fastest in a start-up test (wasm: 4,000 examples/s, cpu: 300 examples/s).',
    );
  });

  it('fails with a sentence when no backend can train', async () => {
    onMachine([], {});
    await expect(chooseBackend('auto', 'main', PROBE_ORDER, DEFAULT_SPEC, 64)).rejects.toThrow(
      'No compute backend could train here: WebGL, WebAssembly and the CPU fallback all failed.',
    );
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
    expect(describeProbes([])).toBe('');
  });
});
