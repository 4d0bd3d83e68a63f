import { expect, test } from '@playwright/test';
import {
  canvasPixels,
  drawStroke,
  openPlayground as ready,
  pixelVariance,
  startTraining,
  statValue,
  waitForSteps,
  watchPage,
} from './fixtures';

test('the network view shows the starting net, then feature maps and filters change as it trains', async ({ page }) => {
  const problems = watchPage(page);
  await ready(page);
  const map = page.getByTestId('fmap-0-0');
  expect(await pixelVariance(map)).toBeGreaterThan(10);
  const filter = page.getByTestId('filter-0-0');
  const before = await canvasPixels(filter);
  await startTraining(page);
  await waitForSteps(page, 30);
  await expect.poll(async () => (await canvasPixels(filter)).some((v, i) => v !== before[i])).toBe(true);
  await expect(page.getByTestId('chart-loss')).toBeVisible();
  await expect
    .poll(async () =>
      Number(await page.getByTestId('chart-loss').locator('[data-points]').first().getAttribute('data-points')),
    )
    .toBeGreaterThan(5);
  expect(problems).toEqual([]);
});

test('drawing a digit gets a prediction from the current model', async ({ page }) => {
  await ready(page);
  await drawStroke(page);
  await expect(page.getByTestId('network-view')).toContainText('Your drawing');
  await expect(page.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', /^\d$/);
  const probabilities = await page
    .locator('[data-testid^="prob-"]')
    .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-value'))));
  expect(probabilities).toHaveLength(10);
  expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
});

test('after an epoch the confusion matrix counts all 10,000 test digits, and a cell shows its digits', async ({
  page,
}) => {
  await ready(page, 'backend=wasm&trainSize=256&batch=64&epochs=1&lrDecay=1');
  await startTraining(page);
  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix).toBeVisible({ timeout: 60_000 });
  const counts = await matrix
    .locator('button[data-value]')
    .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
  expect(counts).toHaveLength(100);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
  const correct = counts.filter((_, i) => i % 11 === 0).reduce((a, b) => a + b, 0);
  expect(correct / 10_000).toBeCloseTo(await statValue(page, 'test-accuracy'), 6);
  await expect(page.getByTestId('digit-gallery').locator('li')).toHaveCount(24);
  // The cell of 7s answered as 7 lists 7s.
  await matrix.locator('button[data-label="7"][data-predicted="7"]').click();
  const first = page.getByTestId('digit-gallery').locator('button').first();
  await expect(first).toContainText('7 → 7');
  const index = await first.getAttribute('data-index');
  await first.click();
  await expect(page.getByTestId('network-view')).toContainText(`Test digit #${index}, a 7`);
});

test('editing the architecture updates the shape table and the link; an invalid design cannot train and says why', async ({
  page,
}) => {
  await ready(page);
  await expect(page.getByTestId('shape-0')).toHaveText('24×24×8');
  await page.getByLabel('Layer 1 filters').fill('4');
  await expect(page.getByTestId('shape-0')).toHaveText('24×24×4');
  await expect(page.getByTestId('params-0')).toHaveText('104');
  await expect.poll(() => page.url()).toContain('arch=conv4k5s1valid-relu_');
  // The engine rebuilt the model: the first layer now has 4 feature maps.
  await expect(page.getByTestId('fmap-0-3')).toBeVisible();
  await expect(page.getByTestId('fmap-0-4')).toHaveCount(0);

  await page.getByLabel('Remove layer 5').click(); // the flatten layer
  await expect(page.getByTestId('error-4')).toContainText('flatten');
  await expect(page.getByTestId('training-blocked')).toContainText('Fix the architecture before training');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
});

test('a link with an architecture and settings restores them', async ({ page }) => {
  const arch = 'conv6k5s1same-tanh_avgpool2s2_conv16k5s1valid-tanh_avgpool2s2_flatten_dense84-tanh_dense10-softmax';
  await ready(page, `backend=wasm&lr=0.01&arch=${arch}`);
  await expect(page.getByTestId('shape-0')).toHaveText('28×28×6');
  await expect(page.getByTestId('shape-5')).toHaveText('84');
  await expect(page.getByText('adam at learning rate 0.01')).toBeVisible();
  await expect(page.getByTestId('fmap-0-5')).toBeVisible();
  await page.goto('./#/playground?backend=wasm&arch=conv8x');
  await expect(page.getByTestId('param-notices')).toContainText("arch: layer 1 ('conv8x')");
  await expect(page.getByTestId('shape-0')).toHaveText('24×24×8');
});

test('settings change from the form into the link; Space, S and R drive training from the keyboard', async ({
  page,
}) => {
  await ready(page);
  await page.getByLabel('Batch size').selectOption('16');
  await expect(page.getByText(/^Batch 16, adam/)).toBeVisible();
  await expect.poll(() => page.url()).toContain('batch=16');
  await expect(page.getByTestId('stat-state')).toHaveText('idle');

  await page.locator('h1').click(); // focus outside any control
  await page.keyboard.press('s');
  await expect.poll(() => statValue(page, 'examples')).toBe(16);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('stat-state')).toHaveText('training');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('stat-state')).toHaveText('paused');
  await page.keyboard.press('r');
  await expect(page.getByTestId('stat-state')).toHaveText('idle');
  expect(await statValue(page, 'examples')).toBe(0);
});
