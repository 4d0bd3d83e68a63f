import { describe, expect, it } from 'vitest';
import {
  D2,
  D2P1,
  FULL,
  K,
  CONV_K2 as K2,
  randomIntegerMatrix,
  S2P1,
  SAME,
  VALID,
  X,
} from './convFixtures.test-helpers';
import type { PaddingMode } from './convGeometry';
import {
  cellTerms,
  conv2d,
  convLayout,
  impossibleReason,
  outputSizeFormula,
  padMatrix,
  stepToCell,
  windowAt,
  type ConvSettings,
  type Matrix,
} from './convolution';
import { mulberry32 } from './random';

describe('convLayout', () => {
  it('gives a valid 3×3 kernel on a 5×5 input no padding and a 3×3 output', () => {
    expect(convLayout(5, 5, 3, 3, VALID)).toEqual({
      inputRows: 5,
      inputCols: 5,
      kernelRows: 3,
      kernelCols: 3,
      stride: 1,
      dilation: 1,
      pads: { top: 0, bottom: 0, left: 0, right: 0 },
      paddedRows: 5,
      paddedCols: 5,
      outputRows: 3,
      outputCols: 3,
    });
  });

  it('pads 1 on each side for explicit padding 1 and strides 2 to a 3×3 output', () => {
    const layout = convLayout(5, 5, 3, 3, S2P1);
    expect(layout.pads).toEqual({ top: 1, bottom: 1, left: 1, right: 1 });
    expect([layout.paddedRows, layout.paddedCols, layout.outputRows, layout.outputCols]).toEqual([7, 7, 3, 3]);
  });

  it("puts the odd cell of 'same' padding after the input, as TensorFlow does", () => {
    const layout = convLayout(5, 5, 2, 2, SAME);
    expect(layout.pads).toEqual({ top: 0, bottom: 1, left: 0, right: 1 });
    expect([layout.paddedRows, layout.paddedCols, layout.outputRows, layout.outputCols]).toEqual([6, 6, 5, 5]);
  });

  it("pads d·(k−1) on each side for 'full'", () => {
    const layout = convLayout(5, 5, 3, 3, FULL);
    expect(layout.pads).toEqual({ top: 2, bottom: 2, left: 2, right: 2 });
    expect([layout.paddedRows, layout.outputRows]).toEqual([9, 7]);
    expect(convLayout(5, 5, 3, 3, { ...FULL, dilation: 2 }).pads.top).toBe(4);
  });

  it('keeps rows and columns apart for non-square inputs and kernels', () => {
    const layout = convLayout(5, 7, 3, 1, { stride: 2, padding: 'valid', dilation: 1 });
    expect([layout.outputRows, layout.outputCols]).toEqual([2, 4]);
    const padded = convLayout(5, 8, 3, 2, SAME);
    expect(padded.pads).toEqual({ top: 1, bottom: 1, left: 0, right: 1 });
  });
});

describe('conv2d on a 5×5 input with a 3×3 kernel, worked by hand', () => {
  it('valid: a 3×3 output of unflipped window sums', () => {
    // (0,0): 2·1 + 0·0 + 3·(−1) + 1·2 + 1·1 + 4·0 + 1·0 + 2·(−1) + 2·1 = 2
    // (2,0): 1·1 + 2·0 + 2·(−1) + 4·2 + 4·1 + 3·0 + 1·0 + 0·(−1) + 2·1 = 13
    const expected = [
      [2, 4, 9],
      [0, 1, 12],
      [13, 8, 7],
    ];
    expect(conv2d(X, K, VALID)).toEqual(expected);
    const flipped = K.map((row) => [...row].reverse()).reverse();
    expect(conv2d(X, flipped, VALID)).not.toEqual(expected);
  });

  it('stride 2, padding 1: a 3×3 output', () => {
    // (0,0) sees only X[0][0]·K[1][1] + X[0][1]·K[1][2] + X[1][0]·K[2][1] + X[1][1]·K[2][2] = 2 + 0 − 1 + 1
    expect(conv2d(X, K, S2P1)).toEqual([
      [2, 3, 12],
      [0, 1, 13],
      [-3, 5, 4],
    ]);
  });

  it("'same' with a 2×2 kernel pads only after, so the last row and column see zeros", () => {
    // (0,0) = 2·1 + 0·2 + 1·3 + 1·(−1) = 4; (4,4) = 1·1 and three zeros = 1
    expect(conv2d(X, K2, SAME)).toEqual([
      [4, 5, 19, 24, 4],
      [4, 13, 14, 14, 6],
      [13, 15, 18, 10, 5],
      [15, 8, 10, 5, 4],
      [1, 4, 4, 3, 1],
    ]);
  });

  it('dilation 2 spreads the taps: valid gives one cell, padding 1 gives 3×3', () => {
    // X[0][0]·1 + X[0][4]·(−1) + X[2][0]·2 + X[2][2]·1 + X[4][2]·(−1) + X[4][4]·1 = 2 − 4 + 2 + 2 − 2 + 1
    expect(conv2d(X, K, D2)).toEqual([[1]]);
    expect(conv2d(X, K, D2P1)).toEqual([
      [-2, 4, 5],
      [-1, 1, 7],
      [0, 12, 10],
    ]);
  });

  it("'full' padding lets every kernel tap visit every input cell", () => {
    const small: Matrix = [
      [2, 0, 1],
      [3, 1, 4],
      [0, 5, 2],
    ];
    // (0,0) = small[0][0]·K2[1][1] = −2; (1,1) = 2·1 + 0·2 + 3·3 + 1·(−1) = 10; (3,3) = 2·1
    expect(conv2d(small, K2, FULL)).toEqual([
      [-2, 6, -1, 3],
      [1, 10, 1, 13],
      [6, 0, 22, 10],
      [0, 10, 9, 2],
    ]);
    const wide = conv2d(X, K, FULL);
    expect([wide.length, wide[0]?.length]).toEqual([7, 7]);
    // Each corner sees one input corner through the opposite kernel corner:
    // X[0][0]·K[2][2] = 2, X[4][4]·K[0][0] = 1, X[0][4]·K[2][0] = 0, X[4][0]·K[0][2] = −1
    expect([wide[0]?.[0], wide[6]?.[6], wide[0]?.[6], wide[6]?.[0]]).toEqual([2, 1, 0, -1]);
  });

  it('adds the bias to every cell', () => {
    expect(conv2d(X, K, VALID, 0.5)).toEqual([
      [2.5, 4.5, 9.5],
      [0.5, 1.5, 12.5],
      [13.5, 8.5, 7.5],
    ]);
  });

  it('returns [] when the kernel does not fit', () => {
    expect(
      conv2d(
        [
          [1, 2],
          [3, 4],
        ],
        K,
        VALID,
      ),
    ).toEqual([]);
    expect(conv2d(X, K, { stride: 1, padding: 'valid', dilation: 3 })).toEqual([]);
  });

  it('leaves its arguments unchanged', () => {
    const input = X.map((row) => [...row]);
    const kernel = K.map((row) => [...row]);
    conv2d(input, kernel, S2P1, 3);
    expect([input, kernel]).toEqual([X, K]);
  });
});

describe('impossibleReason', () => {
  it('is null when there is at least one output cell', () => {
    expect(impossibleReason(convLayout(5, 5, 3, 3, VALID))).toBeNull();
    expect(impossibleReason(convLayout(5, 5, 3, 3, D2))).toBeNull();
  });

  it('explains a dilated kernel that outgrows the padded input, with the arithmetic', () => {
    const layout = convLayout(2, 2, 3, 3, { stride: 1, padding: 1, dilation: 2 });
    expect(impossibleReason(layout)).toBe(
      'The dilated 3×3 kernel spans 5×5 cells (d(k−1)+1 = 2·2+1), more than the 4×4 padded input: ' +
        'the output would have 0 rows and 0 columns. Add padding or use a smaller kernel or dilation.',
    );
  });

  it('names only the axis that fails, and calls an unpadded input just the input', () => {
    expect(impossibleReason(convLayout(3, 6, 5, 5, VALID))).toBe(
      'The 5×5 kernel is taller than the 3×6 input: the output would have 0 rows. Add padding or use a smaller kernel.',
    );
    expect(impossibleReason(convLayout(6, 2, 3, 3, VALID))).toBe(
      'The 3×3 kernel is wider than the 6×2 input: the output would have 0 columns. Add padding or use a smaller kernel.',
    );
  });

  it('gives both spans for a non-square dilated kernel', () => {
    const layout = convLayout(5, 5, 3, 2, { stride: 1, padding: 'valid', dilation: 3 });
    expect(impossibleReason(layout)).toBe(
      'The dilated 3×2 kernel spans 7×4 cells (d(k−1)+1 = 3·2+1 and 3·1+1), taller than the 5×5 input: ' +
        'the output would have 0 rows. Add padding or use a smaller kernel or dilation.',
    );
  });

  it("never fires for 'same', which pads as much as the kernel needs", () => {
    expect(impossibleReason(convLayout(2, 2, 5, 5, { stride: 1, padding: 'same', dilation: 3 }))).toBeNull();
  });
});

describe('outputSizeFormula', () => {
  it('writes the formula with the current numbers', () => {
    expect(outputSizeFormula(convLayout(5, 5, 3, 3, S2P1), 'rows')).toBe('⌊(5 + 2·1 − 1·(3−1) − 1)/2⌋ + 1 = 3');
  });

  it('writes asymmetric padding as its two sides', () => {
    expect(outputSizeFormula(convLayout(5, 5, 2, 2, SAME), 'cols')).toBe('⌊(5 + 0 + 1 − 1·(2−1) − 1)/1⌋ + 1 = 5');
  });

  it('uses each axis its own sizes', () => {
    const layout = convLayout(5, 7, 3, 1, { stride: 2, padding: 1, dilation: 2 });
    expect(outputSizeFormula(layout, 'rows')).toBe('⌊(5 + 2·1 − 2·(3−1) − 1)/2⌋ + 1 = 2');
    expect(outputSizeFormula(layout, 'cols')).toBe('⌊(7 + 2·1 − 2·(1−1) − 1)/2⌋ + 1 = 5');
  });

  it('shows an impossible size as it is, with a true minus sign', () => {
    const layout = convLayout(3, 3, 5, 5, VALID);
    expect(outputSizeFormula(layout, 'rows')).toBe('⌊(3 + 2·0 − 1·(5−1) − 1)/1⌋ + 1 = −1');
  });

  it('evaluates to its own result for every padding mode', () => {
    const paddings: PaddingMode[] = ['valid', 'same', 'full', 0, 1, 2, 3];
    for (const padding of paddings) {
      const sizes: [n: number, k: number, stride: number, dilation: number][] = [
        [5, 3, 1, 1],
        [5, 2, 2, 1],
        [9, 4, 3, 1],
        [7, 3, 1, 3],
        [6, 5, 4, 2],
      ];
      for (const [n, k, stride, dilation] of sizes) {
        const layout = convLayout(n, 4, k, 2, { stride, padding, dilation });
        const [lhs, rhs] = outputSizeFormula(layout, 'rows').split(' = ') as [string, string];
        expect(evaluate(lhs), `${lhs} (${String(padding)})`).toBe(Number(rhs.replace('−', '-')));
        expect(Number(rhs.replace('−', '-'))).toBe(layout.outputRows);
      }
    }
  });
});

/** Evaluates a formula written with ⌊⌋, · and −. Test-only: the input is our own text. */
function evaluate(formula: string): number {
  const js = formula.replaceAll('⌊', 'Math.floor(').replaceAll('⌋', ')').replaceAll('·', '*').replaceAll('−', '-');
  return (new Function(`return ${js};`) as () => number)();
}

describe('padMatrix', () => {
  it('surrounds the input with the fill value, side by side', () => {
    expect(
      padMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        { top: 1, bottom: 0, left: 0, right: 2 },
        9,
      ),
    ).toEqual([
      [9, 9, 9, 9],
      [1, 2, 9, 9],
      [3, 4, 9, 9],
    ]);
  });

  it("has the layout's padded size and leaves the input unchanged", () => {
    const layout = convLayout(5, 5, 2, 2, SAME);
    const input = X.map((row) => [...row]);
    const padded = padMatrix(input, layout.pads);
    expect([padded.length, padded[0]?.length]).toEqual([layout.paddedRows, layout.paddedCols]);
    expect(padded[5]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(padded.map((row) => row[5])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(input).toEqual(X);
  });
});

describe('windowAt', () => {
  it('marks the taps that fall on padding', () => {
    const taps = windowAt(convLayout(5, 5, 3, 3, S2P1), 0, 0);
    expect(taps).toEqual([
      { kr: 0, kc: 0, row: 0, col: 0, isPadding: true },
      { kr: 0, kc: 1, row: 0, col: 1, isPadding: true },
      { kr: 0, kc: 2, row: 0, col: 2, isPadding: true },
      { kr: 1, kc: 0, row: 1, col: 0, isPadding: true },
      { kr: 1, kc: 1, row: 1, col: 1, isPadding: false },
      { kr: 1, kc: 2, row: 1, col: 2, isPadding: false },
      { kr: 2, kc: 0, row: 2, col: 0, isPadding: true },
      { kr: 2, kc: 1, row: 2, col: 1, isPadding: false },
      { kr: 2, kc: 2, row: 2, col: 2, isPadding: false },
    ]);
  });

  it('moves by the stride and spreads taps by the dilation', () => {
    const taps = windowAt(convLayout(5, 5, 3, 3, D2P1), 1, 2);
    expect(taps.map((t) => [t.row, t.col])).toEqual([
      [1, 2],
      [1, 4],
      [1, 6],
      [3, 2],
      [3, 4],
      [3, 6],
      [5, 2],
      [5, 4],
      [5, 6],
    ]);
    expect(taps.filter((t) => t.isPadding).map((t) => [t.kr, t.kc])).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
  });

  it('only marks the padding added after the input for an even kernel with same', () => {
    const layout = convLayout(5, 5, 2, 2, SAME);
    expect(windowAt(layout, 0, 0).some((t) => t.isPadding)).toBe(false);
    expect(windowAt(layout, 4, 3).map((t) => t.isPadding)).toEqual([false, false, true, true]);
  });

  it('stays inside the padded input and agrees with padMatrix, for every cell', () => {
    for (const settings of [VALID, S2P1, SAME, FULL, D2P1, { stride: 3, padding: 2, dilation: 1 }]) {
      const layout = convLayout(5, 5, 3, 3, settings);
      const padded = padMatrix(X, layout.pads, Number.NaN);
      for (let r = 0; r < layout.outputRows; r++) {
        for (let c = 0; c < layout.outputCols; c++) {
          for (const tap of windowAt(layout, r, c)) {
            expect(tap.row).toBeLessThan(layout.paddedRows);
            expect(tap.col).toBeLessThan(layout.paddedCols);
            expect(Number.isNaN(padded[tap.row]?.[tap.col])).toBe(tap.isPadding);
          }
        }
      }
    }
  });
});

describe('cellTerms', () => {
  it('lists the products of a window, their sum and the biased value', () => {
    expect(cellTerms(X, K, convLayout(5, 5, 3, 3, VALID), 0, 0, 0.25)).toEqual({
      products: [2, 0, -3, 2, 1, 0, 0, -2, 2],
      sum: 2,
      bias: 0.25,
      value: 2.25,
    });
  });

  it('counts padding taps as 0 and never shows −0', () => {
    const terms = cellTerms(X, K, convLayout(5, 5, 3, 3, S2P1), 0, 0);
    expect(terms.products).toEqual([0, 0, 0, 0, 2, 0, 0, -1, 1]);
    expect(terms.products.some((p) => Object.is(p, -0))).toBe(false);
  });

  it('sums to the conv2d value of every cell, for several settings', () => {
    const rng = mulberry32(0xc0ffee);
    const cases: [Matrix, Matrix, ConvSettings][] = [
      [X, K, VALID],
      [X, K, S2P1],
      [X, K2, SAME],
      [X, K, FULL],
      [X, K, D2P1],
      [
        randomIntegerMatrix(7, 6, rng, -3, 3),
        randomIntegerMatrix(3, 2, rng, -3, 3),
        { stride: 2, padding: 'same', dilation: 1 },
      ],
      [
        randomIntegerMatrix(8, 9, rng, -3, 3),
        randomIntegerMatrix(2, 3, rng, -3, 3),
        { stride: 1, padding: 2, dilation: 3 },
      ],
    ];
    for (const [input, kernel, settings] of cases) {
      const layout = convLayout(input.length, input[0]?.length ?? 0, kernel.length, kernel[0]?.length ?? 0, settings);
      const output = conv2d(input, kernel, settings, -1.5);
      for (let r = 0; r < layout.outputRows; r++) {
        for (let c = 0; c < layout.outputCols; c++) {
          const terms = cellTerms(input, kernel, layout, r, c, -1.5);
          expect(terms.products.reduce((a, b) => a + b, 0)).toBe(terms.sum);
          expect(terms.value).toBe(output[r]?.[c]);
        }
      }
    }
  });
});

describe('stepToCell', () => {
  it('walks the output row by row', () => {
    const layout = convLayout(5, 5, 3, 3, VALID);
    expect([0, 2, 4, 5, 7].map((s) => stepToCell(layout, s))).toEqual([
      { row: 0, col: 0 },
      { row: 0, col: 2 },
      { row: 1, col: 1 },
      { row: 1, col: 2 },
      { row: 2, col: 1 },
    ]);
  });

  it('wraps at the number of output columns, not rows', () => {
    const layout = convLayout(5, 7, 3, 1, { stride: 2, padding: 'valid', dilation: 1 }); // 2×4 output
    expect(stepToCell(layout, 3)).toEqual({ row: 0, col: 3 });
    expect(stepToCell(layout, 5)).toEqual({ row: 1, col: 1 });
  });
});
