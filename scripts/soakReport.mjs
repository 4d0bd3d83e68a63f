// The soak's analysis and report: the first and last windows of training compared (frame
// times, long tasks, heaps, tensors), the page-switching round trips, and the printed tables.

import { fmt, printLoadAverage, printPageErrors, ratio, summarizeSmoothness, table } from './browser.mjs';

/** The frames, long tasks, tensors and digit switches of one window [from, to] (epoch ms). */
function windowOf(train, from, to) {
  const { recorded, samples, actions } = train;
  const inside = (at) => at >= from && at <= to;
  const smooth = summarizeSmoothness({
    durationMs: to - from,
    frames: recorded.frames.filter(([at]) => inside(at)).map(([, dt]) => dt),
    longTasks: recorded.longTasks.filter(([at]) => inside(at)).map(([, d]) => d),
    longTaskSupported: recorded.longTaskSupported,
  });
  const readings = samples.filter((s) => inside(s.at));
  const tensors = readings.map((s) => s.numTensors).filter((n) => n !== null);
  const before = samples.filter((s) => s.at < from).at(-1)?.evaluations ?? 0;
  return {
    from,
    to,
    ...smooth,
    tensorsLast: tensors.at(-1) ?? null,
    tensorsMin: tensors.length ? Math.min(...tensors) : null,
    tensorsMax: tensors.length ? Math.max(...tensors) : null,
    // Each evaluation (10,000 test digits, then the confusion matrix and gallery redrawn) costs frames.
    evaluations: (readings.at(-1)?.evaluations ?? before) - before,
    switches: actions.filter((a) => inside(a.at) && a.kind !== 'failed').length,
    // Distinct inputs the network view showed: proof that the switches reached the live view.
    inputsShown: new Set(readings.map((s) => s.shown).filter(Boolean)).size,
    examplesPerSec: wallSpeed(readings),
  };
}

function wallSpeed(readings) {
  if (readings.length < 2) return null;
  const [a, b] = [readings[0], readings.at(-1)];
  return b.at > a.at ? ((b.examples - a.examples) * 1000) / (b.at - a.at) : null;
}

export function analyze(train, windowMs) {
  const { recorded } = train;
  const begin = recorded.firstStepAt ?? train.clickAt;
  const finish = recorded.doneAt ?? train.samples.at(-1)?.at ?? Date.now();
  const startTo = Math.min(begin + windowMs, finish);
  // The end window starts after the start's forced GC, so neither window holds that pause.
  const endFrom = Math.max(finish - windowMs, train.startReadingsDoneAt ?? startTo);
  const start = windowOf(train, begin, startTo);
  const end = windowOf(train, endFrom, finish);
  const compare = (key) => ratio(end[key], start[key]);
  return {
    trainingWallMs: finish - begin,
    start,
    end,
    ratios: {
      frameP50: compare('frameP50Ms'),
      frameP95: compare('frameP95Ms'),
      frameMax: compare('frameMaxMs'),
      longTasks: compare('longTasks'),
      mainHeap: ratio(train.end?.main?.usedBytes, train.start?.main?.usedBytes),
      workerHeap: ratio(train.end?.worker?.usedBytes, train.start?.worker?.usedBytes),
      tensorsStat: ratio(end.tensorsLast, start.tensorsLast),
      tensorsAtEvaluations: ratio(train.evaluations.at(-1)?.numTensors, train.evaluations[0]?.numTensors),
    },
  };
}

// ---------------------------------------------------------------------------
// Output

/** "3 gallery digit, 1 drawn digit" (Object.groupBy needs Node 21). */
function tally(names) {
  const counts = new Map();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${n} ${name}`).join(', ') || 'none';
}

const mb = (bytes) => (bytes === null || bytes === undefined ? '—' : `${(bytes / 1e6).toFixed(1)} MB`);
const workerMb = (reading, key = 'usedBytes') => (reading?.error ? 'n/a' : mb(reading?.[key]));

export function report(results, { chapter, epochs, trainSize, windowMs }) {
  const { meta, train, analysis, trips } = results;
  const { start, end, ratios } = analysis;
  console.log(`\nConvScope soak — ${meta.date}`);
  console.log(
    `Chromium ${meta.chromiumVersion}; ${meta.cpus} CPU cores; node ${meta.node}; backend ${train.final?.backend ?? '—'}`,
  );
  printLoadAverage(meta);
  console.log(
    `SOAK_SCALE=${meta.scale}: ${epochs} epochs × ${trainSize.toLocaleString('en')} images, snapshots every 250 ms; ` +
      `windows of ${fmt.s(windowMs / 1000)}; training took ${fmt.s(analysis.trainingWallMs / 1000)} wall (${fmt.s((train.final?.elapsedMs ?? 0) / 1000)} engine time), ` +
      `${fmt.n(train.final?.step)} steps, test accuracy ${fmt.pct(train.final?.testAccuracy)}${train.timedOut ? ' — DID NOT FINISH' : ''}`,
  );

  const row = (label, a, b, show) => [label, show(a), show(b), fmt.ratio(ratio(b, a))];
  const n1 = (v) => fmt.n(v, 1);
  table(
    '1. Start vs end of training',
    [
      'measure',
      `start (first ${fmt.s((start.to - start.from) / 1000)})`,
      `end (last ${fmt.s((end.to - end.from) / 1000)})`,
      'end/start',
    ],
    [
      row('frames', start.frames, end.frames, fmt.n),
      row('frame p50 ms', start.frameP50Ms, end.frameP50Ms, n1),
      row('frame p95 ms', start.frameP95Ms, end.frameP95Ms, n1),
      row('frame max ms', start.frameMaxMs, end.frameMaxMs, n1),
      row('long tasks', start.longTasks, end.longTasks, (v) => (v === null ? 'n/a' : fmt.n(v))),
      row('long-task time', start.longTaskTotalMs, end.longTaskTotalMs, fmt.ms),
      row('main JS heap after GC', train.start?.main?.usedBytes, train.end?.main?.usedBytes, mb),
      [
        'worker JS heap after GC',
        workerMb(train.start?.worker),
        workerMb(train.end?.worker),
        fmt.ratio(ratios.workerHeap),
      ],
      [
        'worker array buffers',
        workerMb(train.start?.worker, 'backingStorageBytes'),
        workerMb(train.end?.worker, 'backingStorageBytes'),
        fmt.ratio(ratio(train.end?.worker?.backingStorageBytes, train.start?.worker?.backingStorageBytes)),
      ],
      row('live tensors, page stat (last)', start.tensorsLast, end.tensorsLast, fmt.n),
      [
        'live tensors, page stat (min–max)',
        `${fmt.n(start.tensorsMin)}–${fmt.n(start.tensorsMax)}`,
        `${fmt.n(end.tensorsMin)}–${fmt.n(end.tensorsMax)}`,
        '',
      ],
      [
        'live tensors, 1st vs last evaluation',
        fmt.n(train.evaluations[0]?.numTensors),
        fmt.n(train.evaluations.at(-1)?.numTensors),
        fmt.ratio(ratios.tensorsAtEvaluations),
      ],
      row('examples/s (wall)', start.examplesPerSec, end.examplesPerSec, fmt.n),
      ['evaluations in the window', fmt.n(start.evaluations), fmt.n(end.evaluations), ''],
      [
        'digit switches / inputs shown',
        `${start.switches} / ${start.inputsShown}`,
        `${end.switches} / ${end.inputsShown}`,
        '',
      ],
    ],
  );
  console.log(
    '   heaps: start = read (after a forced GC) when the start window closes; end = right after training ended;',
  );
  console.log("   the worker's through the DevTools protocol (a worker has no performance.memory).");
  console.log(
    "   the page's tensor stat changes only with the state and at evaluations (once an epoch here): before the first",
  );
  console.log('   evaluation it shows the count from when training started, before the optimizer made its variables.');
  if (train.start?.worker?.error || train.end?.worker?.error)
    console.log(`   worker heap unavailable: ${train.start?.worker?.error ?? train.end?.worker?.error}`);
  console.log(
    `   digit switches over the run: ${tally(train.actions.map((a) => a.kind))}; scrolls to: ${tally(train.scrolls.map((s) => s.name ?? 'none'))}`,
  );

  table(
    '2. Test-set evaluations (live tensors at each)',
    ['epoch', 'step', 'test accuracy', 'live tensors'],
    train.evaluations.map((e) => [String(e.epoch), fmt.n(e.step), fmt.pct(e.testAccuracy), fmt.n(e.numTensors)]),
  );

  const tripRow = (label, t) => [
    label,
    t.error ? 'error' : fmt.ms(t.readyMs),
    mb(t.main?.usedBytes),
    fmt.n(t.main?.domNodes),
    fmt.n(t.main?.jsEventListeners),
    fmt.n(t.numTensors),
    workerMb(t.worker),
  ];
  table(
    `3. Page switching: playground → #/learn/${chapter} → playground (readings after a forced GC, engine ready)`,
    ['visit', 'back → ready', 'main heap', 'DOM nodes', 'listeners', 'live tensors', 'worker heap'],
    [
      tripRow('first open (before training)', { ...train.ready, readyMs: train.readyMs }),
      ...trips.map((t) => tripRow(`round trip ${t.trip}`, t)),
    ],
  );
  const ok = trips.filter((t) => !t.error);
  if (ok.length >= 2) {
    const [a, b] = [ok[0], ok.at(-1)];
    console.log(
      `   round trip ${a.trip} → ${b.trip}: main heap ${fmt.ratio(ratio(b.main.usedBytes, a.main.usedBytes))}, DOM nodes ${fmt.ratio(ratio(b.main.domNodes, a.main.domNodes))}, ` +
        `live tensors ${a.numTensors} → ${b.numTensors}, worker heap ${fmt.ratio(ratio(b.worker?.usedBytes, a.worker?.usedBytes))}`,
    );
  }
  for (const t of trips.filter((t) => t.error)) console.log(`   round trip ${t.trip} error: ${t.error}`);
  if (train.error) console.log(`\nTraining error: ${train.error}`);
  printPageErrors(results.errors);
}

// ---------------------------------------------------------------------------
// Main
