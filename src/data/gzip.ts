/** Gzip decompression in the browser (and Node), for files the build ships gzipped. */

/**
 * `bytes` inflated when they start with the gzip magic, else as they are: some hosts serve
 * `.gz` files with `Content-Encoding: gzip`, so the browser has already inflated them.
 * Rejects when gzip data is damaged.
 */
export async function maybeGunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
