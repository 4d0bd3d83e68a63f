import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from './defaultSpec';
import { analyzeSpec } from './shapes';

describe('PRESET_SPECS', () => {
  it('offers the default, LeNet-5, small VGG, dense-only, Inception-style and ResNet-style presets', () => {
    expect(Object.keys(PRESET_SPECS)).toEqual(
      expect.arrayContaining(['default', 'lenet5', 'vggSmall', 'denseOnly', 'inception', 'residual']),
    );
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
    // conv 8 3×3: 80; inception 8-8-4-4 on 8 channels: 9·8 + 73·8 + 201·4 + 9·4 = 72 + 584 + 804 + 36;
    // 7·7·24 = 1176 values into dense 10: 11,770.
    ['inception', 80 + 1496 + 11_770],
    // conv 16 3×3: 160; each residual16 on 16 channels: (144+1)·16 twice, identity shortcut;
    // 7·7·16 = 784 values into dense 10: 7850.
    ['residual', 160 + 2 * (2320 + 2320) + 7850],
  ])('preset %s has %i parameters', (id, params) => {
    const preset = PRESET_SPECS[id];
    expect(preset && analyzeSpec(preset.spec).totalParams).toBe(params);
  });

  it('gives LeNet-5 its classic 5×5×16 feature map before flattening', () => {
    const lenet = PRESET_SPECS.lenet5;
    expect(lenet && analyzeSpec(lenet.spec).layers[3]?.outputShape).toEqual([5, 5, 16]);
  });

  it('shapes the Inception preset 14×14×24 after its block and the ResNet preset 14×14×16 after each block', () => {
    const inception = analyzeSpec(PRESET_SPECS.inception!.spec);
    expect(inception.layers[2]?.outputShape).toEqual([14, 14, 24]);
    expect(inception.totalParams).toBe(13_346);
    const residual = analyzeSpec(PRESET_SPECS.residual!.spec);
    expect(residual.layers.slice(2, 4).map((layer) => [layer.outputShape, layer.params])).toEqual([
      [[14, 14, 16], 4640],
      [[14, 14, 16], 4640],
    ]);
    expect(residual.totalParams).toBe(17_290);
  });

  it('shares no arrays or layer objects between presets', () => {
    const specs = Object.values(PRESET_SPECS).map((preset) => preset.spec);
    const inputShapes = new Set(specs.map((spec) => spec.inputShape));
    const layers = specs.flatMap((spec) => spec.layers);
    expect(inputShapes.size).toBe(specs.length);
    expect(new Set(layers).size).toBe(layers.length);
  });
});
