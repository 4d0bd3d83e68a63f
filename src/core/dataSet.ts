/**
 * A user's own data set (issue 14): 2 to 10 named classes of 28×28 grey examples, drawn,
 * uploaded or taken from MNIST. Its limits and naming rules live here, once, for the editor,
 * the file reader and the trainer.
 *
 * Examples are bytes (0 = paper, 255 = ink, row-major), as MNIST stores its images: a set at
 * the limit (10 × 1,000 × 784 B) is under 8 MB, a quarter of what float32 would take.
 */

/** Side of an example, px. */
export const EXAMPLE_SIDE = 28;
/** Bytes in an example. */
export const EXAMPLE_PIXELS = EXAMPLE_SIDE * EXAMPLE_SIDE;

export const DATA_SET_LIMITS = {
  minClasses: 2,
  maxClasses: 10,
  /** In characters (code points), after trimming. */
  maxClassNameLength: 40,
  maxExamplesPerClass: 1000,
} as const;

/** The share of each class held out for testing, unless the user chooses another. */
export const DEFAULT_HELD_OUT_SHARE = 0.2;
/** Bounds of the held-out share: at least a tenth tested, at least half trained on. */
export const HELD_OUT_SHARE_BOUNDS = { min: 0.1, max: 0.5 } as const;

/** A held-out share within HELD_OUT_SHARE_BOUNDS; anything not a finite number reads as the default. */
export function clampHeldOutShare(share: number): number {
  if (!Number.isFinite(share)) return DEFAULT_HELD_OUT_SHARE;
  return Math.min(HELD_OUT_SHARE_BOUNDS.max, Math.max(HELD_OUT_SHARE_BOUNDS.min, share));
}

export interface DataSetClass {
  /** Plain text, trimmed, 1 to maxClassNameLength characters, unique in its set (ignoring case). */
  name: string;
  /** EXAMPLE_PIXELS bytes each. */
  examples: Uint8Array[];
}

/** Class i's label is i. */
export interface DataSet {
  classes: DataSetClass[];
}

/** A [0, 1] digit (ink high), as the drawing pad and imageToDigit give it, as example bytes. */
export function exampleFromDigit(digit: Float32Array): Uint8Array {
  if (digit.length !== EXAMPLE_PIXELS) {
    throw new RangeError(`exampleFromDigit: expected ${EXAMPLE_PIXELS} values, got ${digit.length}`);
  }
  const bytes = new Uint8Array(EXAMPLE_PIXELS);
  for (let i = 0; i < EXAMPLE_PIXELS; i++) {
    const v = digit[i]!;
    bytes[i] = v >= 1 ? 255 : v > 0 ? Math.round(v * 255) : 0; // NaN reads as paper
  }
  return bytes;
}

/** Example bytes as a [0, 1] digit, the model's input scale (as MNIST bytes / 255). */
export function digitFromExample(example: Uint8Array): Float32Array {
  return Float32Array.from(example, (b) => b / 255);
}

/** Characters that would make a name lie about itself on screen: controls, line breaks, direction overrides. */
const HIDDEN_CHARACTER = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const HIDDEN_CHARACTERS = new RegExp(HIDDEN_CHARACTER.source, 'gu');

/** The form two names are compared in: "Cat" and "cat " name the same class. */
export function classNameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

export type ClassNameCheck = { ok: true; name: string } | { ok: false; reason: string };

/**
 * Checks a class name as typed or read from a file: trimmed, 1 to maxClassNameLength
 * characters, no control or direction-override characters, not the name of another class.
 * Returns the trimmed name, or a reason saying what to change.
 */
export function checkClassName(raw: string, otherNames: readonly string[] = []): ClassNameCheck {
  const name = raw.trim();
  if (name === '') return { ok: false, reason: 'A class needs a name: type at least one character.' };
  const max = DATA_SET_LIMITS.maxClassNameLength;
  // A code point is at most 2 UTF-16 units, so a hostile megabyte-long name is refused unspread.
  const length = name.length > 2 * max ? null : [...name].length;
  if (length === null || length > max) {
    const start = [...name.slice(0, 2 * 20)].slice(0, 20).join('');
    return {
      ok: false,
      reason: `The class name "${start}…" is ${length ?? `over ${max}`} characters long; shorten it to ${max} or fewer.`,
    };
  }
  const hidden = HIDDEN_CHARACTER.exec(name);
  if (hidden) {
    const code = `U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      ok: false,
      reason: `The class name "${name.replace(HIDDEN_CHARACTERS, '').slice(0, 40)}" holds an invisible control character (${code}); use plain text.`,
    };
  }
  const key = classNameKey(name);
  if (otherNames.some((other) => classNameKey(other) === key)) {
    return { ok: false, reason: `Two classes are named "${name}"; give each class its own name.` };
  }
  return { ok: true, name };
}

/**
 * The set as one block of images and one label per image, in class order (class i is label i),
 * the form MNIST splits take, for the trainer and for stratifiedSplit.
 */
export function flattenDataSet(set: DataSet): { images: Uint8Array; labels: Uint8Array; count: number } {
  const count = set.classes.reduce((total, c) => total + c.examples.length, 0);
  const images = new Uint8Array(count * EXAMPLE_PIXELS);
  const labels = new Uint8Array(count);
  let i = 0;
  set.classes.forEach((c, label) => {
    for (const example of c.examples) {
      if (example.length !== EXAMPLE_PIXELS) {
        throw new RangeError(
          `flattenDataSet: an example of "${c.name}" has ${example.length} bytes, not ${EXAMPLE_PIXELS}`,
        );
      }
      images.set(example, i * EXAMPLE_PIXELS);
      labels[i] = label;
      i++;
    }
  });
  return { images, labels, count };
}

/**
 * What makes a set break the limits (class count, names, examples per class, example size), or
 * null when it keeps them: the rules a saved file must keep to be read back.
 */
export function checkDataSet(set: DataSet): string | null {
  const { minClasses, maxClasses, maxExamplesPerClass } = DATA_SET_LIMITS;
  if (set.classes.length < minClasses || set.classes.length > maxClasses) {
    return `A data set has ${minClasses} to ${maxClasses} classes, not ${set.classes.length}.`;
  }
  const names: string[] = [];
  for (const c of set.classes) {
    const name = checkClassName(c.name, names);
    if (!name.ok) return name.reason;
    if (name.name !== c.name) return `The class name "${c.name}" has spaces around it.`;
    names.push(c.name);
    if (c.examples.length > maxExamplesPerClass) {
      return `"${c.name}" has ${c.examples.length} examples; a class holds at most ${maxExamplesPerClass}.`;
    }
    if (c.examples.some((e) => e.length !== EXAMPLE_PIXELS)) {
      return `"${c.name}" has an example that is not ${EXAMPLE_PIXELS} bytes.`;
    }
  }
  return null;
}
