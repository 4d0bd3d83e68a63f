// The benchmark's in-page instruments: functions scripts/bench.mjs hands to Playwright
// (page.evaluate, addInitScript), which runs them in the browser. Each one stands alone:
// Playwright sends its source text, so it may use nothing from this module.

/* global window, document, requestAnimationFrame, MutationObserver */

/**
 * Init script: times, from navigation start, the data ready, the backend chosen,
 * the Train button first enabled, and the engine ready (state idle, Train enabled).
 */
export function installLoadProbe() {
  const probe = { dataReadyMs: null, backendMs: null, trainButtonEnabledMs: null, readyMs: null };
  window.__benchLoad = probe;
  const check = () => {
    const now = performance.now();
    if (
      probe.dataReadyMs === null &&
      document.querySelector('[data-testid=data-status]')?.textContent?.startsWith('MNIST ready')
    )
      probe.dataReadyMs = now;
    if (probe.backendMs === null && document.querySelector('[data-testid=backend-name]')) probe.backendMs = now;
    const train = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Train');
    const enabled = !!train && !train.disabled;
    if (probe.trainButtonEnabledMs === null && enabled) probe.trainButtonEnabledMs = now;
    const state = document.querySelector('[data-testid=stat-state]')?.getAttribute('data-value');
    if (probe.readyMs === null && enabled && state === 'idle') probe.readyMs = now;
    return Object.values(probe).every((v) => v !== null);
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** Before clicking Train: times the click and the first step, and records evaluations as they show. */
export function installTrainProbe() {
  const stat = (id) => document.querySelector(`[data-testid=stat-${id}]`);
  const value = (id) => stat(id)?.getAttribute('data-value') ?? '';
  const probe = { clickAt: null, firstStepAt: null, evaluations: [] };
  window.__benchTrain = probe;
  const train = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Train');
  train?.addEventListener('click', () => (probe.clickAt = performance.now()), { capture: true, once: true });
  const steps = new MutationObserver(() => {
    if (probe.firstStepAt === null && Number(value('step')) >= 1) {
      probe.firstStepAt = performance.now();
      steps.disconnect();
    }
  });
  steps.observe(stat('step'), { attributes: true, attributeFilter: ['data-value'] });
  // The page shows only the latest evaluation: record each change of its accuracy
  // with the training time and step shown in the same render.
  let last = value('test-accuracy');
  new MutationObserver(() => {
    const raw = value('test-accuracy');
    if (raw === '' || raw === last) return;
    last = raw;
    probe.evaluations.push({
      testAccuracy: Number(raw),
      elapsedMs: Number(value('elapsed')),
      step: Number(value('step')),
      numTensors: value('tensors') === '' ? null : Number(value('tensors')),
      at: performance.now(),
    });
  }).observe(stat('test-accuracy'), { attributes: true, attributeFilter: ['data-value'] });
}

/** Records rAF frame intervals and long tasks until `window.__benchSmooth.stop()`. */
export function installSmoothness() {
  const s = { frames: [], longTasks: [], running: true, startedAt: performance.now(), supported: true };
  window.__benchSmooth = s;
  let last = null;
  const tick = (t) => {
    if (!s.running) return;
    if (last !== null) s.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) s.longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
  } catch {
    s.supported = false;
  }
  s.stop = () => {
    s.running = false;
    observer?.disconnect();
    return {
      frames: s.frames,
      longTasks: s.longTasks,
      durationMs: performance.now() - s.startedAt,
      longTaskSupported: s.supported,
    };
  };
}

export function readStats() {
  const value = (id) => document.querySelector(`[data-testid=stat-${id}]`)?.getAttribute('data-value') ?? '';
  const num = (id) => (value(id) === '' ? null : Number(value(id)));
  return {
    at: performance.now(),
    state: value('state'),
    step: num('step'),
    examples: num('examples'),
    loss: num('loss'),
    speed: num('speed'),
    elapsedMs: num('elapsed'),
    testAccuracy: num('test-accuracy'),
    timeTo99Ms: num('time-to-99'),
    numTensors: num('tensors'),
    error: document.querySelector('[data-testid=training-error]')?.textContent ?? null,
    // The replay timeline's snapshots and the bytes they hold (src/widgets/Timeline.tsx).
    timelineKept: Number(document.querySelector('[data-testid=timeline-memory]')?.getAttribute('data-kept') ?? NaN),
    timelineBytes: Number(document.querySelector('[data-testid=timeline-memory]')?.getAttribute('data-bytes') ?? NaN),
  };
}

/** The page's evaluations table, when it has one: every evaluation, with the engine's own training time. */
export function readEvaluationTable() {
  const rows = [...document.querySelectorAll('[data-testid=evaluations] tbody tr')];
  if (rows.length === 0) return null;
  const num = (text) => Number(String(text ?? '').replace(/[^0-9.eE+-]/g, ''));
  return rows.map((row) => {
    const cells = row.querySelectorAll('td');
    return {
      testAccuracy: Number(cells[2]?.getAttribute('data-value')),
      elapsedMs: num(cells[4]?.textContent) * 1000,
      step: num(cells[1]?.textContent),
      numTensors: cells[5]?.getAttribute('data-value') ? Number(cells[5].getAttribute('data-value')) : null,
      atEpochEnd: row.getAttribute('data-epoch-end') === 'true',
      wholeSet: row.getAttribute('data-whole-set') === 'true',
      testImages: num(cells[6]?.textContent),
    };
  });
}

export function readBackend() {
  return {
    backend: document.querySelector('[data-testid=backend-name]')?.textContent ?? null,
    badge: document.querySelector('[data-testid=backend-badge] strong')?.textContent ?? null,
    status: document.querySelector('[data-testid=backend-status]')?.textContent?.trim() ?? null,
  };
}

export function probeWebgl() {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return { webgl2: false, renderer: null, vendor: null };
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return {
      webgl2: true,
      renderer: String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
      vendor: String(gl.getParameter(info ? info.UNMASKED_VENDOR_WEBGL : gl.VENDOR)),
    };
  } catch (error) {
    return { webgl2: false, renderer: null, vendor: null, error: String(error) };
  }
}
