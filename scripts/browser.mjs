// What scripts/bench.mjs and scripts/soak.mjs share: serving dist/ with
// `vite preview` on a free port, finding and launching headless Chromium (the
// one e2e/chromium.ts picks), failing with a clear message, collecting page
// errors, and the small statistics and printing helpers of their reports.
//
// Usage (from a script in scripts/):
//   const { log, fatal } = createLog('bench');
//   requireDist(fatal, 'npm run bench');
//   const { server, browser, executablePath, close } = await openBrowser({ log, fatal });
//   ...
//   await close();

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { runnerImport } from 'vite';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(root, 'dist');

/** What every results file records about its run: when, and on which browser and machine. */
export function runMeta(browser, executablePath, extra) {
  return {
    date: new Date().toISOString(),
    chromiumPath: executablePath,
    chromiumVersion: browser.version(),
    node: process.version,
    cpus: cpus().length,
    loadAverageAtStart: loadavg(),
    ...extra,
  };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `log` and `fatal` that prefix every line with the script's name; `fatal` exits with status 1. */
export function createLog(name) {
  return {
    log: (message) => console.error(`${name}: ${message}`),
    fatal: (message) => {
      console.error(`${name}: ${message}`);
      process.exit(1);
    },
  };
}

/**
 * The multiplier in environment variable `name`: 1 when unset, else a positive number; anything
 * else exits through `fatal`, with `hint` saying what the number does.
 */
export function envScale(name, hint, fatal) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) fatal(`${name} must be a positive number (${hint}), not "${raw}".`);
  return n;
}

/** Exits through `fatal` unless dist/ holds a build with the MNIST files; `buildCommand` is what to run. */
export function requireDist(fatal, buildCommand) {
  if (!existsSync(join(distDir, 'index.html')))
    fatal(
      `dist/index.html is missing: build the site first (\`npm run build\`, or run \`${buildCommand}\`, which builds).`,
    );
  if (!existsSync(join(distDir, 'data', 'mnist', 'manifest.json')))
    fatal('dist/data/mnist/ is missing: rebuild with `npm run build` (it prepares the MNIST files first).');
}

// ---------------------------------------------------------------------------
// Server and browser

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Serves dist/ under `subPath` (e.g. '/courses/cnn/', as a course site would host it); resolves once it answers. */
export async function startPreview(subPath = '/') {
  const port = await freePort();
  const base = subPath === '/' ? [] : ['--base', subPath];
  const child = spawn(
    'npx',
    ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', ...base],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so stopping it also stops the node process npx starts.
      detached: true,
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const stop = () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  const url = `http://127.0.0.1:${port}${subPath}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const response = await fetch(url);
      if (response.ok) return { url, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  stop();
  throw new Error(
    `\`vite preview\` did not start on port ${port}${exited ? ` (it exited with ${exited.code ?? exited.signal})` : ''}.\n${output.trim()}`,
  );
}

/** Records the page's uncaught errors and console errors, as they happen, in the list it returns. */
export function collectPageErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** The Chromium e2e/chromium.ts finds ($CHROMIUM_PATH, Playwright's, the system's) and its flags. */
async function findChromium(fatal) {
  let module;
  try {
    ({ module } = await runnerImport(join(root, 'e2e/chromium.ts'), { configFile: false, logLevel: 'error' }));
  } catch (error) {
    fatal(`could not load e2e/chromium.ts: ${error.message}`);
  }
  try {
    return { executablePath: module.findChromium(), args: module.CHROMIUM_ARGS };
  } catch (error) {
    fatal(error.message);
  }
}

/**
 * Finds Chromium, serves dist/ and launches the browser, or exits through `fatal`.
 * `close()` closes the browser and stops the server; SIGINT and SIGTERM run it too.
 */
export async function openBrowser({ log, fatal, subPath = '/', headless = true }) {
  const { executablePath, args } = await findChromium(fatal);
  let server = null;
  let browser = null;
  const close = async () => {
    await browser?.close().catch(() => {});
    server?.stop();
  };
  const onSignal = (signal) => {
    log(`${signal}: stopping`);
    void close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    server = await startPreview(subPath);
  } catch (error) {
    fatal(error.message);
  }
  log(`serving dist/ at ${server.url}`);
  try {
    browser = await chromium.launch({ executablePath, args, headless });
  } catch (error) {
    server.stop();
    fatal(`Chromium at ${executablePath} did not start: ${error.message.split('\n')[0]}`);
  }
  return { server, browser, executablePath, close };
}

// ---------------------------------------------------------------------------
// Statistics and output

export function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

/** Frame intervals and long tasks (as the pages record them) → p50, p95, max, long-task count and time. */
export function summarizeSmoothness(raw) {
  if (!raw) return null;
  return {
    durationMs: raw.durationMs,
    frames: raw.frames.length,
    frameP50Ms: quantile(raw.frames, 0.5),
    frameP95Ms: quantile(raw.frames, 0.95),
    frameMaxMs: raw.frames.length ? Math.max(...raw.frames) : null,
    longTasks: raw.longTaskSupported ? raw.longTasks.length : null,
    longTaskTotalMs: raw.longTaskSupported ? raw.longTasks.reduce((a, b) => a + b, 0) : null,
    longTaskMaxMs: raw.longTaskSupported && raw.longTasks.length ? Math.max(...raw.longTasks) : null,
  };
}

export const fmt = {
  n: (v, digits = 0) =>
    v === null || v === undefined || Number.isNaN(v)
      ? '—'
      : v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  pct: (v, digits = 2) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`),
  ms: (v) => (v === null || v === undefined ? '—' : `${Math.round(v).toLocaleString('en')} ms`),
  s: (v, digits = 1) => (v === null || v === undefined ? '—' : `${v.toFixed(digits)} s`),
  ratio: (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(2)}×`),
};

export const ratio = (a, b) => (a !== null && a !== undefined && b ? a / b : null);

/** The machine's load average when the run started and ended (runMeta, plus `loadAverageAtEnd`). */
export function printLoadAverage(meta) {
  const load = (l) => l.map((x) => x.toFixed(1)).join(' ');
  console.log(
    `Load average at start ${load(meta.loadAverageAtStart)}, at end ${load(meta.loadAverageAtEnd)} (other work on this machine skews every number)`,
  );
}

/** The count of page errors and the first 10 of them, each cut to 300 characters; nothing when there are none. */
export function printPageErrors(errors) {
  if (errors.length === 0) return;
  console.log(`\nPage errors (${errors.length}):`);
  for (const e of errors.slice(0, 10)) console.log(`   ${e.slice(0, 300)}`);
}

/** Prints `rows` under `title` and `header`: the first column left-aligned, the others right-aligned. */
export function table(title, header, rows) {
  const all = [header, ...rows].map((row) => row.map((cell) => String(cell ?? '—')));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(all[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of all.slice(1)) console.log(line(row));
}
