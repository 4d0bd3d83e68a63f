/**
 * The classifier's output layer: one softmax unit per class. MNIST has 10 digit classes; a
 * user's own data set has 2 to 10 (core/dataSet), so the same architecture is trained with its
 * last layer resized to fit, and the page says so.
 */
import type { ModelSpec } from './modelSpec';

/** MNIST digit classes, hence the units of the final softmax layer by default. */
export const MNIST_CLASSES = 10;
/** The fewest and most classes any output layer may have (a user's set: 2 to 10). */
export const MIN_CLASSES = 2;
export const MAX_CLASSES = 10;

/** How many classes a spec's output layer must have: a given number, or any from MIN_CLASSES to MAX_CLASSES. */
export type ClassCount = number | 'any';

/** Whether `units` fits the classes asked for. */
export function fitsClasses(units: number, classes: ClassCount): boolean {
  return classes === 'any'
    ? Number.isInteger(units) && units >= MIN_CLASSES && units <= MAX_CLASSES
    : units === classes;
}

/** The spec's number of outputs (its last layer's units), or null when it does not end in a dense layer. */
export function outputUnits(spec: ModelSpec): number | null {
  const last = spec.layers.at(-1);
  return last?.kind === 'dense' ? last.units : null;
}

/**
 * `spec` with its output layer sized to `classes`, and a sentence for the user when that changed
 * it; a spec not ending in a dense layer is returned as it is (analyzeSpec explains what is wrong).
 */
export function specForClasses(spec: ModelSpec, classes: number): { spec: ModelSpec; notice: string | null } {
  const units = outputUnits(spec);
  if (units === null || units === classes) return { spec, notice: null };
  const last = spec.layers.length - 1;
  const layers = spec.layers.map((layer, i) =>
    i === last && layer.kind === 'dense' ? { ...layer, units: classes } : layer,
  );
  const notice =
    `The architecture's output layer had ${units} units, one per class; ` +
    `this data has ${classes} classes, so it has ${classes}.`;
  return { spec: { ...spec, layers }, notice };
}
