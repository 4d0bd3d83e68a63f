/**
 * The data set editor's edits, as pure functions: each returns a new set (the old one is left as
 * it was, so React sees a change) or says, in a sentence, why the edit cannot be made. The limits
 * come from DATA_SET_LIMITS; example bytes are shared between the old and new set, never copied.
 */
import { checkClassName, DATA_SET_LIMITS, EXAMPLE_PIXELS, type DataSet } from './dataSet';

export type EditResult = { ok: true; set: DataSet } | { ok: false; reason: string };

/** Names of a new, empty set: three classes, the usual classroom exercise. */
export const DEFAULT_CLASS_NAMES = ['A', 'B', 'C'] as const;

/** A set of empty classes with these names (which must be valid and distinct). */
export function emptyDataSet(names: readonly string[] = DEFAULT_CLASS_NAMES): DataSet {
  return { classes: names.map((name) => ({ name, examples: [] })) };
}

/** Why no class can be added, or null when one can. */
export function addClassBlockedReason(set: DataSet): string | null {
  const { maxClasses } = DATA_SET_LIMITS;
  return set.classes.length >= maxClasses ? `A data set holds at most ${maxClasses} classes.` : null;
}

/** Why no class can be removed, or null when one can. */
export function removeClassBlockedReason(set: DataSet): string | null {
  const { minClasses } = DATA_SET_LIMITS;
  return set.classes.length <= minClasses ? `A data set needs at least ${minClasses} classes.` : null;
}

/** Adds an empty class named "Class N", N the first number no other class is named with. */
export function addClass(set: DataSet): EditResult {
  const blocked = addClassBlockedReason(set);
  if (blocked) return { ok: false, reason: blocked };
  const names = set.classes.map((c) => c.name);
  let n = set.classes.length + 1;
  while (!checkClassName(`Class ${n}`, names).ok) n++;
  return { ok: true, set: { classes: [...set.classes, { name: `Class ${n}`, examples: [] }] } };
}

/** Removes class `index` and its examples; the classes after it move up one label. */
export function removeClass(set: DataSet, index: number): EditResult {
  const blocked = removeClassBlockedReason(set);
  if (blocked) return { ok: false, reason: blocked };
  if (!set.classes[index]) return { ok: false, reason: `There is no class ${index + 1}.` };
  return { ok: true, set: { classes: set.classes.filter((_, i) => i !== index) } };
}

/** Renames class `index` to `raw`, trimmed, under checkClassName's rules. */
export function renameClass(set: DataSet, index: number, raw: string): EditResult {
  if (!set.classes[index]) return { ok: false, reason: `There is no class ${index + 1}.` };
  const others = set.classes.filter((_, i) => i !== index).map((c) => c.name);
  const checked = checkClassName(raw, others);
  if (!checked.ok) return checked;
  return {
    ok: true,
    set: { classes: set.classes.map((c, i) => (i === index ? { ...c, name: checked.name } : c)) },
  };
}

/** Why nothing more can be added to class `index`, or null when it has room. */
export function addExamplesBlockedReason(set: DataSet, index: number): string | null {
  const target = set.classes[index];
  if (!target) return `There is no class ${index + 1}.`;
  const max = DATA_SET_LIMITS.maxExamplesPerClass;
  return target.examples.length >= max
    ? `"${target.name}" is full: a class holds at most ${max.toLocaleString('en')} examples.`
    : null;
}

export interface AddExamplesResult {
  set: DataSet;
  /** How many were added. */
  added: number;
  /** Why some or all were not added (the class is full), or null when all were. */
  refusal: string | null;
}

/**
 * Appends examples (EXAMPLE_PIXELS bytes each) to class `index`, as many as its limit leaves
 * room for; the rest are refused with a reason. Throws a RangeError on an example of the wrong
 * size (a bug in the caller, not a user's mistake).
 */
export function addExamples(set: DataSet, index: number, examples: readonly Uint8Array[]): AddExamplesResult {
  const target = set.classes[index];
  if (!target) return { set, added: 0, refusal: `There is no class ${index + 1}.` };
  for (const e of examples) {
    if (e.length !== EXAMPLE_PIXELS) throw new RangeError(`addExamples: an example has ${e.length} bytes`);
  }
  const max = DATA_SET_LIMITS.maxExamplesPerClass;
  const room = Math.max(0, max - target.examples.length);
  const taken = examples.slice(0, room);
  const left = examples.length - taken.length;
  const refusal =
    left === 0
      ? null
      : `${left.toLocaleString('en')} not added: "${target.name}" is full at ${max.toLocaleString('en')} examples.`;
  if (taken.length === 0) return { set, added: 0, refusal };
  return {
    set: {
      classes: set.classes.map((c, i) => (i === index ? { ...c, examples: [...c.examples, ...taken] } : c)),
    },
    added: taken.length,
    refusal,
  };
}

/** Removes example `exampleIndex` of class `classIndex`; an index out of range leaves the set as it is. */
export function removeExample(set: DataSet, classIndex: number, exampleIndex: number): DataSet {
  const target = set.classes[classIndex];
  if (!target || exampleIndex < 0 || exampleIndex >= target.examples.length) return set;
  return {
    classes: set.classes.map((c, i) =>
      i === classIndex ? { ...c, examples: c.examples.filter((_, e) => e !== exampleIndex) } : c,
    ),
  };
}

/** Examples in the whole set. */
export function exampleCount(set: DataSet): number {
  return set.classes.reduce((total, c) => total + c.examples.length, 0);
}
