// `npm run soak`: builds the site (the npm script does that), then this file
// serves dist/ with `vite preview` under a sub-path, trains the default model
// for 5 epochs on all 60,000 images in headless Chromium with the live views
// on, switching the digit the network view shows every ~2 s and scrolling
// between the network view, the charts, the confusion matrix and the training
// panel. It compares the first and the last seconds of training (frame times,
// long tasks, JS heap of the page and of the training worker, live tensors),
// then goes playground → chapter → playground several times to show that
// page switching does not grow the heap or the tensors. It prints a table and
// writes bench-results/soak.json. Like the benchmark it never fails on slow
// numbers; it exits non-zero only when it cannot run (no build, no Chromium,
// the engine never ready, training stopped with an error).
//
// Usage:
//   npm run soak                          build, then the soak (~4-5 min on 2 cores)
//   node scripts/soak.mjs                 the soak alone, on the current dist/
//   SOAK_SCALE=0.05 node scripts/soak.mjs a quick smoke run (3,000 images, 2 round trips)
// Environment:
//   SOAK_SCALE     below 1: trains on round(60,000 × scale) images, shorter windows and
//                  fewer round trips; above 1: round(5 × scale) epochs (default 1)
//   CHROMIUM_PATH  the Chromium or Chrome to drive (see e2e/chromium.ts)
//   SOAK_HEADFUL=1 show the browser window (needs a display)

/* global window, document, location, history */

import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import {
  collectPageErrors,
  createLog,
  distDir,
  envScale,
  fmt,
  openBrowser,
  runMeta,
  requireDist,
  root,
  sleep,
} from './browser.mjs';
import { pageHeap, workerHeapReader } from './devtoolsHeap.mjs';
import { installRecorder, isReady, readEvaluations, readStats } from './soakProbes.mjs';
import { analyze, report } from './soakReport.mjs';

const { log, fatal } = createLog('soak');
const outDir = join(root, 'bench-results');
const outFile = join(outDir, 'soak.json');

const SCALE = envScale('SOAK_SCALE', '0.05 for a smoke run', fatal);
// Epochs are whole, so a small scale shrinks the training set instead.
const EPOCHS = SCALE > 1 ? Math.min(100, Math.round(5 * SCALE)) : 5;
const TRAIN_SIZE = SCALE < 1 ? Math.max(16, Math.round(60_000 * SCALE)) : 60_000;
const ROUND_TRIPS = SCALE < 1 ? Math.max(2, Math.round(8 * SCALE)) : 8;
const WINDOW_MS = SCALE < 1 ? Math.max(3_000, 15_000 * SCALE) : 15_000;
const PARAMS = {
  epochs: String(EPOCHS),
  trainSize: String(TRAIN_SIZE),
  snapshotMs: '250',
  evalEvery: '0',
  weights: 'random',
};
const SUB_PATH = '/courses/cnn/';
const CHAPTER = 'convolution';
const SAMPLE_MS = 500;
const SWITCH_MS = 2_000;
const SCROLL_MS = 4_000;
const HEAP_SAMPLE_MS = 5_000;
const READY_TIMEOUT_MS = 180_000;
// ~4,500 examples/s on wasm here; 10× that leaves room for a busy machine and the evaluations.
const MAX_TRAIN_MS = Math.max(120_000, ((EPOCHS * TRAIN_SIZE) / 4_500) * 10_000);
// Room for every frame interval at up to 144 Hz until MAX_TRAIN_MS.
const FRAME_CAPACITY = Math.ceil((MAX_TRAIN_MS / 1000) * 144);

// ---------------------------------------------------------------------------
// Heap readings (see devtoolsHeap.mjs)

async function heapReadings(page, cdp, workerHeap, gc) {
  const [main, worker] = [await pageHeap(cdp, gc), await workerHeap(gc)];
  const stats = await page.evaluate(readStats);
  return { at: Date.now(), gc, main, worker, numTensors: stats.numTensors, state: stats.state };
}

// ---------------------------------------------------------------------------
// What a person does while it trains

const SECTIONS = [
  ['network view', '#inside-heading'],
  ['charts', '#charts-heading'],
  ['confusion matrix', '#evaluation-heading'],
  ['training panel', '.training-panel'],
];

/**
 * Shows another digit in the network view: a test digit from the gallery under the confusion
 * matrix (there only after the first evaluation), else — and every 4th time — the draw pad's
 * sample digit, then back. dispatchEvent clicks without scrolling, so the scroll stays ours.
 */
async function switchSample(page, tick) {
  const opts = { timeout: 2_000 };
  const back = page.getByRole('button', { name: /^Back to test digit/ });
  if ((await back.count()) > 0) {
    await back.dispatchEvent('click', undefined, opts);
    return 'back to test digit';
  }
  const gallery = page.getByTestId('digit-gallery').getByRole('button');
  const count = await gallery.count();
  if (count > 0 && tick % 4 !== 3) {
    await gallery.nth(tick % count).dispatchEvent('click', undefined, opts);
    return 'gallery digit';
  }
  await page.getByRole('button', { name: 'Use a sample digit' }).dispatchEvent('click', undefined, opts);
  return 'drawn digit';
}

/** Scrolls to the next section that exists; at the confusion matrix also picks a cell, which refills the gallery. */
async function scrollOn(page, turn) {
  for (let i = 0; i < SECTIONS.length; i++) {
    const [name, selector] = SECTIONS[(turn + i) % SECTIONS.length];
    const found = await page.evaluate((s) => {
      const element = document.querySelector(s);
      element?.scrollIntoView({ block: 'start' });
      return !!element;
    }, selector);
    if (!found) continue;
    if (name === 'confusion matrix') {
      const digit = String(turn % 10);
      await page
        .getByTestId('confusion-matrix')
        .locator(`button[data-label="${digit}"][data-predicted="${digit}"]`)
        .dispatchEvent('click', undefined, { timeout: 2_000 })
        .catch(() => {});
    }
    return { name, skipped: i };
  }
  return { name: null, skipped: SECTIONS.length };
}

// ---------------------------------------------------------------------------
// Runs

async function waitReady(page) {
  try {
    await page.waitForFunction(isReady, null, { timeout: READY_TIMEOUT_MS, polling: 100 });
  } catch (error) {
    const stats = await page.evaluate(readStats).catch(() => null);
    throw new Error(
      `the engine never got ready (state ${stats?.state ?? '?'}${stats?.error ? `: ${stats.error}` : ''}): ${error.message.split('\n')[0]}`,
    );
  }
}

/** Once ready, waits for the network view: a reading before the first snapshot counts fewer DOM nodes. */
async function settle(page) {
  await page
    .getByTestId('network-view')
    .waitFor({ timeout: 30_000 })
    .catch(() => {});
  await sleep(500);
}

/** Opens the playground, trains EPOCHS epochs while switching digits and scrolling, and reads it all. */
async function trainPhase(page, cdp, workerHeap, base) {
  const result = { params: PARAMS, actions: [], scrolls: [], samples: [], heapSeries: [] };
  const startedAt = Date.now();
  await page.goto(`${base}#/playground?${new URLSearchParams(PARAMS)}`);
  await waitReady(page);
  result.readyMs = Date.now() - startedAt;
  await settle(page);
  result.ready = await heapReadings(page, cdp, workerHeap, true);
  await page.evaluate(installRecorder, FRAME_CAPACITY);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  result.clickAt = Date.now();
  log(
    `training ${EPOCHS} epochs of ${TRAIN_SIZE.toLocaleString('en')} images (engine ready after ${(result.readyMs / 1000).toFixed(1)} s)`,
  );

  let tick = 0;
  let turn = 0;
  let firstStepSeenAt = null;
  let lastSwitch = 0;
  let lastScroll = 0;
  let lastHeap = 0;
  let lastEpoch = 0;
  for (;;) {
    await sleep(SAMPLE_MS);
    const now = Date.now();
    const s = { at: now, ...(await page.evaluate(readStats)) };
    result.samples.push(s);
    if (s.state === 'done' || s.state === 'error') break;
    if (now - result.clickAt > MAX_TRAIN_MS) {
      result.timedOut = true;
      log(`training did not finish in ${(MAX_TRAIN_MS / 1000).toFixed(0)} s; measuring the end as it stands`);
      break;
    }
    if (firstStepSeenAt === null && (s.step ?? 0) >= 1) firstStepSeenAt = now;
    if (s.epoch !== lastEpoch) {
      lastEpoch = s.epoch;
      log(`epoch ${s.epoch} of ${EPOCHS}: step ${s.step}, ${fmt.n(s.speed)} examples/s, ${s.numTensors} tensors`);
    }
    // The start's readings force a GC, which stalls frames: only once the start window is over.
    if (!result.start && firstStepSeenAt !== null && now >= firstStepSeenAt + WINDOW_MS) {
      result.start = await heapReadings(page, cdp, workerHeap, true);
      result.startReadingsDoneAt = Date.now();
      continue;
    }
    try {
      if (now - lastSwitch >= SWITCH_MS) {
        lastSwitch = now;
        result.actions.push({ at: now, kind: await switchSample(page, tick++) });
      } else if (now - lastScroll >= SCROLL_MS) {
        lastScroll = now;
        result.scrolls.push({ at: now, ...(await scrollOn(page, turn++)) });
      } else if (now - lastHeap >= HEAP_SAMPLE_MS) {
        lastHeap = now;
        result.heapSeries.push(await heapReadings(page, cdp, workerHeap, false));
      }
    } catch (error) {
      // A control re-rendered under the click: note it and go on.
      result.actions.push({ at: now, kind: 'failed', error: error.message.split('\n')[0] });
    }
  }
  const last = result.samples.at(-1);
  if (last?.state === 'error') result.error = `training stopped with an error: ${last.error ?? 'unknown'}`;
  const recorded = await page.evaluate(() => window.__soak.stop());
  // Pairs again: [time, interval].
  recorded.frames = Array.from({ length: recorded.frames.length / 2 }, (_, i) => [
    recorded.frames[i * 2],
    recorded.frames[i * 2 + 1],
  ]);
  result.recorded = recorded;
  result.end = await heapReadings(page, cdp, workerHeap, true);
  result.evaluations = await page.evaluate(readEvaluations);
  result.final = last;
  return result;
}

/** Playground → chapter → playground, ROUND_TRIPS times, with the readings after each return. */
async function roundTrips(page, cdp, workerHeap) {
  const trips = [];
  for (let i = 1; i <= ROUND_TRIPS; i++) {
    const trip = { trip: i };
    trips.push(trip);
    try {
      const left = Date.now();
      await page.evaluate((hash) => (location.hash = hash), `#/learn/${CHAPTER}`);
      await page.locator(`[data-testid=chapter][data-slug=${CHAPTER}]`).waitFor({ timeout: 30_000 });
      await page.locator('article canvas, article [data-row], article svg').first().waitFor({ timeout: 30_000 });
      trip.chapterMs = Date.now() - left;
      await sleep(1_000);
      const back = Date.now();
      await page.evaluate(() => history.back());
      await page.getByRole('heading', { level: 1, name: 'Playground' }).waitFor({ timeout: 30_000 });
      await waitReady(page);
      trip.readyMs = Date.now() - back;
      await settle(page);
      Object.assign(trip, await heapReadings(page, cdp, workerHeap, true));
      log(
        `round trip ${i} of ${ROUND_TRIPS}: ready in ${(trip.readyMs / 1000).toFixed(1)} s, ${fmt.n(trip.main.usedBytes / 1e6, 1)} MB heap, ${trip.numTensors} tensors`,
      );
    } catch (error) {
      trip.error = error.message.split('\n')[0];
      log(`round trip ${i}: ${trip.error}`);
      break;
    }
  }
  return trips;
}

// ---------------------------------------------------------------------------
// Analysis

async function main() {
  requireDist(fatal, 'npm run soak');
  // A rebuild during the run swaps the hashed chunks under the open page (404s on lazy routes).
  const builtAt = () => statSync(join(distDir, 'index.html')).mtimeMs;
  const build = builtAt();
  const started = Date.now();
  const { browser, server, executablePath, close } = await openBrowser({
    log,
    fatal,
    subPath: SUB_PATH,
    headless: process.env.SOAK_HEADFUL !== '1',
  });
  let failed = null;
  try {
    const meta = runMeta(browser, executablePath, {
      scale: SCALE,
      epochs: EPOCHS,
      trainSize: TRAIN_SIZE,
      roundTrips: ROUND_TRIPS,
      windowMs: WINDOW_MS,
    });
    log(`Chromium ${meta.chromiumVersion} at ${executablePath}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const cdp = await context.newCDPSession(page);
    const workerHeap = workerHeapReader(await browser.newBrowserCDPSession());

    let train;
    try {
      train = await trainPhase(page, cdp, workerHeap, server.url);
    } catch (error) {
      failed = error.message.split('\n')[0];
    }
    if (failed) {
      log(failed);
      process.exitCode = 1;
      return;
    }
    if (train.error) process.exitCode = 1;
    const trips = await roundTrips(page, cdp, workerHeap);
    meta.loadAverageAtEnd = loadavg();
    meta.totalSeconds = (Date.now() - started) / 1000;
    const results = { meta, analysis: analyze(train, WINDOW_MS), train, trips, errors };
    report(results, { chapter: CHAPTER, epochs: EPOCHS, trainSize: TRAIN_SIZE, windowMs: WINDOW_MS });
    if (builtAt() !== build)
      console.log(
        '\nWarning: dist/ was rebuilt during the run; missing chunks (404s) and failed page loads may come from that.',
      );
    // Every frame interval would be ~10,000 entries: the windows' summaries carry them.
    const recorded = { ...train.recorded, frames: undefined, frameCount: train.recorded.frames.length };
    mkdirSync(outDir, { recursive: true });
    writeFileSync(outFile, JSON.stringify({ ...results, train: { ...train, recorded } }, null, 2) + '\n');
    console.log(`\nWrote ${relative(root, outFile)} (${meta.totalSeconds.toFixed(0)} s in all).`);
  } finally {
    await close();
  }
}

await main();
