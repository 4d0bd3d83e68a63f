/**
 * The data set file a teacher hands a class (issue 14): one JSON document,
 *
 *   { "format": "convscope-dataset", "version": 1,
 *     "classes": [{ "name": "circle", "examples": ["<base64 of 784 bytes>", ...] }, ...] }
 *
 * each example a 28×28 grey image, row-major bytes (0 = paper, 255 = ink), class i = label i.
 *
 * Why one JSON rather than a PNG sprite and a manifest: it is one file to hand round, it is
 * read here without a canvas (so in a worker and in unit tests, and with no browser colour
 * management or premultiplied alpha to alter the bytes), and its size is fine: a set at the
 * limits, 10 × 1,000 examples, is about 10.5 MB.
 *
 * Reading never throws and trusts nothing: the length is checked before parsing, counts before
 * iterating, and every problem is one sentence saying what is wrong and what to do. Pure.
 */
import {
  checkClassName,
  checkDataSet,
  DATA_SET_LIMITS,
  EXAMPLE_PIXELS,
  type DataSet,
  type DataSetClass,
} from '../core/dataSet';
import { field, isRecord, quote } from './untrustedJson';

export const DATA_SET_FILE_FORMAT = 'convscope-dataset';
export const DATA_SET_FILE_VERSION = 1;
/** Twice a set at the limits: room to spare, refused before JSON.parse is asked to build it. */
export const MAX_DATA_SET_FILE_CHARS = 20_000_000;
export const DATA_SET_FILE_NAME = 'convscope-dataset.json';
/** Characters of one example's base64: 4 per 3 bytes, padded. */
export const EXAMPLE_BASE64_LENGTH = 4 * Math.ceil(EXAMPLE_PIXELS / 3);

/** Keys that mean nothing in a data set and everything to a prototype-pollution attack. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const AGAIN = 'Choose a data set file saved from ConvScope.';

export type DataSetFileResult = { ok: true; set: DataSet } | { ok: false; reason: string };

/** The file text of a set. Throws a RangeError when the set breaks the limits, which readDataSetFile would refuse. */
export function writeDataSetFile(set: DataSet): string {
  const problem = checkDataSet(set);
  if (problem) throw new RangeError(`writeDataSetFile: ${problem}`);
  const doc = {
    format: DATA_SET_FILE_FORMAT,
    version: DATA_SET_FILE_VERSION,
    classes: set.classes.map((c) => ({ name: c.name, examples: c.examples.map(toBase64) })),
  };
  return JSON.stringify(doc, null, 1);
}

/** Reads and checks a data set file's text. */
export function readDataSetFile(text: string): DataSetFileResult {
  if (typeof text !== 'string') return refuse(`The file could not be read as text. ${AGAIN}`);
  if (text.length > MAX_DATA_SET_FILE_CHARS) {
    const { maxClasses, maxExamplesPerClass } = DATA_SET_LIMITS;
    return refuse(
      `The file is over ${megabytes(MAX_DATA_SET_FILE_CHARS)}, the most a data set file can be (a set at the limits, ${maxClasses} classes of ${maxExamplesPerClass.toLocaleString('en')} examples, takes about 10.5 MB). ${AGAIN}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return refuse(`The file is not a ConvScope data set: it is not JSON text. ${AGAIN}`);
  }
  if (!isRecord(json)) return refuse(`The file is not a ConvScope data set: it holds no JSON object. ${AGAIN}`);
  const forbidden = forbiddenKey(json, 'The file');
  if (forbidden) return refuse(forbidden);

  const format = field(json, 'format');
  if (format === 'layers-model') {
    return refuse(`This is a ConvScope model file, not a data set. ${AGAIN}`);
  }
  if (format !== DATA_SET_FILE_FORMAT) {
    return refuse(
      `The file is not a ConvScope data set: its "format" is ${quote(format)}, not "${DATA_SET_FILE_FORMAT}". ${AGAIN}`,
    );
  }
  const version = field(json, 'version');
  if (version !== DATA_SET_FILE_VERSION) {
    const newer = typeof version === 'number' && Number.isInteger(version) && version > DATA_SET_FILE_VERSION;
    return refuse(
      newer
        ? `The data set was saved by a newer ConvScope (file version ${version}); this page reads version ${DATA_SET_FILE_VERSION}. Reload the page to update it.`
        : `The data set file has version ${quote(version)}; this page reads version ${DATA_SET_FILE_VERSION}. ${AGAIN}`,
    );
  }

  const rawClasses = field(json, 'classes');
  if (!Array.isArray(rawClasses)) {
    return refuse(`The data set has no list of classes ("classes" is ${quote(rawClasses)}). ${AGAIN}`);
  }
  const { minClasses, maxClasses } = DATA_SET_LIMITS;
  if (rawClasses.length < minClasses || rawClasses.length > maxClasses) {
    return refuse(
      `The data set has ${rawClasses.length.toLocaleString('en')} ${rawClasses.length === 1 ? 'class' : 'classes'}; a data set has ${minClasses} to ${maxClasses}. ${AGAIN}`,
    );
  }
  const classes: DataSetClass[] = [];
  for (let i = 0; i < rawClasses.length; i++) {
    const read = readClass(rawClasses[i], i, classes);
    if ('reason' in read) return refuse(read.reason);
    classes.push(read.ok);
  }
  return { ok: true, set: { classes } };
}

/** Class `index` (0-based) of the file, checked against the classes already read. */
function readClass(raw: unknown, index: number, before: DataSetClass[]): { ok: DataSetClass } | { reason: string } {
  const where = `Class ${index + 1}`;
  if (!isRecord(raw)) return { reason: `${where} of the data set is ${quote(raw)}, not a class. ${AGAIN}` };
  const forbidden = forbiddenKey(raw, where);
  if (forbidden) return { reason: forbidden };
  const rawName = field(raw, 'name');
  if (typeof rawName !== 'string') {
    return { reason: `${where} has no name ("name" is ${quote(rawName)}); a class name is text. ${AGAIN}` };
  }
  const name = checkClassName(
    rawName,
    before.map((c) => c.name),
  );
  if (!name.ok) return { reason: `${where}: ${name.reason}` };
  const named = `${where} ("${name.name}")`;

  const rawExamples = field(raw, 'examples');
  if (!Array.isArray(rawExamples)) {
    return { reason: `${named} has no list of examples ("examples" is ${quote(rawExamples)}). ${AGAIN}` };
  }
  const { maxExamplesPerClass } = DATA_SET_LIMITS;
  if (rawExamples.length > maxExamplesPerClass) {
    return {
      reason: `${named} has ${rawExamples.length.toLocaleString('en')} examples; a class holds at most ${maxExamplesPerClass.toLocaleString('en')}. Remove some and save it again.`,
    };
  }
  const examples: Uint8Array[] = [];
  for (let e = 0; e < rawExamples.length; e++) {
    const example = readExample(rawExamples[e]);
    if (typeof example === 'string') return { reason: `${named}, example ${e + 1}: ${example} ${AGAIN}` };
    examples.push(example);
  }
  return { ok: { name: name.name, examples } };
}

/** One example's bytes, or what is wrong with it. */
function readExample(raw: unknown): Uint8Array | string {
  if (typeof raw !== 'string') return `expected base64 text of a 28×28 image, found ${quote(raw)}.`;
  if (!BASE64.test(raw) || raw.length % 4 !== 0) return 'the image is not valid base64 text; the file is damaged.';
  const bytes = fromBase64(raw);
  if (bytes === null) return 'the image is not valid base64 text; the file is damaged.';
  if (bytes.length !== EXAMPLE_PIXELS) {
    return `the image is ${bytes.length.toLocaleString('en')} bytes, not ${EXAMPLE_PIXELS} (one 28×28 grey image); the file is damaged.`;
  }
  return bytes;
}

function forbiddenKey(record: Record<string, unknown>, where: string): string | null {
  const key = Object.keys(record).find((k) => FORBIDDEN_KEYS.includes(k));
  return key === undefined
    ? null
    : `${where} holds a field named "${key}", which no data set has: the file may have been made to attack the page, so it was not loaded. ${AGAIN}`;
}

function refuse(reason: string): DataSetFileResult {
  return { ok: false, reason };
}

function megabytes(chars: number): string {
  return `${(chars / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

/** The bytes of base64 text, or null when atob refuses it. */
function fromBase64(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
