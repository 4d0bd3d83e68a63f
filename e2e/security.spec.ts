/**
 * The hardening issue's security promises, checked in the browser: text a user supplies (a file
 * name, a model name, anything in the address) is shown as text and never becomes markup; an
 * embed works inside another site's iframe, sandboxed or not, without reaching the page around it.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { crossCorrelate, EMBED_ROUTES, gridValues, openPlayground, openRoute, watchErrors } from './fixtures';

/**
 * Markup that would show itself if it were ever parsed as HTML: an <img> element appears, it
 * requests "x" next to the page, and its handler sets window.pwned. (The site's CSP would block
 * the inline handler, so the element and the request are the checks that bite.) No underscore:
 * in `arch=` an underscore separates layers, and the notice should quote the whole thing.
 */
const MARKUP = '<img src=x onerror="window.pwned=1">';

/** The embedding site. https, because a public http page may not frame a loopback address (see openHost). */
const HOST = 'https://embedder.test';
const HOST_PAGE = `${HOST}/course/week-3.html`;

/** Every URL the page (or a frame in it) requests. */
function watchRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Fails if the markup became an element anywhere, ran its handler, or loaded its image. */
async function expectNoMarkup(target: Page | Frame, requests: string[]) {
  expect(await target.locator('img, [onerror]').count(), 'an <img> from user text').toBe(0);
  expect(
    await target.evaluate(() => (window as unknown as { pwned?: unknown }).pwned),
    'the handler ran',
  ).toBeUndefined();
  expect(
    requests.filter((url) => /\/x(?:[?#]|$)/.test(url)),
    'the image was requested',
  ).toEqual([]);
}

test.describe('user text is shown as text', () => {
  test('a model file whose name is markup is refused by name, and a model saved under such a name is listed by it', async ({
    page,
  }) => {
    const problems = watchErrors(page);
    const requests = watchRequests(page);
    await openPlayground(page, 'backend=wasm&snapshotMs=200');
    const name = `${MARKUP}.json`;
    await page
      .getByLabel('Load files (.json and .bin)')
      .setInputFiles([{ name, mimeType: 'application/json', buffer: Buffer.from('{"format": "graph-model"}') }]);
    const message = page.getByTestId('model-message');
    await expect(message).toContainText(`"${name}" was not loaded:`);
    await expect(message).toContainText('graph model');
    expect(await message.locator('*').count(), 'the message is plain text').toBe(0);

    await page.getByLabel('Name').fill(MARKUP);
    await page.getByRole('button', { name: 'Save in this browser' }).click();
    await expect(message).toHaveText(`Saved "${MARKUP}" in this browser.`);
    const saved = page.getByTestId('saved-models');
    await expect(saved.getByRole('rowheader')).toHaveText([MARKUP]);
    await expect(page.getByRole('button', { name: `Load ${MARKUP}` })).toBeVisible();
    await expectNoMarkup(page, requests);
    expect(problems).toEqual([]);
  });

  /** Where markup goes in an address, the address, the notice it must show, and an element that proves the page still works. */
  const ADDRESSES: [string, string, string, string][] = [
    [
      'the playground’s arch',
      `#/playground?backend=wasm&arch=${encodeURIComponent(MARKUP)}`,
      `arch: layer 1 ('${MARKUP}') is not a layer this app knows`,
      'network-view',
    ],
    [
      'a chapter’s preset',
      `#/learn/convolution?preset=${encodeURIComponent(MARKUP)}`,
      `preset=${MARKUP} is not one of`,
      'conv-output',
    ],
    [
      'an embed’s preset',
      `#/embed/convolution?preset=${encodeURIComponent(MARKUP)}`,
      `preset=${MARKUP} is not one of`,
      'conv-output',
    ],
    [
      'an embed’s arch',
      `#/embed/architecture?arch=${encodeURIComponent(MARKUP)}`,
      `arch=${MARKUP} is not one of`,
      'architecture-diagram',
    ],
  ];
  for (const [where, hash, notice, works] of ADDRESSES) {
    test(`markup in ${where} is quoted as text in the notice`, async ({ page }) => {
      const problems = watchErrors(page);
      const requests = watchRequests(page);
      await page.goto(`./${hash}`);
      const notices = page.getByTestId('param-notices');
      await expect(notices).toContainText(notice);
      // The notice is made of its own paragraph and list, nothing from the address.
      expect(await notices.locator(':not(p, ul, li)').count()).toBe(0);
      await expect(page.getByTestId(works).first()).toBeVisible({ timeout: 90_000 });
      await expectNoMarkup(page, requests);
      expect(problems).toEqual([]);
    });
  }

  test('markup as the embed’s widget name is quoted as text', async ({ page }) => {
    const problems = watchErrors(page);
    const requests = watchRequests(page);
    await page.goto(`./#/embed/${encodeURIComponent(MARKUP)}`);
    // The widget name is the path as the address holds it: still percent-encoded, never decoded into markup.
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`There is no embeddable widget called “${encodeURIComponent(MARKUP)}”`);
    expect(await alert.locator('*').count()).toBe(0);
    await expectNoMarkup(page, requests);
    expect(problems).toEqual([]);
  });
});

/**
 * Serves a course page on another site that frames `src`, and returns the frame. The host page
 * records every message posted to it. A public page framing a loopback address (127.0.0.1, where
 * the tests serve the site) needs Chromium's local-network-access permission, and only a secure
 * page can be granted it; two public sites, as in real use, need nothing.
 */
async function openHost(page: Page, src: string, sandbox?: string): Promise<Frame> {
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Week 3: convolutions</title>
<script>
  window.received = [];
  addEventListener('message', (event) => received.push(event.origin + ' ' + String(event.data)));
</script>
</head>
<body>
<h1>Week 3: convolutions</h1>
<iframe src="${src}" title="ConvScope: Convolution" width="1000" height="900"${sandbox === undefined ? '' : ` sandbox="${sandbox}"`}></iframe>
</body>
</html>`;
  await page.route(`${HOST}/**`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
  // Chromium without local-network-access checks has no such permission and needs none.
  await page
    .context()
    .grantPermissions(['local-network-access'], { origin: HOST })
    .catch(() => undefined);
  await page.goto(HOST_PAGE);
  const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
  expect(frame).not.toBeNull();
  return frame!;
}

/** Checks a framed convolution embed computes and shows its numbers, and that editing it stays inside the frame. */
async function expectWorkingConvolution(page: Page, frame: Frame) {
  await expect(frame.getByTestId('embed')).toHaveAttribute('data-widget', 'convolution', { timeout: 30_000 });
  await expect(frame.getByTestId('conv-output')).toBeVisible();
  const input = frame.getByTestId('conv-input');
  const kernel = await gridValues(frame.getByTestId('conv-kernel'));
  const before = await gridValues(input);
  expect(before).toHaveLength(7);
  expect(await gridValues(frame.getByTestId('conv-output'))).toEqual(crossCorrelate(before, kernel, 2));
  // A click in the frame (a user gesture, which would let a frame navigate the top page) edits the
  // input: the widget writes the change to its own address, and the page around it keeps its own.
  await input.locator('[data-row="1"][data-col="1"]').click();
  await expect.poll(() => frame.url()).toContain('cells=');
  const after = await gridValues(input);
  expect(after[1]![1]).not.toBe(before[1]![1]);
  expect(await gridValues(frame.getByTestId('conv-output'))).toEqual(crossCorrelate(after, kernel, 2));
  expect(page.url()).toBe(HOST_PAGE);
  expect(
    await page.evaluate(() => (window as unknown as { received: string[] }).received),
    'messages posted to the host',
  ).toEqual([]);
}

test.describe('an embed in another site’s iframe', () => {
  test('works cross-origin, never messages or navigates the host page, and errors in the frame would be seen', async ({
    page,
    baseURL,
  }) => {
    const problems = watchErrors(page);
    const frame = await openHost(page, `${baseURL}#/embed/convolution?size=5&kernel=3&stride=2&pad=1`);
    expect(new URL(frame.url()).origin).not.toBe(new URL(HOST).origin);
    await expectWorkingConvolution(page, frame);
    expect(problems).toEqual([]);

    // The checks above can fail: an error raised, and a message posted, inside the frame reach them.
    await frame.evaluate(() => {
      console.error('canary');
      setTimeout(() => {
        throw new Error('canary');
      });
      parent.postMessage('canary', '*');
    });
    await expect.poll(() => problems.length).toBe(2);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { received: string[] }).received))
      .toEqual([`${new URL(baseURL!).origin} canary`]);
  });

  test('works in a sandbox="allow-scripts allow-same-origin" iframe', async ({ page, baseURL }) => {
    const problems = watchErrors(page);
    const frame = await openHost(
      page,
      `${baseURL}#/embed/convolution?size=5&kernel=3&stride=2&pad=1`,
      'allow-scripts allow-same-origin',
    );
    await expectWorkingConvolution(page, frame);
    expect(problems).toEqual([]);
  });

  // sandbox="allow-scripts" alone gives the frame an opaque origin, so its module scripts and
  // stylesheet are cross-origin requests: `vite preview` sends no Access-Control-Allow-Origin and
  // the browser blocks them. Hosts that send `Access-Control-Allow-Origin: *` (GitHub Pages does)
  // serve them; this test adds that header to every response of the site to check the app itself
  // runs with an opaque origin, where storage throws and a module worker cannot start.
  test('works in a sandbox="allow-scripts" iframe (opaque origin) when the host sends CORS headers', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const problems = watchErrors(page);
    await page.route(`${baseURL}**`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
    });
    const frame = await openHost(page, `${baseURL}#/embed/convolution?size=5&kernel=3&stride=2&pad=1`, 'allow-scripts');
    await expectWorkingConvolution(page, frame);
    expect(await frame.evaluate(() => origin)).toBe('null');
    expect(
      await frame.evaluate(() => {
        try {
          return typeof localStorage;
        } catch (error) {
          return (error as Error).name;
        }
      }),
    ).toBe('SecurityError');

    // The trained network: tfjs, the MNIST test digits and the pretrained weights, all fetched from an opaque origin.
    await frame.goto(`${baseURL}#/embed/network`);
    await expect(frame.getByTestId('output-probabilities')).toHaveAttribute('data-predicted', '7', { timeout: 90_000 });
    expect(page.url()).toBe(HOST_PAGE);
    expect(problems).toEqual([]);
  });

  test('the embed’s only link opens ConvScope in a new tab that cannot reach back', async ({ page, baseURL }) => {
    const problems = watchErrors(page);
    const frame = await openHost(page, `${baseURL}#/embed/convolution`);
    const link = frame.getByRole('link');
    await expect(link).toHaveCount(1);
    await expect(link).toHaveAttribute('target', '_blank');
    expect((await link.getAttribute('rel'))?.split(/\s+/)).toContain('noopener');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${baseURL}#/learn/convolution`);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    await expect(tab.locator('main h1').first()).toBeVisible();
    await tab.close();
    expect(page.url()).toBe(HOST_PAGE);
    expect(frame.url()).toContain('#/embed/convolution');
    expect(problems).toEqual([]);
  });

  test('no embed has a link that would open anywhere but a new tab', async ({ page }) => {
    for (const [hash, ready] of EMBED_ROUTES) {
      await openRoute(page, hash, ready);
      await expect(page.getByRole('link', { name: 'Open in ConvScope' })).toBeVisible();
      const links = await page
        .locator('a')
        .evaluateAll((anchors) => anchors.map((a) => `${a.getAttribute('target')} ${a.getAttribute('rel')}`));
      for (const link of links) expect(link, `a link in ${hash}`).toMatch(/^_blank .*\bnoopener\b/);
    }
  });
});
