import { describe, expect, it } from 'vitest';
import { parseParams, serializeParams, type Schema } from './urlSchema';

interface Demo {
  mode: 'fast' | 'slow';
  size: number;
  gain: number;
  weights: number[];
}

const SCHEMA: Schema<Demo> = {
  mode: { kind: 'choice', options: ['fast', 'slow'], default: 'fast' },
  size: { kind: 'number', min: 3, max: 9, integer: true, default: 5 },
  gain: { kind: 'number', min: -2, max: 2, integer: false, default: 0.5 },
  weights: { kind: 'numbers', min: -9, max: 9, maxLength: 4, default: [] },
};

describe('URL parameter tables', () => {
  it('reads every kind of field', () => {
    const { value, notices } = parseParams(SCHEMA, new URLSearchParams('mode=slow&size=7&gain=-1.5&weights=1,-2,0.5'));
    expect(notices).toEqual([]);
    expect(value).toEqual({ mode: 'slow', size: 7, gain: -1.5, weights: [1, -2, 0.5] });
  });

  it('bounds every value and says what it used instead', () => {
    const { value, notices } = parseParams(SCHEMA, new URLSearchParams('mode=warp&size=12&gain=x&weights=1,,2'));
    expect(value).toEqual({ mode: 'fast', size: 5, gain: 0.5, weights: [] });
    expect(notices).toEqual([
      'mode=warp is not one of fast, slow; using fast.',
      'size=12 must be a whole number from 3 to 9; using 5.',
      'gain=x must be a number from -2 to 2; using 0.5.',
      'weights must be up to 4 comma-separated numbers from -9 to 9; using the default.',
    ]);
  });

  it('rejects too many numbers', () => {
    expect(parseParams(SCHEMA, new URLSearchParams('weights=1,2,3,4,5')).notices).toHaveLength(1);
  });

  it('round-trips: parse(serialize(v)) equals v, and defaults serialise to nothing', () => {
    const value: Demo = { mode: 'slow', size: 3, gain: -0.25, weights: [4, -9, 0] };
    expect(parseParams(SCHEMA, serializeParams(SCHEMA, value)).value).toEqual(value);
    expect(serializeParams(SCHEMA, { mode: 'fast', size: 5, gain: 0.5, weights: [] }).toString()).toBe('');
  });
});
