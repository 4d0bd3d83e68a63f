import { describe, expect, it } from 'vitest';
import {
  checkClassName,
  checkDataSet,
  clampHeldOutShare,
  classNameKey,
  DATA_SET_LIMITS,
  DEFAULT_HELD_OUT_SHARE,
  digitFromExample,
  EXAMPLE_PIXELS,
  exampleFromDigit,
  flattenDataSet,
} from './dataSet';

describe('exampleFromDigit and digitFromExample', () => {
  it('stores [0, 1] ink as bytes, rounding, clamping and reading NaN as paper', () => {
    const digit = new Float32Array(EXAMPLE_PIXELS);
    digit.set([0, 1, 0.5, 0.2, -0.3, 1.7, Number.NaN]);
    expect(Array.from(exampleFromDigit(digit).subarray(0, 8))).toEqual([0, 255, 128, 51, 0, 255, 0, 0]);
  });

  it('round-trips bytes exactly through the [0, 1] form', () => {
    const bytes = Uint8Array.from({ length: EXAMPLE_PIXELS }, (_, i) => (i * 37) % 256);
    const digit = digitFromExample(bytes);
    expect(digit[1]).toBeCloseTo(37 / 255, 6);
    expect(exampleFromDigit(digit)).toEqual(bytes);
  });

  it('refuses a digit of the wrong size', () => {
    expect(() => exampleFromDigit(new Float32Array(100))).toThrow(/expected 784 values, got 100/);
  });
});

describe('checkClassName', () => {
  it('trims a good name and accepts any script and emoji up to the length limit', () => {
    expect(checkClassName('  circle ')).toEqual({ ok: true, name: 'circle' });
    expect(checkClassName('Kreis ○ 円 👩‍🔬')).toEqual({ ok: true, name: 'Kreis ○ 円 👩‍🔬' });
    const longest = '😀'.repeat(DATA_SET_LIMITS.maxClassNameLength); // 40 characters, 80 UTF-16 units
    expect(checkClassName(longest)).toEqual({ ok: true, name: longest });
  });

  it('refuses an empty or blank name', () => {
    for (const blank of ['', '   ', '\t\n']) {
      const check = checkClassName(blank);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.reason).toMatch(/needs a name/);
    }
  });

  it('refuses a name over 40 characters, saying how long it is', () => {
    const check = checkClassName('x'.repeat(41));
    expect(check).toEqual({
      ok: false,
      reason: `The class name "${'x'.repeat(20)}…" is 41 characters long; shorten it to 40 or fewer.`,
    });
    const huge = checkClassName('y'.repeat(5_000_000));
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.reason).toMatch(/"y{20}…" is over 40 characters long/);
  });

  it('refuses control, line-break and direction-override characters, naming the code', () => {
    for (const [name, code] of [
      ['cat\u0007', 'U+0007'],
      ['a\nb', 'U+000A'],
      ['evil\u202Egnp.exe', 'U+202E'],
      ['x\u2028y', 'U+2028'],
      ['\u0000', 'U+0000'],
    ] as const) {
      const check = checkClassName(name);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.reason).toContain(code);
    }
  });

  it('refuses the name of another class, ignoring case and surrounding spaces', () => {
    expect(checkClassName('Cat', ['dog', ' cat'])).toEqual({
      ok: false,
      reason: 'Two classes are named "Cat"; give each class its own name.',
    });
    expect(checkClassName('cats', ['cat']).ok).toBe(true);
  });

  it('compares composed and decomposed accents as the same name', () => {
    expect(classNameKey('Caf\u00e9')).toBe(classNameKey('cafe\u0301'));
  });
});

describe('flattenDataSet', () => {
  it('lays the examples out in class order with the class index as label', () => {
    const ex = (v: number): Uint8Array => new Uint8Array(EXAMPLE_PIXELS).fill(v);
    const flat = flattenDataSet({
      classes: [
        { name: 'a', examples: [ex(1), ex(2)] },
        { name: 'b', examples: [] },
        { name: 'c', examples: [ex(3)] },
      ],
    });
    expect(flat.count).toBe(3);
    expect(Array.from(flat.labels)).toEqual([0, 0, 2]);
    expect([flat.images[0], flat.images[EXAMPLE_PIXELS], flat.images[2 * EXAMPLE_PIXELS + 783]]).toEqual([1, 2, 3]);
    expect(flat.images.length).toBe(3 * EXAMPLE_PIXELS);
  });

  it('refuses an example of the wrong size', () => {
    expect(() => flattenDataSet({ classes: [{ name: 'a', examples: [new Uint8Array(10)] }] })).toThrow(/"a"/);
  });
});

describe('checkDataSet', () => {
  const ex = (): Uint8Array => new Uint8Array(EXAMPLE_PIXELS);
  const named = (...names: string[]) => ({ classes: names.map((name) => ({ name, examples: [ex()] })) });

  it('passes a set within the limits, empty classes included', () => {
    expect(checkDataSet(named('a', 'b'))).toBeNull();
    expect(
      checkDataSet({
        classes: [
          { name: 'a', examples: [] },
          { name: 'b', examples: [] },
        ],
      }),
    ).toBeNull();
  });

  it('names each broken limit', () => {
    expect(checkDataSet(named('a'))).toMatch(/2 to 10 classes, not 1/);
    expect(checkDataSet(named(...'abcdefghijk'))).toMatch(/not 11/);
    expect(checkDataSet(named('a', 'A'))).toMatch(/Two classes are named "A"/);
    expect(checkDataSet(named('a', ' b'))).toMatch(/spaces around/);
    expect(checkDataSet(named('a', ''))).toMatch(/needs a name/);
    const crowded = { name: 'many', examples: Array.from({ length: 1001 }, ex) };
    expect(checkDataSet({ classes: [crowded, { name: 'b', examples: [] }] })).toMatch(/1001 examples/);
    expect(
      checkDataSet({
        classes: [
          { name: 'a', examples: [new Uint8Array(3)] },
          { name: 'b', examples: [] },
        ],
      }),
    ).toMatch(/not 784 bytes/);
  });
});

describe('clampHeldOutShare', () => {
  it('keeps a share from 10 % to 50 % and reads a non-number as the default 20 %', () => {
    expect(DEFAULT_HELD_OUT_SHARE).toBe(0.2);
    expect(clampHeldOutShare(0.35)).toBe(0.35);
    expect(clampHeldOutShare(0.02)).toBe(0.1);
    expect(clampHeldOutShare(0.9)).toBe(0.5);
    expect(clampHeldOutShare(Number.NaN)).toBe(0.2);
    expect(clampHeldOutShare(Number.POSITIVE_INFINITY)).toBe(0.2);
  });
});
