import { expect, type Locator, type Page } from '@playwright/test';
import { EMBEDS } from '../src/pages/embeds';
import { CHAPTERS } from '../src/pages/learn/chapters';

/** Every chapter's slug, in course order. */
export const CHAPTER_SLUGS: string[] = CHAPTERS.map(({ slug }) => slug);

/** Embedded widgets that draw their content only once data has come, and the element that shows it has. */
const LATE_CONTENT: Record<string, string> = {
  network: '[data-testid="network-view"]',
  invariance: '[data-testid="invariance-plot"]',
};

/** Chapters whose live network (and its controls) comes a moment after the page, once the engine has started. */
const LATE_CHAPTER: Record<string, string> = {
  training: '[data-testid="network-view"]',
  features: '[data-testid="network-view"]',
};

/** Where each embeddable widget renders alone, with the element that shows it has rendered. */
export const EMBED_ROUTES: [string, string][] = EMBEDS.map(({ id }): [string, string] => [
  `#/embed/${id}`,
  `[data-testid="embed"][data-widget="${id}"] ${LATE_CONTENT[id] ?? ''}`.trim(),
]);

/**
 * Every page a visitor can reach, the page for an unknown address included, with the element that
 * shows it has rendered (its own, as moving between routes keeps the document). Every test that
 * checks all pages walks this one list.
 */
export const ROUTES: [string, string][] = [
  // The home page is ready when its network shows (it loads after the heading).
  ['#/', 'main .home [data-testid="overview-map-0-0"]'],
  ['#/playground?backend=wasm', '[data-testid="network-view"]'],
  ['#/data', '[data-testid="class-0"]'],
  ['#/learn', '[data-testid="chapter-list"]'],
  ...CHAPTER_SLUGS.map((slug): [string, string] => [
    `#/learn/${slug}`,
    `[data-testid="chapter"][data-slug="${slug}"] ${LATE_CHAPTER[slug] ?? ''}`.trim(),
  ]),
  ['#/embeds', '[data-testid^="embed-card-"]'],
  ...EMBED_ROUTES,
  ['#/nowhere', 'main h1:text-is("Page not found")'],
];

/** Goes to `hash` and waits until its `ready` element shows. */
export async function openRoute(page: Page, hash: string, ready: string) {
  await page.goto(`./${hash}`);
  await expect(page.locator(ready).first()).toBeVisible({ timeout: 90_000 });
}

/** Opens a chapter with motion reduced, so its explorable starts paused, and waits for the element `readyTestId`. */
export async function openChapterPaused(page: Page, slug: string, query: string, readyTestId: string) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`./#/learn/${slug}${query ? `?${query}` : ''}`);
  await expect(page.getByTestId(readyTestId)).toBeVisible();
}

/** Playground settings that train fast enough for tests, on whichever backend the address adds. */
export const SMALL_TRAINING = 'trainSize=512&batch=32&lr=0.003&lrDecay=1&epochs=20&snapshotMs=200';

/** SMALL_TRAINING on the wasm backend. */
export const SMALL = `backend=wasm&${SMALL_TRAINING}`;

/** Opens the playground and waits until the network view shows a model. */
export async function openPlayground(page: Page, query = SMALL) {
  await page.goto(`./#/playground?${query}`);
  await expect(page.getByTestId('network-view')).toBeVisible({ timeout: 90_000 });
}

/** Draws a "1"-like vertical stroke on the playground's drawing pad. */
export async function drawStroke(page: Page) {
  const pad = page.getByTestId('draw-pad-canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.8, { steps: 8 });
  await page.mouse.up();
}

/** Collects console errors (with the document that logged them) and uncaught exceptions, from every frame. */
export function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error in ${message.location().url}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/** Collects what watchErrors does, and requests to any other host. */
export function watchPage(page: Page): string[] {
  const problems = watchErrors(page);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') {
      problems.push(`request to another host: ${request.url()}`);
    }
  });
  return problems;
}

/** How long to watch a value, and how often to read it. */
export interface Watch<T> {
  /** At least this long. */
  forMs: number;
  everyMs?: number;
  /** Reading goes on past `forMs` until this holds of the readings so far, or `timeoutMs` have passed in all. */
  until?: (readings: T[]) => boolean;
  timeoutMs?: number;
}

/**
 * Reads `read` at once, then every `everyMs` until `forMs` have passed (the last reading comes at
 * or after that) and `until` holds, and returns the readings in order. `check` sees each later
 * reading with the first, so a check that throws stops the watch at the first reading it refuses.
 */
export async function readOver<T>(
  read: () => Promise<T>,
  { forMs, everyMs = 100, until = () => true, timeoutMs = 30_000 }: Watch<T>,
  check?: (value: T, first: T) => void,
): Promise<T[]> {
  const start = Date.now();
  const first = await read();
  const readings = [first];
  const elapsed = () => Date.now() - start;
  while (elapsed() < forMs || (!until(readings) && elapsed() < timeoutMs)) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    const value = await read();
    check?.(value, first);
    readings.push(value);
  }
  return readings;
}

/**
 * Proof that nothing happened: fails at the first reading that differs (deeply) from the first one
 * within `forMs`, and returns the value that held.
 */
export async function expectStaysTheSame<T>(read: () => Promise<T>, watch: Watch<T>, message?: string): Promise<T> {
  const [first] = await readOver(read, watch, (value, held) => expect(value as unknown, message).toEqual(held));
  return first as T;
}

/** The number a stat shows, read from its data-value. */
export async function statValue(page: Page, id: string): Promise<number> {
  const raw = await page.getByTestId(`stat-${id}`).getAttribute('data-value');
  return raw === null || raw === '' ? NaN : Number(raw);
}

/** Waits until the engine has its data and backend, then presses Train. */
export async function startTraining(page: Page) {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 90_000 });
  await train.click();
}

/** Waits until the step counter reaches `steps`. */
export async function waitForSteps(page: Page, steps: number, timeout = 90_000) {
  await expect.poll(() => statValue(page, 'step'), { timeout }).toBeGreaterThanOrEqual(steps);
}

/** A grid's cell values as [row][col], read from data-value. */
export async function gridValues(grid: Locator): Promise<number[][]> {
  const cells = await grid.locator('[data-row]').evaluateAll((nodes) =>
    nodes.map((n) => ({
      row: Number(n.getAttribute('data-row')),
      col: Number(n.getAttribute('data-col')),
      value: Number(n.getAttribute('data-value')),
    })),
  );
  const grid2d: number[][] = [];
  for (const { row, col, value } of cells) (grid2d[row] ??= [])[col] = value;
  return grid2d;
}

/** Positions of the cells a grid marks with `attribute`. */
export async function marked(grid: Locator, attribute: string): Promise<{ row: number; col: number }[]> {
  return grid
    .locator(`[${attribute}="true"]`)
    .evaluateAll((nodes) =>
      nodes.map((n) => ({ row: Number(n.getAttribute('data-row')), col: Number(n.getAttribute('data-col')) })),
    );
}

/** The top-left cell of a grid's highlighted window. */
export async function firstHighlighted(grid: Locator): Promise<{ row: number; col: number }> {
  return (await marked(grid, 'data-highlight')).reduce((a, b) => (b.row * 100 + b.col < a.row * 100 + a.col ? b : a));
}

/** Variance of a canvas's grey levels: zero for a blank or flat canvas. */
export async function pixelVariance(canvas: Locator): Promise<number> {
  return canvas.evaluate((el: HTMLCanvasElement) => {
    const { data } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
    const grey: number[] = [];
    for (let i = 0; i < data.length; i += 4) grey.push((data[i]! + data[i + 1]! + data[i + 2]!) / 3);
    const mean = grey.reduce((a, b) => a + b, 0) / grey.length;
    return grey.reduce((a, b) => a + (b - mean) ** 2, 0) / grey.length;
  });
}

/** A canvas's RGBA bytes, row by row. */
export async function canvasPixels(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((el: HTMLCanvasElement) =>
    Array.from(el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data),
  );
}

/** Cross-correlation (no dilation) of a square, already padded input with a square kernel, as a page should compute it. */
export function crossCorrelate(padded: number[][], kernel: number[][], stride: number): number[][] {
  const k = kernel.length;
  const size = Math.floor((padded.length - k) / stride) + 1;
  return Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) => {
      let sum = 0;
      for (let i = 0; i < k; i++)
        for (let j = 0; j < k; j++) sum += padded[r * stride + i]![c * stride + j]! * kernel[i]![j]!;
      return sum;
    }),
  );
}

/**
 * Steps a paused explorable whose test ids start with `prefix` (a 3×3 output, stride 2): after one
 * step its window has moved one stride right and one more output cell is written, the one accented;
 * after three steps the window starts the next output row and the calculation says so.
 */
export async function expectStridedSteps(page: Page, prefix: string) {
  const input = page.getByTestId(`${prefix}-input`);
  const output = page.getByTestId(`${prefix}-output`);
  const hidden = () => output.locator('[data-hidden="true"]').count();
  const stepForward = page.getByRole('button', { name: 'Step forward' });
  expect(await firstHighlighted(input)).toEqual({ row: 0, col: 0 });
  expect(await hidden()).toBe(9);

  await stepForward.click();
  expect(await firstHighlighted(input)).toEqual({ row: 0, col: 2 });
  expect(await hidden()).toBe(8);
  expect(await marked(output, 'data-accent')).toEqual([{ row: 0, col: 1 }]);

  await stepForward.click();
  await stepForward.click();
  expect(await firstHighlighted(input)).toEqual({ row: 2, col: 0 });
  // The written sum is the revealed cell's value.
  await expect(page.getByTestId(`${prefix}-calculation`)).toContainText('Output row 2, column 1');
}

/** Opens the editor (with `query`) and waits for its first class. */
export async function openEditor(page: Page, query = '') {
  await page.goto(`./#/data${query}`);
  await expect(page.getByTestId('class-0')).toBeVisible({ timeout: 30_000 });
}

/** Waits until the working set's latest change is written to the browser's storage. */
export async function autosaved(page: Page) {
  await expect(page.getByTestId('data-summary')).toHaveAttribute('data-autosaved', 'true');
}

/** The example counts the class panels show, in class order. */
export async function counts(page: Page): Promise<number[]> {
  return page
    .locator('[data-testid^="class-count-"]')
    .evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-count'))));
}

/** The class names in the name boxes, in class order. */
export async function names(page: Page): Promise<string[]> {
  return page.getByLabel(/^Class \d+ name$/).evaluateAll((nodes) => nodes.map((n) => (n as HTMLInputElement).value));
}

/** Draws one stroke on the pad from (x0, y0) to (x1, y1), in shares of its side. */
export async function stroke(page: Page, [x0, y0]: [number, number], [x1, y1]: [number, number]) {
  const pad = page.getByTestId('draw-pad-canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * x0, box.y + box.height * y0);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * x1, box.y + box.height * y1, { steps: 10 });
  await page.mouse.up();
}
