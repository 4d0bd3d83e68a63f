/**
 * Shared fixtures of the model file tests: a valid model whose weights have distinctive values,
 * its files, and helpers that take the files apart, mutate model.json or swap the weights file.
 * Test-only: imported by src/data/modelFile.*.test.ts and modelFetch.test.ts, never by the app.
 */
import { DEFAULT_SPEC } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import {
  expectedWeights,
  sizeOf,
  writeModelFiles,
  type LoadedModel,
  type ModelFilePart,
  type Result,
} from './modelFile';

/** The default file names writeModelFiles gives. */
export const JSON_NAME = 'convscope-model.json';
export const BIN_NAME = 'convscope-model.weights.bin';
/** DEFAULT_SPEC's 5,994 parameters as float32. */
export const DEFAULT_WEIGHT_BYTES = 5_994 * 4;

/** One weight as model.json lists it. */
export interface WeightEntry {
  name: string;
  shape: number[];
  dtype?: string;
}

/** The parts of a model.json the tests read and mutate. */
export interface ModelJson {
  [key: string]: unknown;
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[];
  convscope: Record<string, unknown>;
}

/** Distinctive values: weights[i][j] = i + j / 1000. */
export function distinctiveModel(spec: ModelSpec = DEFAULT_SPEC): LoadedModel {
  const weights = expectedWeights(spec).map((w, i) =>
    Float32Array.from({ length: sizeOf(w.shape) }, (_, j) => i + j / 1000),
  );
  return { spec, weights, testAccuracy: 0.987, trainedExamples: 123_456 };
}

/** distinctiveModel() written as files: [model.json, weights.bin], with a stand-in topology. */
export function validFiles(): ModelFilePart[] {
  return writeModelFiles(distinctiveModel(), { some: 'topology' });
}

/** A file's bytes decoded as UTF-8. */
export function textOf(part: ModelFilePart): string {
  return new TextDecoder().decode(part.data);
}

/** The .json file among `files`. */
export function jsonPart(files: readonly ModelFilePart[]): ModelFilePart {
  const part = files.find((f) => f.name.endsWith('.json'));
  if (!part) throw new Error('no .json file');
  return part;
}

/** The .bin file among `files`. */
export function binPart(files: readonly ModelFilePart[]): ModelFilePart {
  const part = files.find((f) => f.name.endsWith('.bin'));
  if (!part) throw new Error('no .bin file');
  return part;
}

/** A parsed copy of the files' model.json. */
export function jsonOf(files: readonly ModelFilePart[]): ModelJson {
  return JSON.parse(textOf(jsonPart(files))) as ModelJson;
}

/** `text` as UTF-8 bytes. */
export function bytesOf(text: string): ArrayBuffer {
  return new TextEncoder().encode(text).buffer as ArrayBuffer;
}

/** The files with model.json's text replaced by `text`. */
export function withJsonText(files: readonly ModelFilePart[], text: string): ModelFilePart[] {
  return files.map((f) => (f.name.endsWith('.json') ? { name: f.name, data: bytesOf(text) } : f));
}

/** The files with model.json replaced by a mutated copy. */
export function withJson(files: readonly ModelFilePart[], mutate: (json: ModelJson) => void): ModelFilePart[] {
  const json = jsonOf(files);
  mutate(json);
  return withJsonText(files, JSON.stringify(json));
}

/** The files with the weights file replaced by `data`, named `name`. */
export function withBin(files: readonly ModelFilePart[], data: ArrayBuffer, name = BIN_NAME): ModelFilePart[] {
  return files.map((f) => (f.name.endsWith('.bin') ? { name, data } : f));
}

/** model.json's first weightsManifest group. */
export function group(json: ModelJson): ModelJson['weightsManifest'][number] {
  const first = json.weightsManifest[0];
  if (!first) throw new Error('no manifest group');
  return first;
}

/** Entry `index` of the first manifest group's weights. */
export function weightEntry(json: ModelJson, index: number): WeightEntry {
  const entry = group(json).weights[index];
  if (!entry) throw new Error(`no weight ${index}`);
  return entry;
}

/** `record` typed loosely, so a test can delete or retype any of its fields. */
export function loose(record: object): Record<string, unknown> {
  return record as Record<string, unknown>;
}

/** The value of a result expected to succeed; throws with the error otherwise. */
export function okOf<T>(result: Result<T>): T {
  if ('error' in result) throw new Error(`unexpected error: ${result.error}`);
  return result.ok;
}

/** The sentence of a result expected to fail; throws if it succeeded. */
export function errorOf<T>(result: Result<T>): string {
  if ('ok' in result) throw new Error('expected an error, got ok');
  return result.error;
}

/** The valid model.json's text, built by hand so key order and `__proto__` keys are exactly as written. */
export function validJsonText(convscope: string): string {
  const json = jsonOf(validFiles());
  return `{"__proto__": {"polluted": 1}, "format": "layers-model", "modelTopology": null, "weightsManifest": ${JSON.stringify(
    json.weightsManifest,
  )}, "convscope": ${convscope}}`;
}
