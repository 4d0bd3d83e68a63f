/**
 * The invariance experiment: test digits shifted (or turned) further and further, read by the
 * shipped CNN and dense networks with and without augmentation, from the numbers the page computed.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator } from '@playwright/test';
import { watchPage } from './fixtures';

/** The curves the plot drew, from its data attributes: accuracy (%) per amount, per model. */
async function curves(plot: Locator): Promise<Record<'cnn' | 'dense' | 'cnn-aug' | 'dense-aug', number[]>> {
  const read = async (id: string) => (await plot.getAttribute(`data-${id}`))!.split(',').map(Number);
  return {
    cnn: await read('cnn'),
    dense: await read('dense'),
    'cnn-aug': await read('cnn-aug'),
    'dense-aug': await read('dense-aug'),
  };
}

/** How far a curve falls from 0 to its last amount (percentage points). */
const drop = (curve: number[]) => curve[0]! - curve.at(-1)!;

test('the why-convolutions chapter measures a CNN losing less accuracy to shifts than a dense network, and augmentation helping both', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const problems = watchPage(page);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('./#/learn/why-convolutions');
  const switcher = page.getByRole('group', { name: 'Move the test digits by' });
  await expect(switcher).toBeVisible();
  // Below the first screen, the experiment waits for the reader: its code, models and test digits too.
  await page.waitForLoadState('networkidle');
  const experimentFiles = () =>
    requested.filter((path) => /InvarianceExperiment|models\/invariance\/|t10k-/.test(path));
  expect(experimentFiles()).toEqual([]);
  await switcher.scrollIntoViewIfNeeded();
  const plot = page.getByTestId('invariance-plot');
  // Drawn while it computes: partial numbers first, the page still answering.
  await expect(plot).toHaveAttribute('data-kind', 'shift', { timeout: 90_000 });
  await expect(page.getByTestId('invariance-count')).toContainText('Computing…');
  await page.getByRole('radio', { name: /shifting/ }).focus(); // the page answers while it computes
  await expect(plot).toHaveAttribute('data-complete', 'true', { timeout: 180_000 });
  await expect(page.getByTestId('invariance-count')).toHaveText(
    'Computed on 500 MNIST test digits (#0–#499), each shifted by 1 to 6 px right, left, down and up.',
  );
  await expect(plot).toHaveAttribute('data-amounts', '0,1,2,3,4,5,6');
  for (const model of ['dense', 'cnn-aug', 'dense-aug'])
    expect(experimentFiles()).toContain(`/courses/cnn/models/invariance/${model}/convscope-model.weights.bin`);

  const c = await curves(plot);
  for (const curve of Object.values(c)) {
    expect(curve).toHaveLength(7);
    for (const value of curve) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of curve) expect(value).toBeLessThanOrEqual(100);
  }
  // Trained networks read unmoved digits well: these are real models, not placeholders.
  expect(c.cnn[0]).toBeGreaterThan(97);
  expect(c.dense[0]).toBeGreaterThan(85);
  // The claim of the chapter, from the page's own numbers.
  expect(drop(c.cnn)).toBeLessThan(drop(c.dense));
  expect(drop(c['cnn-aug'])).toBeLessThan(drop(c.cnn));
  expect(drop(c['dense-aug'])).toBeLessThan(drop(c.dense));

  // Each curve is drawn through its own numbers: one marker per amount, its tooltip the exact value.
  const cnnMarkers = plot.locator('[data-series="cnn"] circle');
  await expect(cnnMarkers).toHaveCount(7);
  await expect(cnnMarkers.last().locator('title')).toHaveText(`CNN, shifted 6 px: ${c.cnn[6]!.toFixed(1)} %`);
  await expect(plot.locator('[data-series="dense"] rect')).toHaveCount(7);
  const markerY = async (series: string) =>
    Number(
      await plot
        .locator(`[data-series="${series}"] :is(circle, rect)`)
        .last()
        .evaluate((el) => {
          const box = (el as SVGGraphicsElement).getBBox();
          return box.y + box.height / 2;
        }),
    );
  // Lower accuracy sits lower on the plot (larger y).
  expect(Math.sign((await markerY('dense')) - (await markerY('cnn')))).toBe(Math.sign(c.cnn[6]! - c.dense[6]!));
  await expect(plot.getByRole('img')).toHaveAccessibleName(/^Accuracy against how far the digits are shifted/);

  // axe, with every number drawn.
  await page.emulateMedia({ colorScheme: 'light' });
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // The switch turns the digits instead, in the address too.
  await page.getByRole('radio', { name: /turning/ }).check();
  await expect(plot).toHaveAttribute('data-kind', 'rotate');
  await expect(plot).toHaveAttribute('data-amounts', '0,5,10,15,20,25,30');
  expect(page.url()).toContain('sweep=rotate');
  await expect(page.getByTestId('invariance-count')).toContainText('each turned by 5° to 30° both ways');
  // Back to shifting: the finished sweep shows again at once, with the same numbers.
  await page.getByRole('radio', { name: /shifting/ }).check();
  await expect(plot).toHaveAttribute('data-complete', 'true', { timeout: 1_000 });
  expect(await curves(plot)).toEqual(c);
  expect(problems).toEqual([]);
});

test('the invariance embed shows the experiment alone, set up by its address', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./#/embed/invariance?sweep=rotate');
  await expect(page.getByTestId('embed')).toHaveAttribute('data-widget', 'invariance');
  const plot = page.getByTestId('embed').getByTestId('invariance-plot');
  await expect(plot).toHaveAttribute('data-kind', 'rotate', { timeout: 90_000 });
  await expect(page.getByRole('radio', { name: /turning/ })).toBeChecked();
  // Numbers arrive as digits are done: the CNN reads the first unturned ones.
  await expect
    .poll(async () => Number(await plot.getAttribute('data-digits')), { timeout: 60_000 })
    .toBeGreaterThan(20);
  expect(Number((await plot.getAttribute('data-cnn'))!.split(',')[0])).toBeGreaterThan(80);
  await expect(page.getByRole('link', { name: 'Open in ConvScope' })).toHaveAttribute(
    'href',
    '#/learn/why-convolutions',
  );
  expect(problems).toEqual([]);
});
