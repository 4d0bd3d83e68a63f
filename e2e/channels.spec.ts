import { expect, test, type Page } from '@playwright/test';
import { gridValues, openChapterPaused, watchPage } from './fixtures';

/** Opens the channels explorable with motion reduced (so it starts paused) and waits for its first input channel. */
const openPaused = (page: Page, query = '') => openChapterPaused(page, 'channels', query, 'ch-input-0');

async function inputChannels(page: Page): Promise<number[][][]> {
  return Promise.all([0, 1, 2].map((ch) => gridValues(page.getByTestId(`ch-input-${ch}`))));
}

/** A PNG made by the browser's own canvas, as bytes: `width`×`height` filled with `color`. */
async function pngOf(page: Page, width: number, height: number, color: string): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ({ width, height, color }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d')!;
      context.fillStyle = color;
      context.fillRect(0, 0, width, height);
      return canvas.toDataURL('image/png');
    },
    { width, height, color },
  );
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

test('each output cell is the sum over R, G and B of the products under the filter', async ({ page }) => {
  const problems = watchPage(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await openPaused(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Convolution over several channels');
  const input = await inputChannels(page);
  const filter = await Promise.all([0, 1, 2].map((ch) => gridValues(page.getByTestId(`ch-filter-${ch}`))));
  expect(input.map((grid) => grid.length)).toEqual([6, 6, 6]);
  expect(filter.map((grid) => grid.length)).toEqual([3, 3, 3]);
  // Every channel of the default picture has its own shape.
  expect(new Set(input.map((grid) => JSON.stringify(grid))).size).toBe(3);

  const expected = Array.from({ length: 4 }, (_, r) =>
    Array.from({ length: 4 }, (_, c) => {
      let sum = 0;
      for (let ch = 0; ch < 3; ch++)
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) sum += input[ch]![r + i]![c + j]! * filter[ch]![i]![j]!;
      return sum;
    }),
  );
  const output = await gridValues(page.getByTestId('ch-output'));
  expect(output).toEqual(expected);
  expect(output.flat().some((v) => v !== 0)).toBe(true);

  const calculation = page.getByTestId('ch-calculation');
  await expect(calculation).toContainText('Output row 1, column 1');
  await expect(calculation).toContainText('R:');
  await expect(calculation).toContainText('+ G:');
  await expect(calculation).toContainText('+ B:');
  const total = String(expected[0]![0]).replace('-', '\u2212');
  await expect(calculation).toContainText(new RegExp(`= ${total}$`));

  // Stepping moves the window on all three channels at once.
  await page.getByRole('button', { name: 'Step forward' }).click();
  for (let ch = 0; ch < 3; ch++) {
    const cols = await page
      .getByTestId(`ch-input-${ch}`)
      .locator('[data-highlight="true"]')
      .evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-col'))));
    expect(cols).toHaveLength(9);
    expect(Math.min(...cols)).toBe(1);
  }
  await expect(calculation).toContainText('Output row 1, column 2');

  await expect(page.getByRole('img', { name: /Colour preview of the sample picture/ })).toBeVisible();
  expect(requests.filter((url) => /backends-|trainer\.worker|\.wasm|tfjs/.test(url))).toEqual([]);
  expect(problems).toEqual([]);
});

test('N filters give N maps of H′×W′ cells, and the volume diagram and URL follow the number of filters', async ({
  page,
}) => {
  await openPaused(page);
  await expect(page.locator('[data-testid^="ch-map-"]')).toHaveCount(10);
  for (let i = 0; i < 10; i++) {
    const map = page.getByTestId(`ch-map-${i}`);
    await expect(map.locator('[data-row]')).toHaveCount(16);
    await expect(map).toHaveAttribute('data-rows', '4');
  }
  const volume = page.getByTestId('ch-volume');
  await expect(volume.getByRole('img')).toHaveAttribute(
    'aria-label',
    '6×6×3 input, 10 filters of 3×3×3, output 4×4×10',
  );

  await page.getByRole('combobox', { name: /^Filters/ }).selectOption('4');
  await expect(page.locator('[data-testid^="ch-map-"]')).toHaveCount(4);
  await expect(volume).toContainText('6×6×3 input, 4 filters of 3×3×3, output 4×4×4');
  await expect(volume.getByRole('img')).toHaveAttribute('aria-label', '6×6×3 input, 4 filters of 3×3×3, output 4×4×4');
  expect(page.url()).toContain('filters=4');

  await page.getByLabel('Padding').selectOption('same');
  await expect(page.getByTestId('ch-map-0').locator('[data-row]')).toHaveCount(36);
  await expect(volume).toContainText('output 6×6×4');
  expect(page.url()).toContain('pad=same');
});

test('an uploaded picture becomes the input; a file that is not a picture is refused and the input kept', async ({
  page,
}) => {
  const problems = watchPage(page);
  await openPaused(page);
  const before = await inputChannels(page);
  const upload = page.getByLabel('Use your own image');

  await upload.setInputFiles({
    name: 'yellow.png',
    mimeType: 'image/png',
    buffer: await pngOf(page, 4, 4, 'rgb(255, 255, 0)'),
  });
  await expect(page.getByRole('img', { name: /Colour preview of “yellow.png”/ })).toBeVisible();
  const yellow = await inputChannels(page);
  expect(yellow).not.toEqual(before);
  expect(yellow[0]!.flat().every((v) => v === 1)).toBe(true);
  expect(yellow[1]!.flat().every((v) => v === 1)).toBe(true);
  expect(yellow[2]!.flat().every((v) => v === 0)).toBe(true);

  await upload.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(page.getByTestId('ch-image-error')).toContainText('“notes.txt” could not be read as a picture');
  expect(await inputChannels(page)).toEqual(yellow);

  // A new size is made from the same picture.
  await page.getByLabel('Input size').selectOption('8');
  await expect(page.getByTestId('ch-input-0').locator('[data-row]')).toHaveCount(64);
  expect((await gridValues(page.getByTestId('ch-input-1'))).flat().every((v) => v === 1)).toBe(true);

  await page.getByRole('button', { name: 'Back to the sample picture' }).click();
  await page.getByLabel('Input size').selectOption('6');
  expect(await inputChannels(page)).toEqual(before);
  expect(problems).toEqual([]);
});

test('a 32×32 input draws colours only, and a bad address falls back with a notice', async ({ page }) => {
  await openPaused(page, 'size=32&filter=12&kernel=4');
  await expect(page.getByTestId('param-notices')).toContainText('kernel=4 is not one of 1, 3, 5; using 3.');
  await expect(page.getByTestId('param-notices')).toContainText('filter=12 is past the last of 10 filters');
  await expect(page.getByTestId('ch-input-0').locator('[data-row]')).toHaveCount(32 * 32);
  await expect(page.getByTestId('ch-input-0').locator('text.number-grid__value')).toHaveCount(0);
  await expect(page.getByTestId('ch-map-0').locator('[data-row]')).toHaveCount(30 * 30);
});
