import { expect, test, type Page } from '@playwright/test';
import { CHAPTER_SLUGS, gridValues, pixelVariance, watchPage } from './fixtures';

/** The title each chapter must show, written out here rather than read from the course list. */
const TITLES: Record<string, string> = {
  'why-convolutions': 'Why convolutions',
  convolution: 'The convolution operation',
  parameters: 'Filter size, number of filters, stride and padding',
  padding: 'Padding that preserves size',
  channels: 'Convolution over several channels',
  activation: 'Activation functions',
  pooling: 'Pooling',
  training: 'Training by backpropagation and gradient descent',
  features: 'Conv layers extract features, dense layers classify',
  history: 'From LeNet-5 to ResNet',
};

async function openChapter(page: Page, slug: string) {
  await page.goto(`./#/learn/${slug}`);
  await expect(page.getByTestId('chapter')).toHaveAttribute('data-slug', slug);
}

for (const slug of CHAPTER_SLUGS) {
  test(`chapter "${slug}" renders its title, widgets and a question, with no console error`, async ({ page }) => {
    const title = TITLES[slug];
    expect(title, `the title chapter "${slug}" should show`).toBeDefined();
    const problems = watchPage(page);
    await openChapter(page, slug);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!);
    await expect(page.locator('.try-this').first()).toBeVisible();
    await expect(page.locator('article canvas, article [data-row], article svg').first()).toBeVisible({
      timeout: 60_000,
    });
    expect(problems).toEqual([]);
  });
}

test('previous and next links walk the chapters in course order', async ({ page }) => {
  await openChapter(page, 'convolution');
  await expect(page.getByText('Chapter 2 of 10')).toBeVisible();
  await page.getByRole('link', { name: /^3\. Filter size/ }).click();
  await expect(page.getByTestId('chapter')).toHaveAttribute('data-slug', 'parameters');
  await page.getByRole('link', { name: '← 2. The convolution operation' }).click();
  await expect(page.getByTestId('chapter')).toHaveAttribute('data-slug', 'convolution');
  await page.getByRole('link', { name: '← 1. Why convolutions' }).click();
  await expect(page.getByRole('link', { name: '← All chapters' })).toBeVisible();
});

test('the chapter list marks opened chapters, and remembers them after a reload', async ({ page }) => {
  await openChapter(page, 'padding');
  await openChapter(page, 'pooling');
  await page.goto('./#/learn');
  const list = page.getByTestId('chapter-list');
  await expect(list.locator('li[data-visited]')).toHaveCount(2);
  await page.reload();
  await expect(list.locator('li[data-visited]')).toHaveText([/Padding that preserves size/, /Pooling/]);
});

test('a question reveals its answer only after a prediction, and says whether it was right', async ({ page }) => {
  await openChapter(page, 'convolution');
  const question = page.getByTestId('try-convolution-output-size');
  const check = question.getByRole('button', { name: 'Check my prediction' });
  await expect(check).toBeDisabled();
  await question.getByLabel('4×4').check();
  await check.click();
  await expect(question.getByTestId('try-convolution-output-size-result')).toContainText(
    'Not quite: the answer is “3×3”',
  );
  await question.getByRole('button', { name: 'Try again' }).click();
  await question.getByLabel('3×3').check();
  await question.getByRole('button', { name: 'Check my prediction' }).click();
  await expect(question.getByTestId('try-convolution-output-size-result')).toContainText('Right.');
});

test('the site still works when storage throws', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const problems = watchPage(page);
  await openChapter(page, 'pooling');
  const question = page.getByTestId('try-pooling-maps');
  await question.getByLabel('10 maps of 16×16').check();
  await question.getByRole('button', { name: 'Check my prediction' }).click();
  await expect(question.getByText('Right.')).toBeVisible();
  await page.getByRole('link', { name: /^8\. Training/ }).click();
  await expect(page.locator('[data-testid="chapter"][data-slug="training"]')).toBeVisible();
  await page.goto('./#/learn');
  await expect(page.getByTestId('chapter-list').locator('li[data-visited]')).toHaveCount(2);
  expect(problems).toEqual([]);
});

test('why convolutions: moving the digit weakens the dense unit but not the sliding filter', async ({ page }) => {
  await openChapter(page, 'why-convolutions');
  const dense = page.getByTestId('dense-response');
  const conv = page.getByTestId('conv-response');
  await expect(dense).toHaveAttribute('data-value', '1');
  const strongest = Number(await conv.getAttribute('data-value'));
  const column = Number(await conv.getAttribute('data-col'));
  expect(await pixelVariance(page.getByTestId('shift-feature-map'))).toBeGreaterThan(10);
  await page.getByRole('slider', { name: /Shift right by/ }).fill('4');
  await expect.poll(async () => Number(await dense.getAttribute('data-value'))).toBeLessThan(0.6);
  expect(Number(await conv.getAttribute('data-value'))).toBeCloseTo(strongest, 6);
  expect(Number(await conv.getAttribute('data-col'))).toBe(column + 4);
});

test('the output volume calculator follows the formula', async ({ page }) => {
  await openChapter(page, 'parameters');
  const result = page.getByTestId('calculator-result');
  await expect(result).toHaveAttribute('data-out', '24x24x8');
  await page.getByLabel('Number of filters').selectOption('16');
  await page.getByLabel('Stride').first().selectOption('2');
  await expect(result).toHaveAttribute('data-out', '12x12x16');
  await expect(result).toHaveAttribute('data-params', String((5 * 5 * 1 + 1) * 16));
});

test('training: a gradient step on one filter shows dL/dk and lowers the loss; the real network steps a batch', async ({
  page,
}) => {
  const problems = watchPage(page);
  await openChapter(page, 'training');
  const loss = page.getByTestId('bp-loss');
  const before = Number(await loss.getAttribute('data-value'));
  expect(before).toBeCloseTo(4.0428, 3);
  const dk = await gridValues(page.getByTestId('bp-dk'));
  expect(dk[0]).toEqual([1.192, 0.24, -1.296].map((v) => expect.closeTo(v, 3)));
  await page.getByRole('button', { name: 'Take one gradient step' }).click();
  await expect(page.getByTestId('bp-step')).toHaveAttribute('data-value', '1');
  expect(Number(await loss.getAttribute('data-value'))).toBeLessThan(before);
  await page.getByRole('button', { name: 'Take 10 steps' }).click();
  await expect(page.getByTestId('bp-step')).toHaveAttribute('data-value', '11');

  const step = page.getByRole('button', { name: 'Step', exact: true });
  await expect(step).toBeEnabled({ timeout: 90_000 });
  await expect(page.getByTestId('network-view')).toBeVisible({ timeout: 90_000 });
  await step.click();
  await expect(page.getByTestId('stat-step')).toHaveAttribute('data-value', '1', { timeout: 30_000 });
  expect(problems).toEqual([]);
});

test('features: the pretrained network reads test digit #0 as a 7 and shows its feature maps', async ({ page }) => {
  await openChapter(page, 'features');
  await expect(page.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', '7', { timeout: 90_000 });
  expect(await pixelVariance(page.getByTestId('fmap-0-0'))).toBeGreaterThan(10);
  expect(await pixelVariance(page.getByTestId('fmap-2-0'))).toBeGreaterThan(10);
});

test("history: the ILSVRC chart draws each year's error, and each architecture's diagram carries its published parameter count", async ({
  page,
}) => {
  const problems = watchPage(page);
  await openChapter(page, 'history');
  const bars = page.getByTestId('ilsvrc-chart').locator('rect[data-year]');
  const values = await bars.evaluateAll((rects) =>
    rects.map((r) => [Number(r.getAttribute('data-year')), Number(r.getAttribute('data-value'))]),
  );
  expect(values).toEqual([
    [2010, 28.2],
    [2011, 25.8],
    [2012, 16.4],
    [2013, 11.7],
    [2014, 6.7],
    [2015, 3.57],
  ]);
  const heights = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
  expect(heights.every((h, i) => i === 0 || h < heights[i - 1]!)).toBe(true);
  const diagram = page.getByTestId('architecture-diagram');
  const published = {
    'LeNet-5 (1998)': 61_706,
    'AlexNet (2012)': 61_100_840,
    'VGG-16 (2014)': 138_357_544,
    'GoogLeNet (Inception v1) (2014)': 6_624_904,
    'ResNet-152 (2015)': 60_192_808,
  };
  for (const [name, params] of Object.entries(published)) {
    await page.getByLabel(name).check();
    await expect(diagram).toHaveAttribute('data-total-params', String(params));
  }
  const facts = page.getByTestId('architecture-facts');
  await expect(facts).toHaveAttribute('data-architecture', 'resnet152');
  await expect(facts).not.toContainText('GPUs');
  await page.getByLabel('GoogLeNet (Inception v1) (2014)').check();
  await expect(facts).toContainText('22 layers deep');
  await expect(facts).toContainText('6,624,904 parameters in torchvision’s googlenet');
  await expect(facts).toContainText('12 times fewer parameters than AlexNet');
  await page.getByLabel('AlexNet (2012)').check();
  await expect(facts).toContainText('61,100,840 parameters in torchvision’s AlexNet');
  await expect(facts).toContainText('about 60 million');
  await expect(facts).toContainText('Trained on two GTX 580 GPUs for five to six days, as the paper reports.');
  await page.getByLabel('LeNet-5 (1998)').check();
  await expect(facts).toContainText('the 1998 paper counts 7 trainable layers');
  await expect(facts).toContainText('shows LeNet-1');
  expect(problems).toEqual([]);
});

test('history: the chart names its sources, the human estimate’s annotator and both 2012 figures', async ({ page }) => {
  await openChapter(page, 'history');
  const notes = page.getByTestId('ilsvrc-notes');
  await expect(notes).toBeVisible();
  await expect(notes).toContainText('official ILSVRC results');
  await expect(page.getByTestId('ilsvrc-human-source')).toBeVisible();
  await expect(page.getByTestId('ilsvrc-human-source')).toContainText(
    'human ≈ 5.1%: one trained annotator (Andrej Karpathy, 2014) labelling a sample of 1,500 test images',
  );
  const year2012 = notes.locator('[data-year="2012"]');
  await expect(year2012).toBeVisible();
  await expect(year2012).toContainText('16.4% is SuperVision’s entry trained on the supplied training data only');
  await expect(year2012).toContainText('15.3% is the same team’s official winning entry');
  await expect(year2012).toContainText('The chart draws 16.4%');
  await expect(notes.locator('[data-year="2013"]')).toContainText('14.8%');
  await expect(page.getByTestId('ilsvrc-chart').locator('rect[data-year="2013"]')).toHaveAttribute(
    'data-winner',
    'Clarifai (Zeiler)',
  );
  // The AlexNet facts repeat both 2012 figures beside the network.
  await page.getByLabel('AlexNet (2012)').check();
  await expect(page.getByTestId('architecture-facts')).toContainText('16.4% top-5 error');
  await expect(page.getByTestId('architecture-facts')).toContainText('15.3%');
});

test('history: the Inception-style and ResNet-style networks open in the playground and train', async ({ page }) => {
  const problems = watchPage(page);
  await openChapter(page, 'history');
  await page.getByRole('link', { name: 'A small ResNet-style network in the playground' }).click();
  await expect(page).toHaveURL(/arch=conv16k3s1same-relu_maxpool2s2_residual16_residual16_/);
  await expect(page.getByTestId('fmap-2-15')).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('stat-step')).toHaveAttribute('data-value', '1', { timeout: 60_000 });
  await page.goto('./#/learn/history');
  await page.getByRole('link', { name: 'A small Inception-style network in the playground' }).click();
  await expect(page.getByTestId('shape-2')).toHaveText('14×14×24');
  await expect(page.getByTestId('fmap-2-23')).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('stat-step')).toHaveAttribute('data-value', '1', { timeout: 60_000 });
  expect(problems).toEqual([]);
});
