import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/chromium';

/** PLAYWRIGHT_PORT lets two runs (e.g. one spec while the suite runs) serve side by side. */
const PORT = Number(process.env.PLAYWRIGHT_PORT ?? 4317);
/** The tests run against the built site served under a sub-path, as a course site would host it. */
const SUB_PATH = '/courses/cnn/';
/** The build to serve (PLAYWRIGHT_DIST=dist-x after `vite build --outDir dist-x`). */
const DIST = process.env.PLAYWRIGHT_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${SUB_PATH}`,
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    // No service worker, as before the site had one: a worker would serve files from its cache past
    // page.route and between a test's pages. e2e/offline.spec.ts allows it and tests it; the rest
    // of the suite so also proves the site works where service workers are blocked.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1 --base ${SUB_PATH} --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}${SUB_PATH}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
