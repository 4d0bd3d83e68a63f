import { describe, expect, it } from 'vitest';
import { PRESET_SPECS } from '../core/defaultSpec';
import type { SpecError } from '../core/shapes';
import { groupErrors, presetIdOf } from './architectureStatus';

describe('presetIdOf', () => {
  it('names the preset a spec equals', () => {
    expect(presetIdOf(structuredClone(PRESET_SPECS.lenet5!.spec))).toBe('lenet5');
    expect(presetIdOf(structuredClone(PRESET_SPECS.residual!.spec))).toBe('residual');
  });

  it('says custom once any setting differs', () => {
    const spec = structuredClone(PRESET_SPECS.lenet5!.spec);
    spec.layers = spec.layers.slice(1);
    expect(presetIdOf(spec)).toBe('custom');
  });
});

describe('groupErrors', () => {
  const error = (layerIndex: number | null, message: string): SpecError => ({ layerIndex, message });

  it('puts layer errors under their row, in order, and model errors below the table', () => {
    const errors = [error(2, 'a'), error(null, 'b'), error(2, 'c'), error(0, 'd')];
    const { byLayer, model } = groupErrors(errors, 4);
    expect(byLayer.get(2)!.map((e) => e.message)).toEqual(['a', 'c']);
    expect(byLayer.get(0)!.map((e) => e.message)).toEqual(['d']);
    expect(byLayer.has(1)).toBe(false);
    expect(model.map((e) => e.message)).toEqual(['b']);
  });

  it('also shows errors about positions past the last row below the table', () => {
    const { model } = groupErrors([error(5, 'past'), error(null, 'whole'), error(1, 'row')], 3);
    expect(model.map((e) => e.message)).toEqual(['whole', 'past']);
  });
});
