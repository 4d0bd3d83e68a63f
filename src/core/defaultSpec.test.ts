import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from './defaultSpec';
import { analyzeSpec } from './shapes';

describe('PRESET_SPECS', () => {
  it('offers the default, LeNet-5, small VGG and dense-only presets', () => {
    expect(Object.keys(PRESET_SPECS)).toEqual(expect.arrayContaining(['default', 'lenet5', 'vggSmall', 'denseOnly']));
    expect(PRESET_SPECS.default?.spec).toBe(DEFAULT_SPEC);
  });

  it.each(Object.entries(PRESET_SPECS))('analyses preset %s with no errors', (_id, preset) => {
    expect(analyzeSpec(preset.spec).errors).toEqual([]);
  });

  // Totals worked by hand from k·k·cin·filters + filters and in·units + units.
  it.each([
    ['default', 5994],
    ['lenet5', 156 + 2416 + 48_120 + 10_164 + 850],
    ['vggSmall', 160 + 2320 + 4640 + 9248 + 100_416 + 650],
    ['denseOnly', 100_480 + 1290],
  ])('preset %s has %i parameters', (id, params) => {
    const preset = PRESET_SPECS[id];
    expect(preset && analyzeSpec(preset.spec).totalParams).toBe(params);
  });

  it('gives LeNet-5 its classic 5×5×16 feature map before flattening', () => {
    const lenet = PRESET_SPECS.lenet5;
    expect(lenet && analyzeSpec(lenet.spec).layers[3]?.outputShape).toEqual([5, 5, 16]);
  });

  it('shares no arrays or layer objects between presets', () => {
    const specs = Object.values(PRESET_SPECS).map((preset) => preset.spec);
    const inputShapes = new Set(specs.map((spec) => spec.inputShape));
    const layers = specs.flatMap((spec) => spec.layers);
    expect(inputShapes.size).toBe(specs.length);
    expect(new Set(layers).size).toBe(layers.length);
  });
});
