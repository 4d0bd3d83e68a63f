import { expect, test, type Page } from '@playwright/test';
import { gridValues, openPlayground, startTraining, waitForSteps, watchPage } from './fixtures';

/** Records Content-Security-Policy violations the page reports. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test('the built site runs under a sub-path with a strict Content-Security-Policy, training included, and asks no other host for anything', async ({
  page,
}) => {
  const problems = watchPage(page);
  const violations = await watchCsp(page);
  await openPlayground(page, 'backend=wasm&weights=random&trainSize=512&batch=32');
  expect(new URL(page.url()).pathname).toBe('/courses/cnn/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).not.toContain("'unsafe-inline'");
  await startTraining(page);
  await waitForSteps(page, 5);
  await page.goto('./#/learn/features');
  await expect(page.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', '7', { timeout: 90_000 });
  expect(await violations()).toEqual([]);
  expect(problems).toEqual([]);
});

test('an embed URL renders just its widget, set up by the URL', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./#/embed/convolution?size=7&stride=2');
  await expect(page.getByTestId('embed')).toHaveAttribute('data-widget', 'convolution');
  await expect(page.locator('.site-header')).toHaveCount(0);
  const output = await gridValues(page.getByTestId('conv-output'));
  expect(output.map((row) => row.length)).toEqual([3, 3, 3]);
  await expect(page.getByRole('link', { name: 'Open in ConvScope' })).toHaveAttribute('target', '_blank');
  await page.goto('./#/embed/architecture?arch=vgg16');
  await expect(page.getByTestId('architecture-diagram')).toHaveAttribute('data-total-params', '138357544');
  await page.goto('./#/embed/nothing');
  await expect(page.getByRole('alert')).toContainText('There is no embeddable widget called “nothing”');
  expect(problems).toEqual([]);
});

test('the embeds page gives each widget an iframe snippet with the site address, and a live preview', async ({
  page,
  baseURL,
}) => {
  await page.goto('./#/embeds');
  const card = page.getByTestId('embed-card-convolution');
  const snippet = await card.getByLabel('Snippet').inputValue();
  expect(snippet).toContain(`src="${baseURL}#/embed/convolution?size=5&kernel=3`);
  expect(snippet).toMatch(/^<iframe .*title="ConvScope: Convolution".*><\/iframe>$/);
  await card.getByRole('button', { name: 'Show live preview' }).click();
  const frame = page.frameLocator('iframe[title="Preview: Convolution"]');
  await expect(frame.getByTestId('conv-output')).toBeVisible();
});

test('classroom mode: large type, controls hidden on request, and Space, arrows and F drive the page from anywhere', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./#/learn/pooling?present=1');
  await expect(page.locator('html')).toHaveClass(/classroom/);
  const fontSize = await page.locator('html').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontSize).toBeGreaterThan(20);
  const hidden = () => page.getByTestId('pool-output').locator('[data-hidden="true"]').count();
  await expect(page.getByTestId('pool-output')).toBeVisible();
  const total = await hidden();
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await hidden()).toBe(total - 2);
  await page.keyboard.press('ArrowLeft');
  expect(await hidden()).toBe(total - 1);
  const play = page.getByRole('button', { name: 'Play' });
  await page.keyboard.press(' ');
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press(' ');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);

  // The mode survives navigation; controls=0 hides the buttons for a clean projection, and keys still work.
  await page.goto('./#/learn/convolution?controls=0');
  await expect(page.locator('html')).toHaveClass(/classroom--no-controls/);
  await expect(page.getByTestId('conv-output')).toBeVisible();
  await expect(page.locator('.stepper')).toBeHidden();
  await page.goto('./#/learn/convolution?present=0');
  await expect(page.locator('html')).not.toHaveClass(/classroom/);
});
