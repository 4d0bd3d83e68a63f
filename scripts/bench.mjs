// `npm run bench`: builds the site (the npm script does that), then this file
// serves dist/ with `vite preview`, drives headless Chromium through the
// playground and the `#/bench` page, prints a table and writes
// bench-results/bench.json. It is a benchmark, not a test: slow numbers never
// fail it; it exits non-zero only when it cannot run at all.
//
// What it measures (all in one run, so ratios compare like with like):
//   1. training examples/s of the engine: auto backend with the live view on
//      (snapshots every 200 ms, the default) and off (snapshotMs=0), three
//      alternating on/off pairs on wasm for the live view's cost and redraw
//      rate, and forced webgl / wasm / cpu,
//      against a stock tfjs model.fit of the same model on WebGL (#/bench);
//   2. test accuracy over training time (evalEvery=150): at 60 s, and the first
//      times at ≥ 98.5 % and ≥ 99 %;
//   3. main-thread smoothness (rAF frame intervals, long tasks) while the engine
//      trains and while the baseline model.fit runs;
//   4. start-up: navigation → Train enabled (data + backend probe), and
//      click on Train → first step;
//   5. live tensor counts at each evaluation of run 2 (they should not grow);
//   6. page loads (benchPages.mjs): bytes by type and time to the main picture for the home
//      page, a chapter, the features chapter, the network embed and the playground, cold and
//      warm; and the JavaScript each chapter page loads;
//   7. the own-data limits (benchOwnData.mjs): data set files of 10 classes × 500 and × 1,000
//      MNIST digits opened in the editor and trained on, against MNIST with the same settings;
//      and what the editor says to files beyond the limits.
//
// Usage:
//   npm run bench                      build, then the full benchmark (~4-5 min)
//   node scripts/bench.mjs             the benchmark alone, on the current dist/
//   BENCH_SECONDS=0.2 node scripts/bench.mjs   a quick smoke run (every duration × 0.2)
// Environment:
//   BENCH_SECONDS  multiplier for every training duration (default 1)
//   CHROMIUM_PATH  the Chromium or Chrome to drive (see e2e/chromium.ts)
//   BENCH_HEADFUL=1  show the browser window (needs a display)
//   BENCH_ONLY=pages  measure the page loads only (~1 min)
//   BENCH_ONLY=live   the live view's cost and redraw rate only (~2.5 min)
//   BENCH_ONLY=owndata  the own-data limits only (~2 min; benchOwnData.mjs): replaces the
//                     `ownData` key of bench-results/bench.json and keeps the rest

/* global window, document */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { installSmoothness, probeWebgl } from './benchProbes.mjs';
import { firstStepRun, newPage, trainRun as openAndTrain, TRAIN_SIZE, WARMUP_FRACTION } from './benchTrain.mjs';
import {
  createLog,
  envScale,
  openBrowser,
  ratio,
  runMeta,
  requireDist,
  root,
  summarizeSmoothness,
} from './browser.mjs';
import { measureChapterScripts, measurePages, measurePrecache } from './benchPages.mjs';
import { measureOwnData } from './benchOwnData.mjs';
import { liveViewCost, report, reportOwnData, reportPages } from './benchReport.mjs';

const { log, fatal } = createLog('bench');
const outDir = join(root, 'bench-results');
const outFile = join(outDir, 'bench.json');

const SCALE = envScale('BENCH_SECONDS', 'a multiplier for every duration', fatal);
const AUTO_SECONDS = 20 * SCALE;
const FORCED_SECONDS = 12 * SCALE;
const LIVE_SECONDS = 12 * SCALE;
const OWN_DATA_SECONDS = 12 * SCALE;

/**
 * The live view's cost is a few per cent at most, inside the noise of one pair of runs:
 * alternate on and off so that drifts in the machine's speed fall on both alike.
 */
function livePairs() {
  const live = (key, label, params) => ({ key, label, params: { backend: 'wasm', ...params }, seconds: LIVE_SECONDS });
  return [1, 2, 3].flatMap((n) => [
    live(`liveOn${n}`, `1d live view on, pair ${n}`, {}),
    live(`liveOff${n}`, `1d live view off, pair ${n}`, { snapshotMs: '0' }),
  ]);
}
const ACCURACY_SECONDS = 75 * SCALE;
const ACCURACY_AT_SECONDS = 60 * SCALE;
const ACCURACY_EARLY_SECONDS = 30 * SCALE;
// A whole number of batches of 64: fitBaseline counts every timed batch as a full one.
const BASELINE_EXAMPLES = 64 * Math.max(5, Math.round((2048 * SCALE) / 64));
const EVAL_EVERY = 150;
const READY_TIMEOUT_MS = 180_000;
const trainRun = (browser, base, spec) => openAndTrain(browser, base, { log, ...spec });

async function baselineRun(browser, base) {
  const options = { examples: BASELINE_EXAMPLES, batchSize: 64, learningRate: 0.004 };
  log(`baseline: stock model.fit on WebGL, ${options.examples} examples`);
  const { context, page, errors } = await newPage(browser);
  const result = { options, errors };
  try {
    await page.goto(`${base}#/bench`);
    const status = page.getByTestId('bench-status');
    await page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid=bench-status]')?.textContent;
        return text !== undefined && text !== 'loading';
      },
      null,
      { timeout: READY_TIMEOUT_MS, polling: 100 },
    );
    const text = await status.textContent();
    if (text !== 'ready') throw new Error(`#/bench says "${text}"`);
    result.webgl = await page.evaluate(probeWebgl);
    await page.evaluate(installSmoothness);
    const started = Date.now();
    result.fit = await page.evaluate((o) => window.convscopeBench.fitBaseline(o), options);
    result.wallMs = Date.now() - started;
    result.smoothness = summarizeSmoothness(await page.evaluate(() => window.__benchSmooth.stop()));
  } catch (error) {
    result.error = error.message.split('\n')[0];
    log(`baseline: ${result.error}`);
  } finally {
    await context.close().catch(() => {});
  }
  return result;
}

/** The own-data limits (benchOwnData.mjs), with the load average around them. */
async function ownDataSection(browser, base) {
  const loadAverageAtStart = loadavg();
  const ownData = await measureOwnData(browser, base, { log, seconds: OWN_DATA_SECONDS });
  Object.assign(ownData, { loadAverageAtStart, loadAverageAtEnd: loadavg() });
  if (process.env.BENCH_ONLY === 'owndata') reportOwnData(ownData);
  return ownData;
}

function analyzeAccuracy(run) {
  const evals = run.evaluations ?? [];
  const whole = evals.filter((e) => e.wholeSet);
  const latestBy = (seconds, list = evals) => list.filter((e) => e.elapsedMs <= seconds * 1000).at(-1) ?? null;
  const atLimit = latestBy(ACCURACY_AT_SECONDS);
  const early = latestBy(ACCURACY_EARLY_SECONDS);
  const firstAt = (threshold, list = evals) => list.find((e) => e.testAccuracy >= threshold) ?? null;
  const r985 = firstAt(0.985);
  const r99 = firstAt(0.99);
  const r99Whole = firstAt(0.99, whole);
  const tensors = evals.map((e) => e.numTensors).filter((n) => n !== null);
  const finalStep = run.final?.step ?? 0;
  return {
    earlySeconds: ACCURACY_EARLY_SECONDS,
    accuracyEarly: early?.testAccuracy ?? null,
    accuracyEarlyElapsedMs: early?.elapsedMs ?? null,
    atSeconds: ACCURACY_AT_SECONDS,
    accuracyAtLimit: atLimit?.testAccuracy ?? null,
    accuracyAtLimitElapsedMs: atLimit?.elapsedMs ?? null,
    accuracyAtLimitStep: atLimit?.step ?? null,
    finalAccuracy: evals.at(-1)?.testAccuracy ?? null,
    secondsTo985: r985 ? r985.elapsedMs / 1000 : null,
    stepTo985: r985?.step ?? null,
    secondsTo99: r99 ? r99.elapsedMs / 1000 : null,
    stepTo99: r99?.step ?? null,
    imagesAt99: r99?.testImages ?? null,
    // What the page itself shows as "First at 99.00%": it must agree with secondsTo99.
    pageSecondsTo99: run.final?.timeTo99Ms != null ? run.final.timeTo99Ms / 1000 : null,
    secondsTo99WholeSet: r99Whole ? r99Whole.elapsedMs / 1000 : null,
    stepTo99WholeSet: r99Whole?.step ?? null,
    wholeSetAtLimit: latestBy(ACCURACY_AT_SECONDS, whole)?.testAccuracy ?? null,
    wholeSetEarly: latestBy(ACCURACY_EARLY_SECONDS, whole)?.testAccuracy ?? null,
    evaluationsSeen: evals.length,
    // Consecutive evaluations with the same accuracy show as one change; this is how many ran.
    evaluationsExpected: Math.floor(finalStep / EVAL_EVERY) + Math.floor(finalStep / Math.ceil(TRAIN_SIZE / 64)),
    tensorCounts: tensors,
    tensorsEqual: tensors.length > 0 ? tensors.every((n) => n === tensors[0]) : null,
  };
}

// ---------------------------------------------------------------------------
// Output

async function main() {
  requireDist(fatal, 'npm run bench');

  const started = Date.now();
  const { browser, server, executablePath, close } = await openBrowser({
    log,
    fatal,
    headless: process.env.BENCH_HEADFUL !== '1',
  });
  try {
    const meta = runMeta(browser, executablePath, { scale: SCALE, webglRenderer: null });
    log(`Chromium ${meta.chromiumVersion} at ${executablePath}`);

    if (process.env.BENCH_ONLY === 'live') {
      const runs = [];
      for (const spec of livePairs()) runs.push({ key: spec.key, ...(await trainRun(browser, server.url, spec)) });
      const live = liveViewCost(runs);
      log(`live view: ${JSON.stringify(live)}`);
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, 'live.json'), JSON.stringify({ meta, runs, live }, null, 2) + '\n');
      return;
    }

    if (process.env.BENCH_ONLY === 'owndata') {
      const ownData = await ownDataSection(browser, server.url);
      const previous = existsSync(outFile) ? JSON.parse(readFileSync(outFile, 'utf8')) : { meta };
      mkdirSync(outDir, { recursive: true });
      writeFileSync(outFile, JSON.stringify({ ...previous, ownData }, null, 2) + '\n');
      console.log(`\nWrote the ownData key of ${relative(root, outFile)}.`);
      return;
    }

    // Page loads first, while nothing else runs in the browser.
    const pages = {
      kinds: await measurePages(browser, server.url, log),
      chapters: await measureChapterScripts(browser, server.url, log),
      precache: await measurePrecache(browser, server.url, log),
    };
    reportPages(pages);
    if (process.env.BENCH_ONLY === 'pages') {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(outFile, JSON.stringify({ meta, pages }, null, 2) + '\n');
      return;
    }

    const runs = [];
    const auto = (key, label, params, extra = {}) => ({ key, label, params, seconds: AUTO_SECONDS, ...extra });
    const plan = [
      auto(
        'autoSnap',
        '1a auto, live view on (snapshots every 200 ms, the default)',
        { backend: 'auto' },
        { smoothness: true },
      ),
      auto('autoNoSnap', '1b auto, live view off (snapshots off)', { backend: 'auto', snapshotMs: '0' }),
      ...livePairs(),
      ...['webgl', 'wasm', 'cpu'].map((b) => ({
        key: b,
        label: `1c forced ${b}`,
        params: { backend: b },
        seconds: FORCED_SECONDS,
      })),
    ];
    for (const spec of plan) runs.push({ key: spec.key, ...(await trainRun(browser, server.url, spec)) });

    const firstStep = await firstStepRun(browser, server.url, log);
    const baseline = await baselineRun(browser, server.url);
    meta.webglRenderer = baseline.webgl?.renderer ?? null;

    const accuracyRun = await trainRun(browser, server.url, {
      label: '2 accuracy (auto)',
      params: { backend: 'auto', evalEvery: String(EVAL_EVERY) },
      seconds: ACCURACY_SECONDS,
      until: (s) => (s.elapsedMs ?? 0) >= ACCURACY_SECONDS * 1000,
      maxWallSeconds: ACCURACY_SECONDS * 2 + 30,
    });
    const ownData = await ownDataSection(browser, server.url);
    const results = {
      meta,
      pages,
      ownData,
      runs,
      firstStep,
      baseline,
      accuracy: { run: accuracyRun, analysis: accuracyRun.evaluations ? analyzeAccuracy(accuracyRun) : null },
    };
    if (!meta.webglRenderer) {
      const gpu = runs.map((r) => r.backend?.status?.match(/GPU: (.*?)\.(\s|$)/)?.[1]).find(Boolean);
      meta.webglRenderer = gpu ?? null;
    }
    meta.loadAverageAtEnd = loadavg();
    report(results, {
      AUTO_SECONDS,
      FORCED_SECONDS,
      ACCURACY_SECONDS,
      ACCURACY_AT_SECONDS,
      WARMUP_FRACTION,
      EVAL_EVERY,
    });
    reportOwnData(ownData);
    meta.totalSeconds = (Date.now() - started) / 1000;
    results.ratios = {
      baselineExamplesPerSec: baseline.fit?.examplesPerSec ?? null,
      byRun: Object.fromEntries(
        [...runs, { key: 'accuracy', ...accuracyRun }].map((r) => [
          r.key,
          {
            stat: ratio(r.speed?.medianExamplesPerSec, baseline.fit?.examplesPerSec),
            wall: ratio(r.speed?.wallExamplesPerSec, baseline.fit?.examplesPerSec),
          },
        ]),
      ),
    };
    mkdirSync(outDir, { recursive: true });
    writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
    console.log(`\nWrote ${relative(root, outFile)} (${meta.totalSeconds.toFixed(0)} s in all).`);
  } finally {
    await close();
  }
}

await main();
