import { expect, test, type Page } from '@playwright/test';
import { expectStridedSteps, gridValues, marked, openChapterPaused, watchPage } from './fixtures';

/** The input values of each window, row-major, as the page should pool them. */
function windows(input: number[][], size: number, stride: number): number[][][] {
  const rows = Math.floor((input.length - size) / stride) + 1;
  const cols = Math.floor((input[0]!.length - size) / stride) + 1;
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const values: number[] = [];
      for (let i = 0; i < size; i++)
        for (let j = 0; j < size; j++) values.push(input[r * stride + i]![c * stride + j]!);
      return values;
    }),
  );
}

const maxPool = (input: number[][], size: number, stride: number) =>
  windows(input, size, stride).map((row) => row.map((w) => Math.max(...w)));
const avgPool = (input: number[][], size: number, stride: number) =>
  windows(input, size, stride).map((row) => row.map((w) => w.reduce((a, b) => a + b, 0) / w.length));

/** Opens the pooling explorable with motion reduced (so it starts paused) and waits for the element `testId`. */
const openPaused = (page: Page, query: string, testId = 'pool-input') =>
  openChapterPaused(page, 'pooling', query, testId);

test('max pooling 2/2 on a 6×6 grid gives the maximum of every window, with the winner marked', async ({ page }) => {
  const problems = watchPage(page);
  await openPaused(page, 'size=6&pool=max&window=2&stride=2');
  await expect(page.getByRole('heading', { level: 1, name: 'Pooling' })).toBeVisible();
  const input = await gridValues(page.getByTestId('pool-input'));
  expect(input).toHaveLength(6);
  const output = await gridValues(page.getByTestId('pool-output'));
  expect(output).toHaveLength(3);
  expect(output.every((row) => row.length === 3)).toBe(true);
  expect(output).toEqual(maxPool(input, 2, 2));

  // Paused on the first window: the four cells at the top left, and the first of their maxima as accent.
  const highlighted = await marked(page.getByTestId('pool-input'), 'data-highlight');
  expect(highlighted).toHaveLength(4);
  const window = [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ].map(([row, col]) => ({ row: row!, col: col! }));
  expect(highlighted).toEqual(expect.arrayContaining(window));
  const best = window.reduce((a, b) => (input[b.row]![b.col]! > input[a.row]![a.col]! ? b : a));
  expect(await marked(page.getByTestId('pool-input'), 'data-accent')).toEqual([best]);
  const values = window.map(({ row, col }) => input[row]![col]!);
  await expect(page.getByTestId('pool-calculation')).toContainText(
    `max(${values.join(', ')}) = ${Math.max(...values)}`,
  );
  await expect(page.getByTestId('pool-formula')).toContainText('⌊(6 − 2)/2⌋ + 1 = 3');
  expect(problems).toEqual([]);
});

test('average pooling gives the mean of every window and marks no maximum', async ({ page }) => {
  await openPaused(page, 'size=6&pool=avg&window=2&stride=2&seed=7');
  const input = await gridValues(page.getByTestId('pool-input'));
  const output = await gridValues(page.getByTestId('pool-output'));
  const expected = avgPool(input, 2, 2);
  expect(output).toHaveLength(3);
  output.forEach((row, r) => row.forEach((value, c) => expect(value).toBeCloseTo(expected[r]![c]!, 10)));
  expect(await marked(page.getByTestId('pool-input'), 'data-accent')).toEqual([]);
  await expect(page.getByTestId('pool-calculation')).toContainText('average(');
  // Switching to window 3, stride 3 from the form: a 2×2 output.
  await page.getByLabel('Window size').selectOption('3');
  await page.getByLabel('Stride').selectOption('3');
  const output3 = await gridValues(page.getByTestId('pool-output'));
  expect(output3).toHaveLength(2);
  const expected3 = avgPool(input, 3, 3);
  output3.forEach((row, r) => row.forEach((value, c) => expect(value).toBeCloseTo(expected3[r]![c]!, 10)));
  expect(page.url()).toContain('window=3');
});

test('stepping moves the highlighted window by the stride and writes one more output cell', async ({ page }) => {
  await openPaused(page, 'size=6&window=2&stride=2');
  await expectStridedSteps(page, 'pool');

  // Stride 1 with window 3 on a 3×3 input: a single window, a 1×1 output.
  await page.getByLabel('Input size').selectOption('3');
  await page.getByLabel('Window size').selectOption('3');
  await page.getByLabel('Stride').selectOption('1');
  expect(await gridValues(page.getByTestId('pool-output'))).toHaveLength(1);
  await expect(page.getByTestId('pool-formula')).toContainText('⌊(3 − 3)/1⌋ + 1 = 1');
});

test('out-of-range settings in the address fall back to defaults with a notice', async ({ page }) => {
  await openPaused(page, 'stride=7&pool=median&window=3');
  const notices = page.getByTestId('param-notices');
  await expect(notices).toContainText('stride=7');
  await expect(notices).toContainText('pool=median');
  await expect(page.getByLabel('Stride')).toHaveValue('2');
  await expect(page.getByRole('combobox', { name: /^Pool\b/ })).toHaveValue('max');
  // 6×6 input, window 3, stride 2: ⌊3/2⌋ + 1 = 2.
  expect(await gridValues(page.getByTestId('pool-output'))).toHaveLength(2);
  await expect(page.getByTestId('pool-impossible')).toHaveCount(0);
});

test('10 feature maps of 32×32 pool to 10 maps of 16×16, computed without tfjs', async ({ page }) => {
  const problems = watchPage(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await openPaused(page, 'source=maps&pool=max&window=2&stride=2', 'pool-map-input-0');
  await expect(page.getByRole('heading', { name: '10 feature maps, 32×32×10 → 16×16×10' })).toBeVisible();
  await expect(page.locator('[data-testid^="pool-map-input-"]')).toHaveCount(10);
  await expect(page.locator('[data-testid^="pool-map-output-"]')).toHaveCount(10);
  for (let i = 0; i < 10; i++) {
    await expect(page.getByTestId(`pool-map-input-${i}`)).toHaveAttribute('data-rows', '32');
    await expect(page.getByTestId(`pool-map-input-${i}`)).toHaveAttribute('data-cols', '32');
    await expect(page.getByTestId(`pool-map-output-${i}`)).toHaveAttribute('data-rows', '16');
    await expect(page.getByTestId(`pool-map-output-${i}`)).toHaveAttribute('data-cols', '16');
  }
  for (const i of [0, 4]) {
    const input = await gridValues(page.getByTestId(`pool-map-input-${i}`));
    const output = await gridValues(page.getByTestId(`pool-map-output-${i}`));
    expect(input.flat().every((v) => v >= 0)).toBe(true);
    expect(input.flat().some((v) => v > 0)).toBe(true);
    expect(output).toEqual(maxPool(input, 2, 2));
  }
  // Average pooling of the same maps.
  await page.getByRole('combobox', { name: /^Pool\b/ }).selectOption('avg');
  const input = await gridValues(page.getByTestId('pool-map-input-2'));
  const output = await gridValues(page.getByTestId('pool-map-output-2'));
  const expected = avgPool(input, 2, 2);
  output.forEach((row, r) => row.forEach((value, c) => expect(value).toBeCloseTo(expected[r]![c]!, 10)));
  await expect(page.getByRole('button', { name: 'Step forward' })).toHaveCount(0);
  expect(requests.filter((url) => /backends-|trainer\.worker|\.wasm/.test(url))).toEqual([]);
  expect(problems).toEqual([]);
});
