import { expect, test } from '@playwright/test';
import { drawStroke, startTraining, statValue, waitForSteps, watchPage } from './fixtures';

/** Small, fast settings on the WebGL backend (software WebGL here, so few and small batches). */
const WEBGL = 'backend=webgl&weights=random&trainSize=512&batch=32&lr=0.01&lrDecay=1&epochs=20&snapshotMs=0';

test('a lost WebGL context stops training within seconds with a message, keeps the weights and resumes on another backend', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page);
  await page.goto(`./?tfjsflags=CONVSCOPE_LOSE_WEBGL_CONTEXT_AT_STEP:14#/playground?${WEBGL}`);
  await expect(page.getByTestId('backend-name')).toHaveText('webgl', { timeout: 90_000 });
  await startTraining(page);
  await waitForSteps(page, 10, 120_000);
  const lost = page.getByTestId('backend-lost');
  // The watchdog would take 30 s; the context-lost event is acted on at once.
  await expect(lost).toBeVisible({ timeout: 10_000 });
  await expect(lost).toContainText("The GPU's WebGL context was lost during step 15");
  await expect(lost).toContainText(
    'Training stopped at step 14 and moved to the wasm backend with the weights from step',
  );
  await expect(page.getByTestId('backend-name')).toHaveText('wasm');
  await expect(page.getByTestId('stat-state')).toHaveText('paused');
  const kept = await statValue(page, 'step');
  expect(kept).toBeGreaterThan(0);
  const firstLoss = await statValue(page, 'first-loss');

  await page.getByRole('button', { name: 'Resume' }).click();
  await waitForSteps(page, kept + 3);
  // Trained weights, not fresh random ones: the loss goes on from where it was, well below the first batch's.
  const loss = await statValue(page, 'loss');
  expect(Number.isFinite(loss)).toBe(true);
  expect(loss).toBeLessThan(firstLoss - 0.5);
  await expect(page.getByTestId('training-error')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('WebGL 1 only: the backend says so and trains with a finite loss', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchPage(page);
  await page.goto(`./?tfjsflags=WEBGL_VERSION:1#/playground?${WEBGL}`);
  await expect(page.getByTestId('backend-status')).toContainText('WebGL 1', { timeout: 90_000 });
  await startTraining(page);
  await waitForSteps(page, 6, 150_000);
  expect(Number.isFinite(await statValue(page, 'loss'))).toBe(true);
  await expect(page.getByTestId('training-error')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a GPU whose textures stop at 4096 px still evaluates all 10,000 test digits and recognises a drawing', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const problems = watchPage(page);
  await page.goto(
    `./?tfjsflags=WEBGL_MAX_TEXTURE_SIZE:4096#/playground?${WEBGL.replace('trainSize=512', 'trainSize=256').replace('epochs=20', 'epochs=1')}`,
  );
  await expect(page.getByTestId('backend-name')).toHaveText('webgl', { timeout: 90_000 });
  await expect(page.getByTestId('backend-status')).toContainText('Test flags: WEBGL_MAX_TEXTURE_SIZE=4096');
  await startTraining(page);
  await expect(page.getByTestId('stat-state')).toHaveText('done', { timeout: 200_000 });
  const accuracy = await statValue(page, 'test-accuracy');
  expect(accuracy).toBeGreaterThan(0.3);
  await expect(page.getByTestId('training-error')).toHaveCount(0);
  await drawStroke(page);
  await expect(page.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', /^[0-9]$/);
  expect(problems).toEqual([]);
});

test('a download that fails is tried again; one that keeps failing says what to do, and Try again loads it', async ({
  page,
}) => {
  const problems = watchPage(page);
  let failures = 1;
  await page
    .context()
    .route('**/data/mnist/train-labels-*', (route) =>
      failures-- > 0 ? route.abort('connectionreset') : route.continue(),
    );
  await page.goto(`./#/playground?backend=wasm&weights=random&snapshotMs=0`);
  await startTraining(page);
  await expect(page.getByTestId('data-retrying')).toContainText(
    'Trying train-labels-idx1-ubyte.gz again (attempt 2 of 3)',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('data-status')).toContainText('MNIST ready: 60,000 training', { timeout: 60_000 });

  failures = Infinity;
  await page.reload();
  await startTraining(page);
  const error = page.getByTestId('training-error');
  await expect(error).toContainText('train-labels-idx1-ubyte.gz', { timeout: 30_000 });
  await expect(error).toContainText('Tried 3 times: check the connection, then try again.');
  failures = 0;
  await error.getByRole('button', { name: 'Try again' }).click();
  await startTraining(page);
  await expect(page.getByTestId('data-status')).toContainText('MNIST ready', { timeout: 60_000 });
  await waitForSteps(page, 2);
  // The refused requests show up as console errors; nothing else may.
  expect(problems.filter((p) => !p.includes('net::ERR_CONNECTION_RESET'))).toEqual([]);
});

test('a slow download shows how far it has got', async ({ page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.context().route('**/data/mnist/train-images-*', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./#/playground?backend=wasm&weights=random&snapshotMs=0');
  const status = page.getByTestId('data-status');
  await startTraining(page);
  // The labels arrive; the training images are still on their way (the test files come later).
  await expect(status).toContainText(/Downloading MNIST: \d\.\d MB of 9\.\d MB/, { timeout: 30_000 });
  const bar = status.locator('progress');
  const [value, max] = [Number(await bar.getAttribute('value')), Number(await bar.getAttribute('max'))];
  expect(value).toBeGreaterThan(0);
  expect(value).toBeLessThan(max);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  release();
  await expect(status).toContainText('MNIST ready', { timeout: 60_000 });
});

test('on a slow connection, training starts on the first images while the rest download, and says so', async ({
  page,
}) => {
  await page.goto('./#/playground?backend=wasm&weights=random&snapshotMs=0');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // 2 MB/s: the 9.6 MB of training images take about 5 s, their first 4,096 a third of a second.
  const throttle = (bytesPerSecond: number) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  await throttle(2_000_000);
  await startTraining(page);
  const partial = page.getByTestId('data-partial');
  await expect(partial).toContainText(/Training on the [\d,]+ training images that have arrived so far/, {
    timeout: 30_000,
  });
  const images = Number(await partial.getAttribute('data-images'));
  expect(images).toBeGreaterThanOrEqual(4_096);
  expect(images).toBeLessThan(60_000);
  expect(await statValue(page, 'step')).toBeGreaterThan(0);
  await throttle(-1);
  await expect(page.getByTestId('data-status')).toContainText('MNIST ready: 60,000 training images', {
    timeout: 60_000,
  });
  await expect(partial).toHaveCount(0);
});
