/**
 * A seeded, stratified train / held-out split of a small labelled set (the user's own data):
 * each class gives the same share of its examples to the held-out set, so a class with few
 * examples is still tested, and no class is left untrained.
 */
import { deriveSeed } from './random';

export interface IndexSplit {
  /** Indices of the training examples, ascending. */
  train: number[];
  /** Indices of the held-out (test) examples, ascending. */
  heldOut: number[];
}

/**
 * Splits example indices 0..labels.length−1 by label.
 *
 * Each class of n examples holds out round(n · heldOutShare), but at least 1 and at most n − 1
 * when n ≥ 2 (so it is both trained on and tested), and none when n = 1 (a lone example is
 * more use in training). A share of 0 holds nothing out.
 *
 * Which examples: each index gets a seeded random key (`deriveSeed(seed, index)`, distinct for
 * distinct indices) and a class holds out those with the smallest keys. So the split is the same
 * for the same seed and labels; adding an example to a class moves at most one other example
 * across; and a larger share only adds to the held-out set.
 *
 * @param labels a class index (a non-negative integer) per example.
 * @param heldOutShare in [0, 1).
 */
export function stratifiedSplit(labels: ArrayLike<number>, heldOutShare: number, seed: number): IndexSplit {
  if (!(heldOutShare >= 0 && heldOutShare < 1)) {
    throw new RangeError(`stratifiedSplit: the held-out share must be in [0, 1), got ${heldOutShare}`);
  }
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0) {
      throw new RangeError(`stratifiedSplit: label ${label} of example ${i} is not a class index`);
    }
    const members = byClass.get(label);
    if (members) members.push(i);
    else byClass.set(label, [i]);
  }

  const held = new Uint8Array(labels.length);
  for (const members of byClass.values()) {
    const count = heldOutCount(members.length, heldOutShare);
    if (count === 0) continue;
    const keyed = members.map((index) => ({ index, key: deriveSeed(seed, index) }));
    keyed.sort((a, b) => a.key - b.key);
    for (let k = 0; k < count; k++) held[keyed[k]!.index] = 1;
  }

  const train: number[] = [];
  const heldOut: number[] = [];
  for (let i = 0; i < labels.length; i++) (held[i] ? heldOut : train).push(i);
  return { train, heldOut };
}

/** How many of a class of `size` examples are held out (see stratifiedSplit). */
export function heldOutCount(size: number, heldOutShare: number): number {
  if (size < 2 || heldOutShare === 0) return 0;
  return Math.min(size - 1, Math.max(1, Math.round(size * heldOutShare)));
}
