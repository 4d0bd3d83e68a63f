import { describe, expect, it } from 'vitest';
import { channelOf, kernelSlice, meanAbsChange, paintRgba, tileMaps } from './heatmap';

describe('channelOf', () => {
  // 2×3×2 HWC volume: value = 100·row + 10·col + channel, so every entry is distinct.
  const hwc = new Float32Array([0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121]);

  it('picks one channel of an HWC volume as a row-major h×w map', () => {
    expect(Array.from(channelOf(hwc, [2, 3, 2], 0))).toEqual([0, 10, 20, 100, 110, 120]);
    expect(Array.from(channelOf(hwc, [2, 3, 2], 1))).toEqual([1, 11, 21, 101, 111, 121]);
  });

  it('rejects a channel outside the volume and a length that does not match the shape', () => {
    expect(() => channelOf(hwc, [2, 3, 2], 2)).toThrow(RangeError);
    expect(() => channelOf(hwc, [2, 2, 2], 0)).toThrow(RangeError);
  });
});

describe('kernelSlice', () => {
  // [kh=2, kw=2, cin=2, cout=3]: value = 1000·y + 100·x + 10·in + out.
  const shape = [2, 2, 2, 3] as const;
  const values = new Float32Array(24);
  for (let y = 0; y < 2; y++)
    for (let x = 0; x < 2; x++)
      for (let i = 0; i < 2; i++)
        for (let o = 0; o < 3; o++) values[((y * 2 + x) * 2 + i) * 3 + o] = 1000 * y + 100 * x + 10 * i + o;

  it('returns the kh×kw weights from one input channel to one output channel, row-major', () => {
    expect(Array.from(kernelSlice(values, shape, 0, 0))).toEqual([0, 100, 1000, 1100]);
    expect(Array.from(kernelSlice(values, shape, 1, 2))).toEqual([12, 112, 1012, 1112]);
    expect(Array.from(kernelSlice(values, shape, 0, 1))).toEqual([1, 101, 1001, 1101]);
  });

  it('rejects channels outside the kernel', () => {
    expect(() => kernelSlice(values, shape, 2, 0)).toThrow(RangeError);
    expect(() => kernelSlice(values, shape, 0, 3)).toThrow(RangeError);
  });
});

describe('tileMaps', () => {
  it('lays three 2×2 maps out in two columns with a one-cell gap, masking the gaps', () => {
    const maps = [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ];
    const tiled = tileMaps(3, 2, 2, (i) => maps[i]!);
    expect([tiled.rows, tiled.cols, tiled.columns]).toEqual([5, 5, 2]);
    // prettier-ignore
    expect(Array.from(tiled.values)).toEqual([
      1, 2, 0, 5, 6,
      3, 4, 0, 7, 8,
      0, 0, 0, 0, 0,
      9, 10, 0, 0, 0,
      11, 12, 0, 0, 0,
    ]);
    // prettier-ignore
    expect(Array.from(tiled.mask)).toEqual([
      1, 1, 0, 1, 1,
      1, 1, 0, 1, 1,
      0, 0, 0, 0, 0,
      1, 1, 0, 0, 0,
      1, 1, 0, 0, 0,
    ]);
    expect(tiled.cellAt(1, 4)).toEqual({ tile: 1, row: 1, col: 1 });
    expect(tiled.cellAt(4, 0)).toEqual({ tile: 2, row: 1, col: 0 });
    expect(tiled.cellAt(2, 2)).toBeNull();
    expect(tiled.cellAt(3, 3)).toBeNull();
  });
});

describe('paintRgba', () => {
  it('writes 4 bytes per value from the colour each value maps to, alpha from the colour', () => {
    const color = (v: number) => (v < 0 ? 'rgb(5, 48, 97)' : v === 0 ? '#f2efee' : 'rgba(103, 0, 31, 0.5)');
    expect(Array.from(paintRgba([-1, 0, 2], color))).toEqual([5, 48, 97, 255, 242, 239, 238, 255, 103, 0, 31, 128]);
  });

  it('parses each distinct colour string once and leaves masked cells transparent', () => {
    const seen: number[] = [];
    const color = (v: number) => {
      seen.push(v);
      return v > 0 ? '#ff0000' : '#0000ff';
    };
    const bytes = paintRgba(new Float32Array([3, 7, -2, 9]), color, [1, 1, 1, 0]);
    expect(Array.from(bytes)).toEqual([255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0]);
    expect(seen).toEqual([3, 7, -2]);
  });

  it('draws an unparseable colour as transparent rather than throwing', () => {
    expect(Array.from(paintRgba([1], () => 'not a colour'))).toEqual([0, 0, 0, 0]);
  });
});

describe('meanAbsChange', () => {
  it('is the mean absolute elementwise difference', () => {
    expect(meanAbsChange(new Float32Array([1, -2, 0.5, 4]), new Float32Array([1.5, 1, 0.5, 3]))).toBe(
      (0.5 + 3 + 0 + 1) / 4,
    );
  });

  it('is NaN when the arrays differ in length or are empty', () => {
    expect(meanAbsChange([1, 2], [1])).toBeNaN();
    expect(meanAbsChange([], [])).toBeNaN();
  });
});
