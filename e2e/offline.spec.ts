/**
 * Offline and installable (issue 12, item 4), against the built site under its sub-path, with the
 * service worker allowed (the rest of the suite blocks it): after one visit and Make available
 * offline every route reloads with no network, the features chapter predicts and the playground
 * trains; a new deployment is found and applied on reload; full storage and a missing service
 * worker leave the site working, with a message.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROUTES, SMALL, openPlayground, startTraining, waitForSteps, watchErrors } from './fixtures';

test.use({ serviceWorkers: 'allow' });

/** The build the suite serves (see playwright.config.ts). */
const DIST = process.env.PLAYWRIGHT_DIST ?? 'dist';

/** Opens the home page, checks the offer shows its size, presses Make available offline and waits until it is done. */
async function makeAvailableOffline(page: Page) {
  await page.goto('./#/');
  const offer = page.getByTestId('make-offline');
  await expect(offer).toContainText(/\(\d+\.\d MB in all\)/);
  await offer.getByRole('button', { name: 'Make available offline' }).click();
  await expect(page.getByTestId('offline-ready')).toContainText('ConvScope is ready offline', { timeout: 120_000 });
}

test('after one visit and Make available offline, every route reloads, the features chapter predicts and the playground trains with no network', async ({
  page,
  context,
}) => {
  test.setTimeout(600_000);
  const problems = watchErrors(page);
  // The service worker, its manifest and its caches need nothing the Content-Security-Policy refuses.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await makeAvailableOffline(page);
  await context.setOffline(true);
  for (const [hash, ready] of ROUTES) {
    await page.goto(`./${hash}`);
    await page.reload();
    await expect(page.locator(ready).first(), hash).toBeVisible({ timeout: 90_000 });
  }

  await page.goto('./#/learn/features');
  await page.reload();
  await expect(page.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', '7', { timeout: 90_000 });

  await openPlayground(page, SMALL);
  await page.reload();
  await startTraining(page);
  await waitForSteps(page, 4);
  expect(problems.filter((p) => !p.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.gz': 'application/gzip',
  '.bin': 'application/octet-stream',
};

/** A static server for `/courses/cnn/`, whose folder can be swapped: a redeployment at the same address. */
async function swappableServer(root: string): Promise<{ url: string; serve: (dir: string) => void; server: Server }> {
  let current = root;
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!path.startsWith('/courses/cnn/')) return void response.writeHead(404).end();
    let file = normalize(join(current, path.slice('/courses/cnn/'.length)));
    try {
      if (!file.startsWith(current) || statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/courses/cnn/`, serve: (dir) => (current = dir), server };
}

/**
 * A second deployment of the same build: its index.html carries a marker, and its sw.js gives
 * index.html a new revision, as a real redeploy with changed files would.
 */
function secondDeployment(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convscope-redeploy-'));
  cpSync(DIST, dir, { recursive: true });
  const index = join(dir, 'index.html');
  writeFileSync(
    index,
    readFileSync(index, 'utf8').replace('<head>', '<head><meta name="convscope-deployment" content="second">'),
  );
  const sw = join(dir, 'sw.js');
  const source = readFileSync(sw, 'utf8');
  const changed = source.replace(/(url:"index\.html",revision:")[0-9a-f]+"/, '$1second-deployment"');
  expect(changed, 'sw.js lists index.html with a revision').not.toBe(source);
  writeFileSync(sw, changed);
  return dir;
}

test('a new deployment at the same address is announced and applied on Reload, never mixed with the old one', async ({
  page,
}) => {
  const problems = watchErrors(page);
  const second = secondDeployment();
  const site = await swappableServer(DIST);
  try {
    const marker = page.locator('meta[name="convscope-deployment"]');
    await page.goto(`${site.url}#/`);
    await expect(page.locator('main .home h1')).toBeVisible();
    await expect.poll(() => page.evaluate(async () => Boolean(navigator.serviceWorker.controller))).toBe(true);

    site.serve(second);
    await page.reload();
    // The old version goes on serving until the user says so.
    await expect(page.getByText('A new version of ConvScope is ready — reload to use it')).toBeVisible({
      timeout: 60_000,
    });
    await expect(marker).toHaveCount(0);
    await page.getByRole('button', { name: 'Reload', exact: true }).click();
    await expect(marker).toHaveAttribute('content', 'second', { timeout: 30_000 });
    await expect(page.locator('main .home h1')).toBeVisible();
    await expect(page.getByTestId('update-prompt')).toHaveCount(0);
    expect(problems).toEqual([]);
  } finally {
    site.server.close();
    rmSync(second, { recursive: true, force: true });
  }
});

test('full storage gets a message and the site goes on working online', async ({ page }) => {
  const problems = watchErrors(page);
  await page.addInitScript(() => {
    const full = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    CacheStorage.prototype.open = full;
    Cache.prototype.put = full;
    Cache.prototype.add = full;
    Cache.prototype.addAll = full;
  });
  await page.goto('./#/');
  await page.getByRole('button', { name: 'Make available offline' }).click();
  await expect(page.getByTestId('offline-error')).toContainText("The browser's storage is full");
  await expect(page.getByTestId('offline-error')).toContainText('Free some space');
  await openPlayground(page, SMALL);
  await startTraining(page);
  await waitForSteps(page, 4);
  expect(problems).toEqual([]);
});

test.describe('with service workers blocked', () => {
  test.use({ serviceWorkers: 'block' });

  test('the site trains, and Make available offline says why it cannot', async ({ page }) => {
    const problems = watchErrors(page);
    await openPlayground(page, SMALL);
    await page.getByRole('button', { name: 'Make available offline' }).click();
    await expect(page.getByTestId('offline-error')).toContainText('service workers are turned off or blocked', {
      timeout: 30_000,
    });
    await startTraining(page);
    await waitForSteps(page, 4);
    expect(problems).toEqual([]);
  });
});

test('without service worker support the site trains as before', async ({ page }) => {
  const problems = watchErrors(page);
  await page.addInitScript(() => {
    delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
  });
  await openPlayground(page, SMALL);
  expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false);
  await startTraining(page);
  await waitForSteps(page, 4);
  await page.getByRole('button', { name: 'Make available offline' }).click();
  await expect(page.getByTestId('offline-error')).toContainText('service workers are turned off or blocked');
  expect(problems).toEqual([]);
});
