/**
 * Moving an image and comparing responses: why a weight per pixel (a dense unit) is tied to
 * one position while a sliding filter is not. Matrices are row-major number[][].
 */
import type { Matrix } from './convolution';

/** `image` moved `dx` columns right and `dy` rows down; cells moved in from outside are 0. */
export function shiftImage(image: Matrix, dx: number, dy: number): Matrix {
  return image.map((row, r) => row.map((_, c) => image[r - dy]?.[c - dx] ?? 0));
}

/** The response of a dense unit whose weights are `weights`: Σ w·x over every pixel. */
export function denseResponse(weights: Matrix, image: Matrix): number {
  let sum = 0;
  weights.forEach((row, r) => row.forEach((w, c) => (sum += w * (image[r]?.[c] ?? 0))));
  return sum;
}

/** The largest value of a feature map after ReLU, and where it is ([row, col]); 0 at [0, 0] for an empty map. */
export function strongestResponse(map: Matrix): { value: number; row: number; col: number } {
  let best = { value: 0, row: 0, col: 0 };
  map.forEach((cells, row) => cells.forEach((value, col) => value > best.value && (best = { value, row, col })));
  return best;
}
