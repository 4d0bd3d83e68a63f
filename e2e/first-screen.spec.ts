import { expect, test, type Locator, type Page } from '@playwright/test';
import { pixelVariance, startTraining, waitForSteps, watchPage } from './fixtures';

/** Whether an element lies wholly inside the first screen, without scrolling. */
async function onFirstScreen(locator: Locator, size: { width: number; height: number }): Promise<boolean> {
  // A hidden control is not found by role at all: it counts as not on the screen.
  const box = await locator.boundingBox({ timeout: 5_000 }).catch(() => null);
  return (
    box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height
  );
}

/** What a teacher needs on the projected first screen, each named so a failure says which is missing. */
async function firstScreenParts(page: Page, size: { width: number; height: number }) {
  const parts: Record<string, Locator> = {
    overview: page.getByTestId('network-overview'),
    'training controls': page.getByRole('group', { name: /Training controls/ }),
    'loss chart': page.getByTestId('chart-loss'),
    'accuracy chart': page.getByTestId('chart-accuracy'),
    epoch: page.getByTestId('stat-epoch'),
    'test accuracy': page.getByTestId('stat-test-accuracy'),
  };
  const missing: string[] = [];
  for (const [name, locator] of Object.entries(parts)) if (!(await onFirstScreen(locator, size))) missing.push(name);
  return missing;
}

for (const [view, query, size] of [
  ['the normal view', '', { width: 1280, height: 720 }],
  ['presenter view', '&present=1', { width: 1280, height: 720 }],
  ['presenter view on a 1080p projector', '&present=1', { width: 1920, height: 1080 }],
] as const) {
  test(`in ${view} at ${size.width}×${size.height}, the network, the controls, the chart and the epoch share the first screen while training`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    const problems = watchPage(page);
    await page.goto(`./#/playground?backend=wasm&trainSize=512&batch=32${query}`);
    await startTraining(page);
    await waitForSteps(page, 5);
    await expect(page.getByTestId('chart-loss')).toBeVisible();
    expect(await page.evaluate(() => scrollY)).toBe(0);
    expect(await firstScreenParts(page, size)).toEqual([]);
    expect(await pixelVariance(page.getByTestId('overview-map-0-0'))).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });
}

test('while training, the overview redraws its pictures at least 4 times in 2 s', async ({ page }) => {
  await page.goto('./#/playground?backend=wasm&weights=random');
  await startTraining(page);
  await waitForSteps(page, 3);
  // Count for 2 s how often the overview draws a new snapshot (its data-step names the one drawn),
  // and check that the maps' pixels did change over that time.
  const { redraws, pixelsChanged } = await page.evaluate(async () => {
    const overview = document.querySelector('[data-testid=network-overview]')!;
    const pixels = () =>
      [...document.querySelectorAll<HTMLCanvasElement>('[data-testid=network-overview] canvas')]
        .map((canvas) => canvas.toDataURL())
        .join('|');
    const before = pixels();
    let redraws = 0;
    const observer = new MutationObserver(() => (redraws += 1));
    observer.observe(overview, { attributes: true, attributeFilter: ['data-step'] });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    observer.disconnect();
    return { redraws, pixelsChanged: pixels() !== before };
  });
  expect(pixelsChanged).toBe(true);
  expect(redraws).toBeGreaterThanOrEqual(4);
});

test('with controls=0 the projected playground is the picture and the chart alone, and Space still trains', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./#/playground?backend=wasm&trainSize=512&batch=32&present=1&controls=0');
  await expect(page.getByTestId('overview-map-0-0')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('group', { name: /Training controls/ })).toBeHidden();
  await expect(page.getByText(/^Settings:/)).toBeHidden();
  await expect(page.getByTestId('timeline')).toBeHidden();
  await expect(page.getByTestId('stat-state')).toHaveAttribute('data-value', 'idle', { timeout: 90_000 });
  await page.keyboard.press('Space');
  await expect(page.getByTestId('chart-loss')).toBeVisible({ timeout: 60_000 });
  expect(await firstScreenParts(page, { width: 1280, height: 720 })).toEqual(['training controls']);
});
