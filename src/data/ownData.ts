/**
 * A user's data set made ready to train on: flattened into the same image and label arrays as an
 * MNIST split, and divided into training and held-out examples by class. The division's seed is
 * fixed, so every run (whatever its training seed) and every student tests on the same examples.
 */
import { clampHeldOutShare, DATA_SET_LIMITS, flattenDataSet, type DataSet } from '../core/dataSet';
import { stratifiedSplit } from '../core/stratifiedSplit';
import type { MnistSplit } from './mnist';
import { splitSubset } from './splitSubset';

/** What the engine trains and tests on instead of MNIST, with the names its classes go by. */
export interface OwnData {
  /** The set's name, as the page shows it. */
  name: string;
  /** Class i's name: label i. */
  classNames: string[];
  train: MnistSplit;
  test: MnistSplit;
}

/** Examples a class needs to train on: one to learn from and one to test on. */
export const MIN_EXAMPLES_TO_TRAIN = 2;
const SPLIT_SEED = 14;

/** Why `set` cannot be trained on yet (a sentence saying what to add), or null when it can. */
export function untrainableReason(set: DataSet): string | null {
  if (set.classes.length < DATA_SET_LIMITS.minClasses)
    return `Training needs at least ${DATA_SET_LIMITS.minClasses} classes; this set has ${set.classes.length}.`;
  const short = set.classes.filter((c) => c.examples.length < MIN_EXAMPLES_TO_TRAIN).map((c) => `"${c.name}"`);
  if (short.length === 0) return null;
  return `Each class needs at least ${MIN_EXAMPLES_TO_TRAIN} examples, one to train on and one to test on: add some to ${short.join(', ')}.`;
}

/** `set` split into training and held-out examples, `heldOutShare` of each class held out (at least one). */
export function splitOwnData(name: string, set: DataSet, heldOutShare: number): OwnData {
  const all = flattenDataSet(set);
  const { train, heldOut } = stratifiedSplit(all.labels, clampHeldOutShare(heldOutShare), SPLIT_SEED);
  return {
    name,
    classNames: set.classes.map((c) => c.name),
    train: splitSubset(all, train),
    test: splitSubset(all, heldOut),
  };
}
