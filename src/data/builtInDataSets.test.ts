import { describe, expect, it } from 'vitest';
import { checkDataSet, EXAMPLE_PIXELS } from '../core/dataSet';
import { BUILT_IN_DATA_SETS, builtInDataSet, findBuiltInDataSet, mnistExamples } from './builtInDataSets';
import type { MnistSplit } from './mnist';

/** A fake split of `count` images labelled i % 10, image i filled with byte i % 256. */
function fakeSplit(count: number): MnistSplit {
  const images = new Uint8Array(count * EXAMPLE_PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 10;
    images.fill(i % 256, i * EXAMPLE_PIXELS, (i + 1) * EXAMPLE_PIXELS);
  }
  return { images, labels, count };
}

describe('builtInDataSet', () => {
  it('lists shapes and digits-017 with names and descriptions', () => {
    expect(BUILT_IN_DATA_SETS.map((s) => s.id)).toEqual(['shapes', 'digits-017']);
    for (const s of BUILT_IN_DATA_SETS) expect(s.name && s.description).toBeTruthy();
    expect(findBuiltInDataSet('shapes')?.needsMnist).toBe(false);
    expect(findBuiltInDataSet('nope')).toBeUndefined();
  });

  it('makes the shapes set without MNIST, the same each time', () => {
    const set = builtInDataSet('shapes', null)!;
    expect(set.classes.map((c) => [c.name, c.examples.length])).toEqual([
      ['circle', 60],
      ['cross', 60],
      ['triangle', 60],
    ]);
    expect(checkDataSet(set)).toBeNull();
    expect(builtInDataSet('shapes', null)).toEqual(set);
  });

  it('takes 100 test digits each of 0, 1 and 7, and waits for the split', () => {
    expect(builtInDataSet('digits-017', null)).toBeNull();
    const set = builtInDataSet('digits-017', fakeSplit(1200))!;
    expect(set.classes.map((c) => [c.name, c.examples.length])).toEqual([
      ['0', 100],
      ['1', 100],
      ['7', 100],
    ]);
    // Image i of the fake split is labelled i % 10: the first "7" is image 7, the second image 17.
    expect([set.classes[2]!.examples[0]![0], set.classes[2]!.examples[1]![0]]).toEqual([7, 17]);
    expect(checkDataSet(set)).toBeNull();
  });

  it('gives null for an unknown id', () => {
    expect(builtInDataSet('cats', fakeSplit(10))).toBeNull();
  });
});

describe('mnistExamples', () => {
  it('skips the first ones of the label, stops at the split end, and copies the bytes', () => {
    const split = fakeSplit(50);
    const taken = mnistExamples(split, 3, 10, 2);
    expect(taken.map((e) => e[0])).toEqual([23, 33, 43]);
    taken[0]![0] = 99;
    expect(split.images[23 * EXAMPLE_PIXELS]).toBe(23);
  });
});
