import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { drawStroke, openPlayground, pixelVariance, watchPage } from './fixtures';

const FAST = 'backend=wasm&snapshotMs=200';

/** The class the output layer picks for the digit on show. */
function predicted(page: Page) {
  return page.getByTestId('output-probabilities');
}

/** Downloads the current model and returns its two files. */
async function downloadModel(page: Page): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
  const downloads: Promise<import('@playwright/test').Download>[] = [
    page.waitForEvent('download'),
    page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.bin')),
  ];
  await page.getByRole('button', { name: 'Download files' }).click();
  const files = await Promise.all(downloads);
  return Promise.all(
    files.map(async (d) => ({
      name: d.suggestedFilename(),
      mimeType: 'application/octet-stream',
      buffer: readFileSync((await d.path())!),
    })),
  );
}

test('the page opens with the pretrained model, which reads test digit #0 as a 7 and a drawn stroke, with a saliency map', async ({
  page,
}) => {
  const problems = watchPage(page);
  await openPlayground(page, FAST);
  await expect(page.getByTestId('model-origin')).toContainText('started from the pretrained model (99.');
  await expect(page.getByTestId('network-view')).toContainText('Test digit #0, a 7');
  await expect(predicted(page)).toHaveAttribute('data-predicted', '7');
  await drawStroke(page);
  await expect(page.getByTestId('network-view')).toContainText('Your drawing');
  await expect(predicted(page)).toHaveAttribute('data-predicted', '1');
  const saliency = page.getByTestId('saliency-map');
  await expect(saliency).toHaveAttribute('aria-label', /Saliency map for the predicted 1/);
  expect(await pixelVariance(saliency)).toBeGreaterThan(20);
  expect(problems).toEqual([]);
});

test('a downloaded model loads back after a reset; a bad file is refused and the current model keeps working', async ({
  page,
}) => {
  const problems = watchPage(page);
  await openPlayground(page, FAST);
  await expect(page.getByTestId('model-origin')).toContainText('pretrained');
  const files = await downloadModel(page);
  expect(files.map((f) => f.name).sort()).toEqual(['convscope-model.json', 'convscope-model.weights.bin']);
  expect(files.find((f) => f.name.endsWith('.bin'))!.buffer.length).toBe(23_976);

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('model-origin')).toContainText('random, drawn from seed 42');
  const chooser = page.getByLabel('Load files (.json and .bin)');
  await chooser.setInputFiles(files);
  await expect(page.getByTestId('model-message')).toHaveText('Loaded "convscope-model.json".');
  await expect(page.getByTestId('model-origin')).toContainText('started from "convscope-model.json" (99.');
  await expect(predicted(page)).toHaveAttribute('data-predicted', '7');

  const json = files.find((f) => f.name.endsWith('.json'))!;
  const bin = files.find((f) => f.name.endsWith('.bin'))!;
  await chooser.setInputFiles([json, { ...bin, buffer: bin.buffer.subarray(0, 1000) }]);
  await expect(page.getByRole('alert').filter({ hasText: 'was not loaded' })).toContainText(
    'The weights file has 1,000 bytes but model.json describes 23,976 bytes: it is truncated',
  );
  await chooser.setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "graph-model"}') },
  ]);
  await expect(page.getByTestId('model-message')).toContainText('graph model');
  await expect(page.getByTestId('model-origin')).toContainText('started from "convscope-model.json"');
  await drawStroke(page);
  await expect(predicted(page)).toHaveAttribute('data-predicted', '1');
  expect(problems).toEqual([]);
});

test('a model saved in the browser survives a reload and brings its architecture back', async ({ page }) => {
  const arch = 'conv4k3s2valid-relu_flatten_dense10-softmax';
  await openPlayground(page, `${FAST}&arch=${arch}&trainSize=256&batch=64`);
  await expect(page.getByTestId('model-origin')).toContainText('random, drawn from seed 42');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByLabel('Name').fill('Tiny net');
  await page.getByRole('button', { name: 'Save in this browser' }).click();
  await expect(page.getByTestId('model-message')).toHaveText('Saved "Tiny net" in this browser.');
  await expect(page.getByTestId('saved-models')).toContainText('Tiny net');

  await openPlayground(page, FAST);
  await expect(page.getByTestId('shape-0')).toHaveText('24×24×8');
  await page.getByRole('button', { name: 'Load Tiny net' }).click();
  await expect(page.getByTestId('model-origin')).toContainText('started from "Tiny net"');
  await expect(page.getByTestId('shape-0')).toHaveText('13×13×4');
  await expect.poll(() => page.url()).toContain(`arch=${arch}`);
  await expect(page.getByTestId('fmap-0-3')).toBeVisible();
  await expect(page.getByTestId('fmap-0-4')).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete Tiny net' }).click();
  await expect(page.getByTestId('saved-models')).toHaveCount(0);
});
