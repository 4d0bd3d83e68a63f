// The benchmark's page loads: for each kind of page, the bytes that crossed the network by type
// and the time from navigation until its main picture shows, on a cold cache (a fresh browser
// context) and a warm one (the same context, navigating again); and the JavaScript each chapter
// page loads. Bytes are what the server sent (compressed bodies plus headers), counted by a proxy
// in front of it, so every request counts: the page's, its workers', and cache revalidations.

/* global window, document, MutationObserver */

import { createServer, request as httpRequest } from 'node:http';

/** Each kind of page, with the element that means its main picture is on screen. */
export const PAGE_KINDS = [
  // The home page's picture is the pretrained network's overview, computed without tfjs.
  { key: 'home', label: 'home', hash: '#/', picture: '[data-testid="overview-map-0-0"]' },
  {
    key: 'chapter',
    label: 'a chapter (convolution)',
    hash: '#/learn/convolution',
    picture: '[data-testid="conv-output"] [data-row]',
  },
  {
    key: 'features',
    label: 'features chapter',
    hash: '#/learn/features',
    picture: '[data-testid="output-probabilities"][data-predicted]',
  },
  {
    key: 'embed',
    label: 'network embed',
    hash: '#/embed/network',
    picture: '[data-testid="output-probabilities"][data-predicted]',
  },
  { key: 'playground', label: 'playground', hash: '#/playground', picture: '[data-testid="network-view"]' },
];

const TYPES = ['js', 'css', 'html', 'wasm', 'model', 'data', 'other'];

function typeOf(url) {
  const path = new URL(url, 'http://localhost').pathname;
  if (path.includes('/data/')) return 'data';
  if (path.includes('/models/')) return 'model';
  if (/\.m?js$/.test(path)) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (/\.wasm(\.gz)?$/.test(path)) return 'wasm';
  if (path.endsWith('/') || path.endsWith('.html')) return 'html';
  return 'other';
}

/**
 * A proxy in front of the site's server that counts what it sends back for each request
 * (compressed body and headers, 304s included), whichever page, frame or worker asked.
 */
async function countingProxy(target) {
  const upstream = new URL(target);
  let entries = [];
  const server = createServer((req, res) => {
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const headers = Object.entries(answer.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
        let body = 0;
        res.writeHead(answer.statusCode, answer.headers);
        answer.on('data', (chunk) => (body += chunk.length));
        answer.on('end', () =>
          entries.push({ url: req.url, type: typeOf(req.url), status: answer.statusCode, body, bytes: headers + body }),
        );
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    /** What was sent since the last call. */
    take() {
      const taken = entries;
      entries = [];
      const byType = Object.fromEntries(TYPES.map((t) => [t, 0]));
      const bodyByType = Object.fromEntries(TYPES.map((t) => [t, 0]));
      for (const e of taken) {
        byType[e.type] += e.bytes;
        bodyByType[e.type] += e.body;
      }
      const total = taken.reduce((sum, e) => sum + e.bytes, 0);
      return { total, byType, bodyByType, requests: taken.length, entries: taken };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Records, in the page, when `selector` first matches (ms since navigation). */
function installPictureProbe(selector) {
  window.__benchPicture = null;
  const check = () => {
    if (window.__benchPicture === null && document.querySelector(selector)) {
      window.__benchPicture = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document, { subtree: true, childList: true, attributes: true });
    check();
  });
}

async function load(proxy, page, hash, picture, timeoutMs) {
  proxy.take();
  await page.addInitScript(installPictureProbe, picture);
  await page.goto(`${proxy.url}${hash}`);
  await page.waitForFunction(() => window.__benchPicture !== null, null, { timeout: timeoutMs, polling: 50 });
  const pictureMs = await page.evaluate(() => window.__benchPicture);
  await page.waitForLoadState('networkidle').catch(() => {});
  return { pictureMs, ...proxy.take() };
}

/** Loads each page kind cold, then warm in the same context; a failure is recorded, not thrown. */
export async function measurePages(browser, base, log, timeoutMs = 60_000) {
  const proxy = await countingProxy(base);
  const results = [];
  for (const kind of PAGE_KINDS) {
    // The service worker is blocked here: what it precaches after the first visit is measured apart.
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const result = { ...kind };
    try {
      result.cold = await load(proxy, page, kind.hash, kind.picture, timeoutMs);
      await page.goto('about:blank');
      result.warm = await load(proxy, page, kind.hash, kind.picture, timeoutMs);
      log(
        `${kind.label}: cold ${(result.cold.total / 1000).toFixed(0)} KB, picture at ${result.cold.pictureMs.toFixed(0)} ms`,
      );
    } catch (error) {
      result.error = error.message.split('\n')[0];
      log(`${kind.label}: ${result.error}`);
    } finally {
      await context.close().catch(() => {});
    }
    results.push(result);
  }
  await proxy.close();
  return results;
}

/** The JavaScript (compressed, as served) each chapter page loads on a cold cache, and what else it fetched. */
export async function measureChapterScripts(browser, base, log, timeoutMs = 60_000) {
  const proxy = await countingProxy(base);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${proxy.url}#/learn`);
  await page.waitForSelector('[data-testid="chapter-list"] a', { timeout: timeoutMs });
  const hashes = await page.$$eval('[data-testid="chapter-list"] a', (links) =>
    links.map((a) => a.getAttribute('href')),
  );
  await context.close();
  const results = [];
  for (const hash of hashes) {
    const fresh = await browser.newContext({ serviceWorkers: 'block' });
    const chapter = await fresh.newPage();
    proxy.take();
    try {
      await chapter.goto(`${proxy.url}${hash}`);
      await chapter.waitForSelector('[data-testid="chapter"]', { timeout: timeoutMs });
      await chapter.waitForLoadState('networkidle').catch(() => {});
      const counted = proxy.take();
      results.push({
        hash,
        jsBytes: counted.byType.js,
        jsBodyBytes: counted.bodyByType.js,
        total: counted.total,
        tfjs: counted.entries.some((e) => /worker|backends/.test(e.url)),
      });
    } catch (error) {
      results.push({ hash, error: error.message.split('\n')[0] });
      log(`${hash}: ${error.message.split('\n')[0]}`);
    } finally {
      await fresh.close().catch(() => {});
    }
  }
  await proxy.close();
  return results;
}

/**
 * A first visit with the service worker allowed: the home page, then everything the worker
 * precaches in the background until it is installed (what "after one visit every page opens
 * offline" costs), counted as sent.
 */
export async function measurePrecache(browser, base, log, timeoutMs = 120_000) {
  const proxy = await countingProxy(base);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    proxy.take();
    await page.goto(`${proxy.url}#/`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true), null, { timeout: timeoutMs });
    await page.waitForLoadState('networkidle').catch(() => {});
    const counted = proxy.take();
    log(`first visit with the service worker: ${(counted.total / 1000).toFixed(0)} KB in ${counted.requests} requests`);
    return { total: counted.total, byType: counted.byType, requests: counted.requests };
  } catch (error) {
    log(`precache: ${error.message.split('\n')[0]}`);
    return { error: error.message.split('\n')[0] };
  } finally {
    await context.close().catch(() => {});
    await proxy.close();
  }
}
