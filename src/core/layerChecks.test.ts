import { describe, expect, it } from 'vitest';
import {
  asSpatial,
  flattenedSize,
  formatShape,
  formatValue,
  isHwcShape,
  isOneOf,
  isWholeNumber,
  notSpatialMessage,
  orList,
  windowDoesNotFitMessage,
} from './layerChecks';

describe('shape helpers', () => {
  it('reads three sizes as height, width and channels, and anything else as not spatial', () => {
    expect(asSpatial([13, 7, 5])).toEqual([13, 7, 5]);
    expect(asSpatial([91])).toBeNull();
    expect(asSpatial([2, 3, 4, 5])).toBeNull();
  });

  it('accepts only three positive whole numbers as an input shape', () => {
    expect(isHwcShape([28, 28, 1])).toBe(true);
    expect(isHwcShape([28, 0, 1])).toBe(false);
    expect(isHwcShape([28, 2.5, 1])).toBe(false);
    expect(isHwcShape([28, 28])).toBe(false);
    expect(isHwcShape('28×28×1')).toBe(false);
  });

  it('flattens a shape into the product of its sizes', () => {
    expect(flattenedSize([6, 7, 3])).toBe(126);
    expect(flattenedSize([11])).toBe(11);
  });
});

describe('value checks', () => {
  it('bounds whole numbers on both sides', () => {
    expect(isWholeNumber(4, 1, 4)).toBe(true);
    expect(isWholeNumber(5, 1, 4)).toBe(false);
    expect(isWholeNumber(0, 1)).toBe(false);
    expect(isWholeNumber(1e9, 1)).toBe(true);
    expect(isWholeNumber(3.5, 1)).toBe(false);
    expect(isWholeNumber('3', 1)).toBe(false);
  });

  it('finds a name only in its list', () => {
    const paddings = ['valid', 'same'] as const;
    expect(isOneOf(paddings, 'same')).toBe(true);
    expect(isOneOf(paddings, 'full')).toBe(false);
    expect(isOneOf(paddings, undefined)).toBe(false);
  });
});

describe('wording', () => {
  it('quotes strings, so an empty one shows, and writes shapes with multiplication signs', () => {
    expect(formatValue('')).toBe('""');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatShape([28, 'a', 1])).toBe('28×"a"×1');
    expect(formatShape(null)).toBe('null');
  });

  it('lists choices as a sentence does', () => {
    expect(orList(['"valid"'])).toBe('"valid"');
    expect(orList(['"valid"', '"same"'])).toBe('"valid" or "same"');
    expect(orList(['a', 'b', 'c'])).toBe('a, b or c');
  });

  it('words a vector given to a spatial layer in either language', () => {
    expect(notSpatialMessage('layer 4 (conv)', [120], 'vector')).toBe(
      'layer 4 (conv) needs a height×width×channels input but gets a vector of 120 values',
    );
    expect(notSpatialMessage('layer 4 (conv)', [120], 'flat vector', 'move it')).toBe(
      'layer 4 (conv) needs a height×width×channels input but gets a flat vector of 120 values; move it',
    );
  });

  it('gives the padded size only when there is padding', () => {
    expect(windowDoesNotFitMessage('layer 2 (pool)', [5, 3], [4, 6, 2], 0)).toBe(
      'layer 2 (pool): its 5×3 window does not fit the 4×6 input',
    );
    expect(windowDoesNotFitMessage('layer 2 (pool)', [7, 7], [2, 3, 2], 1)).toBe(
      'layer 2 (pool): its 7×7 window does not fit the 2×3 input (4×5 with padding)',
    );
  });
});
