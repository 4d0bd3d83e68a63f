import { expect, test, type Page } from '@playwright/test';
import { gridValues, pixelVariance, watchPage } from './fixtures';

const PRESETS: [string, string, string[]][] = [
  ['the default network', '', ['24x24x8', '12x12x8', '8x8x16', '4x4x16', '256', '10']],
  [
    'LeNet-5',
    'arch=conv6k5s1same-tanh_avgpool2s2_conv16k5s1valid-tanh_avgpool2s2_flatten_dense120-tanh_dense84-tanh_dense10-softmax&weights=random',
    ['28x28x6', '14x14x6', '10x10x16', '5x5x16', '400', '120', '84', '10'],
  ],
  [
    'the small VGG',
    'arch=conv16k3s1same-relu_conv16k3s1same-relu_maxpool2s2_conv32k3s1same-relu_conv32k3s1same-relu_maxpool2s2_flatten_dropout0.25_dense64-relu_dense10-softmax&weights=random',
    ['28x28x16', '28x28x16', '14x14x16', '14x14x32', '14x14x32', '7x7x32', '1568', '1568', '64', '10'],
  ],
];

for (const [name, query, shapes] of PRESETS) {
  for (const [view, present] of [
    ['', ''],
    [' in presenter view', '&present=1'],
  ]) {
    test(`${name} fits on one 1280×720 screen${view}, every layer a column of drawn maps`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      const problems = watchPage(page);
      await page.goto(`./#/playground?backend=wasm&${query}${present}`);
      const overview = page.getByTestId('network-overview');
      await expect(overview).toBeVisible({ timeout: 60_000 });
      const columns = overview.getByTestId('overview-layer');
      await expect(columns).toHaveCount(shapes.length);
      expect(await columns.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-shape')))).toEqual(shapes);
      expect(await columns.evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-layer'))))).toEqual(
        shapes.map((_, i) => i),
      );
      const box = (await overview.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
      expect(box.y + box.height).toBeLessThanOrEqual(720);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      // The first layer's maps are drawn from data, not blank.
      expect(await pixelVariance(page.getByTestId('overview-map-0-0'))).toBeGreaterThan(10);
      expect(problems).toEqual([]);
    });
  }
}

/** The trace panel's numbers: each channel's patch × kernel, summed, plus the bias. */
async function recomputedPreActivation(page: Page, channels: number): Promise<number> {
  let total = 0;
  for (let c = 0; c < channels; c++) {
    const patch = await gridValues(page.getByTestId(`trace-input-${c}`));
    const kernel = await gridValues(page.getByTestId(`trace-kernel-${c}`));
    patch.forEach((row, r) => row.forEach((x, k) => (total += x * kernel[r]![k]!)));
  }
  return total + Number(await page.getByTestId('trace-bias').getAttribute('data-value'));
}

test('a trace in the address shows the patches and kernels whose products sum to the value the map shows', async ({
  page,
}) => {
  await page.goto('./#/playground?backend=wasm&trace=2,3,4,4');
  const trace = page.getByTestId('trace');
  await expect(trace).toBeVisible({ timeout: 60_000 });
  await expect(trace).toHaveAttribute('data-layer', '2');
  await expect(trace).toHaveAttribute('data-map', '3');
  await expect(trace).toHaveAttribute('data-activation', 'relu');
  // Layer 2 reads the 8 maps of the pooling before it through 5×5 kernels.
  await expect(page.getByTestId('trace-input-7')).toBeVisible();
  expect(await gridValues(page.getByTestId('trace-kernel-0'))).toHaveLength(5);
  const pre = await recomputedPreActivation(page, 8);
  expect(pre).toBeCloseTo(Number(await page.getByTestId('trace-preactivation').getAttribute('data-value')), 4);
  expect(Number(await trace.getAttribute('data-value'))).toBeCloseTo(Math.max(0, pre), 4);
});

test('a click on a map opens its trace, arrow keys move it, Escape closes it, and the address follows', async ({
  page,
}) => {
  await page.goto('./#/playground?backend=wasm');
  const map = page.getByTestId('overview-map-0-2');
  await expect(map).toBeVisible({ timeout: 60_000 });
  // Once the engine is ready the page below the picture stops growing, and the map stops moving.
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 60_000 });
  const box = (await map.boundingBox())!;
  // The cell at row 5, col 10 of the 24×24 map.
  await page.mouse.click(box.x + (10.5 / 24) * box.width, box.y + (5.5 / 24) * box.height);
  const trace = page.getByTestId('trace');
  await expect(trace).toHaveAttribute('data-layer', '0');
  await expect(trace).toHaveAttribute('data-map', '2');
  await expect(trace).toHaveAttribute('data-row', '5');
  await expect(trace).toHaveAttribute('data-col', '10');
  await expect(page).toHaveURL(/trace=0%2C2%2C5%2C10|trace=0,2,5,10/);
  // One input channel (the digit), a 5×5 patch of it: the sum of products is the pre-activation.
  const pre = await recomputedPreActivation(page, 1);
  expect(pre).toBeCloseTo(Number(await page.getByTestId('trace-preactivation').getAttribute('data-value')), 4);

  await trace.focus();
  await page.keyboard.press('ArrowRight');
  await expect(trace).toHaveAttribute('data-col', '11');
  await page.keyboard.press('ArrowDown');
  await expect(trace).toHaveAttribute('data-row', '6');
  await page.keyboard.press('Escape');
  await expect(trace).toHaveCount(0);
  await expect(page).not.toHaveURL(/trace=/);
});

const TRACED_PAGES: [string, string][] = [
  ['the features chapter', './#/learn/features?trace=0,1,3,3'],
  ['the network embed', './#/embed/network?trace=0,1,3,3'],
];
for (const [what, hash] of TRACED_PAGES) {
  test(`${what} opens on the overview, and a trace in its address shows the sum behind the cell`, async ({ page }) => {
    await page.goto(hash);
    await expect(page.getByTestId('network-overview')).toBeVisible({ timeout: 60_000 });
    const trace = page.getByTestId('trace');
    await expect(trace).toHaveAttribute('data-map', '1');
    await expect(trace).toHaveAttribute('data-row', '3');
    const pre = await recomputedPreActivation(page, 1);
    expect(pre).toBeCloseTo(Number(await page.getByTestId('trace-preactivation').getAttribute('data-value')), 4);
    expect(Number(await trace.getAttribute('data-value'))).toBeCloseTo(Math.max(0, pre), 4);
  });
}

test('with the keyboard alone a trace opens on a map, moves cell by cell and closes', async ({ page }) => {
  await page.goto('./#/playground?backend=wasm');
  await expect(page.getByTestId('overview-map-0-0')).toBeVisible({ timeout: 60_000 });
  const firstMap = page.locator('button:has([data-testid="overview-map-0-0"])');
  // Tab from the top of the page until the first convolution's column has focus.
  for (let i = 0; i < 80 && !(await firstMap.evaluate((button) => button === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(firstMap).toBeFocused();
  await page.keyboard.press('Enter');
  const trace = page.getByTestId('trace');
  // A key press has no pointer position: the trace opens on the map's centre cell.
  await expect(trace).toHaveAttribute('data-layer', '0');
  await expect(trace).toHaveAttribute('data-map', '0');
  await expect(trace).toHaveAttribute('data-row', '12');
  await expect(trace).toHaveAttribute('data-col', '12');
  await page.keyboard.press('ArrowLeft');
  await expect(trace).toHaveAttribute('data-col', '11');
  await page.keyboard.press('ArrowUp');
  await expect(trace).toHaveAttribute('data-row', '11');
  const pre = await recomputedPreActivation(page, 1);
  expect(pre).toBeCloseTo(Number(await page.getByTestId('trace-preactivation').getAttribute('data-value')), 4);
  await page.keyboard.press('Escape');
  await expect(trace).toHaveCount(0);
});

test('every column has its colour legend, and a traced value lies within its column’s legend', async ({ page }) => {
  await page.goto('./#/playground?backend=wasm&trace=2,3,4,4');
  const trace = page.getByTestId('trace');
  await expect(trace).toBeVisible({ timeout: 60_000 });
  const legends = page.getByTestId('overview-legend');
  // Every layer but the softmax (drawn as labelled probabilities) shares one scale per column.
  await expect(legends).toHaveCount(5);
  const legend = page.locator('[data-testid="overview-legend"][data-layer="2"]');
  const [min, max] = [Number(await legend.getAttribute('data-min')), Number(await legend.getAttribute('data-max'))];
  expect(max).toBeGreaterThan(min);
  const value = Number(await trace.getAttribute('data-value'));
  expect(value).toBeGreaterThanOrEqual(min);
  expect(value).toBeLessThanOrEqual(max);
  // The ramp runs between two different colours.
  const ramp = await legend.locator('.network-overview__ramp').evaluate((el) => getComputedStyle(el).backgroundImage);
  const colours = new Set(ramp.match(/rgb\([^)]*\)/g));
  expect(colours.size).toBeGreaterThan(2);
});
