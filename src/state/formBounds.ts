/**
 * What an explorable's form may offer and accept, read from its URL schema fields, so a form
 * never allows a value the address would reject (or hides one it would take).
 */

/** The bounds of a 'number' field, or the bounds of each element of a 'numbers' field. */
interface Bounds {
  min: number;
  max: number;
  /** Only whole numbers (a 'numbers' field has no such flag: any number in range). */
  integer?: boolean;
}

/** Every whole number from `field.min` to `field.max`, ascending: the options of a select for an integer field. */
export function wholeNumbers(field: Bounds): number[] {
  const first = Math.ceil(field.min);
  return Array.from({ length: Math.max(0, Math.floor(field.max) - first + 1) }, (_, i) => first + i);
}

/** Whether `value` (typed into a form) is one the URL schema takes for `field`: finite, in range, whole if required. */
export function accepts(field: Bounds, value: number): boolean {
  return (
    Number.isFinite(value) && value >= field.min && value <= field.max && (!field.integer || Number.isInteger(value))
  );
}
