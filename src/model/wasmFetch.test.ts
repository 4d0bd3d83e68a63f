import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fetchGzippedWasm } from './wasmFetch';

const WASM = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 42);

/** A server holding `files` by path; records what was asked. */
function server(files: Record<string, Uint8Array | string>) {
  const asked: string[] = [];
  const fetchImpl = async (path: string) => {
    asked.push(path);
    const body = files[path];
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body as BlobPart);
  };
  return { asked, fetchImpl };
}

const bytesOf = async (response: Response) => Array.from(new Uint8Array(await response.arrayBuffer()));

describe('fetchGzippedWasm', () => {
  it('fetches the gzipped copy and inflates it, without touching the plain file', async () => {
    const { asked, fetchImpl } = server({ 'a.wasm.gz': gzipSync(WASM), 'a.wasm': 'unused' });
    const response = await fetchGzippedWasm('a.wasm', undefined, fetchImpl);
    expect(await bytesOf(response)).toEqual(Array.from(WASM));
    expect(response.headers.get('Content-Type')).toBe('application/wasm');
    expect(asked).toEqual(['a.wasm.gz']);
  });

  it('accepts a copy the host already inflated (Content-Encoding: gzip)', async () => {
    const { fetchImpl } = server({ 'a.wasm.gz': WASM });
    expect(await bytesOf(await fetchGzippedWasm('a.wasm', undefined, fetchImpl))).toEqual(Array.from(WASM));
  });

  it('falls back to the plain file when the copy is missing, damaged or a web page', async () => {
    for (const copy of [undefined, gzipSync(WASM).subarray(0, 12), '<!doctype html>']) {
      const { asked, fetchImpl } = server({ 'a.wasm': WASM, ...(copy === undefined ? {} : { 'a.wasm.gz': copy }) });
      expect(await bytesOf(await fetchGzippedWasm('a.wasm', undefined, fetchImpl))).toEqual(Array.from(WASM));
      expect(asked).toEqual(['a.wasm.gz', 'a.wasm']);
    }
  });
});
