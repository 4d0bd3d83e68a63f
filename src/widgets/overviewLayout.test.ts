import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import { analyzeSpec } from '../core/shapes';
import { feedingMaps, fitMaps, MIN_MAP_PX, overviewLayout, overviewLinks, shapeKey } from './overviewLayout';

function layersOf(spec: ModelSpec) {
  const analysis = analyzeSpec(spec);
  return spec.layers.map((layer, i) => ({ layer, shape: analysis.layers[i]!.outputShape }));
}

describe('overviewLayout', () => {
  it('lays the default network out left to right within the width, every map shown', () => {
    const layout = overviewLayout(layersOf(DEFAULT_SPEC), 1200, 380);
    expect(layout.width).toBeLessThanOrEqual(1200);
    expect(layout.height).toBe(380);
    expect(layout.columns.map((c) => [c.layer, c.kind, shapeKey(c.shape), c.shown, c.more])).toEqual([
      [-1, 'input', '28x28x1', 1, 0],
      [0, 'maps', '24x24x8', 8, 0],
      [1, 'maps', '12x12x8', 8, 0],
      [2, 'maps', '8x8x16', 16, 0],
      [3, 'maps', '4x4x16', 16, 0],
      [4, 'units', '256', 0, 0],
      [5, 'output', '10', 0, 0],
    ]);
    const xs = layout.columns.map((c) => c.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    for (const c of layout.columns) expect(c.x + c.width).toBeLessThanOrEqual(layout.width);
  });

  it('fits every preset in a 1280 px wide, 380 px tall picture', () => {
    for (const { spec } of Object.values(PRESET_SPECS)) {
      const layout = overviewLayout(layersOf(spec), 1240, 380);
      expect(layout.width).toBeLessThanOrEqual(1240);
      for (const c of layout.columns.filter((col) => col.kind === 'maps'))
        expect(c.mapPx).toBeGreaterThanOrEqual(MIN_MAP_PX);
    }
  });

  it('summarises the maps that do not fit as "more" instead of shrinking them out of sight', () => {
    const wide: ModelSpec = {
      inputShape: [28, 28, 1],
      layers: [
        { kind: 'conv2d', filters: 256, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
        { kind: 'flatten' },
        { kind: 'dense', units: 10, activation: 'softmax' },
      ],
    };
    const [, conv] = overviewLayout(layersOf(wide), 1000, 380).columns;
    expect(conv!.mapPx).toBe(MIN_MAP_PX);
    expect(conv!.shown + conv!.more).toBe(256);
    expect(conv!.more).toBeGreaterThan(0);
  });
});

describe('fitMaps', () => {
  it('uses one column of large maps when they fit, more columns when they do not', () => {
    expect(fitMaps(4, 100, 300)).toEqual({ shown: 4, more: 0, mapPx: 64, gridCols: 1 });
    const sixteen = fitMaps(16, 100, 300);
    expect(sixteen.gridCols).toBe(2);
    expect(sixteen.shown).toBe(16);
    expect(8 * sixteen.mapPx + 7 * 4).toBeLessThanOrEqual(300);
  });
});

describe('feedingMaps', () => {
  it('feeds a convolution from every map before it and a pooling map from its own channel', () => {
    const conv = DEFAULT_SPEC.layers[2]!;
    const pool = DEFAULT_SPEC.layers[1]!;
    expect(feedingMaps(conv, 3, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(feedingMaps(pool, 3, 8)).toEqual([3]);
    expect(feedingMaps(pool, 9, 8)).toEqual([]);
  });
});

describe('overviewLinks', () => {
  it('links the input to every first map, a convolution to every map before it, a pooling map to its own', () => {
    const layers = layersOf(DEFAULT_SPEC);
    const links = overviewLinks(overviewLayout(layers, 1200, 380), layers);
    const between = (column: number) => links.filter((l) => l.key.startsWith(`${column}-`)).length;
    // input→conv 8, conv→pool 8 (one each), pool→conv 8×16, conv→pool 16, pool→flatten 16, flatten→softmax 1.
    expect([1, 2, 3, 4, 5, 6].map(between)).toEqual([8, 8, 128, 16, 16, 1]);
    for (const l of links) expect(l.d).toMatch(/^M[\d.]+,[\d.]+C/);
    // Map 3 of the second pooling (column 4): the link from its one source, and its link to the flatten strip.
    expect(links.filter((l) => l.touches(4, 3)).map((l) => l.key)).toEqual(['4-3-3', '5-3-0']);
  });
});
