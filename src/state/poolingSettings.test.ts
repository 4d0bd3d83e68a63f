import { describe, expect, it } from 'vitest';
import { cellAtStep, FEATURE_FILTERS, featureMaps, poolSettingsOf } from './poolingSettings';

describe('FEATURE_FILTERS', () => {
  it('has the 7 presets then 3 more, 10 in all', () => {
    expect(FEATURE_FILTERS.map((f) => f.label)).toEqual([
      'Identity',
      'Box blur',
      'Sharpen',
      'Horizontal edges',
      'Vertical edges',
      'Sobel x',
      'Sobel y',
      'Diagonal edges (↘)',
      'Diagonal edges (↙)',
      'Negative identity',
    ]);
  });
});

describe('featureMaps', () => {
  it('gives one ReLU response map per filter, the size of the image', () => {
    const dot = [
      [0, 0, 0],
      [0, 2, 0],
      [0, 0, 0],
    ];
    const maps = featureMaps(dot);
    expect(maps).toHaveLength(10);
    expect(maps[0]).toEqual(dot);
    // Every 3×3 window ('same' padding) holds the dot: 2/9 everywhere.
    expect(maps[1]!.flat().every((v) => Math.abs(v - 2 / 9) < 1e-12)).toBe(true);
    // Sharpen: 5·2 at the dot; −2 beside it and 0 at the corners, which ReLU keeps at 0.
    expect(maps[2]).toEqual([
      [0, 0, 0],
      [0, 10, 0],
      [0, 0, 0],
    ]);
    // Negative identity: −2 at the dot, cut to 0.
    expect(maps[9]!.flat().every((v) => v === 0)).toBe(true);
  });
});

describe('poolSettingsOf', () => {
  it('names the window size and kind as the pooling core does', () => {
    expect(poolSettingsOf({ pool: 'avg', window: 3, stride: 2 })).toEqual({ kind: 'avg', size: 3, stride: 2 });
  });
});

describe('cellAtStep', () => {
  it('walks the output row by row and stays on the last cell when done', () => {
    const layout = { outputRows: 3, outputCols: 4 };
    expect(cellAtStep(layout, 0)).toEqual({ row: 0, col: 0 });
    expect(cellAtStep(layout, 5)).toEqual({ row: 1, col: 1 });
    expect(cellAtStep(layout, 12)).toEqual({ row: 2, col: 3 });
  });
});
