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

describe('URL parameter tables against hostile addresses', () => {
  const parse = (query: string) => parseParams(SCHEMA, new URLSearchParams(query));

  it.each([
    ['size=0', 'size=0 must be a whole number from 3 to 9; using 5.'],
    ['size=-1', 'size=-1 must be a whole number from 3 to 9; using 5.'],
    ['size=1e309', 'size=1e309 must be a whole number from 3 to 9; using 5.'],
    ['size=NaN', 'size=NaN must be a whole number from 3 to 9; using 5.'],
    ['size=Infinity', 'size=Infinity must be a whole number from 3 to 9; using 5.'],
    ['size=', 'size= must be a whole number from 3 to 9; using 5.'],
    ['size=%20', 'size=  must be a whole number from 3 to 9; using 5.'],
    ['size=0x5', 'size=0x5 must be a whole number from 3 to 9; using 5.'],
    ['gain=1e-400', null],
    ['mode=%E0%A4%A', 'mode=\uFFFD%A is not one of fast, slow; using fast.'],
    ['mode=constructor', 'mode=constructor is not one of fast, slow; using fast.'],
    ['weights=1,2,3,4,5', 'weights must be up to 4 comma-separated numbers from -9 to 9; using the default.'],
  ])('%s falls back to the default with a notice naming the parameter', (query, notice) => {
    const { value, notices } = parse(query);
    if (notice === null) {
      expect(notices).toEqual([]);
      expect(value.gain).toBe(0); // 1e-400 underflows to 0, which is in range
    } else {
      expect(notices).toEqual([notice]);
      expect(value).toEqual({ mode: 'fast', size: 5, gain: 0.5, weights: [] });
    }
  });

  it('uses the first of duplicate keys and says so', () => {
    expect(parse('size=7&size=8')).toEqual({
      value: { mode: 'fast', size: 7, gain: 0.5, weights: [] },
      notices: ['size appears 2 times in the address; using the first (7).'],
    });
  });

  it('ignores unknown keys, __proto__ and constructor included, and pollutes nothing', () => {
    const { value, notices } = parse('__proto__=1&constructor=2&toString=3&size=6&__proto__[polluted]=yes');
    expect(notices).toEqual([]);
    expect(value).toEqual({ mode: 'fast', size: 6, gain: 0.5, weights: [] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('quotes at most 40 characters of a huge value, whatever its size', () => {
    const { notices } = parse(`mode=${'x'.repeat(100_000)}`);
    expect(notices).toEqual([`mode=${'x'.repeat(40)}… (100,000 characters) is not one of fast, slow; using fast.`]);
  });

  it('round-trips random valid states: parse(serialize(v)) equals v (200 seeded cases)', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200; i++) {
      const value: Demo = {
        mode: random() < 0.5 ? 'fast' : 'slow',
        size: 3 + Math.floor(random() * 7),
        gain: Math.round((random() * 4 - 2) * 1000) / 1000,
        weights: Array.from({ length: Math.floor(random() * 5) }, () => Math.round((random() * 18 - 9) * 100) / 100),
      };
      const parsed = parseParams(SCHEMA, new URLSearchParams(serializeParams(SCHEMA, value).toString()));
      expect(parsed).toEqual({ value, notices: [] });
    }
  });
});
