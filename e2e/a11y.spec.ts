import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/** Every route a visitor can reach, with the element that shows it has rendered. */
const ROUTES: [string, string][] = [
  ['#/', 'h1'],
  ['#/playground?backend=wasm', '[data-testid="network-view"]'],
  ['#/learn', '[data-testid="chapter-list"]'],
  ...['why-convolutions', 'convolution', 'parameters', 'padding', 'channels', 'activation', 'pooling', 'training', 'features', 'history'].map(
    (slug): [string, string] => [`#/learn/${slug}`, '[data-testid="chapter"]'],
  ),
  ['#/embeds', '[data-testid^="embed-card-"]'],
  ['#/embed/convolution', '[data-testid="embed"]'],
  ['#/embed/network', '[data-testid="network-view"]'],
  ['#/embed/ilsvrc', '[data-testid="ilsvrc-chart"]'],
  ['#/nowhere', 'h1'],
];

for (const [hash, ready] of ROUTES) {
  test(`axe finds no serious or critical accessibility violation on ${hash}`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`./${hash}`);
    await expect(page.locator(ready).first()).toBeVisible({ timeout: 90_000 });
    const { violations, passes } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(passes.length).toBeGreaterThan(5); // the scan really ran over the page
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(serious).toEqual([]);
  });
}
