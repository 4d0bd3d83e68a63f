// The own-data limits (issue 14, item 6), for bench.mjs (`BENCH_ONLY=owndata`, and a short
// section of the full run): data set files of 10 classes × 500 and × 1,000 real MNIST training
// digits, made by the app's own writeDataSetFile, opened in the editor (#/data), then trained on
// in the playground (data=mine) beside the same settings on MNIST; and what the editor says to
// files beyond the limits. Page and worker heaps come from the DevTools protocol after a GC.

/* global window, document */

import { join } from 'node:path';
import { runnerImport } from 'vite';
import { newPage, trainRun } from './benchTrain.mjs';
import { pageHeap, workerHeapReader } from './devtoolsHeap.mjs';
import { median, root } from './browser.mjs';

const CLASSES = 10;
/** Examples per class: the figure and the page's limit. */
const SIZES = [500, 1000];
const READY_TIMEOUT_MS = 180_000;
/** The same settings for own data and MNIST: wasm (steady here), random weights, no quick checks, never done. */
const PARAMS = { backend: 'wasm', evalEvery: '0', epochs: '100' };
const OWN_PARAMS = { ...PARAMS, data: 'mine' };
/** Training rounds (each set, then MNIST): speeds are compared within a round. */
const ROUNDS = 2;

const importTs = async (path) =>
  (await runnerImport(join(root, path), { configFile: false, logLevel: 'error' })).module;

/** File texts from the first `perClass` training digits of each label, class i = digit i, and files beyond the limits. */
async function makeFiles() {
  const { realMnistSplit } = await importTs('scripts/mnistFixture.ts');
  const { writeDataSetFile, MAX_DATA_SET_FILE_CHARS } = await importTs('src/data/dataSetFile.ts');
  const train = realMnistSplit('trainImages', 'trainLabels');
  const byDigit = Array.from({ length: CLASSES }, () => []);
  for (let i = 0; i < train.count; i++) byDigit[train.labels[i]].push(train.images.subarray(i * 784, (i + 1) * 784));
  const write = (perClass) =>
    writeDataSetFile({
      classes: byDigit.map((examples, d) => ({ name: String(d), examples: examples.slice(0, perClass) })),
    });
  const files = Object.fromEntries(SIZES.map((n) => [n, write(n)]));
  // Beyond the limits: writeDataSetFile refuses these, so they are edited as JSON.
  const edited = (perClass, edit) => {
    const doc = JSON.parse(files[perClass]);
    edit(doc.classes);
    return JSON.stringify(doc);
  };
  const beyond = [
    ['11 classes', edited(500, (c) => c.push({ name: 'extra', examples: c[0].examples }))],
    ['1,001 examples in a class', edited(1000, (c) => c[0].examples.push(c[0].examples[0]))],
    ['over the size cap', files[1000] + ' '.repeat(MAX_DATA_SET_FILE_CHARS + 1_000_000 - files[1000].length)],
  ];
  return { files, beyond, fewestOfADigit: Math.min(...byDigit.map((d) => d.length)) };
}

/** Gives `text` to the editor's "Open file…" input, as a file named `name`. */
const openFile = (page, name, text) =>
  page.getByLabel('Open file…').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

/** Opens `text` in the editor; ms from the file chosen to every class showing `perClass` and the set stored. */
async function openInEditor(page, base, perClass, text) {
  await page.goto(`${base}#/data`);
  await page.getByTestId('class-0').waitFor({ timeout: READY_TIMEOUT_MS });
  await page.evaluate(() => {
    const input = [...document.querySelectorAll('input[type=file]')].find((i) => i.accept.includes('.json'));
    input.addEventListener('change', () => (window.__chosenAt = performance.now()), { capture: true, once: true });
  });
  await openFile(page, `mnist-${perClass}.json`, text);
  const doneAt = await page.waitForFunction(
    ([n, classes]) => {
      const counts = [...document.querySelectorAll('[data-testid^="class-count-"]')].map((c) =>
        Number(c.dataset.count),
      );
      const stored = document.querySelector('[data-testid=data-summary]')?.dataset.autosaved === 'true';
      return counts.length === classes && counts.every((c) => c === n) && stored && performance.now();
    },
    [perClass, CLASSES],
    { timeout: READY_TIMEOUT_MS, polling: 50 },
  );
  return (await doneAt.jsonValue()) - (await page.evaluate(() => window.__chosenAt));
}

/** What the editor says to each file beyond the limits, and whether the set it held is kept. */
async function beyondLimits(page, beyond) {
  const text = (selector) => page.evaluate((s) => document.querySelector(s)?.textContent?.trim() ?? null, selector);
  const totalOf = () => page.getByTestId('data-summary').textContent();
  const before = await totalOf();
  const seen = [
    { case: 'a class at 1,000 (adding)', message: await text('[data-testid=add-blocked]') },
    { case: '10 classes (adding a class)', message: await text('#data-add-class-why') },
  ];
  for (const [name, file] of beyond) {
    await openFile(page, `${name.replace(/\W+/g, '-')}.json`, file);
    const error = page.getByTestId('storage-error');
    await error.waitFor({ timeout: 60_000 });
    seen.push({
      case: `file with ${name}`,
      message: (await error.textContent()).trim(),
      setKept: (await totalOf()) === before,
    });
  }
  return seen;
}

/** A heap reading in MB: the JS heap, and the ArrayBuffers' backing stores (images, wasm memory) outside it. */
const inMB = (heap) => ({
  usedMB: heap.usedBytes != null ? heap.usedBytes / 1e6 : null,
  backingMB: heap.backingStorageBytes != null ? heap.backingStorageBytes / 1e6 : null,
});

/** The page's heap and DOM nodes after a GC. */
async function pageReading(page) {
  const cdp = await page.context().newCDPSession(page);
  const heap = await pageHeap(cdp, true);
  await cdp.detach().catch(() => {});
  return { ...inMB(heap), domNodes: heap.domNodes };
}

/** After training: the page's and the training worker's heaps after a GC, and the data status the page shows. */
function heapProbe(browserCdp) {
  const workerHeap = workerHeapReader(browserCdp);
  return async (page) => {
    const worker = await workerHeap(true);
    return {
      page: await pageReading(page),
      worker: worker.error ? { error: worker.error } : inMB(worker),
      status: await page.evaluate(() => ({ ...document.querySelector('[data-testid=data-status]')?.dataset })),
    };
  };
}

/** Epoch 1's training time (the engine's) and click → its evaluation shown (wall). */
function firstEpoch(run) {
  const end = run.evaluations?.find((e) => e.atEpochEnd);
  const shown = run.evaluationsObserved?.[0];
  return {
    trainMs: end?.elapsedMs ?? null,
    step: end?.step ?? null,
    accuracy: end?.testAccuracy ?? null,
    clickToShownMs: shown && run.clickAt !== undefined ? shown.at - run.clickAt : null,
  };
}

const summarizeRun = (run) => ({
  label: run.label,
  error: run.error ?? null,
  readyMs: run.load?.readyMs ?? null,
  statExamplesPerSec: run.speed?.medianExamplesPerSec ?? null,
  wallExamplesPerSec: run.speed?.wallExamplesPerSec ?? null,
  // The second half alone: MNIST streams and unpacks its last 56,000 images while the first steps run.
  lateStatExamplesPerSec: median(
    (run.samples ?? [])
      .slice(Math.floor((run.samples?.length ?? 0) / 2))
      .map((x) => x.speed)
      .filter((x) => x !== null),
  ),
  steps: run.final?.step ?? null,
  heap: run.inspected ?? null,
  firstEpoch: firstEpoch(run),
  speeds: run.samples?.map((x) => x.speed) ?? [],
  errors: run.errors,
});

/** Everything above, for `seconds` of training per run. */
export async function measureOwnData(browser, base, { log, seconds }) {
  log('own data: making data set files from MNIST training digits');
  const { files, beyond, fewestOfADigit } = await makeFiles();
  const inspect = heapProbe(await browser.newBrowserCDPSession());
  // Each set in its own context, kept open for the training rounds: its IndexedDB holds the set.
  const sets = [];
  for (const perClass of SIZES) {
    const text = files[perClass];
    const set = { classes: CLASSES, perClass, fileMB: Buffer.byteLength(text) / 1e6, runs: [] };
    const { context, page } = await newPage(browser);
    sets.push(set);
    try {
      log(`own data: opening ${CLASSES} × ${perClass} (${set.fileMB.toFixed(1)} MB) in the editor`);
      set.openMs = await openInEditor(page, base, perClass, text);
      set.editor = await pageReading(page);
      if (perClass === SIZES.at(-1)) set.beyond = await beyondLimits(page, beyond);
      set.context = context;
    } catch (error) {
      set.error = error.message.split('\n')[0];
      log(`own data ${CLASSES} × ${perClass}: ${set.error}`);
      await context.close().catch(() => {});
    } finally {
      await page.close().catch(() => {});
    }
  }
  // Rounds of own sets then MNIST, so that a busy spell on a shared machine falls on one round, not one kind.
  const mnist = { runs: [] };
  const train = async (label, params, context) =>
    summarizeRun(await trainRun(browser, base, { log, label, params, seconds, context, inspect }));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const set of sets.filter((s) => s.context))
      set.runs.push(await train(`own data ${CLASSES} × ${set.perClass}, round ${round}`, OWN_PARAMS, set.context));
    mnist.runs.push(await train(`MNIST, same settings, round ${round}`, PARAMS));
  }
  for (const set of sets) {
    await set.context?.close().catch(() => {});
    delete set.context;
    Object.assign(set, compare(set.runs, mnist.runs));
  }
  return { params: PARAMS, seconds, rounds: ROUNDS, fewestOfADigit, sets, mnist };
}

/** Own runs against the MNIST runs of the same rounds: median ratios of speed, and round 1's heap differences. */
function compare(own, mnist) {
  const ratios = (key) =>
    own.map((r, i) => (r[key] != null && mnist[i]?.[key] ? r[key] / mnist[i][key] : null)).filter((x) => x !== null);
  const minus = (where, key) => {
    const a = own[0]?.heap?.[where]?.[key];
    const b = mnist[0]?.heap?.[where]?.[key];
    return a != null && b != null ? a - b : null;
  };
  return {
    statRatiosToMnist: ratios('statExamplesPerSec'),
    statRatioToMnist: median(ratios('statExamplesPerSec')),
    wallRatioToMnist: median(ratios('wallExamplesPerSec')),
    lateStatRatioToMnist: median(ratios('lateStatExamplesPerSec')),
    heapMinusMnistMB: Object.fromEntries(
      ['page', 'worker'].flatMap((where) =>
        ['usedMB', 'backingMB'].map((key) => [`${where}.${key}`, minus(where, key)]),
      ),
    ),
  };
}
