import { expect, test, type Page } from '@playwright/test';
import { openPlayground, ROUTES, statValue } from './fixtures';

/** Presses Tab until `target` has focus (at most `limit` presses), checking every stop shows a focus outline. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'body';
      const style = getComputedStyle(el);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        ? 'visible'
        : `${el.tagName} without outline`;
    });
    expect(['visible', 'body']).toContain(outline);
  }
  throw new Error(`Tab never reached ${target}`);
}

test('keyboard only: the playground trains, pauses and steps, every stop on the way showing its focus', async ({
  page,
}) => {
  await openPlayground(page, 'backend=wasm&weights=random&trainSize=512&batch=32&snapshotMs=200');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 90_000 });
  await page.locator('h1').click();
  // The bar reads: title, Train, Pause, Step, Reset, then the settings.
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await tabTo(page, train);
  await page.keyboard.press('Enter');
  await expect.poll(() => statValue(page, 'step'), { timeout: 60_000 }).toBeGreaterThan(2);
  await tabTo(page, page.getByRole('button', { name: 'Pause', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stat-state')).toHaveText('paused');
  const paused = await statValue(page, 'step');
  await tabTo(page, page.getByRole('button', { name: 'Step', exact: true }));
  await page.keyboard.press('Enter');
  await expect.poll(() => statValue(page, 'step')).toBe(paused + 1);
  await tabTo(page, page.getByLabel('Batch size'));
});

test('keyboard only: a chapter question is answered and checked without a pointer', async ({ page }) => {
  await page.goto('./#/learn/pooling');
  const question = page.getByTestId('try-pooling-maps');
  await tabTo(page, question.getByRole('radio').first());
  await page.keyboard.press('Space');
  await expect(question.getByRole('radio').first()).toBeChecked();
  await tabTo(page, question.getByRole('button', { name: 'Check my prediction' }));
  await page.keyboard.press('Enter');
  await expect(question.getByRole('status')).toContainText('Right.');
  await tabTo(page, page.getByRole('link', { name: /8\. Training/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chapter')).toHaveAttribute('data-slug', 'training');
});

/** One Tab stop: the index of a control we listed (null for another stop, e.g. a scrolling box), and how its focus shows. */
interface Stop {
  index: number | null;
  what: string;
  focusShown: boolean;
}

test('keyboard only: on every page Tab visits every control once, in reading order, with its focus on show, and leaves the page', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const [hash, ready] of ROUTES) {
    await page.goto('./#/nowhere'); // a different document state, so each route starts its focus walk from the top
    await page.goto(`./${hash}`);
    await page.reload();
    await expect(page.locator(ready).first()).toBeVisible({ timeout: 90_000 });
    // The controls a keyboard user must reach, numbered in document (reading) order.
    const count = await page.evaluate(() => {
      const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
      // A radio group is one stop (arrows move inside it): its checked radio, else its first.
      const radioStop = (el: HTMLElement) => {
        if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
        const group = [
          ...document.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(el.name)}"]`),
        ];
        return el.checked || (!group.some((r) => r.checked) && group[0] === el);
      };
      const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter(
        (el) =>
          el.tabIndex >= 0 &&
          !(el as HTMLButtonElement).disabled &&
          el.getClientRects().length > 0 &&
          !el.closest('[inert], [hidden]') &&
          radioStop(el),
      );
      controls.forEach((el, i) => (el.dataset.walk = String(i)));
      return controls.length;
    });
    expect(count, `${hash} has nothing to reach by keyboard`).toBeGreaterThan(0);
    const stops: Stop[] = [];
    for (let presses = 0; presses < count * 2 + 20; presses++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate((): Stop | null => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const focusShown =
          (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        const what = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
        return { index: el.dataset.walk === undefined ? null : Number(el.dataset.walk), what, focusShown };
      });
      // Past the last control focus leaves the page (or wraps round to the first): no trap on the way.
      if (!stop || (stop.index === 0 && stops.length > 0)) break;
      stops.push(stop);
    }
    const listed = stops.flatMap((s) => (s.index === null ? [] : [s.index]));
    expect(listed, `${hash}: Tab order`).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(stops.length, `${hash}: focus never left the page (a trap?)`).toBeLessThan(count * 2 + 20);
    expect(
      stops.filter((s) => !s.focusShown).map((s) => s.what),
      `${hash}: stops without a visible focus`,
    ).toEqual([]);
  }
});
