import { expect, test } from '@playwright/test';
import {
  expectStaysTheSame,
  SMALL,
  SMALL_TRAINING,
  startTraining,
  statValue,
  waitForSteps,
  watchPage,
} from './fixtures';

for (const backend of ['wasm', 'cpu', 'webgl'] as const) {
  test(`training runs on the ${backend} backend when the URL asks for it, and says so`, async ({ page }) => {
    const problems = watchPage(page);
    await page.goto(`./#/playground?backend=${backend}&${SMALL_TRAINING}`);
    await startTraining(page);
    await waitForSteps(page, 3);
    await expect(page.getByTestId('backend-name')).toHaveText(backend);
    await expect(page.getByTestId('backend-status')).toContainText(
      `${backend} was chosen in the URL (?backend=${backend})`,
    );
    await expect(page.getByTestId('backend-badge')).toContainText(backend);
    expect(await statValue(page, 'loss')).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
}

test('training makes the loss fall and the count rise; pause holds it; reset returns it to zero', async ({ page }) => {
  // The page would open with the pretrained model; this link asks for random weights, to watch it learn.
  await page.goto(`./#/playground?backend=wasm&weights=random&${SMALL_TRAINING}`);
  await expect(page.getByTestId('model-origin')).toContainText('random, drawn from seed', { timeout: 90_000 });
  await startTraining(page);
  await waitForSteps(page, 60);
  const firstLoss = await statValue(page, 'first-loss');
  expect(firstLoss).toBeGreaterThan(1.5); // about ln(10) ≈ 2.3 before learning
  await expect.poll(() => statValue(page, 'loss')).toBeLessThan(firstLoss * 0.6);
  expect(await statValue(page, 'examples')).toBeGreaterThanOrEqual(60 * 32);
  await expect(page.getByTestId('network-view')).toContainText('Test digit #0, a 7');
  await expect(page.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', /^\d$/);

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('stat-state')).toHaveText('paused');
  const pausedAt = await expectStaysTheSame(
    () => statValue(page, 'examples'),
    { forMs: 1500 },
    'examples while paused',
  );

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => statValue(page, 'examples')).toBe(pausedAt + 32);

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('stat-state')).toHaveText('idle');
  expect(await statValue(page, 'examples')).toBe(0);
  expect(await statValue(page, 'step')).toBe(0);
  await expect(page.getByTestId('stat-loss')).toHaveText('—');
  await expect(page.getByTestId('stat-first-loss')).toHaveText('—');
});

test('each epoch ends with a test-set evaluation, and the tensor count stays the same from epoch to epoch', async ({
  page,
}) => {
  await page.goto('./#/playground?backend=wasm&trainSize=256&batch=64&epochs=3&snapshotMs=100');
  await startTraining(page);
  await expect(page.getByTestId('stat-state')).toHaveText('done', { timeout: 90_000 });
  await expect(page.getByTestId('stat-test-accuracy')).toContainText('after epoch 3');
  const accuracy = await statValue(page, 'test-accuracy');
  expect(accuracy).toBeGreaterThan(0.3);
  expect(accuracy).toBeLessThanOrEqual(1);
  expect(await statValue(page, 'step')).toBe(12);
  const rows = page.getByTestId('evaluations').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  const tensors = await page
    .getByTestId('eval-tensors')
    .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
  expect(tensors).toHaveLength(3);
  expect(tensors[0]).toBeGreaterThan(0);
  expect(new Set(tensors).size).toBe(1);
});

test('quick checks on a fifth of the test set run between epochs, the whole set at each end, after the training set', async ({
  page,
}) => {
  const downloads: string[] = [];
  page.on('request', (request) => {
    const split = request.url().match(/data\/mnist\/(train|t10k)-images/)?.[1];
    if (split) downloads.push(split);
  });
  await page.goto(
    './#/playground?backend=wasm&weights=random&trainSize=256&batch=64&epochs=2&evalEvery=2&snapshotMs=0',
  );
  await expect(page.getByTestId('stat-check-accuracy')).toHaveText('— until step 2');
  expect(downloads).toEqual([]);
  await startTraining(page);
  await expect(page.getByTestId('stat-state')).toHaveText('done', { timeout: 90_000 });
  const rows = page.getByTestId('evaluations').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const kinds = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.getAttribute('data-whole-set'), tr.querySelectorAll('td')[6]?.textContent]),
  );
  expect(kinds).toEqual([
    ['false', '2,000'],
    ['true', '10,000'],
    ['false', '2,000'],
    ['true', '10,000'],
  ]);
  await expect(page.getByTestId('stat-check-accuracy')).toContainText('at step 6');
  await expect(page.getByTestId('stat-test-accuracy')).toContainText('after epoch 2');
  // The training images first; the test images after them (the worker's, and the page's own copy for the gallery).
  expect(downloads[0]).toBe('train');
  expect(new Set(downloads.slice(1))).toEqual(new Set(['t10k']));
});

test('when the training worker cannot load, training falls back to the main thread and says why', async ({ page }) => {
  await page.route(/trainer\.worker[^/]*\.js$/, (route) => route.abort());
  await page.goto(`./#/playground?${SMALL}`);
  await expect(page.getByTestId('backend-status')).toContainText(
    'Training runs on the main thread, so the page may stutter while it trains. Why: The training worker stopped',
  );
  await expect(page.getByTestId('backend-status')).toContainText('on the main thread');
  await expect(page.getByTestId('backend-badge')).toContainText('wasm · main thread');
  await startTraining(page);
  await waitForSteps(page, 3);
  expect(await statValue(page, 'loss')).toBeGreaterThan(0);
});
