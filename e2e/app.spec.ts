import { expect, test } from '@playwright/test';
import { watchPage } from './fixtures';

test('the home page loads with no console errors and no request to another host', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('See a convolutional network learn');
  await page.getByRole('link', { name: 'Learn', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Learn' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Pooling' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('an unknown page says so and links back', async ({ page }) => {
  await page.goto('./#/no/such/page');
  await expect(page.getByRole('alert')).toContainText('There is no page at /no/such/page');
  await page.getByRole('alert').getByRole('link', { name: 'playground' }).click();
  await expect(page.getByRole('heading', { name: 'Playground' })).toBeVisible();
});

test('the playground downloads all of MNIST, picks a backend by timing and shows it in the header', async ({
  page,
}) => {
  const problems = watchPage(page);
  await page.goto('./#/playground');
  await expect(page.getByTestId('data-status')).toHaveText(/MNIST ready: 60,000 training and 10,000 test images/, {
    timeout: 60_000,
  });
  const reason = page.getByTestId('backend-status');
  // wasm is timed; once it has started, the CPU backends (cpu, a WebGL drawn in software as here) are not.
  await expect(reason).toContainText(
    /trained fastest in a start-up test \(wasm: [\d,.]+ examples\/s, webgl: ([\d,.]+ examples\/s|not timed, as it draws in software on the CPU, where wasm is faster|no step within [\d.]+ s), cpu: not timed, as wasm computes faster on the same CPU\)/,
    { timeout: 90_000 },
  );
  const chosen = await page.getByTestId('backend-name').textContent();
  expect(['webgl', 'wasm', 'cpu']).toContain(chosen);
  await expect(reason).toContainText('in a background worker');
  await expect(page.getByTestId('backend-badge')).toContainText(`${chosen} · worker`);
  expect(problems).toEqual([]);
});

test('bad settings in the address fall back to defaults with a notice', async ({ page }) => {
  await page.goto('./#/playground?batch=0&optimizer=magic&backend=wasm');
  const notices = page.getByTestId('param-notices');
  await expect(notices).toContainText('batch=0 must be a whole number from 1 to 1024; using 64.');
  await expect(notices).toContainText('optimizer=magic is not one of sgd, momentum, adam, rmsprop; using adam.');
  await expect(page.getByText('Batch 64, adam at learning rate 0.004 (×0.55 per epoch')).toBeVisible();
});

test('missing data files get a message that says what is wrong and what to check', async ({ page }) => {
  await page.route('**/data/mnist/manifest.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto('./#/playground?backend=wasm');
  await expect(page.getByTestId('training-error')).toContainText(
    /MNIST data not found at .*manifest\.json \(HTTP 404\)\. Check that every file/,
  );
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
});
