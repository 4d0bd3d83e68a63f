import { describe, expect, it } from 'vitest';
import { positiveZero } from './numbers';

describe('positiveZero', () => {
  it('turns −0 into 0 and leaves every other number as it is', () => {
    expect(Object.is(positiveZero(-0), 0)).toBe(true);
    expect(Object.is(positiveZero(0), 0)).toBe(true);
    expect(positiveZero(-2.5)).toBe(-2.5);
    expect(positiveZero(7)).toBe(7);
    expect(positiveZero(Number.NaN)).toBeNaN();
  });
});
