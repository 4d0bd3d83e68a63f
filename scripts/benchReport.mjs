// The benchmark's printed report: speeds against the stock tfjs baseline measured in the same
// run, accuracy over time, frame times and tensor counts.

import { fmt, printLoadAverage, printPageErrors, ratio, table } from './browser.mjs';

export function report(results, settings) {
  const { AUTO_SECONDS, FORCED_SECONDS, ACCURACY_SECONDS, ACCURACY_AT_SECONDS, WARMUP_FRACTION, EVAL_EVERY } = settings;
  const { meta, runs, baseline, accuracy } = results;
  const base = baseline.fit?.examplesPerSec ?? null;
  console.log(`\nConvScope benchmark — ${meta.date}`);
  console.log(
    `Chromium ${meta.chromiumVersion}; WebGL renderer: ${meta.webglRenderer ?? 'unavailable'}; ${meta.cpus} CPU cores; node ${meta.node}`,
  );
  printLoadAverage(meta);
  console.log(
    `BENCH_SECONDS=${meta.scale} (auto runs ${fmt.s(AUTO_SECONDS)}, forced ${fmt.s(FORCED_SECONDS)}, accuracy ${fmt.s(ACCURACY_SECONDS)}); speeds are after a ${WARMUP_FRACTION * 100}% warm-up`,
  );

  const speedRows = runs.map((r) => [
    r.label,
    r.backend?.badge ?? r.backend?.backend ?? '—',
    r.error ? `error` : fmt.n(r.speed?.medianExamplesPerSec),
    fmt.n(r.speed?.wallExamplesPerSec),
    fmt.ratio(ratio(r.speed?.medianExamplesPerSec, base)),
    fmt.ratio(ratio(r.speed?.wallExamplesPerSec, base)),
    fmt.n(r.final?.step),
    r.speed?.readings ?? '—',
  ]);
  speedRows.push([
    'baseline: stock model.fit (#/bench)',
    baseline.fit ? `${baseline.fit.backend} · main thread` : '—',
    baseline.error ? 'error' : fmt.n(base),
    baseline.fit && baseline.wallMs ? fmt.n((baseline.fit.examples * 1000) / baseline.wallMs) : '—',
    '1.00×',
    '',
    baseline.fit ? fmt.n(Math.ceil(baseline.fit.examples / baseline.options.batchSize)) : '—',
    '',
  ]);
  table(
    '1. Training throughput (examples/s)',
    ['run', 'backend', 'stat ex/s (median)', 'wall ex/s', 'stat/baseline', 'wall/baseline', 'steps', 'readings'],
    speedRows,
  );
  console.log('   stat ex/s: median of the page\'s "Examples/s" readings (engine step time only);');
  console.log(
    '   wall ex/s: examples shown ÷ page time over the same window (includes snapshots, evaluations, messaging).',
  );
  console.log(
    '   baseline wall ex/s includes model.fit set-up and shader compilation; its stat ex/s skips the first two batches.',
  );
  results.liveView = liveViewCost(runs);
  const live = results.liveView;
  console.log(
    `   live view (wasm, ${live.pairs} alternating pairs, snapshots every 200 ms vs off): costs ${fmt.n(live.statPercent, 1)}% by stat ex/s (pairs: ${live.pairPercents.map((p) => fmt.n(p, 1)).join(', ')}), ${fmt.n(live.wallPercent, 1)}% by wall ex/s;`,
  );
  console.log(
    `   the overview redrew ${fmt.n(live.redrawsPerSecond, 1)} times a second (median gap ${fmt.ms(live.medianGapMs)}, longest ${fmt.ms(live.longestGapMs)})`,
  );
  if (base)
    console.log(
      `   baseline: ${baseline.fit.examples} examples, batch 64, final loss ${fmt.n(baseline.fit.finalLoss, 4)}, ${fmt.ms(baseline.wallMs)} wall`,
    );
  if (baseline.error) console.log(`   baseline error: ${baseline.error}`);
  for (const r of runs) if (r.error) console.log(`   ${r.label} error: ${r.error}`);
  for (const r of runs.filter((r) => r.key.startsWith('auto'))) {
    const reason = r.backend?.status?.match(/start-up test \(([^)]*)\)/)?.[1];
    if (reason) console.log(`   ${r.label} start-up probe: ${reason}`);
  }

  const acc = accuracy.analysis;
  const accRun = accuracy.run;
  table(
    `2. Accuracy (the playground's defaults: auto backend, quick checks every ${EVAL_EVERY} steps, ${fmt.s(ACCURACY_SECONDS)} of training)`,
    ['measure', 'value'],
    [
      ['backend', accRun.backend?.badge ?? '—'],
      [
        `test accuracy at ${fmt.s(acc?.earlySeconds ?? null)} training time`,
        acc
          ? `${fmt.pct(acc.accuracyEarly)} (eval at ${fmt.s(acc.accuracyEarlyElapsedMs === null ? null : acc.accuracyEarlyElapsedMs / 1000)})`
          : '—',
      ],
      [
        `test accuracy at ${fmt.s(ACCURACY_AT_SECONDS)} training time`,
        acc
          ? `${fmt.pct(acc.accuracyAtLimit)} (eval at step ${fmt.n(acc.accuracyAtLimitStep)}, ${fmt.s(acc.accuracyAtLimitElapsedMs === null ? null : acc.accuracyAtLimitElapsedMs / 1000)})`
          : '—',
      ],
      [
        'first time ≥ 98.5%',
        acc?.secondsTo985 === null || !acc
          ? '— (not reached)'
          : `${fmt.s(acc.secondsTo985)} (step ${fmt.n(acc.stepTo985)})`,
      ],
      [
        'first time ≥ 99% (any evaluation)',
        acc?.secondsTo99 === null || !acc
          ? '— (not reached)'
          : `${fmt.s(acc.secondsTo99)} (step ${fmt.n(acc.stepTo99)}, ${fmt.n(acc.imagesAt99)} test images)`,
      ],
      ['  the page\'s own "First at 99.00%"', acc ? fmt.s(acc.pageSecondsTo99) : '—'],
      [
        'first time ≥ 99% on the whole test set',
        acc?.secondsTo99WholeSet === null || !acc
          ? '— (not reached)'
          : `${fmt.s(acc.secondsTo99WholeSet)} (step ${fmt.n(acc.stepTo99WholeSet)})`,
      ],
      [
        `whole test set at ${fmt.s(acc?.earlySeconds ?? null)} / ${fmt.s(ACCURACY_AT_SECONDS)}`,
        acc ? `${fmt.pct(acc.wholeSetEarly)} / ${fmt.pct(acc.wholeSetAtLimit)}` : '—',
      ],
      [
        'final test accuracy',
        acc
          ? `${fmt.pct(acc.finalAccuracy)} at step ${fmt.n(accRun.final?.step)}, ${fmt.s((accRun.final?.elapsedMs ?? 0) / 1000)}`
          : '—',
      ],
      [
        'replay timeline at the end',
        `${fmt.n(accRun.final?.timelineKept)} snapshots, ${fmt.n((accRun.final?.timelineBytes ?? NaN) / 1e6, 1)} MB`,
      ],
      [
        'examples/s (stat median / wall)',
        `${fmt.n(accRun.speed?.medianExamplesPerSec)} / ${fmt.n(accRun.speed?.wallExamplesPerSec)}`,
      ],
      [
        'evaluations seen / run',
        acc ? `${acc.evaluationsSeen} / ${acc.evaluationsExpected} (from ${accRun.evaluationsSource})` : '—',
      ],
    ],
  );
  if (accRun.error) console.log(`   error: ${accRun.error}`);
  if (accRun.evaluations?.length) {
    console.log('   evaluations (training time → test accuracy, live tensors):');
    console.log(
      '   ' +
        accRun.evaluations
          .map(
            (e) =>
              `${(e.elapsedMs / 1000).toFixed(1)}s/step ${e.step}${e.wholeSet ? ' (whole set)' : ''}: ${fmt.pct(e.testAccuracy)} [${e.numTensors ?? '—'}]`,
          )
          .join('; '),
    );
  }

  const smoothRows = [
    ['engine training (auto, 1a)', runs.find((r) => r.key === 'autoSnap')?.smoothness],
    ['baseline model.fit', baseline.smoothness],
  ].map(([label, s]) => [
    label,
    s ? fmt.n(s.frames) : '—',
    s ? fmt.n(s.frameP50Ms, 1) : '—',
    s ? fmt.n(s.frameP95Ms, 1) : '—',
    s ? fmt.n(s.frameMaxMs, 1) : '—',
    s ? (s.longTasks === null ? 'n/a' : fmt.n(s.longTasks)) : '—',
    s ? fmt.ms(s.longTaskTotalMs) : '—',
    s ? fmt.ms(s.durationMs) : '—',
  ]);
  table(
    '3. Main-thread smoothness',
    ['while', 'frames', 'p50 ms', 'p95 ms', 'max ms', 'long tasks', 'long-task time', 'recorded'],
    smoothRows,
  );

  table(
    '4. Start-up (from navigation, fresh browser context)',
    ['run', 'Train button enabled', 'data ready', 'backend chosen', 'ready (idle)', 'click → first step'],
    [...runs, accRun].map((r) => [
      r.label,
      fmt.ms(r.load?.trainButtonEnabledMs),
      fmt.ms(r.load?.dataReadyMs),
      fmt.ms(r.load?.backendMs),
      fmt.ms(r.load?.readyMs),
      fmt.ms(r.clickToFirstStepMs),
    ]),
  );
  console.log(
    '   ready (idle) = the model shown on the digit pack and Train enabled; MNIST is fetched after the click (data ready',
  );
  console.log(
    '   then shows —), so click → first step includes its download and, unless timed already, the backend test.',
  );
  const first = results.firstStep;
  console.log(
    `   click → first step in one context, cold then warm HTTP cache (after a reload): ${fmt.ms(first?.cold?.ms)} cold, ${fmt.ms(first?.warm?.ms)} warm${first?.error ? ` (error: ${first.error})` : ''}`,
  );

  table(
    '5. Live tensors at evaluations (run 2)',
    ['measure', 'value'],
    [
      ['first evaluation', acc?.tensorCounts[0] ?? '—'],
      ['later evaluations', acc?.tensorCounts.length > 1 ? acc.tensorCounts.slice(1).join(', ') : '—'],
      ['all equal', acc?.tensorsEqual === null || !acc ? '—' : acc.tensorsEqual ? 'yes' : 'NO (tensors grow: a leak?)'],
    ],
  );

  console.log(
    '   heap + buffers: JS heap after a GC + ArrayBuffer backing stores (images, wasm memory), from DevTools.',
  );
  printPageErrors(
    [...runs, baseline, accRun].flatMap((r) => (r.errors ?? []).map((e) => `${r.label ?? 'baseline'}: ${e}`)),
  );
}

// ---------------------------------------------------------------------------
// Main

/** Page loads: bytes by type and time to the main picture, cold and warm; JavaScript per chapter page. */
export function reportPages({ kinds, chapters, precache }) {
  const kb = (n) => (n === undefined || n === null ? '—' : `${fmt.n(n / 1000)} KB`);
  const ms = fmt.ms;
  const rows = kinds.map((k) => [
    k.label,
    k.error ? 'error' : kb(k.cold?.total),
    kb(k.cold?.byType.js),
    kb(k.cold?.byType.wasm),
    kb((k.cold?.byType.model ?? 0) + (k.cold?.byType.data ?? 0)),
    kb((k.cold?.byType.css ?? 0) + (k.cold?.byType.html ?? 0) + (k.cold?.byType.other ?? 0)),
    ms(k.cold?.pictureMs),
    kb(k.warm?.total),
    ms(k.warm?.pictureMs),
  ]);
  table(
    '0. Page loads (served by vite preview on this machine; bytes as sent, compressed, with headers)',
    [
      'page',
      'cold total',
      'JS',
      'wasm',
      'model + data',
      'CSS + HTML + other',
      'cold: picture at',
      'warm total',
      'warm: picture at',
    ],
    rows,
  );
  table(
    '   JavaScript on a cold first load of each chapter page',
    ['chapter', 'JS bodies (gzip)', 'JS with headers', 'all bytes', 'loads tfjs'],
    chapters.map((c) => [
      c.hash,
      c.error ? 'error' : kb(c.jsBodyBytes),
      kb(c.jsBytes),
      kb(c.total),
      c.error ? '—' : c.tfjs ? 'yes' : 'no',
    ]),
  );
  console.log(
    precache?.error
      ? `   first visit with the service worker: ${precache.error}`
      : `   Pages load with the service worker blocked. A first visit (home) with it: ${kb(precache?.total)} in ${precache?.requests ?? '—'} requests, the page and the app code the worker precaches in the background (JS ${kb(precache?.byType.js)}).`,
  );
}

/**
 * The live view's cost from the alternating on/off pairs (runs liveOnN / liveOffN): the median of
 * the pairs' speed losses, so one pair caught by a noisy neighbour does not decide it; and how
 * often the overview redrew with it on.
 */
export function liveViewCost(runs) {
  const pairs = [];
  for (let n = 1; ; n++) {
    const on = runs.find((r) => r.key === `liveOn${n}`);
    const off = runs.find((r) => r.key === `liveOff${n}`);
    if (!on || !off) break;
    pairs.push({ on, off });
  }
  const loss = (a, b) => (a && b ? (1 - a / b) * 100 : null);
  const middle = (values) => {
    const known = values.filter((v) => v !== null).sort((x, y) => x - y);
    return known.length ? known[Math.floor((known.length - 1) / 2)] : null;
  };
  const pairPercents = pairs.map(({ on, off }) =>
    loss(on.speed?.medianExamplesPerSec, off.speed?.medianExamplesPerSec),
  );
  return {
    pairs: pairs.length,
    pairPercents,
    statPercent: middle(pairPercents),
    wallPercent: middle(pairs.map(({ on, off }) => loss(on.speed?.wallExamplesPerSec, off.speed?.wallExamplesPerSec))),
    redrawsPerSecond: middle(pairs.map(({ on }) => on.redraws?.perSecond ?? null)),
    medianGapMs: middle(pairs.map(({ on }) => on.redraws?.medianGapMs ?? null)),
    longestGapMs: Math.max(...pairs.map(({ on }) => on.redraws?.longestGapMs ?? 0)),
  };
}

/** The own-data limits (benchOwnData.mjs): file sizes, editor and playground times, heaps, speeds against MNIST. */
export function reportOwnData({ sets, mnist, seconds, rounds, loadAverageAtStart, loadAverageAtEnd }) {
  const mb = (v) => (v === null || v === undefined ? '—' : `${fmt.n(v, 1)} MB`);
  const load = (l) => l.map((x) => x.toFixed(1)).join(' ');
  const heapCell = (h) => (h?.usedMB == null ? '—' : `${mb(h.usedMB)} + ${mb(h.backingMB)}`);
  const runRow = (label, run) => [
    label,
    run?.error ? 'error' : fmt.n(run?.statExamplesPerSec),
    fmt.n(run?.lateStatExamplesPerSec),
    fmt.n(run?.wallExamplesPerSec),
    fmt.ms(run?.readyMs),
    heapCell(run?.heap?.page),
    fmt.n(run?.heap?.page?.domNodes),
    heapCell(run?.heap?.worker),
    run?.firstEpoch.trainMs ? `${fmt.ms(run.firstEpoch.trainMs)} / ${fmt.ms(run.firstEpoch.clickToShownMs)}` : '—',
  ];
  table(
    `7. Own data at the limits (wasm, ${fmt.s(seconds)} of training each, ${rounds} rounds; load average ${load(loadAverageAtStart)} → ${load(loadAverageAtEnd)})`,
    ['data set', 'file', 'editor: open + store', 'editor heap + buffers', 'editor DOM nodes'],
    sets.map((s) => [
      `${s.classes} × ${fmt.n(s.perClass)}`,
      mb(s.fileMB),
      s.error ? 'error' : fmt.ms(s.openMs),
      heapCell(s.editor),
      fmt.n(s.editor?.domNodes),
    ]),
  );
  table(
    '   Training on it in the playground (data=mine) and on MNIST with the same settings',
    [
      'run',
      'stat ex/s',
      'late half',
      'wall ex/s',
      'navigation → ready',
      'page heap + buffers',
      'DOM nodes',
      'worker heap + buffers',
      'epoch 1: train / click → shown',
    ],
    mnist.runs.flatMap((m, i) => [
      ...sets.map((s) => runRow(`${s.classes} × ${fmt.n(s.perClass)}, round ${i + 1}`, s.runs[i])),
      runRow(`MNIST, round ${i + 1}`, m),
    ]),
  );
  for (const s of sets)
    console.log(
      `   ${s.classes} × ${fmt.n(s.perClass)}: ${fmt.ratio(s.statRatioToMnist)} MNIST's stat ex/s (median of rounds: ${s.statRatiosToMnist.map(fmt.ratio).join(', ')}; ${fmt.ratio(s.lateStatRatioToMnist)} in the late half; ${fmt.ratio(s.wallRatioToMnist)} wall); round 1 vs MNIST: page heap ${mb(s.heapMinusMnistMB['page.usedMB'])} + buffers ${mb(s.heapMinusMnistMB['page.backingMB'])}, worker heap ${mb(s.heapMinusMnistMB['worker.usedMB'])} + buffers ${mb(s.heapMinusMnistMB['worker.backingMB'])}`,
    );
  const beyond = sets.flatMap((s) => s.beyond ?? []);
  if (beyond.length) console.log('   Beyond the limits, the editor says:');
  for (const b of beyond)
    console.log(
      `   - ${b.case}: "${b.message}"${b.setKept === undefined ? '' : b.setKept ? ' (set kept)' : ' (SET LOST)'}`,
    );
  console.log(
    '   heap + buffers: JS heap after a GC + ArrayBuffer backing stores (images, wasm memory), from DevTools.',
  );
  printPageErrors([...sets, mnist].flatMap((s) => s.runs.flatMap((r) => r.errors ?? [])));
}
