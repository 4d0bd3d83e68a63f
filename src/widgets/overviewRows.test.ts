import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import { analyzeSpec } from '../core/shapes';
import { MIN_MAP_PX, overviewLinks, shapeKey } from './overviewLayout';
import { fitRow, MAX_ROW_MAPS_PX, overviewRows, ROW_GAP_PX, ROW_LABEL_PX } from './overviewRows';

function layersOf(spec: ModelSpec) {
  const analysis = analyzeSpec(spec);
  return spec.layers.map((layer, i) => ({ layer, shape: analysis.layers[i]!.outputShape }));
}

/** A 390 px phone less the page's margins. */
const PHONE_PX = 358;

describe('overviewRows', () => {
  it('puts the prediction beside the input, then each layer a row below the one before', () => {
    const layout = overviewRows(layersOf(DEFAULT_SPEC), PHONE_PX);
    expect(layout.direction).toBe('down');
    expect(layout.width).toBe(PHONE_PX);
    const [input, ...rest] = layout.columns;
    const output = rest.pop()!;
    expect([input!.kind, output.kind, output.layer]).toEqual(['input', 'output', 5]);
    // The first row: the digit at the left, the ten probabilities filling the rest, level with it.
    expect(input!.body).toEqual({ x: 0, y: ROW_LABEL_PX, width: 130, height: 130 });
    expect(output.body).toEqual({ x: 146, y: ROW_LABEL_PX, width: PHONE_PX - 146, height: 130 });
    // Then the layers in spec order, each a row under its name line, a gap for the links between.
    expect(rest.map((c) => [c.layer, c.kind, shapeKey(c.shape), c.shown, c.more, c.gridCols, c.mapPx])).toEqual([
      [0, 'maps', '24x24x8', 8, 0, 8, 41],
      [1, 'maps', '12x12x8', 8, 0, 8, 41],
      [2, 'maps', '8x8x16', 16, 0, 8, 41],
      [3, 'maps', '4x4x16', 16, 0, 8, 41],
      [4, 'units', '256', 0, 0, 1, 0],
    ]);
    let y = ROW_LABEL_PX + 130 + ROW_GAP_PX;
    for (const row of rest) {
      expect(row.y).toBe(y);
      expect(row.body.y).toBe(y + ROW_LABEL_PX);
      expect(row.body.x + row.body.width).toBeLessThanOrEqual(PHONE_PX);
      y += row.height + ROW_GAP_PX;
    }
    // 16 maps of 41 px wrap onto two lines of 8; the strip of units is a line across.
    expect(rest[2]!.body.height).toBe(2 * 41 + 4);
    expect(rest[4]!.body).toMatchObject({ width: PHONE_PX, height: 14 });
    // Under the last row, a line saying it feeds the prediction at the top.
    expect(layout.onwardY).toBe(y - ROW_GAP_PX + 6);
    expect(layout.height).toBe(layout.onwardY! + ROW_LABEL_PX);
    // Input, prediction and the first layer's maps end 235 px below the top: well within one phone screen.
    expect(rest[0]!.body.y + rest[0]!.body.height).toBe(235);
  });

  it('fits every preset in a phone width, with readable maps and nothing past the edge', () => {
    for (const { spec } of Object.values(PRESET_SPECS)) {
      const layout = overviewRows(layersOf(spec), PHONE_PX);
      expect(layout.columns).toHaveLength(spec.layers.length + 1);
      for (const c of layout.columns) {
        expect(c.x + c.width).toBeLessThanOrEqual(PHONE_PX);
        expect(c.body.x + c.body.width).toBeLessThanOrEqual(PHONE_PX);
        if (c.kind === 'maps') expect(c.mapPx).toBeGreaterThanOrEqual(MIN_MAP_PX);
        if (c.kind === 'maps') expect(c.body.height).toBeLessThanOrEqual(MAX_ROW_MAPS_PX);
      }
    }
  });

  it('keeps a bare minimum width on a very narrow box rather than crushing the maps', () => {
    const layout = overviewRows(layersOf(DEFAULT_SPEC), 120);
    expect(layout.width).toBe(240);
    for (const c of layout.columns.filter((col) => col.kind === 'maps'))
      expect(c.mapPx).toBeGreaterThanOrEqual(MIN_MAP_PX);
  });
});

describe('fitRow', () => {
  it('wraps maps onto lines of equal length where it can, as large as the height allows', () => {
    // 4 maps fit on one line at the largest size, not 3 and 1.
    expect(fitRow(4, PHONE_PX, 100)).toEqual({ shown: 4, more: 0, mapPx: 64, gridCols: 4 });
    // 5 maps in 100 × 100: one line gives 16 px maps (too small), two lines of 3 give 30 px, three lines 152 px tall.
    expect(fitRow(5, 100, 100)).toEqual({ shown: 5, more: 0, mapPx: 30, gridCols: 3 });
    expect(fitRow(8, PHONE_PX, 100)).toEqual({ shown: 8, more: 0, mapPx: 41, gridCols: 8 });
  });

  it('shows as many maps as fit at the smallest readable size and counts the rest', () => {
    // 16 to a line at 18 px (16·18 + 15·4 = 348), 4 lines in 100 px (4·18 + 3·4 = 84).
    expect(fitRow(256, PHONE_PX, 100)).toEqual({ shown: 64, more: 192, mapPx: MIN_MAP_PX, gridCols: 16 });
  });
});

describe('overviewLinks down the rows', () => {
  it('runs every link from the bottom of a map to the top of the one it feeds, none back up to the prediction', () => {
    const layers = layersOf(DEFAULT_SPEC);
    const layout = overviewRows(layers, PHONE_PX);
    const links = overviewLinks(layout, layers);
    const between = (column: number) => links.filter((l) => l.key.startsWith(`${column}-`)).length;
    // input→conv 8, conv→pool 8, pool→conv 8×16, conv→pool 16, pool→flatten 16, flatten→softmax none (it sits on top).
    expect([1, 2, 3, 4, 5, 6].map(between)).toEqual([8, 8, 128, 16, 16, 0]);
    for (const l of links) {
      const [, x0, y0, x1, y1] = /^M([\d.]+),([\d.]+)C.*?([\d.]+),([\d.]+)$/.exec(l.d)!.map(Number);
      expect(y1!).toBeGreaterThan(y0!);
      expect(Math.max(x0!, x1!)).toBeLessThanOrEqual(PHONE_PX);
    }
    // From the digit's bottom middle to the top middle of the first layer's map 2.
    const first = layout.columns[1]!;
    const d = links.find((l) => l.key === '1-0-2')!.d;
    expect(d.startsWith(`M65,${ROW_LABEL_PX + 130}C`)).toBe(true);
    expect(d.endsWith(`${2 * 45 + 20.5},${first.body.y}`)).toBe(true);
  });
});
