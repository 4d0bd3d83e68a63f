import { expect, test, type Page } from '@playwright/test';
import { drawStroke, pixelVariance, watchPage } from './fixtures';

/** Every URL the page and its workers request from now on. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.context().on('request', (request) => urls.push(new URL(request.url()).pathname));
  return urls;
}

const MNIST_FILE = /data\/mnist\/(train|t10k)-/;

for (const [what, path] of [
  ['the features chapter', './#/learn/features'],
  ['the network embed', './#/embed/network'],
] as const) {
  test(`${what} runs the pretrained network on the digit pack and a drawing, never fetching MNIST`, async ({
    page,
  }) => {
    const problems = watchPage(page);
    const requested = recordRequests(page);
    await page.goto(path);
    await expect(page.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', '7', { timeout: 60_000 });
    expect(await pixelVariance(page.getByTestId('fmap-0-0'))).toBeGreaterThan(10);
    await drawStroke(page);
    await expect(page.getByRole('button', { name: 'Back to test digit #0' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('prediction-verdict')).not.toContainText('true label');
    expect(requested.filter((url) => url.endsWith('test-digits.bin.gz'))).toHaveLength(1);
    expect(requested.filter((url) => MNIST_FILE.test(url))).toEqual([]);
    // The wasm backend arrives gzipped (a third of the bytes), not as the plain binary.
    expect(requested.filter((url) => url.endsWith('.wasm'))).toEqual([]);
    expect(problems).toEqual([]);
  });
}
