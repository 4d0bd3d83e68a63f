// The soak's in-page instruments: functions scripts/soak.mjs hands to Playwright
// (page.evaluate, waitForFunction), which runs them in the browser; times are epoch ms.
// Each one stands alone: Playwright sends its source text, so it may use nothing from this module.

/* global window, document, requestAnimationFrame, MutationObserver */

/**
 * Records every rAF frame interval and long task with its time, the first step and the end of
 * training. Frames go into a typed array allocated up front: its bytes are outside the JS heap,
 * so the recording does not read as heap growth between the start and the end.
 */
export function installRecorder(capacity) {
  const now = () => performance.timeOrigin + performance.now();
  const frames = new Float64Array(capacity * 2);
  const r = { count: 0, longTasks: [], longTaskSupported: true, firstStepAt: null, doneAt: null, running: true };
  window.__soak = r;
  let last = null;
  const tick = (t) => {
    if (!r.running || r.count === capacity) return;
    const at = performance.timeOrigin + t;
    if (last !== null) {
      frames[r.count * 2] = at;
      frames[r.count * 2 + 1] = at - last;
      r.count++;
    }
    last = at;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        r.longTasks.push([performance.timeOrigin + entry.startTime, entry.duration]);
    });
    observer.observe({ type: 'longtask' });
  } catch {
    r.longTaskSupported = false;
  }
  const stat = (id) => document.querySelector(`[data-testid=stat-${id}]`);
  const watch = new MutationObserver(() => {
    if (r.firstStepAt === null && Number(stat('step')?.getAttribute('data-value')) >= 1) r.firstStepAt = now();
    if (r.doneAt === null && ['done', 'error'].includes(stat('state')?.getAttribute('data-value'))) r.doneAt = now();
  });
  watch.observe(document.querySelector('.training-panel'), {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-value'],
  });
  r.stop = () => {
    r.running = false;
    observer?.disconnect();
    watch.disconnect();
    return {
      frames: Array.from(frames.subarray(0, r.count * 2)),
      framesFull: r.count === capacity,
      longTasks: r.longTasks,
      longTaskSupported: r.longTaskSupported,
      firstStepAt: r.firstStepAt,
      doneAt: r.doneAt,
    };
  };
}

export function readStats() {
  const value = (id) => document.querySelector(`[data-testid=stat-${id}]`)?.getAttribute('data-value') ?? '';
  const num = (id) => (value(id) === '' ? null : Number(value(id)));
  return {
    state: value('state'),
    epoch: num('epoch'),
    step: num('step'),
    examples: num('examples'),
    speed: num('speed'),
    elapsedMs: num('elapsed'),
    testAccuracy: num('test-accuracy'),
    numTensors: num('tensors'),
    evaluations: document.querySelectorAll('[data-testid=evaluations] tbody tr').length,
    backend: document.querySelector('[data-testid=backend-name]')?.textContent ?? null,
    // What the network view shows now ("Input: Test digit #12, a 7, 28×28 pixels" or "Input: Your drawing, …").
    shown: document.querySelector('[data-testid=network-view] canvas')?.getAttribute('aria-label') ?? null,
    error: document.querySelector('[data-testid=training-error]')?.textContent ?? null,
  };
}

/** One row per test-set evaluation, with the live tensors the engine had then. */
export function readEvaluations() {
  return [...document.querySelectorAll('[data-testid=evaluations] tbody tr')].map((row) => {
    const cells = row.querySelectorAll('td');
    return {
      epoch: Number.parseInt(cells[0]?.textContent ?? '', 10),
      step: Number(String(cells[1]?.textContent ?? '').replace(/[^0-9]/g, '')),
      testAccuracy: Number(cells[2]?.getAttribute('data-value')),
      numTensors: Number(row.querySelector('[data-testid=eval-tensors]')?.getAttribute('data-value')),
    };
  });
}

export function isReady() {
  const train = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Train');
  return (
    !!train &&
    !train.disabled &&
    document.querySelector('[data-testid=stat-state]')?.getAttribute('data-value') === 'idle'
  );
}
