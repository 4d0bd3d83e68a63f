import { describe, expect, it } from 'vitest';
import type { Conv2dLayer, DenseLayer, ModelSpec } from '../core/modelSpec';
import type { LayerSnapshot, Snapshot } from '../protocol/messages';
import { classNaming } from '../core/classNaming';
import { buildLayerView, buildLayerViews, cssSize, describeSource, dialogSize } from './layerViews';

const CONV: Conv2dLayer = { kind: 'conv2d', filters: 2, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' };
const SOFTMAX: DenseLayer = { kind: 'dense', units: 10, activation: 'softmax' };
const RELU_DENSE: DenseLayer = { kind: 'dense', units: 4, activation: 'relu' };

/** A 2×3×2 activation volume (HWC): value i·0.5 − 2 at flat index i, so channel 0 holds the even indices. */
const ACTIVATIONS = Float32Array.from({ length: 12 }, (_, i) => i * 0.5 - 2);

/** A 3×3×1×2 kernel: (i − 8)·0.25 at flat index i, from −2 to 2.25 (exact in float32). */
const KERNEL = Float32Array.from({ length: 18 }, (_, i) => (i - 8) * 0.25);

function layerData(
  layerIndex: number,
  outputShape: number[],
  activations: Float32Array,
  kernel?: LayerSnapshot['kernel'],
): LayerSnapshot {
  return { layerIndex, outputShape, activations, kernel: kernel ?? null, bias: null };
}

describe('buildLayerView: a conv layer', () => {
  const data = layerData(4, [2, 3, 2], ACTIVATIONS, { shape: [3, 3, 1, 2], values: KERNEL });

  it('has one 2×3 map per channel with that channel’s values, sizes and test ids', () => {
    const view = buildLayerView(4, CONV, data, undefined);
    expect(view.heading).toBe('conv 2 3×3 s1 same relu → 2×3×2');
    expect(view.missing).toBeUndefined();
    expect(view.maps.map((m) => m.testId)).toEqual(['fmap-4-0', 'fmap-4-1']);
    expect(Array.from(view.maps[0]!.values)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(Array.from(view.maps[1]!.values)).toEqual([-1.5, -0.5, 0.5, 1.5, 2.5, 3.5]);
    const map = view.maps[1]!;
    expect([map.rows, map.cols, map.sizePx, map.heightPx]).toEqual([2, 3, 24, 16]);
    expect(map.title).toBe('Layer 4 conv2d feature map 2 of 2, 2×3');
    expect(map.describe(1, 2, -0.123456)).toBe('Feature map 2, row 1, col 2: \u22120.123');
  });

  it('colours the maps on one diverging scale over every channel, since some values are negative', () => {
    const view = buildLayerView(4, CONV, data, undefined);
    expect(view.mapsScale?.kind).toBe('diverging');
    expect(view.mapsScale?.domain).toEqual([-3.5, 3.5]);
    expect(view.maps.every((m) => m.scale === view.mapsScale)).toBe(true);
  });

  it('draws each single-channel filter as its 3×3 weights on a signed scale of [−max|w|, max|w|]', () => {
    const view = buildLayerView(4, CONV, data, undefined);
    expect(view.filters.map((f) => f.testId)).toEqual(['filter-4-0', 'filter-4-1']);
    // Weight (r, c) of filter o sits at flat index (r·3 + c)·2 + o.
    expect(Array.from(view.filters[1]!.values)).toEqual([-1.75, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 1.75, 2.25]);
    expect([view.filters[0]!.rows, view.filters[0]!.cols, view.filters[0]!.sizePx, view.filters[0]!.heightPx]).toEqual([
      3, 3, 36, 36,
    ]);
    expect(view.filters[0]!.title).toBe('Layer 4 filter 1 of 2, 3×3 weights');
    expect(view.filtersScale).toMatchObject({
      kind: 'diverging',
      domain: [-2.25, 2.25],
      description: 'blue for negative values, near-white at 0, red for positive values',
    });
    expect(view.filtersNote).toBeUndefined();
  });

  it('gives the mean |Δw| since the previous kernel, and NaN without one', () => {
    // Every even weight moved by 0.25 and every odd one by 0.5: mean (9·0.25 + 9·0.5) / 18 = 0.375.
    const previous = KERNEL.map((w, i) => w + (i % 2 === 0 ? -0.25 : 0.5));
    expect(buildLayerView(4, CONV, data, previous).weightChange).toBe(0.375);
    expect(buildLayerView(4, CONV, data, new Float32Array(18)).weightChange).toBe(20.25 / 18);
    expect(buildLayerView(4, CONV, data, undefined).weightChange).toBeNaN();
  });

  it('tiles the input-channel slices of a deeper filter, with gaps masked out', () => {
    const deep = layerData(1, [2, 3, 2], ACTIVATIONS, {
      shape: [2, 2, 3, 1],
      values: Float32Array.from({ length: 12 }, (_, i) => i + 1),
    });
    const view = buildLayerView(1, CONV, deep, undefined);
    expect(view.filtersNote).toBe(
      'Each filter is a grid of its 3 input-channel slices (2×2 each), left to right, top to bottom.',
    );
    const filter = view.filters[0]!;
    // 3 slices of 2×2, two to a row with a 1-cell gap: 5×5, drawn at 6 px a cell.
    expect([filter.rows, filter.cols, filter.sizePx, filter.heightPx]).toEqual([5, 5, 30, 30]);
    // Slice 1 (input channel 2) holds the weights at flat indices 1, 4, 7, 10.
    expect(Array.from(filter.values.slice(3, 5))).toEqual([2, 5]);
    expect(filter.mask![2]).toBe(0);
    expect(filter.describe(0, 4, 5)).toBe('Filter 1, input channel 2, row 0, col 1: 5');
    expect(filter.describe(2, 0, 0)).toBe('');
  });
});

describe('buildLayerView: dense layers', () => {
  it('shows a softmax layer as its probabilities, without maps', () => {
    const probabilities = [0.5, 0.25, 0.125, 0.0625, 0.0625, 0, 0, 0, 0, 0];
    const view = buildLayerView(5, SOFTMAX, layerData(5, [10], Float32Array.from(probabilities)), undefined);
    expect(view.probabilities).toEqual(probabilities);
    expect(view.maps).toEqual([]);
    expect(view.mapsScale).toBeUndefined();
  });

  it('shows another dense layer as one strip of units on a sequential scale', () => {
    const view = buildLayerView(2, RELU_DENSE, layerData(2, [4], Float32Array.from([0, 1.5, 3, 0.75])), undefined);
    expect(view.probabilities).toBeUndefined();
    const strip = view.maps[0]!;
    expect([strip.testId, strip.rows, strip.cols, strip.sizePx, strip.heightPx]).toEqual([
      'activations-2',
      1,
      4,
      80,
      20,
    ]);
    expect(strip.title).toBe('Layer 2 dense activations, 4 units');
    expect(strip.describe(0, 3, 0.75)).toBe('Unit 3: 0.75');
    expect(view.mapsScale).toMatchObject({ kind: 'sequential', domain: [0, 3] });
  });
});

describe('buildLayerView: nothing to draw', () => {
  it('says when the snapshot does not fit the layer’s shape', () => {
    const view = buildLayerView(0, CONV, layerData(0, [2, 2, 3], new Float32Array(5)), undefined);
    expect(view.missing).toBe('The snapshot does not fit shape 2×2×3.');
    expect(view.heading).toBe('conv 2 3×3 s1 same relu → 2×2×3');
    expect(view.maps).toEqual([]);
    expect(view.weightChange).toBeUndefined();
  });

  it('says when the snapshot has no data for the layer', () => {
    const view = buildLayerView(3, { kind: 'flatten' }, undefined, undefined);
    expect(view.missing).toBe('No snapshot data for this layer yet.');
    expect(view.heading).toBe('flatten');
  });
});

describe('buildLayerViews', () => {
  it('pairs every spec layer with its snapshot layer and previous kernel by index', () => {
    const spec: ModelSpec = { inputShape: [28, 28, 1], layers: [CONV, { kind: 'flatten' }, SOFTMAX] };
    const snapshot: Snapshot = {
      step: 7,
      sampleIndex: 3,
      input: new Float32Array(784),
      label: 2,
      layers: [
        layerData(2, [10], new Float32Array(10).fill(0.1)),
        layerData(0, [2, 3, 2], ACTIVATIONS, { shape: [3, 3, 1, 2], values: KERNEL }),
      ],
    };
    const views = buildLayerViews(snapshot, spec, new Map([[0, new Float32Array(18)]]));
    expect(views.map((v) => v.index)).toEqual([0, 1, 2]);
    expect(views[0]!.weightChange).toBe(20.25 / 18);
    expect(views[1]!.missing).toBe('No snapshot data for this layer yet.');
    expect(views[2]!.probabilities).toHaveLength(10);
  });
});

describe('sizes and the input caption', () => {
  it('draws a map about the target size with whole pixels per cell within the limits', () => {
    expect(cssSize(28, 28, 84, 2, 8)).toEqual({ sizePx: 84, heightPx: 84 });
    expect(cssSize(2, 40, 60)).toEqual({ sizePx: 80, heightPx: 4 });
    expect(cssSize(3, 4, 200)).toEqual({ sizePx: 48, heightPx: 36 });
  });

  it('enlarges a strip to 12 px a unit within 160–720 px, and a grid to about the dialog size', () => {
    expect(dialogSize(1, 50, 336)).toEqual({ sizePx: 600, heightPx: 40 });
    expect(dialogSize(1, 5, 336)).toEqual({ sizePx: 160, heightPx: 40 });
    expect(dialogSize(1, 100, 336)).toEqual({ sizePx: 720, heightPx: 40 });
    expect(dialogSize(28, 28, 336)).toEqual({ sizePx: 336, heightPx: 336 });
    expect(dialogSize(3, 3, 336)).toEqual({ sizePx: 144, heightPx: 144 });
  });

  it('names the test digit, or says it is a drawing', () => {
    expect(describeSource({ sampleIndex: 42, label: 7 })).toBe('Test digit #42, a 7');
    expect(describeSource({ sampleIndex: -1, label: -1 })).toBe('Your drawing');
    expect(describeSource({ sampleIndex: 3, label: 1 }, classNaming(['circle', 'cross']))).toBe(
      'Test example #3, “cross”',
    );
  });
});
