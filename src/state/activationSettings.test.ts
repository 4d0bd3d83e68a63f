import { describe, expect, it } from 'vitest';
import { EXAMPLE_GRID } from '../core/sampleInputs';
import { featureMapOf } from './activationSettings';

describe('featureMapOf', () => {
  it('adds the bias to every cell of the identity response', () => {
    expect(featureMapOf({ source: 'grid', kernel: 'identity', bias: 1.5 })).toEqual(
      EXAMPLE_GRID.map((row) => row.map((v) => v + 1.5)),
    );
  });

  it('convolves the example grid with the preset, zero-padded to keep 5×5', () => {
    const map = featureMapOf({ source: 'grid', kernel: 'sobelX', bias: -0.5 });
    expect(map).toHaveLength(5);
    // Centre: window [[2,1,0],[1,0,2],[0,3,1]] · Sobel x = −2 + (−2 + 4) + 1 = 1.
    expect(map[2]![2]).toBe(0.5);
    // Corner: only the cells right and below are inside: 2·1 (row 1, col 1) = 2.
    expect(map[0]![0]).toBe(1.5);
  });

  it('uses the 32×32 test image for the image source', () => {
    const map = featureMapOf({ source: 'image', kernel: 'boxBlur', bias: 0 });
    expect(map).toHaveLength(32);
    expect(map.every((row) => row.length === 32)).toBe(true);
  });
});
