import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from './defaultSpec';
import { classifier, flatten, inception, residual } from './layerSpecs.test-helpers';
import type { LayerSpec, ModelSpec } from './modelSpec';
import { receptiveField, type FieldRegion, type ReceptiveField } from './receptiveField';

const conv = (kernelSize: number, stride: number, padding: 'valid' | 'same'): LayerSpec => ({
  kind: 'conv2d',
  filters: 4,
  kernelSize,
  stride,
  padding,
  activation: 'relu',
});
const dense = (units: number): LayerSpec => ({ kind: 'dense', units, activation: 'relu' });
const dropout: LayerSpec = { kind: 'dropout', rate: 0.5 };

function mnist(...layers: LayerSpec[]): ModelSpec {
  return { inputShape: [28, 28, 1], layers };
}

/** The clipped bounds as [top, left, bottom, right]. */
const bounds = (region: FieldRegion | undefined) => region && [region.top, region.left, region.bottom, region.right];

/** The unclipped bounds as [top, left, bottom, right]. */
const unclipped = (region: FieldRegion | undefined) =>
  region && [region.unclippedTop, region.unclippedLeft, region.unclippedBottom, region.unclippedRight];

function fieldOf(spec: ModelSpec, layerIndex: number, row: number, col: number): ReceptiveField {
  const field = receptiveField(spec, layerIndex, row, col);
  if (field === null) throw new Error(`no field for layer ${layerIndex} cell (${row}, ${col})`);
  return field;
}

describe('receptiveField in the default network', () => {
  // conv 5×5 valid (28→24) → max pool 2 s2 (24→12) → conv 5×5 valid (12→8) → max pool 2 s2 (8→4).
  it('maps cell (0, 0) of the last pool to input rows and cols 0..15', () => {
    // Backwards from layer 3, rows [0, 0]:
    //   pool 2 s2:  [0·2, 0·2 + 2 − 1] = [0, 1]   in layer 2 (8×8)
    //   conv 5 s1:  [0·1 − 0, 1·1 − 0 + 5 − 1] = [0, 5]   in layer 1 (12×12)
    //   pool 2 s2:  [0·2, 5·2 + 2 − 1] = [0, 11]   in layer 0 (24×24)
    //   conv 5 s1:  [0, 11 + 5 − 1] = [0, 15]   in the 28×28 input
    const field = fieldOf(DEFAULT_SPEC, 3, 0, 0);
    expect(field.layers.map(bounds)).toEqual([
      [0, 0, 11, 11],
      [0, 0, 5, 5],
      [0, 0, 1, 1],
    ]);
    expect(bounds(field.input)).toEqual([0, 0, 15, 15]);
    expect(unclipped(field.input)).toEqual([0, 0, 15, 15]);
  });

  it('maps rows and cols independently for an off-diagonal cell', () => {
    // Rows from 1: pool [2, 3]; conv [2, 7]; pool [4, 15]; conv [4, 19].
    // Cols from 2: pool [4, 5]; conv [4, 9]; pool [8, 19]; conv [8, 23].
    const field = fieldOf(DEFAULT_SPEC, 3, 1, 2);
    expect(field.layers.map(bounds)).toEqual([
      [4, 8, 15, 19],
      [2, 4, 7, 9],
      [2, 4, 3, 5],
    ]);
    expect(bounds(field.input)).toEqual([4, 8, 19, 23]);
  });

  it('labels every region with the layer whose output holds it, and the input with -1', () => {
    const field = fieldOf(DEFAULT_SPEC, 3, 3, 3);
    expect(field.layers.map((region) => region.layerIndex)).toEqual([0, 1, 2]);
    expect(field.input.layerIndex).toBe(-1);
    // The opposite corner: pool [6, 7]; conv [6, 11]; pool [12, 23]; conv [12, 27], the last input row.
    expect(bounds(field.input)).toEqual([12, 12, 27, 27]);
  });

  it('gives a dense cell the whole of every earlier layer', () => {
    const field = fieldOf(DEFAULT_SPEC, 5, 0, 7);
    expect(field.layers.map(bounds)).toEqual([
      [0, 0, 23, 23],
      [0, 0, 11, 11],
      [0, 0, 7, 7],
      [0, 0, 3, 3],
      // The flatten output, 4·4·16 = 256 units laid out as one row.
      [0, 0, 0, 255],
    ]);
    expect(bounds(field.input)).toEqual([0, 0, 27, 27]);
  });

  it('gives the first layer an empty list of earlier layers', () => {
    const field = fieldOf(DEFAULT_SPEC, 0, 9, 17);
    expect(field.layers).toEqual([]);
    expect(bounds(field.input)).toEqual([9, 17, 13, 21]);
  });
});

describe('receptiveField with padding', () => {
  it("reads one padding row above a 'same' 3×3 conv's top corner", () => {
    // SAME, k 3, s 1, n 28: total pad (28 − 1)·1 + 3 − 28 = 2, so 1 on top. Row 0 reads [0 − 1, 0 − 1 + 2].
    const field = fieldOf(mnist(conv(3, 1, 'same'), flatten, classifier), 0, 0, 0);
    expect(unclipped(field.input)).toEqual([-1, -1, 1, 1]);
    expect(bounds(field.input)).toEqual([0, 0, 1, 1]);
  });

  it("reads one padding row below a 'same' 3×3 conv's bottom corner", () => {
    const field = fieldOf(mnist(conv(3, 1, 'same'), flatten, classifier), 0, 27, 27);
    expect(unclipped(field.input)).toEqual([26, 26, 28, 28]);
    expect(bounds(field.input)).toEqual([26, 26, 27, 27]);
  });

  it("pads a stride-2 'same' 3×3 conv on an even input only at the bottom", () => {
    // SAME, k 3, s 2, n 28: out 14, total pad (14 − 1)·2 + 3 − 28 = 1: 0 on top, 1 below.
    const spec = mnist(conv(3, 2, 'same'), flatten, classifier);
    const first = fieldOf(spec, 0, 0, 0);
    expect(unclipped(first.input)).toEqual([0, 0, 2, 2]);
    // Row 13 reads [13·2 − 0, 13·2 + 2] = [26, 28]; row 28 is the padding.
    const last = fieldOf(spec, 0, 13, 13);
    expect(unclipped(last.input)).toEqual([26, 26, 28, 28]);
    expect(bounds(last.input)).toEqual([26, 26, 27, 27]);
  });

  it("splits a stride-2 'same' 5×5 conv's odd padding with the extra cell below", () => {
    // SAME, k 5, s 2, n 28: total pad 13·2 + 5 − 28 = 3: 1 on top, 2 below.
    const spec = mnist(conv(5, 2, 'same'), flatten, classifier);
    expect(unclipped(fieldOf(spec, 0, 0, 6).input)).toEqual([-1, 11, 3, 15]);
    // Row 13 reads [26 − 1, 26 − 1 + 4] = [25, 29].
    const last = fieldOf(spec, 0, 13, 6);
    expect(unclipped(last.input)).toEqual([25, 11, 29, 15]);
    expect(bounds(last.input)).toEqual([25, 11, 27, 15]);
  });
});

describe('receptiveField through stacks and blocks', () => {
  it("grows to 5×5 through two 3×3 'same' convs, VGG-style", () => {
    const spec = mnist(conv(3, 1, 'same'), conv(3, 1, 'same'), flatten, classifier);
    const field = fieldOf(spec, 1, 10, 20);
    expect(field.layers.map(bounds)).toEqual([[9, 19, 11, 21]]);
    expect(bounds(field.input)).toEqual([8, 18, 12, 22]);
  });

  it('reads only the padding ring the first conv needs at a corner of a VGG-style stack', () => {
    // The second conv's padding is a constant zero that depends on no input, so the input's
    // unclipped top is −1 (the first conv's padding), not −2.
    const spec = mnist(conv(3, 1, 'same'), conv(3, 1, 'same'), flatten, classifier);
    const field = fieldOf(spec, 1, 0, 0);
    expect(unclipped(field.layers[0])).toEqual([-1, -1, 1, 1]);
    expect(bounds(field.layers[0])).toEqual([0, 0, 1, 1]);
    expect(unclipped(field.input)).toEqual([-1, -1, 2, 2]);
    expect(bounds(field.input)).toEqual([0, 0, 2, 2]);
  });

  it('passes a region through dropout unchanged', () => {
    const spec = mnist(conv(3, 1, 'valid'), dropout, conv(3, 1, 'valid'), flatten, classifier);
    const field = fieldOf(spec, 2, 4, 6);
    expect(field.layers.map(bounds)).toEqual([
      [4, 6, 6, 8],
      [4, 6, 6, 8],
    ]);
    expect(bounds(field.input)).toEqual([4, 6, 8, 10]);
  });

  it("reads an inception block's input through a 5×5 'same' window", () => {
    const field = fieldOf(mnist(inception(2, 3, 4, 5), flatten, classifier), 0, 0, 13);
    expect(unclipped(field.input)).toEqual([-2, 11, 2, 15]);
    expect(bounds(field.input)).toEqual([0, 11, 2, 15]);
  });

  it("reads a residual block's input through two 3×3 convs, padded one cell at a time", () => {
    const field = fieldOf(mnist(residual(6), flatten, classifier), 0, 0, 13);
    // Between the convs: rows [−1, 1] clipped to [0, 1]; then [−1, 2] in the input.
    expect(unclipped(field.input)).toEqual([-1, 11, 2, 15]);
    expect(bounds(field.input)).toEqual([0, 11, 2, 15]);
  });

  it('keeps a dropout after a dense layer to one unit of that layer', () => {
    const spec = mnist(flatten, dense(32), dropout, classifier);
    const field = fieldOf(spec, 2, 0, 5);
    expect(field.layers.map(bounds)).toEqual([
      [0, 0, 0, 783],
      [0, 5, 0, 5],
    ]);
    expect(bounds(field.input)).toEqual([0, 0, 27, 27]);
  });

  it('leaves out the input row a strided valid conv never reads, even under a dense layer', () => {
    // Valid, k 3, s 2, n 28: out floor(25 / 2) + 1 = 13, whose last row reads [24, 26]; row 27 is unused.
    const spec = mnist(conv(3, 2, 'valid'), flatten, classifier);
    const field = fieldOf(spec, 2, 0, 9);
    expect(field.layers.map(bounds)).toEqual([
      [0, 0, 12, 12],
      [0, 0, 0, 13 * 13 * 4 - 1],
    ]);
    expect(bounds(field.input)).toEqual([0, 0, 26, 26]);
  });
});

describe('receptiveField for cells that do not exist', () => {
  it('returns null for a cell outside the layer or a layer outside the spec', () => {
    expect(receptiveField(DEFAULT_SPEC, 3, 4, 0)).toBeNull();
    expect(receptiveField(DEFAULT_SPEC, 3, 0, -1)).toBeNull();
    expect(receptiveField(DEFAULT_SPEC, 3, 0.5, 0)).toBeNull();
    expect(receptiveField(DEFAULT_SPEC, 6, 0, 0)).toBeNull();
    expect(receptiveField(DEFAULT_SPEC, -1, 0, 0)).toBeNull();
  });

  it('returns null for a flat layer cell off its single row', () => {
    expect(receptiveField(DEFAULT_SPEC, 5, 1, 0)).toBeNull();
    expect(receptiveField(DEFAULT_SPEC, 5, 0, 10)).toBeNull();
  });

  it('returns null when the shapes up to the layer cannot be inferred', () => {
    const spec = mnist(dense(32), classifier);
    expect(receptiveField(spec, 0, 0, 0)).toBeNull();
    expect(receptiveField(mnist(conv(29, 1, 'valid'), flatten, classifier), 0, 0, 0)).toBeNull();
  });
});
