import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import { readModelSource } from './modelFetch';
import { readModelFiles } from './modelFile';
import {
  binPart,
  bytesOf,
  distinctiveModel,
  errorOf,
  group,
  JSON_NAME,
  jsonPart,
  okOf,
  validFiles,
  withJson,
} from './modelFile.test-helpers';

const FOLDER = 'https://example.org/courses/cnn/models/pretrained/';
const MODEL_URL = `${FOLDER}${JSON_NAME}`;

/** Stubs `fetch` with a server that answers these URLs and 404s every other; returns the URLs asked for. */
function serve(files: Record<string, ArrayBuffer>): string[] {
  const requested: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    requested.push(url);
    const body = files[url];
    return body ? new Response(body.slice(0)) : new Response('not here', { status: 404, statusText: 'Not Found' });
  });
  return requested;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readModelSource from a URL', () => {
  it('fetches model.json, then the weights file it names from the same folder, and reads the model', async () => {
    const files = validFiles();
    const requested = serve({
      [MODEL_URL]: jsonPart(files).data,
      [`${FOLDER}convscope-model.weights.bin`]: binPart(files).data,
    });
    const model = okOf(await readModelSource({ kind: 'url', url: MODEL_URL }));
    expect(requested).toEqual([MODEL_URL, `${FOLDER}convscope-model.weights.bin`]);
    expect(model.spec).toEqual(DEFAULT_SPEC);
    expect(model.trainedExamples).toBe(123_456);
    model.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(distinctiveModel().weights[i]!)));
  });

  it('resolves a manifest path with a folder against model.json, and keeps the path as the file name', async () => {
    const files = withJson(validFiles(), (json) => (group(json).paths = ['../shared/w.bin']));
    const binUrl = 'https://example.org/courses/cnn/models/shared/w.bin';
    const requested = serve({ [MODEL_URL]: jsonPart(files).data, [binUrl]: binPart(validFiles()).data });
    const model = okOf(await readModelSource({ kind: 'url', url: MODEL_URL }));
    expect(requested).toEqual([MODEL_URL, binUrl]);
    expect(model.weights[5]![9]).toBe(Math.fround(5.009));
  });

  it('says which URL failed and what the server answered when model.json is missing', async () => {
    serve({});
    const url = 'https://example.org/models/absent.json';
    expect(errorOf(await readModelSource({ kind: 'url', url }))).toBe(
      'The model at https://example.org/models/absent.json could not be read: the server answered 404 Not Found for absent.json',
    );
  });

  it('names the missing weights file by its manifest path', async () => {
    serve({ [MODEL_URL]: jsonPart(validFiles()).data });
    expect(errorOf(await readModelSource({ kind: 'url', url: MODEL_URL }))).toBe(
      `The model at ${MODEL_URL} could not be read: the server answered 404 Not Found for convscope-model.weights.bin`,
    );
  });

  it('passes the network’s own sentence on when the request fails', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(errorOf(await readModelSource({ kind: 'url', url: MODEL_URL }))).toBe(
      `The model at ${MODEL_URL} could not be read: Failed to fetch`,
    );
  });

  it('fetches no weights for a model.json that does not parse, and says it is not JSON', async () => {
    const requested = serve({ [MODEL_URL]: bytesOf('{"weightsManifest": [{"paths": ["convscope-model.weights.bin"]') });
    const message = errorOf(await readModelSource({ kind: 'url', url: MODEL_URL }));
    expect(requested).toEqual([MODEL_URL]);
    expect(message).toMatch(/model\.json is not valid JSON/i);
  });
});

describe('readModelSource from files', () => {
  it('reads files in memory without fetching anything', async () => {
    const requested = serve({});
    const files = validFiles();
    expect(okOf(await readModelSource({ kind: 'files', files })).spec).toEqual(DEFAULT_SPEC);
    expect(requested).toEqual([]);
  });

  it('gives the same verdict as readModelFiles for files that fail validation', async () => {
    const files = [jsonPart(validFiles())];
    const message = errorOf(await readModelSource({ kind: 'files', files }));
    expect(message).toMatch(
      /needs the weights file "convscope-model\.weights\.bin", but it was not among the files \(none\)/,
    );
    expect(message).toBe(errorOf(readModelFiles(files)));
  });
});
