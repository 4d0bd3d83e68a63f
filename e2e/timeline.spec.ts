import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { gridValues, startTraining, waitForSteps, watchPage } from './fixtures';

/** Small batches on wasm, with enough images that training is still going when the test ends. */
const TRAINING = 'backend=wasm&trainSize=4096&batch=32&lr=0.003&lrDecay=1&epochs=20&snapshotMs=200';

const shownStep = async (page: Page) => Number(await page.getByTestId('timeline').getAttribute('data-step'));
const position = async (page: Page) => Number(await page.getByTestId('timeline').inputValue());
/** Serious and critical WCAG 2.1 AA violations in the timeline and the chart (the whole page is scanned in access.spec.ts). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.emulateMedia({ colorScheme: 'light' });
  const { violations } = await new AxeBuilder({ page })
    .include('.timeline')
    .include('.training-chart')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}
const lastPosition = async (page: Page) => Number(await page.getByTestId('timeline').getAttribute('max'));

test('the timeline shows a past step while training goes on, replays, steps by key, goes live; Reset leaves the previous run', async ({
  page,
}) => {
  test.setTimeout(240_000); // one page for the whole story: the start-up (data, backend timing) is paid once
  const problems = watchPage(page);
  await page.goto(`./#/playground?${TRAINING}&trace=0,0,5,5`);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toBeVisible({ timeout: 90_000 });
  await expect(timeline).toHaveAccessibleName('Training timeline');
  await startTraining(page);
  await waitForSteps(page, 30);
  await expect.poll(() => lastPosition(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
  // The memory the kept snapshots hold, for the user and for the benchmark.
  const memory = page.getByTestId('timeline-memory');
  await expect(memory).toHaveText(/^\d+ snapshots kept, \d+(\.\d)? (MB|kB)$/);
  expect(Number(await memory.getAttribute('data-bytes'))).toBeGreaterThan(10_000);

  // Back to the first kept snapshot, taken before the first step, while training continues.
  await timeline.fill('0');
  await expect(timeline).toHaveAttribute('data-live', 'false');
  const early = await shownStep(page);
  expect(early).toBe(0);
  await expect(page.getByTestId('timeline-status')).toContainText('Step 0, live at ');
  await expect(page.getByTestId('stat-state')).toHaveText('training');
  const kernel = page.getByTestId('trace-kernel-0');
  const earlyKernel = await gridValues(kernel);
  // The chart marks the step shown.
  await expect(page.getByTestId('chart-cursor').first()).toHaveAttribute('data-step', '0');
  expect(await seriousViolations(page)).toEqual([]);
  // Training goes on underneath, and the past step stays shown.
  const stepsBefore = await page.getByTestId('stat-step').getAttribute('data-value');
  await expect(page.getByTestId('stat-step')).not.toHaveAttribute('data-value', stepsBefore ?? '');
  expect(await shownStep(page)).toBe(0);
  expect(await gridValues(kernel)).toEqual(earlyKernel);

  // Live again: the latest step, whose kernel has learned.
  await page.getByRole('button', { name: 'Live' }).click();
  await expect(timeline).toHaveAttribute('data-live', 'true');
  expect(await shownStep(page)).toBeGreaterThan(early);
  expect(await gridValues(kernel)).not.toEqual(earlyKernel);
  await expect(page.getByTestId('chart-cursor')).toHaveCount(0);

  // Replay steps through the kept snapshots from the first.
  const replay = page.getByRole('button', { name: 'Replay' });
  await replay.click();
  await expect(replay).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => position(page)).toBeGreaterThanOrEqual(2);
  const replayed = await shownStep(page);
  await expect.poll(() => shownStep(page)).toBeGreaterThan(replayed);

  // The page's keys step the timeline one kept snapshot at a time, pausing the replay. (Steps, not
  // positions, are compared: thinning the history renumbers the positions while training goes on.)
  await page.getByRole('heading', { name: 'Playground' }).click();
  await page.keyboard.press('[');
  await expect(replay).toHaveAttribute('aria-pressed', 'false');
  const paused = await shownStep(page);
  await page.keyboard.press('[');
  await expect.poll(() => shownStep(page)).toBeLessThan(paused);
  const back = await shownStep(page);
  await page.keyboard.press(']');
  await expect.poll(() => shownStep(page)).toBeGreaterThan(back);

  // Reset: the curves stay on the chart as the previous run until cleared.
  await expect(page.getByTestId('chart-previous-loss')).toHaveCount(0);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('stat-state')).toHaveText('idle');

  const previous = page.getByTestId('chart-previous-loss');
  await expect(previous).toHaveCount(1);
  expect((await previous.getAttribute('d'))?.length).toBeGreaterThan(20);
  await expect(page.getByTestId('chart-previous-accuracy')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  await expect(page.getByTestId('chart-loss')).toHaveAccessibleName(/The previous run, dotted, ended at step \d+/);
  // The reset started a new timeline: only the untrained network, shown live.
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-step', '0');
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-live', 'true');

  await page.getByRole('button', { name: 'Clear previous run' }).click();
  await expect(previous).toHaveCount(0);
  await expect(page.getByTestId('chart-previous-accuracy')).toHaveCount(0);
  expect(problems).toEqual([]);
});
