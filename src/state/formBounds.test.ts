import { describe, expect, it } from 'vitest';
import { CHANNELS_SCHEMA } from './channelsParams';
import { CONVOLUTION_SCHEMA, POOLING_SCHEMA } from './explorableParams';
import { accepts, wholeNumbers } from './formBounds';

describe('wholeNumbers', () => {
  it('lists every whole number from min to max', () => {
    expect(wholeNumbers({ min: 3, max: 9 })).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(wholeNumbers({ min: 2, max: 2 })).toEqual([2]);
    expect(wholeNumbers({ min: -1.5, max: 1.5 })).toEqual([-1, 0, 1]);
  });

  it('gives the options the explorable forms offer', () => {
    expect(wholeNumbers(CONVOLUTION_SCHEMA.kernel)).toEqual([1, 2, 3, 4, 5]);
    expect(wholeNumbers(CONVOLUTION_SCHEMA.stride)).toEqual([1, 2, 3, 4]);
    expect(wholeNumbers(CONVOLUTION_SCHEMA.dilation)).toEqual([1, 2, 3]);
    expect(wholeNumbers(POOLING_SCHEMA.window)).toEqual([2, 3]);
    expect(wholeNumbers(POOLING_SCHEMA.stride)).toEqual([1, 2, 3]);
    expect(wholeNumbers(CHANNELS_SCHEMA.filters)).toHaveLength(16);
    expect(wholeNumbers(CHANNELS_SCHEMA.stride)).toEqual([1, 2]);
  });
});

describe('accepts', () => {
  it('takes what the schema takes, ends included', () => {
    expect(accepts(CONVOLUTION_SCHEMA.digit, 0)).toBe(true);
    expect(accepts(CONVOLUTION_SCHEMA.digit, 9999)).toBe(true);
    expect(accepts(CONVOLUTION_SCHEMA.bias, -10)).toBe(true);
    expect(accepts(CONVOLUTION_SCHEMA.bias, 2.5)).toBe(true);
    expect(accepts(CONVOLUTION_SCHEMA.weights, -99)).toBe(true);
  });

  it('rejects values past the bounds, fractions of whole-number fields and non-numbers', () => {
    expect(accepts(CONVOLUTION_SCHEMA.digit, 10000)).toBe(false);
    expect(accepts(CONVOLUTION_SCHEMA.digit, -1)).toBe(false);
    expect(accepts(CONVOLUTION_SCHEMA.digit, 12.5)).toBe(false);
    expect(accepts(CONVOLUTION_SCHEMA.bias, 10.5)).toBe(false);
    expect(accepts(CONVOLUTION_SCHEMA.weights, 99.01)).toBe(false);
    expect(accepts(CONVOLUTION_SCHEMA.bias, Number.NaN)).toBe(false);
    expect(accepts(CONVOLUTION_SCHEMA.bias, Number.POSITIVE_INFINITY)).toBe(false);
  });
});
