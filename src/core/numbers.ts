/**
 * Number helpers shared by the reference computations (convolution, pooling, backprop).
 */

/** `value`, with −0 turned into 0 so that no cell is ever shown as "-0". */
export function positiveZero(value: number): number {
  return value === 0 ? 0 : value;
}
