import { describe, expect, it } from 'vitest';
import { EXAMPLE_PIXELS, type DataSet } from '../core/dataSet';
import { splitOwnData, untrainableReason } from './ownData';

/** A class whose example k is filled with the byte `base + k`, so each can be told apart. */
const named = (name: string, count: number, base: number) => ({
  name,
  examples: Array.from({ length: count }, (_, k) => new Uint8Array(EXAMPLE_PIXELS).fill(base + k)),
});

describe('splitOwnData', () => {
  const set: DataSet = { classes: [named('circle', 10, 0), named('cross', 5, 100), named('line', 2, 200)] };

  it('holds out a share of every class and keeps each example with its label', () => {
    const data = splitOwnData('Shapes', set, 0.2);
    expect(data.classNames).toEqual(['circle', 'cross', 'line']);
    expect(data.train.count + data.test.count).toBe(17);
    const labelsOf = (split: typeof data.test) => Array.from(split.labels);
    expect(labelsOf(data.test).filter((l) => l === 0)).toHaveLength(2);
    expect(labelsOf(data.test).filter((l) => l === 1)).toHaveLength(1);
    expect(labelsOf(data.test).filter((l) => l === 2)).toHaveLength(1);
    for (const split of [data.train, data.test]) {
      expect(split.images).toHaveLength(split.count * EXAMPLE_PIXELS);
      split.labels.forEach((label, i) => {
        const byte = split.images[i * EXAMPLE_PIXELS]!;
        expect(Math.floor(byte / 100)).toBe(label); // Each image kept its class.
      });
    }
  });

  it('splits the same way every time, and keeps the share in bounds', () => {
    expect(splitOwnData('a', set, 0.2)).toEqual(splitOwnData('a', set, 0.2));
    expect(splitOwnData('a', set, 0.9).test.count).toBe(splitOwnData('a', set, 0.5).test.count);
  });
});

describe('untrainableReason', () => {
  it('asks for a second example where a class has one', () => {
    const set: DataSet = { classes: [named('circle', 3, 0), named('cross', 1, 100), named('line', 0, 200)] };
    expect(untrainableReason(set)).toBe(
      'Each class needs at least 2 examples, one to train on and one to test on: add some to "cross", "line".',
    );
    expect(untrainableReason({ classes: [named('circle', 3, 0), named('cross', 2, 100)] })).toBeNull();
  });
});
