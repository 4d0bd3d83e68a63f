import { expect, test } from '@playwright/test';
import { SMALL_TRAINING, startTraining, waitForSteps, watchPage } from './fixtures';

test('the home page loads with no console errors and no request to another host', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('See a convolutional network read your handwriting');
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

test('the playground shows its network and times the backends without the training data; the first Train fetches it and trains', async ({
  page,
}) => {
  const problems = watchPage(page);
  const mnist: string[] = [];
  page.on('request', (request) => {
    if (/data\/mnist\/(train|t10k)-/.test(request.url())) mnist.push(request.url());
  });
  await page.goto(`./#/playground?${SMALL_TRAINING}`);
  const status = page.getByTestId('data-status');
  await expect(status).toHaveText(
    /Training first downloads MNIST's 60,000 training images \(9\.\d MB\), then its 10,000 test/,
    {
      timeout: 60_000,
    },
  );
  await expect(page.getByTestId('network-view')).toBeVisible();
  // The playground times the backends as soon as the network shows, before anyone trains, without MNIST.
  // wasm is timed; once it has started, the CPU backends (cpu, a WebGL drawn in software as here) are not.
  const reason = page.getByTestId('backend-status');
  await expect(reason).toContainText(
    /trained fastest in a start-up test \(wasm: [\d,.]+ examples\/s, webgl: ([\d,.]+ examples\/s|not timed, as it draws in software on the CPU, where wasm is faster|no step within [\d.]+ s), cpu: not timed, as wasm computes faster on the same CPU\)/,
    { timeout: 90_000 },
  );
  expect(mnist).toEqual([]);

  await startTraining(page);
  // The test images follow the training images, for the first evaluation.
  await expect(status).toHaveText(/MNIST ready: 60,000 training images .* and 10,000 test images/, { timeout: 60_000 });
  await waitForSteps(page, 2);
  expect(mnist.map((url) => url.split('/').pop()).sort()).toEqual([
    't10k-images-idx3-ubyte.gz',
    't10k-labels-idx1-ubyte.gz',
    'train-images-idx3-ubyte.gz',
    'train-labels-idx1-ubyte.gz',
  ]);
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
  await expect(page.getByText('Batch 64, adam at learning rate 0.01 (×0.3 per epoch')).toBeVisible();
});

test('missing data files get a message that says what is wrong and what to check', async ({ page }) => {
  await page.route('**/data/mnist/manifest.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto('./#/playground?backend=wasm');
  await startTraining(page);
  await expect(page.getByTestId('training-error')).toContainText(
    /MNIST data not found at .*manifest\.json \(HTTP 404\)\. Check that every file/,
  );
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
});
