/**
 * Reading a model from where it lives: files already in memory (chosen by the user or
 * stored), or a model.json URL and the weight files its manifest names, fetched relative
 * to it. Validation is readModelFiles's; this only gathers the bytes. Never rejects: every
 * problem becomes one sentence in `error`.
 */
import { readModelFiles, type LoadedModel, type ModelFilePart, type Result } from './modelFile';

/** Where a model's files are. protocol's ModelSource is this plus a label for the page. */
export type ModelFileSource = { kind: 'files'; files: readonly ModelFilePart[] } | { kind: 'url'; url: string };

/** Reads and validates a model from chosen files or from a model.json URL and the files it names. */
export async function readModelSource(source: ModelFileSource): Promise<Result<LoadedModel>> {
  if (source.kind === 'files') return readModelFiles(source.files);
  try {
    const json = await fetchFile(source.url);
    const weights = await Promise.all(
      weightPaths(json.data).map((path) => fetchFile(new URL(path, source.url).href, path)),
    );
    return readModelFiles([json, ...weights]);
  } catch (error) {
    return { error: `The model at ${source.url} could not be read: ${(error as Error).message}` };
  }
}

/** The weight file names a model.json lists (none if it cannot be parsed: validation then says why). */
function weightPaths(json: ArrayBuffer): string[] {
  try {
    const manifest = JSON.parse(new TextDecoder().decode(json).replace(/^\uFEFF/, '')) as {
      weightsManifest?: { paths?: unknown }[];
    };
    const groups = Array.isArray(manifest.weightsManifest) ? manifest.weightsManifest : [];
    return groups.flatMap((group) =>
      Array.isArray(group?.paths) ? group.paths.filter((p): p is string => typeof p === 'string') : [],
    );
  } catch {
    return [];
  }
}

/** One file from the server, named by `name` (by default the last segment of the URL's path). */
async function fetchFile(url: string, name = new URL(url).pathname.split('/').pop() ?? url): Promise<ModelFilePart> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText} for ${name}`);
  return { name, data: await response.arrayBuffer() };
}
