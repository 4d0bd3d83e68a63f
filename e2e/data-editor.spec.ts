/**
 * The data set editor (#/data): building classes by drawing and uploading, the held-out split,
 * saving in the browser and as a file, built-in sets by link, limits, access and phones.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLE_PIXELS } from '../src/core/dataSet';
import { writeDataSetFile } from '../src/data/dataSetFile';
import { autosaved, counts, names, openEditor, pixelVariance, stroke, watchPage } from './fixtures';

/** A PNG made in the page: a dark cross on white paper, `side` px square. */
async function crossPng(page: Page, side: number): Promise<Buffer> {
  const dataUrl = await page.evaluate((s) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = s;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, s, s);
    context.strokeStyle = '#111';
    context.lineWidth = s / 10;
    context.beginPath();
    context.moveTo(s * 0.2, s * 0.2);
    context.lineTo(s * 0.8, s * 0.8);
    context.moveTo(s * 0.8, s * 0.2);
    context.lineTo(s * 0.2, s * 0.8);
    context.stroke();
    return canvas.toDataURL('image/png');
  }, side);
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

test('three drawn examples in each of three classes show as 3/3/3 non-blank 28×28 examples, split 2 + 1, and survive a reload', async ({
  page,
}) => {
  const problems = watchPage(page);
  await openEditor(page);
  expect(await names(page)).toEqual(['A', 'B', 'C']);
  await page.getByLabel('Class 1 name').fill('line');
  await page.getByLabel('Class 2 name').fill('bar');
  await page.getByLabel('Class 3 name').fill('slash');
  // A taken name is refused inline and the class keeps its name.
  await page.getByLabel('Class 3 name').fill('LINE');
  await expect(page.getByTestId('class-2').getByRole('alert')).toHaveText(
    'Two classes are named "LINE"; give each class its own name.',
  );
  await page.getByLabel('Class 3 name').fill('slash');
  await expect(page.getByTestId('class-2').getByRole('alert')).toHaveCount(0);

  const strokes: [[number, number], [number, number]][] = [
    [
      [0.5, 0.15],
      [0.5, 0.85],
    ],
    [
      [0.15, 0.5],
      [0.85, 0.5],
    ],
    [
      [0.8, 0.2],
      [0.2, 0.8],
    ],
  ];
  for (const [i, name] of ['line', 'bar', 'slash'].entries()) {
    await page.getByLabel('Add to class').selectOption({ index: i });
    const add = page.getByRole('button', { name: `Add to ${name}`, exact: true });
    for (let k = 0; k < 3; k++) {
      await expect(add).toBeDisabled(); // nothing drawn on the fresh pad yet
      await stroke(page, ...strokes[i]!);
      await add.click();
      await expect(page.getByTestId('add-status')).toHaveText(`1 drawing added to ${name}.`);
    }
  }
  expect(await counts(page)).toEqual([3, 3, 3]);
  for (const [i, name] of ['line', 'bar', 'slash'].entries()) {
    for (let k = 1; k <= 3; k++) {
      const example = page.getByTestId(`class-${i}`).getByRole('img', { name: `28×28 example ${k} of ${name}` });
      expect(await pixelVariance(example)).toBeGreaterThan(100);
    }
  }
  // A vertical stroke and a horizontal one are not the same picture.
  const firstOf = (i: number, name: string) =>
    page
      .getByTestId(`class-${i}`)
      .getByRole('img', { name: `28×28 example 1 of ${name}` })
      .evaluate((el: HTMLCanvasElement) => Array.from(el.getContext('2d')!.getImageData(0, 0, 28, 28).data));
  expect(await firstOf(0, 'line')).not.toEqual(await firstOf(1, 'bar'));
  // 20 % of 3 rounds to 1 held out, 2 trained on.
  await expect(page.getByTestId('train-count-0')).toHaveText('2');
  await expect(page.getByTestId('test-count-2')).toHaveText('1');

  // Removing one example, then reloading: the autosaved working set comes back.
  await page.getByRole('button', { name: 'Remove example 2 of bar' }).click();
  expect(await counts(page)).toEqual([3, 2, 3]);
  await expect(page.getByRole('link', { name: 'Train on this set' })).toHaveAttribute('href', '#/playground?data=mine');
  await autosaved(page);
  await page.reload();
  await expect.poll(() => names(page)).toEqual(['line', 'bar', 'slash']);
  expect(await counts(page)).toEqual([3, 2, 3]);
  expect(problems).toEqual([]);
});

test('uploaded pictures: a good one is added, a non-image is listed with its reason', async ({ page }) => {
  await openEditor(page);
  await page.getByLabel('Add to class').selectOption({ index: 1 });
  await page.getByLabel(/^Pictures to add to B/).setInputFiles([
    { name: 'cross.png', mimeType: 'image/png', buffer: await crossPng(page, 200) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') },
    { name: 'small-cross.png', mimeType: 'image/png', buffer: await crossPng(page, 40) },
  ]);
  await expect(page.getByTestId('add-status')).toHaveText('2 pictures added to B.');
  await expect(page.getByTestId('upload-refused').getByRole('listitem')).toHaveText([
    'notes.txt: not an image the browser can read.',
  ]);
  expect(await counts(page)).toEqual([0, 2, 0]);
  const example = page.getByRole('img', { name: '28×28 example 1 of B' });
  expect(await pixelVariance(example)).toBeGreaterThan(100);
});

test('MNIST test digits: a chosen label and count go to the chosen class, new digits each time; digits-017 by link', async ({
  page,
}) => {
  await openEditor(page);
  await page.getByLabel('Add to class').selectOption({ index: 2 });
  await page.getByText('Take MNIST digits', { exact: true }).click();
  await page.getByLabel('Digit', { exact: true }).selectOption('7');
  await page.getByLabel('How many').fill('5');
  const add = page.getByRole('button', { name: 'Add 5 MNIST 7s to C' });
  await add.click({ timeout: 60_000 });
  await expect(page.getByTestId('add-status')).toHaveText('5 MNIST 7s added to C.');
  await add.click();
  expect(await counts(page)).toEqual([0, 0, 10]);
  const pixelsOf = (k: number) =>
    page
      .getByRole('img', { name: `28×28 example ${k} of C` })
      .evaluate((el: HTMLCanvasElement) => Array.from(el.getContext('2d')!.getImageData(0, 0, 28, 28).data));
  expect(await pixelsOf(1)).not.toEqual(await pixelsOf(6));
  expect(await pixelVariance(page.getByRole('img', { name: '28×28 example 6 of C' }))).toBeGreaterThan(100);

  await openEditor(page, '?set=digits-017');
  await expect.poll(() => names(page), { timeout: 60_000 }).toEqual(['0', '1', '7']);
  expect(await counts(page)).toEqual([100, 100, 100]);
});

test('a linked built-in set opens; saved in this browser it loads back after a reload; delete removes it', async ({
  page,
}) => {
  const problems = watchPage(page);
  await openEditor(page, '?set=shapes');
  await expect.poll(() => names(page)).toEqual(['circle', 'cross', 'triangle']);
  expect(await counts(page)).toEqual([60, 60, 60]);
  expect(page.url()).not.toContain('set=shapes'); // a reload keeps the edits
  const circle = page.getByRole('img', { name: '28×28 example 1 of circle' });
  expect(await pixelVariance(circle)).toBeGreaterThan(100);

  await page.getByRole('button', { name: 'Remove example 1 of triangle' }).click();
  await page.getByLabel('Data set name').fill('lesson 1');
  await page.getByRole('button', { name: 'Save in this browser' }).click();
  await expect(page.getByTestId('storage-status')).toHaveText('Saved "lesson 1" in this browser.');
  await expect(page.getByTestId('saved-sets')).toContainText('lesson 1: 179 examples in 3 classes');

  await page.getByRole('button', { name: 'New empty set' }).click();
  expect(await counts(page)).toEqual([0, 0, 0]);
  await autosaved(page);
  await page.reload();
  await expect(page.getByTestId('saved-sets')).toBeVisible();
  expect(await names(page)).toEqual(['A', 'B', 'C']);
  await page.getByRole('button', { name: 'Load lesson 1' }).click();
  await expect.poll(() => names(page)).toEqual(['circle', 'cross', 'triangle']);
  expect(await counts(page)).toEqual([60, 60, 59]);
  await expect(page.getByLabel('Data set name')).toHaveValue('lesson 1');

  await page.getByRole('button', { name: 'Delete lesson 1' }).click();
  await expect(page.getByTestId('saved-sets')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a downloaded file opens back; a bad file gets a message and the current set survives', async ({ page }) => {
  await openEditor(page, '?set=shapes');
  await expect.poll(() => counts(page)).toEqual([60, 60, 60]);
  await page.getByLabel('Class 2 name').fill('plus');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download file' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('shapes.json');
  const file = readFileSync((await download.path())!);

  await page.getByRole('button', { name: 'New empty set' }).click();
  expect(await counts(page)).toEqual([0, 0, 0]);
  await page
    .getByLabel('Open file…')
    .setInputFiles({ name: 'shapes.json', mimeType: 'application/json', buffer: file });
  await expect.poll(() => names(page)).toEqual(['circle', 'plus', 'triangle']);
  expect(await counts(page)).toEqual([60, 60, 60]);

  await page
    .getByLabel('Open file…')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: file.subarray(0, 500) });
  await expect(page.getByTestId('storage-error')).toContainText('broken.json: The file is not a ConvScope data set');
  await expect(page.getByTestId('storage-error')).toContainText('Your current set is kept.');
  expect(await names(page)).toEqual(['circle', 'plus', 'triangle']);
  expect(await counts(page)).toEqual([60, 60, 60]);
});

test('a full class says why adding is off; an unknown built-in set gets a notice', async ({ page }) => {
  const full = writeDataSetFile({
    classes: [
      { name: 'full', examples: Array.from({ length: 1000 }, () => new Uint8Array(EXAMPLE_PIXELS).fill(200)) },
      { name: 'empty', examples: [] },
    ],
  });
  await openEditor(page, '?set=cats');
  await expect(page.getByTestId('param-notices')).toContainText('set=cats names no built-in data set');
  await expect(page.getByTestId('data-limits')).toContainText('max 1,000 examples per class');
  await page
    .getByLabel('Open file…')
    .setInputFiles({ name: 'full.json', mimeType: 'application/json', buffer: Buffer.from(full) });
  await expect.poll(() => counts(page)).toEqual([1000, 0]);
  await expect(page.getByTestId('add-blocked')).toHaveText(
    'Adding is off: "full" is full: a class holds at most 1,000 examples.',
  );
  await expect(page.getByLabel(/^Pictures to add to full/)).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Add to full', exact: true })).toHaveAccessibleDescription(
    /"full" is full/,
  );
  // Another class has room.
  await page.getByLabel('Add to class').selectOption({ index: 1 });
  await expect(page.getByTestId('add-blocked')).toHaveCount(0);
  await expect(page.getByLabel(/^Pictures to add to empty/)).toBeEnabled();
});

test('axe finds no serious violation with a set loaded, and a 390 px phone needs no sideways scroll', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openEditor(page, '?set=shapes');
  await expect.poll(() => counts(page)).toEqual([60, 60, 60]);
  await page.getByLabel('Class 1 name').fill(''); // an inline error on show too
  await page.getByText('Take MNIST digits', { exact: true }).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.emulateMedia({ colorScheme: 'light' });
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3)}`);
  expect(serious).toEqual([]);
});

test('the header and the playground link to the editor', async ({ page }) => {
  await page.goto('./#/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your data' }).click();
  await expect(page.getByRole('heading', { name: 'Your data', level: 1 })).toBeVisible();
  await page.goto('./#/playground?backend=cpu');
  await page.getByRole('link', { name: 'Train on your own data' }).click();
  await expect(page.getByRole('heading', { name: 'Your data', level: 1 })).toBeVisible();
});
