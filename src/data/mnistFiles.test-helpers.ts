/** A fetch that serves the prepared MNIST files to the loaders under test. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BASE = 'http://localhost/app/';
export const DATA_DIR = join(__dirname, '../../public/data/mnist');

/** A fetch that serves public/data/mnist (written by `npm run prepare-data`), with overrides per file name. */
export function fakeFetch(overrides: Record<string, () => Response> = {}): typeof fetch {
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
