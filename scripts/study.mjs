// `npm run study`: the time-to-99 % study behind the playground's training defaults. Each
// candidate (network, optimizer, learning-rate schedule, batch size) trains from random weights
// in the playground, as a user runs it, evaluating on all 10,000 test images about every 9,600
// training examples. It prints test accuracy against examples and against seconds of training
// (the page's own "Training time": test-set evaluations excluded), and writes the curves to
// bench-results/study.json. A study, not a test: it never fails on slow or poor results.
//
// Usage:
//   npm run study                     build, then every candidate (~2 min each)
//   STUDY_SECONDS=30 node scripts/study.mjs   on the current dist/, 30 s of training each
//   STUDY_ONLY=default,dense64 node scripts/study.mjs   some candidates only

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { createLog, fmt, openBrowser, requireDist, root, runMeta, table } from './browser.mjs';
import { trainRun } from './benchTrain.mjs';

const { log, fatal } = createLog('study');
const SECONDS = Number(process.env.STUDY_SECONDS ?? 60);
if (!(SECONDS > 0)) fatal(`STUDY_SECONDS must be a positive number of seconds, not "${process.env.STUDY_SECONDS}"`);
/** Training examples between evaluations, whatever the batch size. */
const EVAL_EXAMPLES = 9_600;
const MARKS_SECONDS = [15, 30, 45, 60].filter((s) => s <= SECONDS);

const DEFAULT_ARCH = 'conv8k5s1valid-relu_maxpool2s2_conv16k5s1valid-relu_maxpool2s2_flatten_dense10-softmax';
/** Twice the default's filters: 16 and 32. */
const WIDE_ARCH = DEFAULT_ARCH.replace('conv16k5', 'conv32k5').replace('conv8k5', 'conv16k5');
const base = { arch: DEFAULT_ARCH, optimizer: 'adam', lr: '0.004', lrDecay: '0.55', batch: '64' };

/** The candidates: each changes one thing from today's defaults, unless its name says otherwise. */
const CANDIDATES = [
  { key: 'default', what: "today's defaults: 8-16 5×5 convs, adam 0.004, ×0.55/epoch, batch 64", params: base },
  { key: 'batch32', what: 'batch 32, lr 0.003', params: { ...base, batch: '32', lr: '0.003' } },
  { key: 'batch128', what: 'batch 128, lr 0.006', params: { ...base, batch: '128', lr: '0.006' } },
  { key: 'lr01', what: 'lr 0.01, ×0.3/epoch', params: { ...base, lr: '0.01', lrDecay: '0.3' } },
  {
    key: 'dense64',
    what: 'a hidden dense layer of 64 (relu) before the output',
    params: { ...base, arch: DEFAULT_ARCH.replace('flatten_', 'flatten_dense64-relu_') },
  },
  {
    key: 'lr01seed7',
    what: 'lr 0.01, ×0.3/epoch, seed 7 (the spread between runs)',
    params: { ...base, lr: '0.01', lrDecay: '0.3', seed: '7' },
  },
  { key: 'lr01d02', what: 'lr 0.01, ×0.2/epoch', params: { ...base, lr: '0.01', lrDecay: '0.2' } },
  { key: 'lr015', what: 'lr 0.015, ×0.25/epoch', params: { ...base, lr: '0.015', lrDecay: '0.25' } },
  {
    key: 'wide',
    what: 'twice the filters: 16-32 5×5 convs',
    params: {
      ...base,
      arch: DEFAULT_ARCH.replace('conv8', 'conv16').replace(
        'conv16k5s1valid-relu_maxpool2s2_f',
        'conv32k5s1valid-relu_maxpool2s2_f',
      ),
    },
  },
  {
    key: 'wide01',
    what: 'twice the filters, lr 0.01, ×0.3/epoch',
    params: { ...base, lr: '0.01', lrDecay: '0.3', arch: WIDE_ARCH },
  },
];

function selected() {
  const only = process.env.STUDY_ONLY?.split(',').map((s) => s.trim());
  if (!only) return CANDIDATES;
  const unknown = only.filter((k) => !CANDIDATES.some((c) => c.key === k));
  if (unknown.length)
    fatal(
      `STUDY_ONLY names unknown candidates: ${unknown.join(', ')} (known: ${CANDIDATES.map((c) => c.key).join(', ')})`,
    );
  return CANDIDATES.filter((c) => only.includes(c.key));
}

/** Test accuracy against examples and seconds, read from the page's evaluations table. */
function curveOf(run, batch) {
  return (run.evaluations ?? []).map((e) => ({
    examples: e.step * batch,
    seconds: e.elapsedMs / 1000,
    accuracy: e.testAccuracy,
    atEpochEnd: e.atEpochEnd,
  }));
}

function summarize(candidate, run) {
  const batch = Number(candidate.params.batch);
  const curve = curveOf(run, batch);
  const latestBy = (s) => curve.filter((p) => p.seconds <= s).at(-1)?.accuracy ?? null;
  const first = (threshold) => curve.find((p) => p.accuracy >= threshold) ?? null;
  return {
    key: candidate.key,
    date: new Date().toISOString(),
    what: candidate.what,
    params: candidate.params,
    examplesPerSec: run.speed?.medianExamplesPerSec ?? null,
    at: Object.fromEntries(MARKS_SECONDS.map((s) => [s, latestBy(s)])),
    best: curve.length ? Math.max(...curve.map((p) => p.accuracy)) : null,
    to985: first(0.985),
    to99: first(0.99),
    curve,
    error: run.error ?? null,
  };
}

function printSummary(results) {
  const pct = (a) => (a === null ? '—' : `${(a * 100).toFixed(2)}%`);
  const reach = (p) => (p ? `${p.seconds.toFixed(1)} s / ${fmt.n(p.examples)} ex` : 'not reached');
  table(
    `Test accuracy (all 10,000 test images) after seconds of training, ${SECONDS} s each`,
    ['candidate', 'ex/s', ...MARKS_SECONDS.map((s) => `${s} s`), 'best', 'first ≥ 98.5%', 'first ≥ 99%'],
    results.map((r) => [
      r.key,
      fmt.n(r.examplesPerSec),
      ...MARKS_SECONDS.map((s) => pct(r.at[s])),
      pct(r.best),
      reach(r.to985),
      reach(r.to99),
    ]),
  );
  for (const r of results) {
    console.log(`\n${r.key}: ${r.what}${r.error ? ` (error: ${r.error})` : ''}`);
    console.log(
      r.curve.map((p) => `${fmt.n(p.examples)} ex, ${p.seconds.toFixed(1)} s: ${pct(p.accuracy)}`).join('\n'),
    );
  }
}

async function main() {
  requireDist(fatal, 'npm run study');
  const { browser, server, executablePath, close } = await openBrowser({ log, fatal });
  const results = [];
  try {
    const meta = runMeta(browser, executablePath, { seconds: SECONDS, evalExamples: EVAL_EXAMPLES });
    for (const candidate of selected()) {
      const evalEvery = String(Math.round(EVAL_EXAMPLES / Number(candidate.params.batch)));
      const run = await trainRun(browser, server.url, {
        log,
        label: candidate.key,
        params: { backend: 'auto', evalEvery, epochs: '100', ...candidate.params },
        seconds: SECONDS,
        until: (s) => (s.elapsedMs ?? 0) >= SECONDS * 1000,
        maxWallSeconds: SECONDS * 3 + 30,
      });
      results.push(summarize(candidate, run));
    }
    meta.loadAverageAtEnd = loadavg();
    printSummary(results);
    const outDir = join(root, 'bench-results');
    mkdirSync(outDir, { recursive: true });
    const outFile = join(outDir, 'study.json');
    // A partial run (STUDY_ONLY) adds to the candidates measured before, each with its own date.
    const earlier = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')).results ?? []) : [];
    const merged = [...earlier.filter((r) => !results.some((n) => n.key === r.key)), ...results];
    writeFileSync(outFile, JSON.stringify({ meta, results: merged }, null, 2) + '\n');
    console.log(`\nWrote ${relative(root, outFile)}.`);
  } finally {
    await close();
  }
}

await main();
