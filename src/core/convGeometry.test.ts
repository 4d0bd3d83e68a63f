import { describe, expect, it } from 'vitest';
import { convOutputSize, paddingAmounts, poolOutputSize, torchPoolOutputSize, type PaddingMode } from './convGeometry';

type OutputCase = [n: number, k: number, s: number, padding: PaddingMode, d: number, out: number];

// Each row was worked by hand from floor((n + 2p − d(k−1) − 1)/s) + 1 or ceil(n/s).
const outputCases: OutputCase[] = [
  // valid
  [28, 5, 1, 'valid', 1, 24],
  [28, 5, 2, 'valid', 1, 12],
  [28, 3, 3, 'valid', 1, 9],
  [12, 5, 1, 'valid', 1, 8],
  [7, 1, 1, 'valid', 1, 7],
  [7, 1, 2, 'valid', 1, 4],
  [9, 4, 1, 'valid', 1, 6],
  [9, 4, 2, 'valid', 1, 3],
  [10, 2, 3, 'valid', 1, 3],
  [4, 5, 1, 'valid', 1, 0],
  [3, 5, 1, 'valid', 1, -1],
  // same
  [28, 5, 1, 'same', 1, 28],
  [28, 3, 2, 'same', 1, 14],
  [13, 3, 2, 'same', 1, 7],
  [13, 4, 3, 'same', 1, 5],
  [1, 5, 1, 'same', 1, 1],
  // dilation 2
  [13, 3, 1, 'valid', 2, 9],
  [13, 3, 2, 'valid', 2, 5],
  [13, 3, 1, 'same', 2, 13],
  [5, 3, 1, 'full', 2, 9],
  // full
  [5, 3, 1, 'full', 1, 7],
  [6, 2, 2, 'full', 1, 4],
  // explicit symmetric padding
  [5, 3, 1, 1, 1, 5],
  [7, 3, 2, 1, 1, 4],
  [28, 5, 1, 2, 1, 28],
  [6, 4, 3, 2, 1, 3],
];

describe('convOutputSize', () => {
  it.each(outputCases)('n=%i k=%i s=%i padding=%s d=%i gives %i', (n, k, s, padding, d, out) => {
    expect(convOutputSize(n, k, s, padding, d)).toBe(out);
  });

  it('defaults to dilation 1', () => {
    expect(convOutputSize(11, 3, 2, 'valid')).toBe(5);
  });
});

type PadCase = [n: number, k: number, s: number, padding: PaddingMode, d: number, before: number, after: number];

const padCases: PadCase[] = [
  [28, 2, 2, 'same', 1, 0, 0],
  [5, 4, 1, 'same', 1, 1, 2],
  [28, 5, 1, 'same', 1, 2, 2],
  [13, 3, 2, 'same', 1, 1, 1],
  [14, 3, 2, 'same', 1, 0, 1],
  [7, 4, 2, 'same', 1, 1, 2],
  [10, 2, 1, 'same', 1, 0, 1],
  [6, 1, 3, 'same', 1, 0, 0],
  [13, 3, 1, 'same', 2, 2, 2],
  [9, 5, 1, 'valid', 1, 0, 0],
  [9, 3, 1, 'full', 2, 4, 4],
  [9, 5, 1, 'full', 1, 4, 4],
  [9, 5, 1, 3, 1, 3, 3],
];

describe('paddingAmounts', () => {
  it.each(padCases)(
    'n=%i k=%i s=%i padding=%s d=%i pads %i before and %i after',
    (n, k, s, padding, d, before, after) => {
      expect(paddingAmounts(n, k, s, padding, d)).toEqual({ before, after });
    },
  );

  it('makes the padded valid convolution produce exactly the same-padding output size', () => {
    for (let n = 1; n <= 12; n++) {
      for (let k = 1; k <= 5; k++) {
        for (let s = 1; s <= 3; s++) {
          for (const d of [1, 2]) {
            const { before, after } = paddingAmounts(n, k, s, 'same', d);
            const span = d * (k - 1) + 1;
            const padded = Math.floor((n + before + after - span) / s) + 1;
            expect(padded, `n=${n} k=${k} s=${s} d=${d}`).toBe(convOutputSize(n, k, s, 'same', d));
          }
        }
      }
    }
  });
});

describe('poolOutputSize', () => {
  it.each([
    [24, 2, 2, 'valid', 12],
    [8, 2, 2, 'valid', 4],
    [5, 2, 2, 'valid', 2],
    [5, 2, 2, 'same', 3],
    [7, 3, 2, 'valid', 3],
    [1, 2, 2, 'valid', 0],
  ] as const)('n=%i size=%i s=%i padding=%s gives %i', (n, size, s, padding, out) => {
    expect(poolOutputSize(n, size, s, padding)).toBe(out);
  });

  it('defaults to valid padding', () => {
    expect(poolOutputSize(9, 3, 3)).toBe(3);
  });
});

describe('torchPoolOutputSize', () => {
  it('floors by default and rounds up in ceil mode', () => {
    // (112 − 3) / 2 = 54.5: floor gives 55 windows, ceil 56 (GoogLeNet's first max pool).
    expect(torchPoolOutputSize(112, 3, 2, 0, false)).toBe(55);
    expect(torchPoolOutputSize(112, 3, 2, 0, true)).toBe(56);
    expect(torchPoolOutputSize(56, 3, 2, 0, true)).toBe(28);
    expect(torchPoolOutputSize(14, 2, 2, 0, true)).toBe(7);
  });

  it('drops a ceil-mode window that would start in the right padding', () => {
    // n 5, k 2, s 2, p 1: ceil((5 + 2 − 2) / 2) + 1 = 4, but window 4 starts at 6 ≥ 5 + 1.
    expect(torchPoolOutputSize(5, 2, 2, 1, true)).toBe(3);
    expect(torchPoolOutputSize(5, 2, 2, 1, false)).toBe(3);
    expect(torchPoolOutputSize(6, 2, 2, 1, true)).toBe(4);
  });

  it('counts padded max pools as PyTorch does', () => {
    // ResNet stem: (112 + 2 − 3) / 2 + 1 = 56.
    expect(torchPoolOutputSize(112, 3, 2, 1, false)).toBe(56);
  });
});
