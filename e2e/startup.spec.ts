import { expect, test } from '@playwright/test';
import { watchPage } from './fixtures';

/** The heavy network: three conv 256 3×3 'same' layers on 28×28 (3.2 M parameters, 5.6 GFLOP per training example). */
const HEAVY =
  'weights=random&arch=conv256k3s1same-relu_conv256k3s1same-relu_conv256k3s1same-relu_flatten_dense10-softmax';

test('a heavy network is ready to train within seconds, with its cost, an hours-per-epoch warning and why its backend was chosen', async ({
  page,
}) => {
  const problems = watchPage(page);
  const opened = Date.now();
  await page.goto(`./#/playground?${HEAVY}`);
  const status = page.getByTestId('backend-status');
  // It shows the network at once on the first backend that starts, and says the timing comes next.
  await expect(status).toContainText(
    /started first; the backends are timed on this network before it trains|start-up test/,
  );
  await expect(page.getByTestId('total-flops')).toHaveText('5.6 GFLOP');
  await expect(page.locator('details.architecture > summary')).toContainText(
    '3,189,770 parameters, 5.6 GFLOP per training example',
  );

  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 20_000 });
  const readyAfterMs = Date.now() - opened;
  console.log(`heavy network trainable ${(readyAfterMs / 1000).toFixed(1)} s after navigation`);
  expect(readyAfterMs).toBeLessThan(20_000);

  // The report says what was chosen and why: the 3 s test, on one example per step, with any time-out.
  await expect(page.getByTestId('backend-name')).toHaveText(/^(wasm|webgl|cpu)$/);
  await expect(status).toContainText(
    /(trained fastest in a start-up test|was the first to start: no backend finished)/,
  );
  await expect(status).toContainText(
    'timed on 1 example per step, as one training example of this network costs 5.6 GFLOP',
  );

  await expect(page.getByTestId('network-flops')).toContainText('Cost: 5.6 GFLOP per training example');
  await expect(page.getByTestId('speed-estimate')).toContainText(
    /Expected on (wasm|webgl|cpu): about [\d.,]+ examples\/s/,
  );
  await expect(page.getByTestId('speed-estimate')).toContainText('An estimate');
  await expect(page.getByTestId('epoch-warning')).toContainText(
    /^This network needs about [\d.]+ (hours|days) per epoch here \(about [\d.,]+ examples\/s on \w+\): to train it in minutes, use fewer filters/,
  );
  expect(problems).toEqual([]);
});

test("the architecture editor shows a network's FLOPs and expected speed, and updates them as it is edited", async ({
  page,
}) => {
  const problems = watchPage(page);
  await page.goto('./#/playground?weights=random');
  // The default network: 645,120 FLOPs forward, 3× that per training example.
  await expect(page.getByTestId('total-flops')).toHaveText('1.9 MFLOP');
  await expect(page.getByTestId('total-flops')).toHaveAttribute('data-value', '1935360');
  const estimate = page.getByTestId('speed-estimate');
  await expect(estimate).toContainText(/Expected on (wasm|webgl|cpu): about [\d.,]+ examples\/s/, { timeout: 90_000 });
  const before = Number(await estimate.getAttribute('data-value'));
  await expect(page.getByTestId('epoch-warning')).toHaveCount(0);

  // 16 filters in the first conv: 24·24·16·25 + 8·8·16·25·16 + 2,560 = 642,560 multiply-adds, twice the FLOPs.
  await page.getByLabel('Layer 1 filters').fill('16');
  await expect(page.getByTestId('total-flops')).toHaveAttribute('data-value', '3855360');
  await expect(page.getByTestId('total-flops')).toHaveText('3.9 MFLOP');
  await expect.poll(async () => Number(await estimate.getAttribute('data-value'))).toBeLessThan(before * 0.6);
  expect(problems).toEqual([]);
});
