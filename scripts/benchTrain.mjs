// Training runs in the playground, shared by the benchmark (bench.mjs) and the time-to-99 %
// study (study.mjs): open the page fresh, wait until it can train, train, read what it shows.

/* global window, document, MutationObserver */

import {
  installLoadProbe,
  installSmoothness,
  installTrainProbe,
  readBackend,
  readEvaluationTable,
  readStats,
} from './benchProbes.mjs';
import { collectPageErrors, median, sleep, summarizeSmoothness } from './browser.mjs';

const SAMPLE_MS = 500;
const READY_TIMEOUT_MS = 180_000;
/** Share of a run's seconds left out of its speed figures (start-up, shader compiles). */
export const WARMUP_FRACTION = 0.25;
/** Every run trains on the full 60,000 training images. */
export const TRAIN_SIZE = 60_000;

// ---------------------------------------------------------------------------
// Statistics

/** Median stat-speed after warm-up, and wall-clock throughput (examples shown / page time) over the same window. */
function summarizeSpeed(samples, clickAt, warmupMs) {
  const after = samples.filter((s) => s.at - clickAt >= warmupMs && s.speed !== null);
  const speeds = after.map((s) => s.speed);
  let wallExamplesPerSec = null;
  if (after.length >= 2) {
    const first = after[0];
    const last = after.at(-1);
    if (last.at > first.at) wallExamplesPerSec = ((last.examples - first.examples) * 1000) / (last.at - first.at);
  }
  return {
    readings: speeds.length,
    medianExamplesPerSec: median(speeds),
    minExamplesPerSec: speeds.length ? Math.min(...speeds) : null,
    maxExamplesPerSec: speeds.length ? Math.max(...speeds) : null,
    wallExamplesPerSec,
  };
}

/**
 * How often the overview's pictures changed, from the times its `data-step` changed: per second
 * over the run after warm-up, and the longest wait between two changes.
 */
function summarizeRedraws(times, warmupMs) {
  const first = times[0];
  if (first === undefined) return { count: 0, perSecond: 0, longestGapMs: null };
  const after = times.filter((t) => t - first >= warmupMs);
  if (after.length < 2) return { count: after.length, perSecond: null, longestGapMs: null };
  const gaps = after.slice(1).map((t, i) => t - after[i]);
  return {
    count: after.length,
    perSecond: ((after.length - 1) * 1000) / (after.at(-1) - after[0]),
    medianGapMs: median(gaps),
    longestGapMs: Math.max(...gaps),
  };
}

// ---------------------------------------------------------------------------
// Runs

/** Records when the network overview's pictures change (its `data-step` names the snapshot drawn). */
function installRedrawProbe() {
  const times = [];
  window.__benchRedraws = times;
  let last = null;
  new MutationObserver(() => {
    const step = document.querySelector('[data-testid=network-overview]')?.getAttribute('data-step') ?? null;
    if (step !== last) {
      last = step;
      times.push(performance.now());
    }
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-step'] });
}

export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(installLoadProbe);
  const page = await context.newPage();
  return { context, page, errors: collectPageErrors(page) };
}

/** A new page in `context`, made by newPage (so it has the load probe). */
async function pageIn(context) {
  const page = await context.newPage();
  return { context, page, errors: collectPageErrors(page) };
}

function playgroundUrl(base, params) {
  // Random starting weights: the pretrained model would make time-to-accuracy meaningless.
  const query = new URLSearchParams({ trainSize: String(TRAIN_SIZE), weights: 'random', ...params });
  return `${base}#/playground?${query}`;
}

/**
 * Opens the playground fresh, waits for Train, trains for `seconds` (or until `until` says stop), reads it all.
 * With `context` (one from newPage), a new page in it: its IndexedDB holds a user's data set. `inspect(page)`,
 * if given, runs after training, before the page closes; its answer is `result.inspected`.
 */
export async function trainRun(
  browser,
  base,
  { log, label, params, seconds, smoothness = false, until = null, maxWallSeconds = null, context: shared, inspect },
) {
  log(`${label}: ${seconds.toFixed(1)} s of training (${new URLSearchParams(params)})`);
  const { context, page, errors } = shared ? await pageIn(shared) : await newPage(browser);
  const result = { label, params, seconds, errors };
  try {
    await page.goto(playgroundUrl(base, params));
    const train = page.getByRole('button', { name: 'Train', exact: true });
    try {
      await train.waitFor({ state: 'visible', timeout: READY_TIMEOUT_MS });
      // The Train button is enabled while the engine still loads (a click then waits in
      // the engine's queue), so "ready" is state idle as well: data loaded, backend chosen.
      await page.waitForFunction(
        () =>
          window.__benchLoad?.readyMs !== null ||
          ['error', 'done'].includes(document.querySelector('[data-testid=stat-state]')?.getAttribute('data-value')),
        null,
        { timeout: READY_TIMEOUT_MS, polling: 100 },
      );
    } catch (error) {
      const stats = await page.evaluate(readStats).catch(() => null);
      throw new Error(
        `the Train button never became enabled (state ${stats?.state ?? '?'}${stats?.error ? `: ${stats.error}` : ''}): ${error.message.split('\n')[0]}`,
      );
    }
    result.load = await page.evaluate(() => window.__benchLoad);
    if (result.load.readyMs === null) {
      const stats = await page.evaluate(readStats);
      throw new Error(`the engine did not get ready (state ${stats.state}${stats.error ? `: ${stats.error}` : ''})`);
    }
    result.backend = await page.evaluate(readBackend);
    await page.evaluate(installTrainProbe);
    if (smoothness) await page.evaluate(installSmoothness);
    await page.evaluate(installRedrawProbe);
    await train.click();
    const samples = [];
    const wallStart = Date.now();
    const cap = (maxWallSeconds ?? seconds) * 1000;
    for (;;) {
      await sleep(SAMPLE_MS);
      const s = await page.evaluate(readStats);
      samples.push(s);
      if (s.state === 'done' || s.state === 'error') break;
      if (Date.now() - wallStart >= cap) break;
      if (until ? until(s) : Date.now() - wallStart >= seconds * 1000) break;
    }
    if (smoothness) result.smoothness = summarizeSmoothness(await page.evaluate(() => window.__benchSmooth.stop()));
    result.redraws = summarizeRedraws(
      await page.evaluate(() => window.__benchRedraws),
      WARMUP_FRACTION * seconds * 1000,
    );
    const probe = await page.evaluate(() => window.__benchTrain);
    const lastSample = samples.at(-1);
    result.final = lastSample;
    result.backend = await page.evaluate(readBackend);
    result.clickToFirstStepMs =
      probe.clickAt !== null && probe.firstStepAt !== null ? probe.firstStepAt - probe.clickAt : null;
    // Prefer the page's full evaluations table where it has one (stat-test-accuracy shows only
    // the latest, and two evaluations in a row with the same accuracy look like one change).
    const table = await page.evaluate(readEvaluationTable);
    result.evaluationsObserved = probe.evaluations;
    result.evaluationsSource =
      table && table.length >= probe.evaluations.length ? 'evaluations table' : 'stat-test-accuracy changes';
    result.evaluations = result.evaluationsSource === 'evaluations table' ? table : probe.evaluations;
    const clickAt = probe.clickAt ?? samples[0]?.at ?? 0;
    result.speed = summarizeSpeed(samples, clickAt, WARMUP_FRACTION * seconds * 1000);
    result.samples = samples.map((s) => ({
      t: Math.round(s.at - clickAt),
      step: s.step,
      examples: s.examples,
      speed: s.speed,
      elapsedMs: s.elapsedMs,
    }));
    result.clickAt = clickAt;
    if (lastSample?.state === 'error')
      result.error = `training stopped with an error: ${lastSample.error ?? 'unknown'}`;
    if (inspect) result.inspected = await inspect(page);
  } catch (error) {
    result.error = error.message;
    log(`${label}: ${error.message}`);
  } finally {
    await (shared ? page : context).close().catch(() => {});
  }
  return result;
}

/**
 * Click on Train → first step, with a cold HTTP cache and again after a reload (warm): the
 * training download, the backends' timing where it has not run yet, and the first step.
 */
export async function firstStepRun(browser, base, log) {
  const { context, page, errors } = await newPage(browser);
  const result = { errors };
  try {
    for (const pass of ['cold', 'warm']) {
      if (pass === 'cold') await page.goto(playgroundUrl(base, { backend: 'auto' }));
      else await page.reload();
      await page.waitForFunction(() => window.__benchLoad?.readyMs !== null, null, {
        timeout: READY_TIMEOUT_MS,
        polling: 50,
      });
      await page.evaluate(installTrainProbe);
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await page.waitForFunction(() => window.__benchTrain.firstStepAt !== null, null, {
        timeout: READY_TIMEOUT_MS,
        polling: 20,
      });
      const probe = await page.evaluate(() => window.__benchTrain);
      result[pass] = {
        readyMs: (await page.evaluate(() => window.__benchLoad)).readyMs,
        ms: probe.firstStepAt - probe.clickAt,
      };
      log(`first step ${pass}: ${result[pass].ms.toFixed(0)} ms after the click`);
    }
  } catch (error) {
    result.error = error.message.split('\n')[0];
    log(`first step: ${result.error}`);
  } finally {
    await context.close().catch(() => {});
  }
  return result;
}
