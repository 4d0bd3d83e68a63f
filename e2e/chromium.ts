/**
 * Finds the Chromium the tests and the benchmark drive: $CHROMIUM_PATH, then
 * Playwright's own download, then the system's. Fails with the fix spelled out.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(
      `CHROMIUM_PATH is set to ${fromEnv}, but no file is there. Point it at a Chromium or Chrome executable.`,
    );
  }
  const candidates = [safePlaywrightPath(), ...SYSTEM_PATHS].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`), ' +
      'or set CHROMIUM_PATH=/path/to/chromium, or run `npx playwright install chromium` where downloads are allowed.',
  );
}

function safePlaywrightPath(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
}

/**
 * Flags for headless runs: software WebGL2 through SwiftShader where there is
 * no GPU, and no background traffic to Google's hosts (the network is closed).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--disable-quic',
];
