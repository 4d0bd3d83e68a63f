import { describe, expect, it } from 'vitest';
import { conv2d } from './convolution';
import { denseResponse, shiftImage, strongestResponse } from './translation';

const IMAGE = [
  [1, 2, 0],
  [3, 4, 0],
  [0, 0, 0],
];

describe('shiftImage', () => {
  it('moves content right and down, filling with zeros', () => {
    expect(shiftImage(IMAGE, 1, 1)).toEqual([
      [0, 0, 0],
      [0, 1, 2],
      [0, 3, 4],
    ]);
  });

  it('moves content left and up, dropping what leaves the frame', () => {
    expect(shiftImage(IMAGE, -1, 0)).toEqual([
      [2, 0, 0],
      [4, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('leaves the image unchanged for a zero shift', () => {
    expect(shiftImage(IMAGE, 0, 0)).toEqual(IMAGE);
  });
});

describe('a dense unit against a sliding filter', () => {
  it('gives a dense unit tuned to an image a lower response once the image moves', () => {
    expect(denseResponse(IMAGE, IMAGE)).toBe(1 + 4 + 9 + 16);
    expect(denseResponse(IMAGE, shiftImage(IMAGE, 1, 0))).toBe(1 * 0 + 2 * 1 + 3 * 0 + 4 * 3);
  });

  it('finds the same strongest filter response wherever the pattern moves, one cell further on', () => {
    const image = Array.from({ length: 6 }, () => [0, 0, 1, 1, 0, 0]);
    const edge = [
      [-1, 1],
      [-1, 1],
    ];
    const before = strongestResponse(conv2d(image, edge, { stride: 1, padding: 'valid', dilation: 1 }));
    const after = strongestResponse(
      conv2d(shiftImage(image, 1, 0), edge, { stride: 1, padding: 'valid', dilation: 1 }),
    );
    expect(before).toEqual({ value: 2, row: 0, col: 1 });
    expect(after).toEqual({ value: 2, row: 0, col: 2 });
  });

  it('reports 0 at the origin for a map with no positive value', () => {
    expect(strongestResponse([[-1, -2]])).toEqual({ value: 0, row: 0, col: 0 });
  });
});
