/**
 * The home page opens on the pretrained network reading a test digit, with a drawing pad beside
 * it whose drawing every layer follows, computed without tfjs. And the features chapter's
 * overview follows its pad's drawing too.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { canvasPixels, drawStroke, pixelVariance, watchPage } from './fixtures';

/** Every path the page and its workers request from now on. */
function recordRequests(page: Page): string[] {
  const paths: string[] = [];
  page.context().on('request', (request) => paths.push(new URL(request.url()).pathname));
  return paths;
}

/** tfjs and what only runs with it: the trainer chunk, the engine, its worker, the wasm backend. */
const TFJS_FILE = /assets\/(trainer|engine|tfjs)[-.]/;
const MNIST_TRAINING_FILE = /data\/mnist\/train-/;

/** The ten output probabilities the overview shows, by digit. */
async function probabilities(page: Page): Promise<number[]> {
  const bars = page.getByTestId('network-overview').locator('[data-testid^="overview-prob-"]');
  await expect(bars).toHaveCount(10);
  return bars.evaluateAll((buttons) => buttons.map((b) => Number(b.getAttribute('data-value'))));
}

const argMax = (values: number[]) => values.indexOf(Math.max(...values));

async function openHome(page: Page) {
  await page.goto('./#/');
  await expect(page.getByTestId('network-overview')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('overview-map-0-0')).toBeVisible();
}

test('the home page opens on the network reading a test digit, its pad beside it on the first screen, without tfjs', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const problems = watchPage(page);
  const requested = recordRequests(page);
  await openHome(page);
  expect(await pixelVariance(page.getByTestId('overview-map-0-0'))).toBeGreaterThan(10);
  // Test digit #0 is a 7, and the pretrained network says so.
  expect(argMax(await probabilities(page))).toBe(7);
  await expect(page.getByTestId('home-reading')).toContainText('Test digit #0 (labelled 7)');
  await expect(page.getByTestId('home-reading')).toContainText('reads it as a 7');
  for (const element of [page.getByTestId('network-overview'), page.getByTestId('draw-pad-canvas')]) {
    const box = (await element.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    expect(box.y + box.height).toBeLessThanOrEqual(720);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await expect(page.getByRole('link', { name: /Playground/ }).last()).toHaveAttribute('href', '#/playground');
  await expect(page.getByRole('link', { name: /Learn/ }).last()).toHaveAttribute('href', '#/learn');
  expect(requested.filter((path) => TFJS_FILE.test(path))).toEqual([]);
  expect(requested.filter((path) => MNIST_TRAINING_FILE.test(path))).toEqual([]);
  expect(requested.filter((path) => path.endsWith('test-digits.bin.gz'))).toHaveLength(1);
  expect(problems).toEqual([]);
});

test('drawing a 1 on the home page makes the output predict 1 and changes the first layer’s maps', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const problems = watchPage(page);
  const requested = recordRequests(page);
  await openHome(page);
  const firstMap = page.getByTestId('overview-map-0-0');
  const inputCanvas = page.getByTestId('overview-input').locator('canvas');
  const [mapBefore, inputBefore] = [await canvasPixels(firstMap), await canvasPixels(inputCanvas)];
  await drawStroke(page);
  await expect(page.getByTestId('home-reading')).toContainText('Your drawing');
  await expect.poll(async () => argMax(await probabilities(page))).toBe(1);
  await expect(page.getByTestId('home-reading')).toContainText('reads it as a 1');
  expect(await canvasPixels(firstMap)).not.toEqual(mapBefore);
  expect(await canvasPixels(inputCanvas)).not.toEqual(inputBefore);
  expect(await pixelVariance(firstMap)).toBeGreaterThan(10);
  // Clearing the pad brings the test digit back.
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect.poll(async () => argMax(await probabilities(page))).toBe(7);
  expect(requested.filter((path) => TFJS_FILE.test(path))).toEqual([]);
  expect(problems).toEqual([]);
});

test('a click on a map of the home page’s overview traces that cell', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openHome(page);
  await page.getByTestId('overview-map-0-2').click();
  const trace = page.getByTestId('trace');
  await expect(trace).toBeVisible();
  await expect(trace).toHaveAttribute('data-layer', '0');
  await expect(trace).toHaveAttribute('data-map', '2');
  await expect(page).toHaveURL(/trace=0%2C2%2C/);
});

test('on a 390 px phone the pad and the prediction come first, on the first screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openHome(page);
  const pad = (await page.getByTestId('draw-pad-canvas').boundingBox())!;
  const reading = (await page.getByTestId('home-reading').boundingBox())!;
  const overview = (await page.getByTestId('network-overview').boundingBox())!;
  expect(pad.x + pad.width).toBeLessThanOrEqual(390);
  expect(reading.y + reading.height).toBeLessThanOrEqual(844);
  expect(overview.y).toBeGreaterThan(reading.y);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('the home page, network loaded, in presenter view too, has no serious accessibility violation', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  for (const address of ['./#/', './#/?present=1']) {
    await page.goto(address);
    await expect(page.getByTestId('overview-map-0-0')).toBeVisible({ timeout: 60_000 });
    const { violations, passes } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(passes.length).toBeGreaterThan(5);
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});

test('the features chapter’s overview follows the drawing on its pad', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./#/learn/features');
  await expect(page.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', '7', { timeout: 90_000 });
  const overview = page.getByTestId('network-overview');
  await expect(overview.getByTestId('overview-map-0-0')).toBeVisible();
  const inputCanvas = overview.getByTestId('overview-input').locator('canvas');
  const [mapBefore, inputBefore] = [
    await canvasPixels(overview.getByTestId('overview-map-0-0')),
    await canvasPixels(inputCanvas),
  ];
  expect(argMax(await probabilities(page))).toBe(7);
  await drawStroke(page);
  await expect(page.getByRole('button', { name: 'Back to test digit #0' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => canvasPixels(inputCanvas)).not.toEqual(inputBefore);
  expect(await canvasPixels(overview.getByTestId('overview-map-0-0'))).not.toEqual(mapBefore);
  await expect.poll(async () => argMax(await probabilities(page))).toBe(1);
  // Back to the test digit: the overview shows it again.
  await page.getByRole('button', { name: 'Back to test digit #0' }).click();
  await expect.poll(async () => argMax(await probabilities(page))).toBe(7);
  await expect.poll(async () => canvasPixels(inputCanvas)).toEqual(inputBefore);
  expect(problems).toEqual([]);
});
