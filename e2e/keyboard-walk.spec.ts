import { expect, test, type Page } from '@playwright/test';
import { openPlayground, statValue } from './fixtures';

/** Presses Tab until `target` has focus (at most `limit` presses), checking every stop shows a focus outline. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'body';
      const style = getComputedStyle(el);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? 'visible' : `${el.tagName} without outline`;
    });
    expect(['visible', 'body']).toContain(outline);
  }
  throw new Error(`Tab never reached ${target}`);
}

test('keyboard only: the playground trains, pauses and steps, every stop on the way showing its focus', async ({ page }) => {
  await openPlayground(page, 'backend=wasm&weights=random&trainSize=512&batch=32&snapshotMs=200');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 90_000 });
  await page.locator('h1').click();
  await tabTo(page, page.getByLabel('Batch size'));
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
