import { expect, test, type Page } from '@playwright/test';
import { gridValues, watchPage } from './fixtures';

/** The four activations, written out here independently of the page's code. */
const EXPECTED: Record<string, (x: number) => number> = {
  relu: (x) => Math.max(0, x),
  leakyRelu: (x) => (x > 0 ? x : 0.2 * x),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  tanh: (x) => Math.tanh(x),
};

async function open(page: Page, query: string) {
  await page.goto(`./#/learn/activation?${query}`);
  await expect(page.getByTestId('act-after')).toBeVisible();
}

/** The bars of a histogram: their counts and bin edges, from data attributes. */
async function bars(page: Page, testId: string) {
  return page
    .getByTestId(testId)
    .locator('rect[data-count]')
    .evaluateAll((nodes) =>
      nodes.map((n) => ({
        count: Number(n.getAttribute('data-count')),
        x0: Number(n.getAttribute('data-x0')),
        x1: Number(n.getAttribute('data-x1')),
      })),
    );
}

for (const [fn, expected] of Object.entries(EXPECTED)) {
  test(`every after-cell is ${fn} of its before-cell`, async ({ page }) => {
    const problems = watchPage(page);
    await open(page, `fn=${fn}&kernel=sobelX&bias=0.5`);
    const before = await gridValues(page.getByTestId('act-before'));
    const after = await gridValues(page.getByTestId('act-after'));
    expect(before).toHaveLength(5);
    expect(after).toHaveLength(5);
    expect(before.flat().some((v) => v < 0) && before.flat().some((v) => v > 0)).toBe(true);
    before.forEach((row, r) => {
      expect(after[r]).toHaveLength(row.length);
      row.forEach((value, c) => expect(Math.abs(after[r]![c]! - expected(value))).toBeLessThanOrEqual(1e-9));
    });
    expect(problems).toEqual([]);
  });
}

test('ReLU turns every negative cell of the 5×5 map into 0 and keeps the others', async ({ page }) => {
  const problems = watchPage(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await open(page, '');
  await expect(page.getByRole('heading', { level: 1, name: 'Activation functions' })).toBeVisible();
  await expect(page.getByTestId('act-formula')).toContainText('max(0, x)');
  const before = (await gridValues(page.getByTestId('act-before'))).flat();
  const after = (await gridValues(page.getByTestId('act-after'))).flat();
  const negatives = before.map((v, i) => ({ v, i })).filter(({ v }) => v < 0);
  expect(negatives.length).toBeGreaterThan(0);
  for (const { i } of negatives) expect(after[i]).toBe(0);
  before.forEach((v, i) => {
    if (v >= 0) expect(after[i]).toBe(v);
  });
  await expect(page.getByTestId('act-summary')).toContainText(`${negatives.length} of its 25 cells are negative`);
  // The explorables need no tfjs: no backend code, worker or wasm is fetched.
  expect(requests.filter((url) => /backends-|trainer\.worker|\.wasm/.test(url))).toEqual([]);
  expect(problems).toEqual([]);
});

test('leaky ReLU names its slope, 0.2, as a chosen constant with other libraries’ defaults', async ({ page }) => {
  await open(page, 'fn=leakyRelu&kernel=sobelX&bias=0.5');
  await expect(page.getByTestId('act-summary')).toContainText('leaky ReLU multiplies each of them by 0.2');
  await expect(page.getByTestId('act-leaky-note')).toContainText('0.2 here, as in tfjs');
  await expect(page.getByTestId('act-leaky-note')).toContainText('0.01');
  await expect(page.getByTestId('act-leaky-note')).toContainText('0.3');
  await page.getByLabel('Function').selectOption('relu');
  await expect(page.getByTestId('act-leaky-note')).toHaveCount(0);
});

test('the histogram counts add up to the number of cells, before and after, on both sources', async ({ page }) => {
  await open(page, 'fn=tanh');
  for (const id of ['act-hist-before', 'act-hist-after']) {
    const found = await bars(page, id);
    expect(found.length).toBeGreaterThan(1);
    expect(found.reduce((sum, b) => sum + b.count, 0)).toBe(25);
    // Bins tile the axis without gaps.
    found.slice(1).forEach((b, i) => expect(b.x0).toBe(found[i]!.x1));
  }
  // tanh keeps every value within (−1, 1).
  const after = await bars(page, 'act-hist-after');
  expect(after[0]!.x0).toBeGreaterThanOrEqual(-1);
  expect(after[after.length - 1]!.x1).toBeLessThanOrEqual(1);

  await page.getByRole('combobox', { name: 'Source', exact: true }).selectOption('image');
  await expect(page.getByTestId('act-before')).toHaveAttribute('data-rows', '32');
  expect(page.url()).toContain('source=image');
  for (const id of ['act-hist-before', 'act-hist-after']) {
    expect((await bars(page, id)).reduce((sum, b) => sum + b.count, 0)).toBe(32 * 32);
  }
  await expect(page.getByTestId('act-hist-after').getByRole('img')).toHaveAttribute(
    'aria-label',
    /histogram of 1024 values/,
  );
});

test('changing the function in the form updates the map, the formula and the address', async ({ page }) => {
  await open(page, '');
  await page.getByRole('combobox', { name: 'Function', exact: true }).selectOption('sigmoid');
  await expect(page.getByTestId('act-formula')).toContainText('Sigmoid');
  expect(page.url()).toContain('fn=sigmoid');
  const after = (await gridValues(page.getByTestId('act-after'))).flat();
  expect(after.every((v) => v > 0 && v < 1)).toBe(true);
  await expect(page.getByTestId('act-plot').getByRole('img')).toHaveAttribute('aria-label', /25 feature-map values/);
});

test('an unknown function in the address falls back to ReLU with a notice', async ({ page }) => {
  await open(page, 'fn=swish&bias=9');
  await expect(page.getByTestId('param-notices')).toContainText(
    'fn=swish is not one of relu, leakyRelu, sigmoid, tanh; using relu.',
  );
  await expect(page.getByTestId('param-notices')).toContainText('bias=9 must be a number from -5 to 5; using 0.');
  await expect(page.getByTestId('act-formula')).toContainText('max(0, x)');
  expect((await gridValues(page.getByTestId('act-after'))).flat().every((v) => v >= 0)).toBe(true);
});
