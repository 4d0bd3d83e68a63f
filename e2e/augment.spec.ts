import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { canvasPixels, openPlayground, pixelVariance, SMALL, startTraining, waitForSteps, watchPage } from './fixtures';

test('augmentation from the address: previewed on test digits, in the form, and training runs with it', async ({
  page,
}) => {
  const problems = watchPage(page);
  await openPlayground(page, `${SMALL}&augShift=3&augRotate=15`);
  const preview = page.getByTestId('augment-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('augment-row')).toHaveCount(3);
  const original = preview.getByRole('img', { name: /^Test digit #0 \(a 7\), as it is$/ });
  const augmented = preview.getByRole('img', { name: /^Test digit #0 \(a 7\), augmented version 1$/ });
  await augmented.scrollIntoViewIfNeeded();
  expect(await pixelVariance(original)).toBeGreaterThan(10);
  expect(await pixelVariance(augmented)).toBeGreaterThan(10);
  const originalPixels = await canvasPixels(original);
  const augmentedPixels = await canvasPixels(augmented);
  const changed = augmentedPixels.filter((v, i) => v !== originalPixels[i]).length;
  expect(changed).toBeGreaterThan(100); // RGBA bytes: a moved and turned stroke, not a stray pixel

  // The form shows the address's values, the hint names them, and a change redraws the preview.
  await expect(page.getByLabel('Shift (px)')).toHaveValue('3');
  await expect(page.getByLabel('Turn (°)')).toHaveValue('15');
  await expect(page.getByLabel('Zoom (±)')).toHaveValue('0');
  await expect(page.getByText('augmented: shift ±3 px, turn ±15°')).toBeVisible();
  await page.getByLabel('Turn (°)').selectOption('0');
  await expect.poll(async () => (await canvasPixels(augmented)).some((v, i) => v !== augmentedPixels[i])).toBe(true);
  await expect(page).toHaveURL(/augShift=3/);
  await expect(page).not.toHaveURL(/augRotate/);

  await startTraining(page);
  await waitForSteps(page, 5);
  expect(problems).toEqual([]);
});

test('an augmentation setting out of range falls back to none with a notice', async ({ page }) => {
  await openPlayground(page, `${SMALL}&augShift=99`);
  await expect(page.getByTestId('param-notices')).toContainText('augShift=99 must be a number from 0 to 6; using 0.');
  await expect(page.getByLabel('Shift (px)')).toHaveValue('0');
  await expect(page.getByTestId('augment-preview')).toHaveCount(0);
});

test('axe finds no serious violation in the augmentation settings and preview', async ({ page }) => {
  await openPlayground(page, `${SMALL}&augNoise=0.2&augScale=0.1`);
  await expect(page.getByTestId('augment-row')).toHaveCount(3);
  await page.emulateMedia({ colorScheme: 'light' });
  const { violations, passes } = await new AxeBuilder({ page })
    .include('[data-testid="augment-preview"]')
    .include('form[aria-label="Training settings"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(passes.length).toBeGreaterThan(5);
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
