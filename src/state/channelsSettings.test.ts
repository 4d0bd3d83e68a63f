import { describe, expect, it } from 'vitest';
import { convLayout, windowAt, type Volume } from '../core/convolution';
import { CHANNELS_SCHEMA } from './channelsParams';
import {
  channelsConvSettings,
  channelTerms,
  featureMapsOf,
  filterCountChange,
  filtersOf,
  INPUT_SIZE_CHOICES,
  shownFilterOf,
} from './channelsSettings';

/** A 2×2×3 input whose cells count 1 to 12 in HWC order. */
const INPUT: Volume = [
  [
    [1, 2, 3],
    [4, 5, 6],
  ],
  [
    [7, 8, 9],
    [10, 11, 12],
  ],
];

/** A 2×2×3 filter: filter[kr][kc] = [red, green, blue] weights. */
const FILTER: Volume = [
  [
    [1, 0, -1],
    [2, 0, 0],
  ],
  [
    [0, 1, 0],
    [0.5, -1, 2],
  ],
];

describe('INPUT_SIZE_CHOICES', () => {
  it('runs from the smallest to the largest size the address takes, ascending', () => {
    expect(INPUT_SIZE_CHOICES[0]).toBe(CHANNELS_SCHEMA.size.min);
    expect(INPUT_SIZE_CHOICES.at(-1)).toBe(CHANNELS_SCHEMA.size.max);
    expect([...INPUT_SIZE_CHOICES].sort((a, b) => a - b)).toEqual(INPUT_SIZE_CHOICES);
  });
});

describe('channelsConvSettings', () => {
  it('takes stride and padding from the state and never dilates', () => {
    expect(channelsConvSettings({ stride: 2, pad: 'same' })).toEqual({ stride: 2, padding: 'same', dilation: 1 });
  });
});

describe('filtersOf', () => {
  it('makes `filters` filters of k×k×3 weights from −1, 0 and 1', () => {
    const filters = filtersOf({ filters: 4, kernel: 5, seed: 9 });
    expect(filters).toHaveLength(4);
    for (const filter of filters) {
      expect(filter).toHaveLength(5);
      expect(filter.every((row) => row.length === 5 && row.every((cell) => cell.length === 3))).toBe(true);
      expect(filter.flat(2).every((w) => w === -1 || w === 0 || w === 1)).toBe(true);
    }
    expect(filtersOf({ filters: 4, kernel: 5, seed: 10 })).not.toEqual(filters);
  });
});

describe('featureMapsOf', () => {
  it('gives one map per filter, each summed over the three channels', () => {
    const pickRed: Volume = [[[1, 0, 0]]];
    const mixed: Volume = [[[1, -1, 2]]];
    expect(featureMapsOf(INPUT, [pickRed, mixed], { stride: 1, padding: 'valid', dilation: 1 })).toEqual([
      [
        [1, 4],
        [7, 10],
      ],
      [
        [5, 11],
        [17, 23],
      ],
    ]);
  });

  it('gives empty maps when the filter does not fit', () => {
    const big: Volume = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => [1, 1, 1]));
    expect(featureMapsOf(INPUT, [big], { stride: 1, padding: 'valid', dilation: 1 })).toEqual([[]]);
  });
});

describe('shownFilterOf and filterCountChange', () => {
  it('keeps the shown filter when it exists and moves to the last one otherwise', () => {
    expect(shownFilterOf({ filter: 2, filters: 4 })).toBe(2);
    expect(shownFilterOf({ filter: 7, filters: 4 })).toBe(3);
    expect(filterCountChange({ filter: 7 }, 4)).toEqual({ filters: 4, filter: 3 });
    expect(filterCountChange({ filter: 1 }, 6)).toEqual({ filters: 6, filter: 1 });
  });
});

describe('channelTerms', () => {
  it('lists each channel’s input·weight pairs under the filter and sums them', () => {
    const layout = convLayout(2, 2, 2, 2, { stride: 1, padding: 'valid', dilation: 1 });
    const terms = channelTerms(INPUT, FILTER, windowAt(layout, 0, 0), layout.pads);
    expect(terms.map((t) => t.sum)).toEqual([14, -3, 21]);
    expect(terms[0]!.products).toEqual([
      { input: 1, weight: 1 },
      { input: 4, weight: 2 },
      { input: 7, weight: 0 },
      { input: 10, weight: 0.5 },
    ]);
    // The three sums add up to the feature map's cell.
    expect(featureMapsOf(INPUT, [FILTER], { stride: 1, padding: 'valid', dilation: 1 })[0]).toEqual([[32]]);
  });

  it('writes 0 for taps in the padding ring and leaves them out of the sum', () => {
    const layout = convLayout(2, 2, 2, 2, { stride: 1, padding: 'full', dilation: 1 });
    const terms = channelTerms(INPUT, FILTER, windowAt(layout, 0, 0), layout.pads);
    expect(terms.map((t) => t.sum)).toEqual([0.5, -2, 6]);
    expect(terms[2]!.products).toEqual([
      { input: 0, weight: -1 },
      { input: 0, weight: 0 },
      { input: 0, weight: 0 },
      { input: 3, weight: 2 },
    ]);
  });
});
