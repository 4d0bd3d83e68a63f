import { describe, expect, it } from 'vitest';
import { randomIntegerMatrix } from './convFixtures.test-helpers';
import { stackChannels, volumeChannel, type Matrix, type Volume } from './convolution';
import {
  impossiblePoolReason,
  pool2d,
  poolFormula,
  poolLayout,
  poolVolume,
  poolWindowAt,
  type PoolSettings,
} from './pooling';
import { mulberry32 } from './random';

const M4: Matrix = [
  [1, 3, 2, 0],
  [4, 2, 1, 5],
  [0, 6, 3, 3],
  [2, 1, 7, 4],
];

// Every 3×3 window with stride 2 shares the centre (2,2); the centre wins only the last one.
// Row 4 and column 4 are left over by 2×2 windows with stride 2; the 8 at (1,4) is never seen.
const M5: Matrix = [
  [1, 7, 2, 0, 3],
  [4, 0, 5, 1, 8],
  [2, 3, 6, 2, 0],
  [9, 1, 0, 4, 1],
  [0, 5, 2, 3, 5],
];

const MAX_2_2: PoolSettings = { kind: 'max', size: 2, stride: 2 };
const AVG_2_2: PoolSettings = { kind: 'avg', size: 2, stride: 2 };

describe('poolLayout', () => {
  it('uses valid padding: ⌊(n − size)/stride⌋ + 1 per axis', () => {
    expect(poolLayout(4, 4, MAX_2_2)).toEqual({
      inputRows: 4,
      inputCols: 4,
      size: 2,
      stride: 2,
      outputRows: 2,
      outputCols: 2,
    });
    const layout = poolLayout(7, 5, { size: 3, stride: 2 });
    expect([layout.outputRows, layout.outputCols]).toEqual([3, 2]);
  });
});

describe('pool2d, worked by hand', () => {
  it('max 2×2 stride 2 on a 4×4 grid, with the winning cells', () => {
    expect(pool2d(M4, MAX_2_2)).toEqual({
      output: [
        [4, 5],
        [6, 7],
      ],
      winners: [
        [
          { row: 1, col: 0 },
          { row: 1, col: 3 },
        ],
        [
          { row: 2, col: 1 },
          { row: 3, col: 2 },
        ],
      ],
    });
  });

  it('average 2×2 stride 2 on a 4×4 grid, without winners', () => {
    // (1 + 3 + 4 + 2)/4, (2 + 0 + 1 + 5)/4, (0 + 6 + 2 + 1)/4, (3 + 3 + 7 + 4)/4
    expect(pool2d(M4, AVG_2_2)).toEqual({
      output: [
        [2.5, 2],
        [2.25, 4.25],
      ],
      winners: null,
    });
  });

  it('overlapping 3×3 windows with stride 2 can share a winner cell', () => {
    const { output, winners } = pool2d(M5, { kind: 'max', size: 3, stride: 2 });
    expect(output).toEqual([
      [7, 8],
      [9, 6],
    ]);
    expect(winners).toEqual([
      [
        { row: 0, col: 1 },
        { row: 1, col: 4 },
      ],
      [
        { row: 3, col: 0 },
        { row: 2, col: 2 },
      ],
    ]);
    const avg = pool2d(M5, { kind: 'avg', size: 3, stride: 2 }).output;
    // sums 30, 27, 28, 23 over 9 cells each
    expect(avg.flat().map((v) => v * 9)).toEqual([30, 27, 28, 23].map((s) => expect.closeTo(s, 12)));
  });

  it('ignores leftover rows and columns that no full window reaches', () => {
    expect(pool2d(M5, MAX_2_2).output).toEqual([
      [7, 5],
      [9, 6],
    ]);
    const changed = M5.map((row, r) => row.map((v, c) => (r === 4 || c === 4 ? 100 : v)));
    expect(pool2d(changed, MAX_2_2).output).toEqual(pool2d(M5, MAX_2_2).output);
    expect(pool2d(changed, AVG_2_2).output).toEqual(pool2d(M5, AVG_2_2).output);
  });

  it('breaks ties by the first maximum in row-major window order', () => {
    const winnerOf = (window: Matrix) => pool2d(window, MAX_2_2).winners?.[0]?.[0];
    expect(
      winnerOf([
        [3, 3],
        [3, 3],
      ]),
    ).toEqual({ row: 0, col: 0 });
    expect(
      winnerOf([
        [1, 5],
        [5, 2],
      ]),
    ).toEqual({ row: 0, col: 1 });
    expect(
      winnerOf([
        [1, 2],
        [5, 5],
      ]),
    ).toEqual({ row: 1, col: 0 });
  });

  it('finds the maximum of all-negative windows', () => {
    expect(
      pool2d(
        [
          [-3, -1],
          [-2, -5],
        ],
        MAX_2_2,
      ),
    ).toEqual({ output: [[-1]], winners: [[{ row: 0, col: 1 }]] });
    expect(
      pool2d(
        [
          [-3, -1],
          [-2, -5],
        ],
        AVG_2_2,
      ).output,
    ).toEqual([[-2.75]]);
  });

  it('returns an empty output when the window is larger than the input', () => {
    expect(
      pool2d(
        [
          [1, 2],
          [3, 4],
        ],
        { kind: 'max', size: 3, stride: 1 },
      ),
    ).toEqual({ output: [], winners: [] });
    expect(
      pool2d(
        [
          [1, 2],
          [3, 4],
        ],
        { kind: 'avg', size: 3, stride: 1 },
      ),
    ).toEqual({ output: [], winners: null });
  });

  it('leaves its input unchanged', () => {
    const input = M5.map((row) => [...row]);
    pool2d(input, { kind: 'max', size: 3, stride: 1 });
    pool2d(input, { kind: 'avg', size: 2, stride: 1 });
    expect(input).toEqual(M5);
  });
});

describe('poolWindowAt', () => {
  it('lists the window cells row-major, moved by the stride', () => {
    expect(poolWindowAt(poolLayout(7, 7, { size: 3, stride: 2 }), 1, 2)).toEqual([
      { row: 2, col: 4 },
      { row: 2, col: 5 },
      { row: 2, col: 6 },
      { row: 3, col: 4 },
      { row: 3, col: 5 },
      { row: 3, col: 6 },
      { row: 4, col: 4 },
      { row: 4, col: 5 },
      { row: 4, col: 6 },
    ]);
  });

  it('contains every max winner', () => {
    const layout = poolLayout(5, 5, { size: 3, stride: 1 });
    const { winners } = pool2d(M5, { kind: 'max', size: 3, stride: 1 });
    winners?.forEach((row, r) => row.forEach((winner, c) => expect(poolWindowAt(layout, r, c)).toContainEqual(winner)));
  });
});

describe('impossiblePoolReason', () => {
  it('is null when there is an output cell', () => {
    expect(impossiblePoolReason(poolLayout(3, 3, { size: 3, stride: 3 }))).toBeNull();
  });

  it('explains a window larger than the input, naming the failing axes', () => {
    expect(impossiblePoolReason(poolLayout(2, 2, { size: 3, stride: 1 }))).toBe(
      'The 3×3 pool window is larger than the 2×2 input: the output would have 0 rows and 0 columns. Use a smaller pool size.',
    );
    expect(impossiblePoolReason(poolLayout(2, 6, { size: 3, stride: 2 }))).toBe(
      'The 3×3 pool window is taller than the 2×6 input: the output would have 0 rows. Use a smaller pool size.',
    );
    expect(impossiblePoolReason(poolLayout(4, 1, { size: 2, stride: 2 }))).toBe(
      'The 2×2 pool window is wider than the 4×1 input: the output would have 0 columns. Use a smaller pool size.',
    );
  });
});

describe('poolFormula', () => {
  it('writes the formula with the current numbers, per axis', () => {
    expect(poolFormula(poolLayout(32, 32, { size: 2, stride: 2 }), 'rows')).toBe('⌊(32 − 2)/2⌋ + 1 = 16');
    const layout = poolLayout(7, 5, { size: 3, stride: 2 });
    expect(poolFormula(layout, 'rows')).toBe('⌊(7 − 3)/2⌋ + 1 = 3');
    expect(poolFormula(layout, 'cols')).toBe('⌊(5 − 3)/2⌋ + 1 = 2');
  });

  it('shows impossible sizes with a true minus sign', () => {
    expect(poolFormula(poolLayout(1, 1, { size: 3, stride: 1 }), 'rows')).toBe('⌊(1 − 3)/1⌋ + 1 = −1');
  });
});

describe('poolVolume', () => {
  const volume: Volume = stackChannels([M4, M4.map((row) => row.map((v) => -v)), M4.map((row) => [...row].reverse())]);

  it('pools each channel on its own', () => {
    const pooled = poolVolume(volume, MAX_2_2);
    expect(volumeChannel(pooled, 0)).toEqual([
      [4, 5],
      [6, 7],
    ]);
    // −M4: each window's maximum is minus its smallest value; −0 comes back as 0
    expect(volumeChannel(pooled, 1)).toEqual([
      [-1, 0],
      [0, -3],
    ]);
    expect(volumeChannel(pooled, 2)).toEqual([
      [5, 4],
      [7, 6],
    ]);
  });

  it('equals pool2d of every channel for a stack of 10 maps', () => {
    const rng = mulberry32(10);
    const maps = Array.from({ length: 10 }, () => randomIntegerMatrix(6, 7, rng, 0, 3));
    for (const settings of [MAX_2_2, AVG_2_2, { kind: 'max', size: 3, stride: 1 } as const]) {
      const pooled = poolVolume(stackChannels(maps), settings);
      maps.forEach((map, c) => expect(volumeChannel(pooled, c)).toEqual(pool2d(map, settings).output));
    }
  });

  it('returns [] when the window does not fit', () => {
    expect(poolVolume(volume, { kind: 'avg', size: 5, stride: 1 })).toEqual([]);
  });
});
