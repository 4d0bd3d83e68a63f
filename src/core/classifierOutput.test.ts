import { describe, expect, it } from 'vitest';
import { fitsClasses, outputUnits, specForClasses } from './classifierOutput';
import { DEFAULT_SPEC } from './defaultSpec';
import { analyzeSpec } from './shapes';

describe('specForClasses', () => {
  it('resizes the output layer to the classes and says so', () => {
    const { spec, notice } = specForClasses(DEFAULT_SPEC, 3);
    expect(outputUnits(spec)).toBe(3);
    expect(spec.layers.slice(0, -1)).toEqual(DEFAULT_SPEC.layers.slice(0, -1));
    expect(analyzeSpec(spec, 3).errors).toEqual([]);
    expect(notice).toBe(
      "The architecture's output layer had 10 units, one per class; this data has 3 classes, so it has 3.",
    );
    expect(outputUnits(DEFAULT_SPEC)).toBe(10); // The original is untouched.
  });

  it('leaves a fitting spec, and one without a dense end, as they are', () => {
    expect(specForClasses(DEFAULT_SPEC, 10)).toEqual({ spec: DEFAULT_SPEC, notice: null });
    const flat = { ...DEFAULT_SPEC, layers: DEFAULT_SPEC.layers.slice(0, -1) };
    expect(specForClasses(flat, 3)).toEqual({ spec: flat, notice: null });
  });
});

describe('fitsClasses', () => {
  it('matches an exact count, or any count from 2 to 10', () => {
    expect(fitsClasses(3, 3)).toBe(true);
    expect(fitsClasses(10, 3)).toBe(false);
    expect([1, 2, 10, 11, 2.5].map((units) => fitsClasses(units, 'any'))).toEqual([false, true, true, false, false]);
  });
});
