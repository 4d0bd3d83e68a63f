/**
 * Access for every user: axe on every page, forced colours, reduced motion, a projector at 200 %
 * zoom, calm live regions, text alternatives for every canvas and chart, and meaning that never
 * rests on colour.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  drawStroke,
  expectStaysTheSame,
  firstHighlighted,
  openPlayground,
  openRoute,
  pixelVariance,
  readOver,
  ROUTES,
  SMALL,
  startTraining,
  statValue,
} from './fixtures';

/**
 * An axe scan against WCAG 2.1 A and AA: how many rules passed, and the serious and critical
 * violations, one line each. Under forced colours axe reads text colour from
 * -webkit-text-fill-color, which Chromium leaves unforced, so it would flag the page's own dark ink
 * on a dark system background that is never painted: it scans with the light palette.
 */
async function axeScan(page: Page): Promise<{ passed: number; serious: string[] }> {
  await page.emulateMedia({ colorScheme: 'light' });
  const { violations, passes } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  return { passed: passes.length, serious };
}

const seriousViolations = async (page: Page) => (await axeScan(page)).serious;

const style = (element: Locator, ...properties: string[]) =>
  element.evaluate(
    (el, names) => names.map((name) => getComputedStyle(el).getPropertyValue(name)).join(' | '),
    properties,
  );

// ---- axe on every page ----

for (const [hash, ready] of ROUTES) {
  test(`axe finds no serious or critical accessibility violation on ${hash}`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openRoute(page, hash, ready);
    const { passed, serious } = await axeScan(page);
    expect(passed).toBeGreaterThan(5); // the scan really ran over the page
    expect(serious).toEqual([]);
  });
}

// ---- Forced colours ----

test.describe('forced colours', () => {
  test.beforeEach(async ({ page }) => {
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark', reducedMotion: 'reduce' });
  });

  test('an explorable keeps its data colours and marks, its toggles and focus stay visible, and axe is satisfied', async ({
    page,
  }) => {
    await openRoute(page, '#/learn/convolution', '[data-testid="conv-input"]');
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    const input = page.getByTestId('conv-input');

    // The grid keeps its colour scale on its own white paper, so its dark ink stays readable.
    const fills = await input
      .locator('[data-row] rect')
      .evaluateAll((rects) => new Set(rects.map((r) => getComputedStyle(r).fill)).size);
    expect(fills).toBeGreaterThan(2);
    expect(await style(input.locator('svg'), 'forced-color-adjust', 'background-color')).toBe(
      'none | rgb(255, 255, 255)',
    );
    expect(await style(page.getByTestId('conv-legend').locator('svg'), 'background-color')).toBe('rgb(255, 255, 255)');
    // The window and the cell being written are drawn as black-and-white outlines, not fills.
    const outline = input.locator('.number-grid__highlight path').first();
    expect(await style(outline, 'stroke')).toBe('rgb(0, 0, 0)');
    expect(parseFloat(await style(outline, 'stroke-width'))).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('conv-output').locator('.number-grid__accent')).toHaveCount(1);

    // Pressed and unpressed, disabled and enabled look different in the system's colours too.
    const play = page.getByRole('button', { name: 'Play' });
    const paused = await style(play, 'background-color', 'color');
    await play.click();
    await expect(play).toHaveAttribute('aria-pressed', 'true');
    expect(await style(play, 'background-color', 'color')).not.toBe(paused);
    await play.click();
    await play.press('Home');
    const back = page.getByRole('button', { name: 'Step back' });
    await expect(back).toHaveAttribute('aria-disabled', 'true');
    expect(await style(back, 'color')).not.toBe(
      await style(page.getByRole('button', { name: 'Step forward' }), 'color'),
    );
    const presenter = page.getByRole('button', { name: 'Presenter view' });
    const off = await style(presenter, 'background-color', 'color');
    await presenter.click();
    expect(await style(presenter, 'background-color', 'color')).not.toBe(off);
    await presenter.click();

    // Focus stays visible on buttons, fields and the grid's cells.
    await page.keyboard.press('Tab');
    for (const target of [
      page.getByRole('button', { name: 'New random input' }),
      page.getByLabel('Stride'),
      page.getByLabel('Bias'),
      input.locator('svg'),
      play,
    ]) {
      await target.focus();
      const ring = await target.evaluate((el) => ({
        html: el.outerHTML.slice(0, 60),
        visible: el.matches(':focus-visible'),
        ...getComputedStyle(el),
      }));
      expect(ring.visible, ring.html).toBe(true);
      expect(ring.outlineStyle, ring.html).not.toBe('none');
      expect(parseFloat(ring.outlineWidth), ring.html).toBeGreaterThan(0);
    }

    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the playground keeps the pixels of its maps and of a drawing, and axe is satisfied', async ({ page }) => {
    await openPlayground(page, 'backend=wasm');
    const map = page.locator('[data-testid^="fmap-0-"]').first();
    await expect.poll(() => pixelVariance(map)).toBeGreaterThan(0);
    await drawStroke(page);
    await expect(page.getByTestId('network-view')).toContainText('Your drawing');
    expect(await pixelVariance(page.getByTestId('draw-pad-canvas'))).toBeGreaterThan(0);
    await expect.poll(() => pixelVariance(page.getByTestId('saliency-map'))).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('legend swatches of the history chart keep their fill and hatching', async ({ page }) => {
    await openRoute(page, '#/learn/history', '[data-testid="ilsvrc-chart"]');
    expect(await style(page.locator('.history-swatch--cnn').first(), 'background-color')).toBe('rgb(31, 95, 191)');
    expect(await style(page.locator('.history-swatch--other').first(), 'background-image')).toContain(
      'repeating-linear-gradient',
    );
  });
});

// ---- Reduced motion ----

/** Chapters whose explorable plays by itself, and the grid that carries the moving window. */
const ANIMATED: [string, string][] = [
  ['convolution', 'conv-input'],
  ['parameters', 'conv-input'],
  ['padding', 'conv-input'],
  ['pooling', 'pool-input'],
  ['channels', 'ch-input-0'],
];

for (const [slug, grid] of ANIMATED) {
  test(`reduced motion keeps the ${slug} window still; otherwise it moves by itself`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openRoute(page, `#/learn/${slug}`, `[data-testid="${grid}"]`);
    const window = page.getByTestId(grid);
    const start = await expectStaysTheSame(
      () => firstHighlighted(window),
      { forMs: 2000 },
      'the window under reduced motion',
    );
    await expect(page.getByRole('button', { name: 'Play' }).first()).toHaveAttribute('aria-pressed', 'false');

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.reload();
    await expect(window).toBeVisible();
    await expect.poll(() => firstHighlighted(window), { timeout: 5000 }).not.toEqual(start);
  });
}

test('reduced motion turns CSS transitions and animations off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const pages = [
    ['#/', 'main h1'],
    ['#/learn/convolution', '[data-testid="conv-input"]'],
  ] as const;
  for (const [hash, ready] of pages) {
    await openRoute(page, hash, ready);
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll('*'), document.documentElement]
        .map((el) => ({ el, s: getComputedStyle(el) }))
        .filter(({ s }) =>
          [s.transitionDuration, s.animationDuration]
            .join(',')
            .split(',')
            .some((d) => parseFloat(d) > 0),
        )
        .map(({ el }) => el.tagName),
    );
    expect(moving, hash).toEqual([]);
    expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
  }
});

// ---- A projector at 200 % zoom ----

/** Controls that sit off the page sideways, outside any scroller that could bring them in. */
async function unreachableControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const inside = (box: DOMRect) => box.left >= -1 && box.right <= width + 1;
    const scroller = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return p;
      }
      return null;
    };
    return [...document.querySelectorAll('button, a[href], input, select, textarea, summary, [tabindex="0"]')]
      .filter((el) => el.getClientRects().length > 0 && !el.closest('.sr-only'))
      .filter((el) => {
        if (inside(el.getBoundingClientRect())) return false;
        const box = scroller(el);
        return !box || !inside(box.getBoundingClientRect());
      })
      .map((el) => `${el.tagName} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`);
  });
}

for (const present of [false, true]) {
  test(`at 200 % zoom on a 1280×720 projector${present ? ' in presenter view' : ''}, no page scrolls sideways and every control is reachable`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({
      viewport: { width: 640, height: 360 },
      deviceScaleFactor: 2,
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    for (const [hash, ready] of ROUTES) {
      const address = present ? `${hash}${hash.includes('?') ? '&' : '?'}present=1` : hash;
      await openRoute(page, address, ready);
      if (present) await expect(page.locator('html')).toHaveClass(/classroom/);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${address} scrolls sideways`).toBeLessThanOrEqual(1);
      expect(await unreachableControls(page), `${address} has controls out of reach`).toEqual([]);
    }
    await context.close();
  });
}

// ---- Text alternatives ----

/** Canvases and charts with neither an accessible name (role="img") nor a text next to them. */
async function unnamedGraphics(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const text = (el: Element | null) => (el?.textContent ?? '').trim();
    const nameOf = (el: Element) =>
      el.getAttribute('aria-label')?.trim() ||
      (el.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id) => text(document.getElementById(id)))
        .join(' ')
        .trim();
    const described = (el: Element) =>
      text(el.closest('figure')?.querySelector('figcaption') ?? null) || text(el.parentElement);
    return [...document.querySelectorAll('canvas, svg')]
      .filter((el) => !el.parentElement?.closest('svg'))
      .filter((el) => {
        if (el.closest('[aria-hidden="true"]')) return !described(el);
        return el.getAttribute('role') !== 'img' || !nameOf(el);
      })
      .map((el) => `${el.tagName} ${el.getAttribute('class') ?? ''} ${el.getAttribute('data-testid') ?? ''}`.trim());
  });
}

test('every canvas and chart on every page has a name or a text beside it', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const [hash, ready] of ROUTES) {
    await openRoute(page, hash, ready);
    expect(await unnamedGraphics(page), hash).toEqual([]);
  }
});

// ---- Live regions, and meaning beyond colour ----

test('training is announced calmly, a drawing is read aloud, and right and wrong are marked in words and symbols', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openPlayground(page, SMALL);
  const announcer = page.getByTestId('training-announcer');
  await expect(announcer).toHaveAttribute('role', 'status');
  await expect(announcer).toHaveText('Ready to train.', { timeout: 90_000 });
  // The stats change with every batch: they are shown, not read aloud.
  await expect(page.locator('dl.stats')).not.toHaveAttribute('aria-live');

  await startTraining(page);
  // What a screen reader hears, read every 100 ms, over at least 3 s and until five batches have been shown.
  const stepsOf = (readings: { step: number }[]) => new Set(readings.map(({ step }) => step));
  const readings = await readOver(
    async () => ({ said: (await announcer.textContent()) ?? '', step: await statValue(page, 'step') }),
    {
      forMs: 3000,
      everyMs: 100,
      until: (sofar) => stepsOf(sofar).size > 4,
    },
  );
  const heard = new Set(readings.map(({ said }) => said));
  const steps = stepsOf(readings);
  expect(steps.size, 'batches went by').toBeGreaterThan(4);
  expect(heard.size, [...heard].join(' / ')).toBeLessThanOrEqual(3);
  expect([...heard]).toContain('Training started.');

  await expect(announcer).toHaveText(/^Epoch \d+ of 20 finished: test accuracy \d+\.\d\d %\.$/, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(announcer).toHaveText(/^Paused at step \d+: loss \d+\.\d{4}\.$/);
  const step = await statValue(page, 'step');
  await expect(announcer).toContainText(`step ${step}:`);

  // The network's verdict on the test digit is written, with a symbol, not only coloured.
  await expect(page.getByTestId('prediction-verdict')).toHaveText(/true label \d: (✓ correct|✗ wrong)\.$/);
  // The gallery of mistakes says "true → answered" for each digit.
  const gallery = page.getByTestId('digit-gallery').getByRole('button');
  await expect(gallery.first()).toBeVisible();
  for (const label of await gallery.allTextContents()) {
    const [, truth, answer] = /^(\d) → (\d) \(\d+%\)$/.exec(label.trim()) ?? [];
    expect(truth, label).toBeDefined();
    expect(truth).not.toBe(answer);
  }
  // Confusion matrix: every count is written, the diagonal (right answers) is bold, and
  // the selected cell gets a double ring that shows on any colour, in forced colours too.
  const matrix = page.getByTestId('confusion-matrix');
  const diagonal = matrix.locator('button[data-label="3"][data-predicted="3"]');
  await expect(diagonal).toHaveText(/^\d+$/);
  expect(await style(diagonal, 'font-weight')).toBe('700');
  await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
  const cell = matrix.locator('button[data-label="4"][data-predicted="9"]');
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  expect(await style(cell, 'outline-style', 'box-shadow')).toBe('solid | rgb(255, 255, 255) 0px 0px 0px 6px inset');
  const colours = await matrix
    .locator('button')
    .evaluateAll((cells) => new Set(cells.map((c) => getComputedStyle(c).backgroundColor)).size);
  expect(colours, 'the counts keep their colour scale').toBeGreaterThan(2);
  await page.emulateMedia({ forcedColors: 'none' });

  // A drawing is read aloud once the pen is up, with the digit the network sees.
  await drawStroke(page);
  const probabilities = page.getByTestId('output-probabilities');
  await expect(page.getByTestId('network-view')).toContainText('Your drawing');
  const predicted = await probabilities.getAttribute('data-predicted');
  await expect(page.getByTestId('draw-pad-status')).toHaveText(
    new RegExp(`The network reads it as an? ${predicted} \\(softmax gives \\d+ %\\)\\.$`),
  );
  // A drawing has no true label to be right or wrong about.
  await expect(page.getByTestId('prediction-verdict')).not.toContainText('true label');

  expect(await unnamedGraphics(page)).toEqual([]);
});

test('a chapter question says right or wrong in words and with a symbol', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openRoute(page, '#/learn/convolution', '[data-testid="try-convolution-output-size"]');
  const question = page.getByTestId('try-convolution-output-size');
  const verdictSymbol = (result: Locator) =>
    result.locator('strong').evaluate((el) => getComputedStyle(el, '::before').content);

  await question.getByLabel('5×5').check();
  await question.getByRole('button', { name: 'Check my prediction' }).click();
  const result = page.getByTestId('try-convolution-output-size-result');
  await expect(result).toHaveAttribute('role', 'status');
  await expect(result).toContainText('Not quite: the answer is “3×3”.');
  expect(await verdictSymbol(result)).toBe('"✗ "');

  await question.getByRole('button', { name: 'Try again' }).click();
  await question.getByLabel('3×3').check();
  await question.getByRole('button', { name: 'Check my prediction' }).click();
  await expect(result).toContainText('Right.');
  expect(await verdictSymbol(result)).toBe('"✓ "');
});
