/**
 * The WebAssembly binaries, fetched gzipped when the build ships a `.gz` beside them: a third of
 * the bytes (138 KB instead of 425 KB for the SIMD build), whether or not the host compresses
 * wasm, and many do not. Anything else, or no `.gz`, falls back to the plain file.
 */
import * as tf from '@tensorflow/tfjs';
import { maybeGunzip } from '../data/gzip';

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d]; // "\0asm"

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

/** `path` (a `.wasm` URL) fetched as `path.gz` and inflated, or plain when that fails or is not wasm. */
export async function fetchGzippedWasm(
  path: string,
  init: RequestInit | undefined,
  fetchImpl: Fetch,
): Promise<Response> {
  try {
    const response = await fetchImpl(`${path}.gz`, init);
    if (response.ok) {
      const bytes = await maybeGunzip(new Uint8Array(await response.arrayBuffer()));
      if (WASM_MAGIC.every((b, i) => bytes[i] === b))
        return new Response(bytes as BlobPart, { headers: { 'Content-Type': 'application/wasm' } });
    }
  } catch {
    // A missing, damaged or refused `.gz`: the plain file will do.
  }
  return fetchImpl(path, init);
}

/** Routes tfjs's own fetches of `.wasm` files through fetchGzippedWasm (with setWasmPaths(…, true)). */
export function fetchWasmGzipped(): void {
  const env = tf.env();
  const platform = env.platform;
  const plain: Fetch = (path, init) => platform.fetch(path, init);
  const fetch: Fetch = (path, init) =>
    path.endsWith('.wasm') ? fetchGzippedWasm(path, init, plain) : plain(path, init);
  env.setPlatform(`${env.platformName}-gzipped-wasm`, Object.assign(Object.create(platform), { fetch }));
}
