import { describe, expect, it } from 'vitest';
import { EXAMPLE_PIXELS } from '../core/dataSet';
import { emptyDataSet } from '../core/dataSetEdits';
import { storedFromRecord } from './dataSetStore';

const good = () => {
  const set = emptyDataSet(['circle', 'cross']);
  set.classes[0]!.examples.push(new Uint8Array(EXAMPLE_PIXELS).fill(9));
  return { name: 'lesson 1', set, heldOutShare: 0.3, savedAt: 1_700_000_000_000 };
};

describe('storedFromRecord', () => {
  it('reads back a valid record as it was stored', () => {
    const record = good();
    expect(storedFromRecord(record)).toEqual(record);
  });

  it('bounds the held-out share, and reads a missing one as 20 %', () => {
    expect(storedFromRecord({ ...good(), heldOutShare: 0.9 })?.heldOutShare).toBe(0.5);
    expect(storedFromRecord({ ...good(), heldOutShare: undefined })?.heldOutShare).toBe(0.2);
  });

  it('reads stale or corrupt records as missing', () => {
    expect(storedFromRecord(undefined)).toBeNull();
    expect(storedFromRecord('a set')).toBeNull();
    expect(storedFromRecord({ ...good(), name: 3 })).toBeNull();
    expect(storedFromRecord({ ...good(), savedAt: 'today' })).toBeNull();
    expect(storedFromRecord({ ...good(), set: { classes: 'two' } })).toBeNull();
    // Examples stored as plain arrays, or of the wrong size.
    const plain = good();
    (plain.set.classes[0]!.examples as unknown[])[0] = Array.from(new Uint8Array(EXAMPLE_PIXELS));
    expect(storedFromRecord(plain)).toBeNull();
    const short = good();
    short.set.classes[0]!.examples[0] = new Uint8Array(10);
    expect(storedFromRecord(short)).toBeNull();
    // Structurally fine but breaking the limits: one class, or two of the same name.
    expect(storedFromRecord({ ...good(), set: emptyDataSet(['only']) })).toBeNull();
    expect(storedFromRecord({ ...good(), set: emptyDataSet(['a', 'A']) })).toBeNull();
  });
});
