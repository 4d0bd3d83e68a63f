import { expect, type Page } from '@playwright/test';

/** Collects console errors, uncaught exceptions and requests to any other host. */
export function watchPage(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') {
      problems.push(`request to another host: ${request.url()}`);
    }
  });
  return problems;
}

/** The number a stat shows, read from its data-value. */
export async function statValue(page: Page, id: string): Promise<number> {
  const raw = await page.getByTestId(`stat-${id}`).getAttribute('data-value');
  return raw === null || raw === '' ? NaN : Number(raw);
}

/** Waits until the engine has its data and backend, then presses Train. */
export async function startTraining(page: Page) {
  const train = page.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 90_000 });
  await train.click();
}

/** Waits until the step counter reaches `steps`. */
export async function waitForSteps(page: Page, steps: number, timeout = 90_000) {
  await expect.poll(() => statValue(page, 'step'), { timeout }).toBeGreaterThanOrEqual(steps);
}
