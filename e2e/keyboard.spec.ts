import { expect, test } from '@playwright/test';

/** Every explorable with a stepper: open paused, then drive it from the keyboard alone. */
const STEPPERS = [
  { path: 'learn/pooling', output: 'pool-output' },
  { path: 'learn/channels', output: 'ch-output' },
  { path: 'learn/convolution', output: 'conv-output' },
];

for (const { path, output } of STEPPERS) {
  test(`${path}: Tab reaches the stepper, and arrows, Home and End drive it`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`./#/${path}`);
    const hidden = () => page.getByTestId(output).locator('[data-hidden="true"]').count();
    await expect(page.getByTestId(output)).toBeVisible();
    const total = await hidden();
    expect(total).toBeGreaterThan(1);
    // Tab until focus lands on the Play button, as a keyboard user would.
    const play = page.getByRole('button', { name: 'Play' });
    for (let i = 0; i < 40 && !(await play.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await expect(play).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await hidden()).toBe(total - 2);
    await page.keyboard.press('End');
    expect(await hidden()).toBe(0);
    await page.keyboard.press('Home');
    expect(await hidden()).toBe(total);
    await page.keyboard.press('Enter');
    await expect(play).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(hidden).toBeLessThan(total);
  });
}

test('learn/activation: its settings are ordinary form controls that the keyboard changes', async ({ page }) => {
  await page.goto('./#/learn/activation');
  const fn = page.getByRole('combobox', { name: /^Function/ });
  await fn.focus();
  await page.keyboard.press('ArrowDown');
  await expect(fn).not.toHaveValue('relu');
  expect(page.url()).toContain('fn=');
});
