import { describe, expect, it } from 'vitest';
import { volumeChannel } from './convolution';
import { downscaleRgba, randomFilters, syntheticRgb } from './rgbImage';

/** An RGBA picture from [r, g, b, a] pixels given row by row. */
function rgba(width: number, pixels: number[][]): { data: Uint8ClampedArray; width: number; height: number } {
  return { data: new Uint8ClampedArray(pixels.flat()), width, height: pixels.length / width };
}

describe('syntheticRgb', () => {
  it('is size×size×3 with values 0 or 1, and every channel has its own shape', () => {
    for (const size of [5, 6, 8, 32]) {
      const image = syntheticRgb(size);
      expect(image).toHaveLength(size);
      expect(image.every((row) => row.length === size && row.every((cell) => cell.length === 3))).toBe(true);
      expect(image.flat(2).every((v) => v === 0 || v === 1)).toBe(true);
      const channels = [0, 1, 2].map((ch) => volumeChannel(image, ch));
      for (const channel of channels) {
        const on = channel.flat().filter((v) => v === 1).length;
        expect(on).toBeGreaterThan(0);
        expect(on).toBeLessThan(size * size);
      }
      expect(new Set(channels.map((c) => JSON.stringify(c))).size).toBe(3);
    }
  });

  it('puts the red disc upper left, the green bar on the right and the blue square lower left', () => {
    const image = syntheticRgb(6);
    expect(image[1]![1]).toEqual([1, 0, 0]);
    expect(image[3]![4]![1]).toBe(1);
    expect(image[4]![1]![2]).toBe(1);
    expect(image[0]![5]).toEqual([0, 0, 0]);
  });
});

describe('randomFilters', () => {
  it('makes n filters of k×k×channels with entries −1, 0 and 1', () => {
    const filters = randomFilters(10, 3, 3, 7);
    expect(filters).toHaveLength(10);
    for (const filter of filters) {
      expect(filter).toHaveLength(3);
      expect(filter.every((row) => row.length === 3 && row.every((cell) => cell.length === 3))).toBe(true);
      expect(filter.flat(2).some((w) => w !== 0)).toBe(true);
    }
    expect(new Set(filters.flat(3))).toEqual(new Set([-1, 0, 1]));
  });

  it('repeats for a seed, differs for another, and keeps the first filters when n grows', () => {
    expect(randomFilters(4, 5, 3, 11)).toEqual(randomFilters(4, 5, 3, 11));
    expect(randomFilters(4, 5, 3, 11)).not.toEqual(randomFilters(4, 5, 3, 12));
    expect(randomFilters(16, 3, 3, 11).slice(0, 4)).toEqual(randomFilters(4, 3, 3, 11));
  });

  it('never gives an all-zero filter, even 1×1 with one channel', () => {
    const filters = randomFilters(200, 1, 1, 3);
    expect(filters.every((f) => f[0]![0]![0] !== 0)).toBe(true);
  });
});

describe('downscaleRgba', () => {
  it('averages 2×2 blocks of a 4×4 picture into a 2×2×3 volume in 0–1', () => {
    const R = [255, 0, 0, 255];
    const G = [0, 255, 0, 255];
    const B = [0, 0, 255, 255];
    const K = [0, 0, 0, 255];
    const W = [255, 255, 255, 255];
    // Top left all red; top right half green half black; bottom left blue and white; bottom right one white pixel.
    const { data, width, height } = rgba(4, [R, R, G, K, R, R, G, K, B, W, K, K, B, W, K, W]);
    expect(downscaleRgba(data, width, height, 2)).toEqual([
      [
        [1, 0, 0],
        [0, 0.5, 0],
      ],
      [
        [0.5, 0.5, 1],
        [0.25, 0.25, 0.25],
      ],
    ]);
  });

  it('weights pixels by the area a cell covers when sizes do not divide', () => {
    // 3×3 grey levels 0, 51·k, to 2×2: each cell covers 1.5×1.5 pixels.
    const levels = [0, 51, 102, 153, 204, 255, 0, 51, 102];
    const { data } = rgba(
      3,
      levels.map((v) => [v, v, v, 255]),
    );
    const [[a, b], [c, d]] = downscaleRgba(data, 3, 3, 2) as [[number[], number[]], [number[], number[]]];
    // Top left: pixels 0 (weight 1), 51 (0.5), 153 (0.5), 204 (0.25) over area 2.25.
    const expected = (0 * 1 + 51 * 0.5 + 153 * 0.5 + 204 * 0.25) / 2.25 / 255;
    expect(a).toEqual([1, 1, 1].map(() => Math.round(expected * 100) / 100));
    expect(b![0]).toBeCloseTo((51 * 0.5 + 102 * 1 + 204 * 0.25 + 255 * 0.5) / 2.25 / 255, 2);
    expect(c![0]).toBeCloseTo((153 * 0.5 + 204 * 0.25 + 0 * 1 + 51 * 0.5) / 2.25 / 255, 2);
    expect(d![0]).toBeCloseTo((204 * 0.25 + 255 * 0.5 + 51 * 0.5 + 102 * 1) / 2.25 / 255, 2);
  });

  it('crops a wide picture to its centred square, and upscales by repeating pixels', () => {
    const R = [255, 0, 0, 255];
    const G = [0, 255, 0, 255];
    const B = [0, 0, 255, 255];
    // 3×1: the centred 1×1 square is the green pixel.
    const { data } = rgba(3, [R, G, B]);
    expect(downscaleRgba(data, 3, 1, 2)).toEqual([
      [
        [0, 1, 0],
        [0, 1, 0],
      ],
      [
        [0, 1, 0],
        [0, 1, 0],
      ],
    ]);
  });

  it('counts transparent pixels as black', () => {
    const { data } = rgba(2, [
      [255, 255, 255, 0],
      [255, 255, 255, 255],
      [255, 255, 255, 51],
      [255, 255, 255, 255],
    ]);
    expect(downscaleRgba(data, 2, 2, 1)).toEqual([[[0.55, 0.55, 0.55]]]);
  });

  it('rejects data of the wrong length and sizes below 1', () => {
    expect(() => downscaleRgba(new Uint8ClampedArray(15), 2, 2, 1)).toThrow(RangeError);
    expect(() => downscaleRgba(new Uint8ClampedArray(16), 2, 2, 0)).toThrow(RangeError);
    expect(() => downscaleRgba(new Uint8ClampedArray(0), 0, 0, 1)).toThrow(RangeError);
  });
});
