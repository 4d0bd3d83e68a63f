/**
 * The network overview on a 390×844 phone: it runs top to bottom without sideways scrolling, and
 * one screen from its top holds the input, the first layer's maps (drawn) and the prediction.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { pixelVariance, watchPage } from './fixtures';

const PHONE = { width: 390, height: 844 };

/** Opens `hash` on a phone and waits for the overview's first maps. */
async function openOnPhone(page: Page, hash: string): Promise<Locator> {
  await page.setViewportSize(PHONE);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(hash);
  const overview = page.getByTestId('network-overview');
  await expect(overview.getByTestId('overview-map-0-0')).toBeVisible({ timeout: 90_000 });
  return overview;
}

/** The overview's input, first map and probabilities: what the phone's first screen must hold. */
const firstScreen = (overview: Locator): [string, Locator][] => [
  ['the input', overview.getByTestId('overview-input').getByRole('img')],
  ['the first map', overview.getByTestId('overview-map-0-0')],
  ['the probabilities', overview.getByRole('list', { name: 'Output probabilities' })],
];

/** Widths that scroll: the overview's own box (the element around the picture) and the page. */
async function scrollWidths(page: Page, overview: Locator) {
  const box = await overview.evaluate((figure) => {
    const scroller = figure.parentElement!;
    return { scroll: scroller.scrollWidth, client: scroller.clientWidth, figure: figure.scrollWidth };
  });
  const pageBox = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  return { box, page: pageBox };
}

const PAGES: [string, string, 'screen' | 'overview'][] = [
  // The features chapter: measured on the screen, once the overview's top is scrolled into view.
  ['the features chapter', './#/learn/features', 'screen'],
  // The playground: where the overview sits on its page is the page's own layout; measured from the overview's top.
  ['the playground', './#/playground?backend=wasm', 'overview'],
];

for (const [name, hash, measure] of PAGES) {
  test(`on a 390 px phone, ${name} shows the network top to bottom, input, first maps and prediction in one screen`, async ({
    page,
  }) => {
    const problems = watchPage(page);
    const overview = await openOnPhone(page, hash);
    const widths = await scrollWidths(page, overview);
    expect(widths.box.scroll).toBeLessThanOrEqual(widths.box.client);
    expect(widths.box.figure).toBeLessThanOrEqual(widths.box.client);
    expect(widths.page.scroll).toBeLessThanOrEqual(widths.page.client);

    await overview.evaluate((figure) => figure.scrollIntoView({ block: 'start' }));
    const top = (await overview.boundingBox())!.y;
    const origin = measure === 'screen' ? 0 : top;
    const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {};
    for (const [what, element] of firstScreen(overview)) {
      await expect(element, what).toBeVisible();
      const box = (await element.boundingBox())!;
      boxes[what] = box;
      expect(box.y, `${what} starts on the screen`).toBeGreaterThanOrEqual(origin);
      expect(box.y + box.height - origin, `${what} ends within ${PHONE.height} px`).toBeLessThanOrEqual(PHONE.height);
      expect(box.x + box.width, `${what} ends within the width`).toBeLessThanOrEqual(PHONE.width);
    }
    // Top to bottom: the probabilities beside the input, the first layer's maps under both.
    const input = boxes['the input']!;
    const probabilities = boxes['the probabilities']!;
    const map = boxes['the first map']!;
    expect(probabilities.x).toBeGreaterThanOrEqual(input.x + input.width);
    expect(probabilities.y).toBeLessThan(input.y + input.height);
    expect(map.y).toBeGreaterThanOrEqual(Math.max(input.y + input.height, probabilities.y + probabilities.height));
    // The next layer comes under the first, not beside it.
    const next = (await overview.getByTestId('overview-map-1-0').boundingBox())!;
    expect(next.y).toBeGreaterThanOrEqual(map.y + map.height);

    // The maps and the input are drawn from data, not blank; the ten probabilities carry their values.
    expect(await pixelVariance(overview.getByTestId('overview-map-0-0'))).toBeGreaterThan(10);
    expect(await pixelVariance(overview.getByTestId('overview-input').locator('canvas'))).toBeGreaterThan(10);
    const sum = await overview
      .locator('[data-testid^="overview-prob-"]')
      .evaluateAll((bars) => bars.reduce((total, bar) => total + Number(bar.getAttribute('data-value')), 0));
    expect(sum).toBeCloseTo(1, 4);
    // The contract holds: the output is still one layer column, with its spec index and shape.
    const output = overview.getByTestId('overview-layer').last();
    await expect(output).toHaveAttribute('data-shape', '10');
    await expect(output.getByRole('list', { name: 'Output probabilities' })).toHaveCount(1);
    expect(problems).toEqual([]);
  });
}

test('on a phone a click on a map cell opens its trace, and axe finds nothing serious', async ({ page }) => {
  const overview = await openOnPhone(page, './#/learn/features');
  await overview.evaluate((figure) => figure.scrollIntoView({ block: 'start' }));
  const map = overview.getByTestId('overview-map-0-2');
  const box = (await map.boundingBox())!;
  // Whole pixels (a mouse event's position is one), and the 24×24 cell under each.
  const x = Math.round(box.x + (10.5 / 24) * box.width);
  const y = Math.round(box.y + (5.5 / 24) * box.height);
  const cell = (at: number, from: number, size: number) => String(Math.floor(((at - from) / size) * 24));
  await page.mouse.click(x, y);
  const trace = page.getByTestId('trace');
  await expect(trace).toBeVisible();
  await expect(trace).toHaveAttribute('data-layer', '0');
  await expect(trace).toHaveAttribute('data-map', '2');
  await expect(trace).toHaveAttribute('data-row', cell(y, box.y, box.height));
  await expect(trace).toHaveAttribute('data-col', cell(x, box.x, box.width));
  await expect(map.locator('xpath=..')).toHaveClass(/network-overview__map--picked/);

  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  const { violations, passes } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(passes.length).toBeGreaterThan(5);
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
});
