/**
 * Presenter view as a stage: each chapter's picture wholly on the first screen of a projector,
 * its reading folded under a caption that opens, its settings in one bar that controls=0 hides.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { gridValues, pixelVariance } from './fixtures';

/** The element's box in the viewport, checked to lie wholly inside `width`×`height` with the page unscrolled. */
async function expectOnFirstScreen(element: Locator, width: number, height: number) {
  await expect(element).toBeVisible();
  await expect
    .poll(async () => {
      const box = await element.boundingBox();
      const scrollY = await element.page().evaluate(() => document.documentElement.scrollTop);
      if (!box || scrollY !== 0) return 'not laid out';
      const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
      return inside && box.width > 20 && box.height > 20 ? 'inside' : JSON.stringify(box);
    })
    .toBe('inside');
}

/** A grid's cells, each with its value, all there: `rows`×`cols` of them. */
async function expectCells(grid: Locator, rows: number, cols: number) {
  const values = await gridValues(grid);
  expect(values).toHaveLength(rows);
  for (const row of values) {
    expect(row).toHaveLength(cols);
    for (const value of row) expect(Number.isFinite(value)).toBe(true);
  }
}

async function open(page: Page, hash: string, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`./${hash}`);
  await expect(page.locator('html')).toHaveClass(/classroom/);
}

const HD = { width: 1280, height: 720 };
const FULL_HD = { width: 1920, height: 1080 };

for (const size of [HD, FULL_HD]) {
  test(`convolution at ${size.width}×${size.height}: input, kernel and output wholly on the first screen`, async ({
    page,
  }) => {
    await open(page, '#/learn/convolution?present=1', size);
    for (const id of ['conv-input', 'conv-kernel', 'conv-output']) {
      await expectOnFirstScreen(page.getByTestId(id), size.width, size.height);
    }
    await expectCells(page.getByTestId('conv-input'), 5, 5);
    await expectCells(page.getByTestId('conv-kernel'), 3, 3);
    await expectCells(page.getByTestId('conv-output'), 3, 3);
    // The settings bar and the stepper are on the stage too.
    await expectOnFirstScreen(page.getByRole('form', { name: 'Convolution settings' }), size.width, size.height);
    await expectOnFirstScreen(page.getByRole('button', { name: 'Play' }), size.width, size.height);
  });
}

test('convolution at 1920×1080: the picture is enlarged to use the bigger screen', async ({ page }) => {
  await open(page, '#/learn/convolution?present=1', HD);
  const small = (await page.getByTestId('conv-input').boundingBox())!.width;
  await open(page, '#/learn/convolution?present=1', FULL_HD);
  await expect
    .poll(async () => (await page.getByTestId('conv-input').boundingBox())!.width)
    .toBeGreaterThan(small * 1.2);
});

test('pooling at 1280×720: input and pooled output wholly on the first screen', async ({ page }) => {
  await open(page, '#/learn/pooling?present=1', HD);
  for (const id of ['pool-input', 'pool-output']) await expectOnFirstScreen(page.getByTestId(id), 1280, 720);
  await expectCells(page.getByTestId('pool-input'), 6, 6);
  await expectCells(page.getByTestId('pool-output'), 3, 3);
  // Each pooled value is the largest of its 2×2 block.
  const input = await gridValues(page.getByTestId('pool-input'));
  const output = await gridValues(page.getByTestId('pool-output'));
  output.forEach((row, r) =>
    row.forEach((value, c) =>
      expect(value).toBe(Math.max(...[0, 1].flatMap((i) => [0, 1].map((j) => input[2 * r + i]![2 * c + j]!)))),
    ),
  );
});

test('channels at 1280×720: the three channels, the filter slices and the feature map on the first screen', async ({
  page,
}) => {
  await open(page, '#/learn/channels?present=1', HD);
  const ids = ['ch-input-0', 'ch-input-1', 'ch-input-2', 'ch-filter-0', 'ch-filter-1', 'ch-filter-2', 'ch-output'];
  for (const id of ids) await expectOnFirstScreen(page.getByTestId(id), 1280, 720);
  for (const ch of [0, 1, 2]) {
    await expectCells(page.getByTestId(`ch-input-${ch}`), 6, 6);
    await expectCells(page.getByTestId(`ch-filter-${ch}`), 3, 3);
  }
  await expectCells(page.getByTestId('ch-output'), 4, 4);
  const preview = page.getByTestId('ch-preview');
  await expectOnFirstScreen(preview, 1280, 720);
  expect(await pixelVariance(preview)).toBeGreaterThan(100);
});

test('the folded reading opens by click and by keyboard, and its text is then visible', async ({ page }) => {
  await open(page, '#/learn/convolution?present=1', HD);
  const caption = page.getByTestId('chapter-caption');
  const summary = caption.locator('summary');
  const lede = page.getByText('A convolution layer holds small grids of weights');
  await expect(summary).toHaveText('A 3×3 filter on 5×5 data, one weighted sum at a time.');
  await expectOnFirstScreen(summary, 1280, 720);
  await expect(lede).toBeHidden();
  await summary.click();
  await expect(lede).toBeVisible();
  await expect(page.getByText('A note on the name.')).toBeVisible();
  await summary.click();
  await expect(lede).toBeHidden();
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(lede).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(lede).toBeHidden();
  await page.keyboard.press(' ');
  await expect(lede).toBeVisible();
});

test('the normal view still reads as before: no caption, the reading open above the picture', async ({ page }) => {
  await page.setViewportSize(HD);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./#/learn/convolution');
  await expect(page.getByTestId('conv-output')).toBeVisible();
  await expect(page.locator('html')).not.toHaveClass(/classroom/);
  await expect(page.getByTestId('chapter-caption')).toHaveCount(0);
  const lede = page.getByText('A convolution layer holds small grids of weights');
  await expect(lede).toBeVisible();
  await expect(page.getByText('A note on the name.')).toBeVisible();
  expect((await lede.boundingBox())!.y).toBeLessThan((await page.getByTestId('conv-input').boundingBox())!.y);
});

test('the features chapter: the network overview starts on the first screen', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, '#/learn/features?present=1', HD);
  const overview = page.getByTestId('network-overview');
  await expect(overview).toBeVisible({ timeout: 90_000 });
  const box = (await overview.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeLessThan(720);
});

test('controls=0 hides the settings bar and stepper; the grids stay on the first screen', async ({ page }) => {
  await open(page, '#/learn/convolution?present=1&controls=0', HD);
  await expect(page.locator('html')).toHaveClass(/classroom--no-controls/);
  await expect(page.getByRole('form', { name: 'Convolution settings' })).toBeHidden();
  await expect(page.locator('.stepper')).toBeHidden();
  for (const id of ['conv-input', 'conv-kernel', 'conv-output']) {
    await expectOnFirstScreen(page.getByTestId(id), 1280, 720);
  }
  await expectCells(page.getByTestId('conv-output'), 3, 3);
});

test('axe finds no serious violation on a presenter-view chapter, caption closed and open', async ({ page }) => {
  await open(page, '#/learn/channels?present=1', HD);
  await expect(page.getByTestId('ch-output')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  const scan = async () => {
    const { violations, passes } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(passes.length).toBeGreaterThan(5);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  expect(await scan()).toEqual([]);
  await page.getByTestId('chapter-caption').locator('summary').click();
  expect(await scan()).toEqual([]);
});
