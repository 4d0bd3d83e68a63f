/**
 * The data sets a link can name (`#/data?set=shapes`) and the editor offers as starting points.
 * 'shapes' is drawn by code (core/syntheticShapes); 'digits-017' takes MNIST test digits, so it
 * needs the test split the page has downloaded.
 */
import { EXAMPLE_PIXELS, type DataSet } from '../core/dataSet';
import { shapesDataSet } from '../core/syntheticShapes';
import type { MnistSplit } from './mnist';

export interface BuiltInDataSet {
  /** What a link names, e.g. `?set=shapes`. */
  id: string;
  name: string;
  description: string;
  /** Whether it is made from the MNIST test split (which must be downloaded first). */
  needsMnist: boolean;
}

export const BUILT_IN_DATA_SETS: readonly BuiltInDataSet[] = [
  {
    id: 'shapes',
    name: 'Shapes',
    description: 'Circles, crosses and triangles drawn by the page: 60 of each, jittered in place, size and pen.',
    needsMnist: false,
  },
  {
    id: 'digits-017',
    name: 'Digits 0, 1, 7',
    description: 'MNIST test digits 0, 1 and 7: 100 of each, for a three-class problem with real handwriting.',
    needsMnist: true,
  },
];

const SHAPES_PER_CLASS = 60;
const SHAPES_SEED = 2024;
const DIGITS_PER_CLASS = 100;

/** The built-in set `id`, or null for an unknown id or, for an MNIST set, while `mnistTest` is null. */
export function builtInDataSet(id: string, mnistTest: MnistSplit | null): DataSet | null {
  if (id === 'shapes') return shapesDataSet(SHAPES_PER_CLASS, SHAPES_SEED);
  if (id === 'digits-017') {
    if (!mnistTest) return null;
    return {
      classes: [0, 1, 7].map((label) => ({
        name: String(label),
        examples: mnistExamples(mnistTest, label, DIGITS_PER_CLASS, 0),
      })),
    };
  }
  return null;
}

/** The built-in set named `id`, or undefined. */
export function findBuiltInDataSet(id: string): BuiltInDataSet | undefined {
  return BUILT_IN_DATA_SETS.find((set) => set.id === id);
}

/**
 * Up to `count` examples of digit `label` from an MNIST split, in split order, skipping the
 * first `skip` of that label (so repeated takes give new digits). Each is a copy the caller owns.
 */
export function mnistExamples(split: MnistSplit, label: number, count: number, skip: number): Uint8Array[] {
  const examples: Uint8Array[] = [];
  let seen = 0;
  for (let i = 0; i < split.count && examples.length < count; i++) {
    if (split.labels[i] !== label) continue;
    if (seen++ < skip) continue;
    examples.push(split.images.slice(i * EXAMPLE_PIXELS, (i + 1) * EXAMPLE_PIXELS));
  }
  return examples;
}
