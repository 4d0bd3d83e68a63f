import { describe, expect, it } from 'vitest';
import { factor, plain, roundToHundredths, significant } from './numberFormat';

describe('plain', () => {
  it('rounds to at most 2 decimals and drops trailing zeros', () => {
    expect(plain(3.14159)).toBe('3.14');
    expect(plain(12.5)).toBe('12.5');
    expect(plain(0.1 + 0.2)).toBe('0.3');
    expect(plain(7)).toBe('7');
  });

  it('writes negatives with a typographic minus', () => {
    expect(plain(-3.14159)).toBe('\u22123.14');
    expect(plain(-7)).toBe('\u22127');
  });

  it('writes values that round to zero as 0, never −0', () => {
    expect(plain(0.004)).toBe('0');
    expect(plain(-0.004)).toBe('0');
    expect(plain(-0)).toBe('0');
  });

  it('keeps NaN and infinities readable', () => {
    expect(plain(Number.NaN)).toBe('NaN');
    expect(plain(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});

describe('roundToHundredths', () => {
  it('rounds to 2 decimals, halves up', () => {
    expect(roundToHundredths(2.71828)).toBe(2.72);
    expect(roundToHundredths(-0.125)).toBe(-0.12);
    expect(roundToHundredths(40)).toBe(40);
  });
});

describe('factor', () => {
  it('puts a negative factor in parentheses and leaves others bare', () => {
    expect(factor(-0.5)).toBe('(\u22120.5)');
    expect(factor(0.25)).toBe('0.25');
    expect(factor(0)).toBe('0');
  });

  it('uses the format it is given, e.g. fixed decimals', () => {
    const fixed = (value: number) => value.toFixed(2);
    expect(factor(-2, fixed)).toBe('(-2.00)');
    expect(factor(0.5, fixed)).toBe('0.50');
  });
});

describe('significant', () => {
  it('keeps 3 significant digits without trailing zeros', () => {
    expect(significant(0.000123456)).toBe('0.000123');
    expect(significant(-1234.5)).toBe('\u22121.23e+3');
    expect(significant(0.1 + 0.2)).toBe('0.3');
    expect(significant(2)).toBe('2');
  });

  it('writes NaN and infinities as words', () => {
    expect(significant(Number.NaN)).toBe('NaN');
    expect(significant(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });
});
