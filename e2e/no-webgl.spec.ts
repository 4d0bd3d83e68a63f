import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { startTraining, statValue, waitForSteps, watchPage } from './fixtures';

// A school laptop with WebGL blocked. --disable-webgl alone leaves WebGL in workers (OffscreenCanvas) on:
// no GPU process and no software fallback turns it off everywhere.
const NO_GPU = ['--disable-gpu', '--disable-software-rasterizer', '--disable-webgl'];
test.use({
  launchOptions: {
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS.filter((a) => !a.includes('swiftshader')), ...NO_GPU],
  },
});

test('without WebGL the playground says so and trains on the CPU', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./#/playground?backend=auto&weights=random&trainSize=256&batch=32&snapshotMs=0');
  await expect(page.getByTestId('no-webgl')).toContainText('WebGL could not start in this browser', {
    timeout: 90_000,
  });
  await expect(page.getByTestId('backend-name')).toHaveText(/^(wasm|cpu)$/);
  await startTraining(page);
  await waitForSteps(page, 4);
  expect(Number.isFinite(await statValue(page, 'loss'))).toBe(true);
  expect(problems).toEqual([]);
});

test('without WebGL the explorables and the pretrained network still work', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./#/learn/features');
  await expect(page.getByTestId('network-view')).toBeVisible({ timeout: 90_000 });
  await page.goto('./#/learn/convolution');
  await expect(page.getByTestId('conv-output').first()).toBeVisible();
  expect(problems).toEqual([]);
});
