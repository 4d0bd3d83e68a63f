import { describe, expect, it } from 'vitest';
import { checkDataSet, DATA_SET_LIMITS, EXAMPLE_PIXELS, type DataSet } from './dataSet';
import {
  addClass,
  addExamples,
  addExamplesBlockedReason,
  emptyDataSet,
  exampleCount,
  removeClass,
  removeExample,
  renameClass,
} from './dataSetEdits';

/** An example whose every byte is `value`, so examples can be told apart. */
const example = (value: number) => new Uint8Array(EXAMPLE_PIXELS).fill(value);

describe('emptyDataSet', () => {
  it('gives three empty classes A, B, C that pass checkDataSet', () => {
    const set = emptyDataSet();
    expect(set.classes.map((c) => c.name)).toEqual(['A', 'B', 'C']);
    expect(exampleCount(set)).toBe(0);
    expect(checkDataSet(set)).toBeNull();
  });
});

describe('addClass and removeClass', () => {
  it('adds "Class N" with the first free number, up to 10 classes', () => {
    let set: DataSet = emptyDataSet(['Class 4', 'x']);
    const added = addClass(set);
    expect(added.ok && added.set.classes.map((c) => c.name)).toEqual(['Class 4', 'x', 'Class 3']);
    const again = added.ok && addClass(added.set);
    expect(again && again.ok && again.set.classes.at(-1)!.name).toBe('Class 5');
    set = emptyDataSet(Array.from({ length: DATA_SET_LIMITS.maxClasses }, (_, i) => `c${i}`));
    expect(addClass(set)).toEqual({ ok: false, reason: 'A data set holds at most 10 classes.' });
  });

  it('removes a class with its examples and refuses to go below 2 classes', () => {
    const set = addExamples(emptyDataSet(), 1, [example(7)]).set;
    const removed = removeClass(set, 1);
    expect(removed.ok && removed.set.classes.map((c) => [c.name, c.examples.length])).toEqual([
      ['A', 0],
      ['C', 0],
    ]);
    expect(removeClass(emptyDataSet(['a', 'b']), 0)).toEqual({
      ok: false,
      reason: 'A data set needs at least 2 classes.',
    });
  });
});

describe('renameClass', () => {
  it('trims the new name and leaves the old set as it was', () => {
    const set = emptyDataSet();
    const renamed = renameClass(set, 2, '  triangle ');
    expect(renamed.ok && renamed.set.classes.map((c) => c.name)).toEqual(['A', 'B', 'triangle']);
    expect(set.classes[2]!.name).toBe('C');
  });

  it("refuses an empty name or another class's name, with checkClassName's reason", () => {
    const set = emptyDataSet();
    expect(renameClass(set, 0, '  ')).toMatchObject({ ok: false, reason: expect.stringContaining('needs a name') });
    expect(renameClass(set, 0, 'b')).toEqual({
      ok: false,
      reason: 'Two classes are named "b"; give each class its own name.',
    });
    // Its own name, in another case, is fine.
    expect(renameClass(set, 0, 'a')).toMatchObject({ ok: true });
  });
});

describe('addExamples and removeExample', () => {
  it('appends to the chosen class only, keeping the order', () => {
    const { set, added, refusal } = addExamples(emptyDataSet(), 1, [example(1), example(2)]);
    expect([added, refusal]).toEqual([2, null]);
    expect(set.classes.map((c) => c.examples.map((e) => e[0]))).toEqual([[], [1, 2], []]);
  });

  it('adds up to 1,000 per class and says how many it refused', () => {
    const max = DATA_SET_LIMITS.maxExamplesPerClass;
    const nearlyFull = addExamples(
      emptyDataSet(),
      0,
      Array.from({ length: max - 2 }, () => example(3)),
    ).set;
    expect(addExamplesBlockedReason(nearlyFull, 0)).toBeNull();
    const { set, added, refusal } = addExamples(nearlyFull, 0, [example(4), example(5), example(6)]);
    expect(added).toBe(2);
    expect(refusal).toBe('1 not added: "A" is full at 1,000 examples.');
    expect(set.classes[0]!.examples.length).toBe(max);
    expect(addExamplesBlockedReason(set, 0)).toBe('"A" is full: a class holds at most 1,000 examples.');
    expect(addExamples(set, 0, [example(9)])).toMatchObject({ set, added: 0 });
  });

  it('refuses an example of the wrong size as a caller bug', () => {
    expect(() => addExamples(emptyDataSet(), 0, [new Uint8Array(10)])).toThrow(RangeError);
  });

  it('removes the one example asked for and ignores an index out of range', () => {
    const set = addExamples(emptyDataSet(), 2, [example(1), example(2), example(3)]).set;
    expect(removeExample(set, 2, 1).classes[2]!.examples.map((e) => e[0])).toEqual([1, 3]);
    expect(removeExample(set, 2, 3)).toBe(set);
    expect(removeExample(set, 5, 0)).toBe(set);
  });
});
