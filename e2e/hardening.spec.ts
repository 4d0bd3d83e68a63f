import { expect, test, type Page } from '@playwright/test';
import {
  drawStroke,
  expectStaysTheSame,
  openPlayground,
  openRoute,
  ROUTES,
  startTraining,
  statValue,
  waitForSteps,
  watchPage,
} from './fixtures';

const LONG = 'x'.repeat(100_000);
const TOO_MANY_LAYERS = `conv8k5s1valid-relu_${'dropout0.1_'.repeat(30)}flatten_dense10-softmax`;

/** Hostile addresses, the notice each must show, and an element that proves the page still works. */
const BAD_URLS: [string, string, string][] = [
  ['#/learn/convolution?stride=0', 'stride=0 must be a whole number from 1 to 4', 'conv-output'],
  ['#/learn/convolution?size=1e309&kernel=-1', 'size=1e309 must be a whole number', 'conv-output'],
  ['#/learn/convolution?size=%E0%A4%A', 'size=\uFFFD%A must be a whole number', 'conv-output'],
  ['#/learn/convolution?size=7&size=5', 'size appears 2 times in the address; using the first (7)', 'conv-output'],
  [`#/learn/convolution?preset=${LONG}`, `preset=${'x'.repeat(40)}… (100,000 characters) is not one of`, 'conv-output'],
  ['#/learn/convolution?__proto__=1&constructor=x&pad=NaN', 'pad=NaN is not one of', 'conv-output'],
  ['#/learn/pooling?window=NaN', 'window=NaN must be a whole number', 'pool-output'],
  ['#/learn/channels?filters=-1', 'filters=-1 must be a whole number from 1 to 16', 'ch-output'],
  ['#/learn/activation?fn=__proto__', 'fn=__proto__ is not one of', 'chapter'],
  ['#/playground?backend=wasm&lr=1e6&batch=0', 'lr=1e6 must be a number from 0.000001 to 10', 'network-view'],
  [
    `#/playground?backend=wasm&arch=${TOO_MANY_LAYERS}`,
    'arch: the architecture has 33 layers; at most 20 are allowed',
    'network-view',
  ],
  ['#/embed/architecture?arch=constructor', 'arch=constructor is not one of', 'architecture-diagram'],
];

for (const [hash, notice, works] of BAD_URLS) {
  test(`a bad address falls back with a notice: ${hash.slice(0, 70)}`, async ({ page }) => {
    const problems = watchPage(page);
    await page.goto(`./${hash}`);
    await expect(page.getByTestId('param-notices')).toContainText(notice);
    await expect(page.getByTestId(works).first()).toBeVisible({ timeout: 90_000 });
    expect(problems).toEqual([]);
  });
}

test('tfjsflags leaves the address before TensorFlow.js loads, and reaches the engine only in a test run', async ({
  page,
}) => {
  await page.goto('./?tfjsflags=WEBGL_FORCE_F16_TEXTURES:true#/playground?backend=webgl&weights=random&snapshotMs=0');
  expect(page.url()).not.toContain('tfjsflags');
  await expect(page.getByTestId('backend-status')).toContainText('Test flags: WEBGL_FORCE_F16_TEXTURES=true', {
    timeout: 90_000,
  });
});

test('WebGL with forced half-float textures says so and trains with a finite loss', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchPage(page);
  await page.goto(
    './?tfjsflags=WEBGL_FORCE_F16_TEXTURES:true#/playground?backend=webgl&weights=random&trainSize=256&batch=32&snapshotMs=0',
  );
  await expect(page.getByTestId('half-float')).toContainText('16-bit', { timeout: 90_000 });
  await startTraining(page);
  await waitForSteps(page, 8, 150_000);
  await expect(page.getByTestId('training-error')).toHaveCount(0);
  expect(Number.isFinite(await statValue(page, 'loss'))).toBe(true);
  expect(problems).toEqual([]);
});

/** Waits until the fonts are in and the page's size has held for three animation frames (two seconds' worth at most). */
async function layoutSettled(page: Page) {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const size = () => `${document.documentElement.scrollWidth}×${document.documentElement.scrollHeight}`;
    let last = size();
    for (let held = 0, frames = 0; held < 3 && frames < 120; frames++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      held = size() === last ? held + 1 : 0;
      last = size();
    }
  });
}

test('on a 320 px phone the playground fits the screen, and a finger can draw a digit', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const problems = watchPage(page);
  await openPlayground(page, 'backend=wasm');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const pad = page.getByTestId('draw-pad-canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const cdp = await context.newCDPSession(page);
  const at = (fx: number, fy: number) => [{ x: box.x + box.width * fx, y: box.y + box.height * fy }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.5, 0.2) });
  for (let i = 1; i <= 12; i++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.5, 0.2 + (0.6 * i) / 12) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect(page.getByTestId('network-view')).toContainText('Your drawing');
  await expect(page.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', '1');
  // Every other page fits too: wide widgets scroll inside themselves.
  for (const [hash, ready] of ROUTES) {
    await openRoute(page, hash, ready);
    await layoutSettled(page);
    const wider = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(wider, `${hash} is wider than the screen`).toBeLessThanOrEqual(0);
  }
  expect(problems).toEqual([]);
  await context.close();
});

test('Train pressed twice trains once; leaving mid-training and coming back starts clean, with the tensor count it started with', async ({
  page,
}) => {
  const problems = watchPage(page);
  await openPlayground(page, 'backend=wasm&weights=random&trainSize=512&batch=32&snapshotMs=200');
  await expect(page.getByTestId('stat-tensors')).not.toHaveText('—');
  const startTensors = await statValue(page, 'tensors');
  const train = page.getByRole('button', { name: 'Train', exact: true });
  // Two presses in a row, before the page has even heard back from the engine: one training run.
  await train.evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await waitForSteps(page, 5);
  await expect(page.getByTestId('stat-state')).toHaveText('training');
  await page.goto('./#/learn');
  await page.goBack();
  await expect(page.getByTestId('stat-state')).toHaveText('idle', { timeout: 90_000 });
  expect(await statValue(page, 'step')).toBe(0);
  expect(await statValue(page, 'tensors')).toBe(startTensors);
  await drawStroke(page);
  await expect(page.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', /^\d$/);
  expect(problems).toEqual([]);
});

test('a learning rate far too high stops training with advice; Reset trains again with the tensor count it started with', async ({
  page,
}) => {
  const problems = watchPage(page);
  await openPlayground(page, 'backend=wasm&weights=random&optimizer=sgd&lr=10&trainSize=512&batch=32&snapshotMs=200');
  const startTensors = await statValue(page, 'tensors');
  await startTraining(page);
  const error = page.getByTestId('training-error');
  await expect(error).toContainText(
    'so the weights blew up. The learning rate (10) is probably too high for sgd: press Reset and try 1.',
  );
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('stat-state')).toHaveText('idle');
  await expect(error).toHaveCount(0);
  expect(await statValue(page, 'tensors')).toBe(startTensors);
  expect(problems).toEqual([]);
});

test('a hidden tab keeps training without piling up redraws; shown again, the page catches up', async ({ page }) => {
  const problems = watchPage(page);
  await openPlayground(page, 'backend=wasm&weights=random&trainSize=512&batch=32&epochs=50&snapshotMs=200');
  await startTraining(page);
  await waitForSteps(page, 3);
  // Headless Chromium never hides a tab, so do what the browser does to a hidden one: report it
  // hidden and hold every animation frame until it is shown again.
  await page.evaluate(() => {
    const real = window.requestAnimationFrame.bind(window);
    const held: FrameRequestCallback[] = [];
    const setHidden = (hidden: boolean) => {
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => (hidden ? 'hidden' : 'visible'),
      });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    window.requestAnimationFrame = (callback) => held.push(callback);
    setHidden(true);
    (window as unknown as { showTab: () => number }).showTab = () => {
      window.requestAnimationFrame = real;
      setHidden(false);
      held.forEach((callback) => real(callback));
      return held.length;
    };
  });
  // Nothing is drawn while hidden.
  const hiddenAt = await expectStaysTheSame(
    () => statValue(page, 'step'),
    { forMs: 3_000 },
    'the step shown while hidden',
  );
  const heldFrames = await page.evaluate(() => (window as unknown as { showTab: () => number }).showTab());
  expect(heldFrames).toBeLessThanOrEqual(2); // one pending redraw, not one per event
  // The worker trained on while the page could not draw: the count jumps past where it stopped.
  await waitForSteps(page, hiddenAt + 10, 10_000);
  await expect(page.getByTestId('stat-state')).toHaveText('training');
  expect(problems).toEqual([]);
});
