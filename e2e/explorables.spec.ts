import { expect, test, type Page } from '@playwright/test';
import {
  crossCorrelate,
  expectStaysTheSame,
  expectStridedSteps,
  gridValues,
  marked,
  openChapterPaused,
  watchPage,
} from './fixtures';

/** Opens the convolution explorable with motion reduced (so it starts paused) and waits for its input grid. */
const openPaused = (page: Page, query: string) => openChapterPaused(page, 'convolution', query, 'conv-input');

test('stride 2 and padding 1 on a 5×5 input with a 3×3 kernel give a 3×3 output of the computed values', async ({
  page,
}) => {
  const problems = watchPage(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await openPaused(page, 'size=5&kernel=3&stride=2&pad=1&dilation=1');
  const input = page.getByTestId('conv-input');
  const padded = await gridValues(input);
  expect(padded).toHaveLength(7);
  expect(await input.locator('[data-padded="true"]').count()).toBe(7 * 7 - 5 * 5);
  const kernel = await gridValues(page.getByTestId('conv-kernel'));
  expect(kernel).toEqual([
    [-1, 0, 1],
    [-1, 0, 1],
    [-1, 0, 1],
  ]);
  const output = await gridValues(page.getByTestId('conv-output'));
  expect(output).toEqual(crossCorrelate(padded, kernel, 2));
  expect(output.flat().some((v) => v !== 0)).toBe(true);
  await expect(page.getByTestId('conv-formula')).toContainText('⌊(5 + 2·1 − 1·(3−1) − 1)/2⌋ + 1 = 3');
  // The explorables need no tfjs: no backend code, worker or wasm is fetched.
  expect(requests.filter((url) => /backends-|trainer\.worker|\.wasm/.test(url))).toEqual([]);
  expect(problems).toEqual([]);
});

test('stepping moves the highlighted window by one stride and writes one more output cell', async ({ page }) => {
  await openPaused(page, 'stride=2&pad=1');
  expect(await marked(page.getByTestId('conv-input'), 'data-highlight')).toHaveLength(9);
  await expectStridedSteps(page, 'conv');
});

test('an impossible configuration explains itself instead of breaking', async ({ page }) => {
  await openPaused(page, 'size=3&kernel=5&preset=identity');
  await expect(page.getByTestId('conv-impossible')).toContainText('The 5×5 kernel is larger than the 3×3 input');
  await expect(page.getByTestId('conv-formula')).toContainText('= −1');
  await page.getByLabel('Padding').selectOption('same');
  await expect(page.getByTestId('conv-impossible')).toHaveCount(0);
  expect(await gridValues(page.getByTestId('conv-output'))).toHaveLength(3);
  expect(page.url()).toContain('pad=same');
});

test('out-of-range settings in the address fall back to defaults with a notice', async ({ page }) => {
  await openPaused(page, 'stride=9&pad=7&kernel=3');
  await expect(page.getByTestId('param-notices')).toContainText(
    'stride=9 must be a whole number from 1 to 4; using 1.',
  );
  await expect(page.getByTestId('param-notices')).toContainText(
    'pad=7 is not one of valid, same, full, 0, 1, 2, 3; using valid.',
  );
  expect(await gridValues(page.getByTestId('conv-output'))).toHaveLength(3);
});

test('the stepper works from the keyboard alone', async ({ page }) => {
  await openPaused(page, '');
  const output = page.getByTestId('conv-output');
  const hidden = () => output.locator('[data-hidden="true"]').count();
  expect(await hidden()).toBe(9);
  await page.getByRole('button', { name: 'Step forward' }).focus();
  await page.keyboard.press('Enter');
  expect(await hidden()).toBe(8);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await hidden()).toBe(6);
  await page.keyboard.press('ArrowLeft');
  expect(await hidden()).toBe(7);
  await page.keyboard.press('End');
  expect(await hidden()).toBe(0);
  await page.keyboard.press('Home');
  expect(await hidden()).toBe(9);
  // Settings are ordinary form controls: reachable and changeable by keyboard.
  await page.getByLabel('Stride').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Stride')).toHaveValue('2');
  expect(await gridValues(output)).toHaveLength(2);
});

test('reduced motion starts paused; otherwise the animation plays on its own', async ({ page }) => {
  await openPaused(page, '');
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
  const hidden = () => page.getByTestId('conv-output').locator('[data-hidden="true"]').count();
  expect(await expectStaysTheSame(hidden, { forMs: 1500 }, 'hidden output cells while paused')).toBe(9);

  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(hidden).toBeLessThan(9);
});

test('editing a kernel weight or an input cell recomputes the output and goes into the link', async ({ page }) => {
  await openPaused(page, 'stride=1&pad=valid');
  await page.getByLabel('Kernel row 2, column 2').fill('5');
  const kernel = await gridValues(page.getByTestId('conv-kernel'));
  expect(kernel).toEqual([
    [-1, 0, 1],
    [-1, 5, 1],
    [-1, 0, 1],
  ]);
  await expect(page.getByRole('combobox', { name: /^Kernel preset/ })).toHaveValue('custom');
  const input = page.getByTestId('conv-input');
  expect(await gridValues(page.getByTestId('conv-output'))).toEqual(crossCorrelate(await gridValues(input), kernel, 1));
  expect(page.url()).toContain('preset=custom');
  expect(page.url()).toContain('weights=-1%2C0%2C1%2C-1%2C5%2C1%2C-1%2C0%2C1');

  // A click raises an input cell by one; the output follows.
  const before = (await gridValues(input))[2]![3]!;
  await input.locator('[data-row="2"][data-col="3"]').click();
  expect((await gridValues(input))[2]![3]).toBe(before >= 9 ? 0 : before + 1);
  expect(await gridValues(page.getByTestId('conv-output'))).toEqual(crossCorrelate(await gridValues(input), kernel, 1));
  expect(page.url()).toContain('cells=');

  // The edited state survives a reload from the link.
  const edited = await gridValues(page.getByTestId('conv-output'));
  await page.reload();
  await expect.poll(() => gridValues(page.getByTestId('conv-output'))).toEqual(edited);
});

test('a real MNIST test digit can be the input: 28×28 pixels in, 26×26 computed values out', async ({ page }) => {
  await openPaused(page, 'input=digit&digit=0&preset=sobelX');
  const input = page.getByTestId('conv-input');
  await expect(input).toContainText('MNIST test digit #0');
  const pixels = await gridValues(input);
  expect(pixels).toHaveLength(28);
  expect(pixels.flat().every((v) => v >= 0 && v <= 1)).toBe(true);
  expect(pixels.flat().filter((v) => v > 0.5).length).toBeGreaterThan(50);
  const kernel = await gridValues(page.getByTestId('conv-kernel'));
  const output = await gridValues(page.getByTestId('conv-output'));
  const expected = crossCorrelate(pixels, kernel, 1);
  expect(output).toHaveLength(26);
  output.flat().forEach((value, i) => expect(value).toBeCloseTo(expected.flat()[i]!, 9));
});

test('the dilation note gives the kernel’s span d·(k − 1) + 1 with the current numbers', async ({ page }) => {
  await openPaused(page, 'size=7&kernel=3&dilation=1');
  const note = page.getByTestId('conv-dilation-note');
  await expect(note).toContainText('1·(3 − 1) + 1 = 3: with dilation 1 the span is just the kernel size.');
  await page.getByLabel('Dilation').selectOption('2');
  await expect(note).toContainText('2·(3 − 1) + 1 = 5 cells, with 1 skipped cell between neighbouring taps.');
  await expect(page.getByTestId('conv-formula')).toContainText('⌊(7 + 2·0 − 2·(3−1) − 1)/1⌋ + 1 = 3');
});

test('"same" padding keeps the size at stride 1 and shows where TensorFlow puts an odd zero', async ({ page }) => {
  await openPaused(page, 'pad=same');
  expect(await gridValues(page.getByTestId('conv-output'))).toHaveLength(5);
  await expect(page.getByTestId('conv-same-note')).toContainText("at stride 1 it keeps the input's 5×5 size");
  await expect(page.getByTestId('conv-same-note')).toContainText('split evenly: 1 on every side');
  await page.getByLabel('Kernel size').selectOption('2');
  await expect(page.getByTestId('conv-same-note')).toContainText('0 above and 1 below, 0 left and 1 right');
  expect(await page.getByTestId('conv-input').locator('[data-padded="true"]').count()).toBe(6 * 6 - 5 * 5);
  expect(await gridValues(page.getByTestId('conv-output'))).toHaveLength(5);
});
