import { describe, expect, it } from 'vitest';
import type { ArchLayer, Architecture } from './architecture';
import { analyzeArchitecture, type ArchitectureAnalysis } from './architectureAnalysis';
import { bottleneck, conv, dense } from './architectureBuilders';

function net(inputShape: [number, number, number], ...layers: ArchLayer[]): Architecture {
  return { name: 'test', inputShape, layers, source: 'test' };
}

function messages(analysis: ArchitectureAnalysis): string[] {
  return analysis.errors.map((e) => e.message);
}

describe('analyzeArchitecture on small hand-checked networks', () => {
  it('counts conv weights per kernel tap, input channel and filter, plus one bias per filter', () => {
    const analysis = analyzeArchitecture(net([10, 12, 3], conv(5, [3, 2], { stride: 2, padding: 1 })));
    // Height (10 + 2 − 3) / 2 + 1 = 5, width (12 + 2 − 2) / 2 + 1 = 7; 3·2·3·5 + 5 = 95.
    expect(analysis.layers[0]?.outputShape).toEqual([5, 7, 5]);
    expect(analysis.totalParams).toBe(95);
    expect(analysis.errors).toEqual([]);
  });

  it('drops the bias when asked and applies the SAME rule', () => {
    const analysis = analyzeArchitecture(net([9, 9, 2], conv(4, 3, { stride: 2, padding: 'same', bias: false })));
    expect(analysis.layers[0]?.outputShape).toEqual([5, 5, 4]);
    expect(analysis.totalParams).toBe(3 * 3 * 2 * 4);
  });

  it('gives batch norm two parameters per channel and activations none', () => {
    const analysis = analyzeArchitecture(
      net([6, 6, 7], { kind: 'batchNorm' }, { kind: 'relu' }, { kind: 'lrn', size: 5 }, { kind: 'dropout', rate: 0.5 }),
    );
    expect(analysis.layers.map((r) => r.params)).toEqual([14, 0, 0, 0]);
    expect(analysis.outputShape).toEqual([6, 6, 7]);
  });

  it('pools adaptively to any output size and flattens HWC volumes', () => {
    const analysis = analyzeArchitecture(
      net([13, 13, 5], { kind: 'adaptiveAvgPool', size: 6 }, { kind: 'flatten' }, dense(3)),
    );
    expect(analysis.layers.map((r) => r.outputShape)).toEqual([[6, 6, 5], [180], [3]]);
    expect(analysis.totalParams).toBe(180 * 3 + 3);
  });

  it('concatenates branch outputs along channels and sums their parameters', () => {
    const block: ArchLayer = {
      kind: 'concat',
      label: 'mini inception',
      branches: [[conv(2, 1)], [conv(3, 3, { padding: 1 })], [{ kind: 'maxPool', size: 3, stride: 1, padding: 1 }], []],
    };
    const analysis = analyzeArchitecture(net([8, 8, 4], block));
    // 1·1·4·2 + 2 = 10 and 3·3·4·3 + 3 = 111; the pool and identity branches pass 4 channels each.
    expect(analysis.layers).toHaveLength(1);
    expect(analysis.layers[0]).toMatchObject({ label: 'mini inception', outputShape: [8, 8, 13], params: 121 });
  });

  it('adds a residual main branch to its projection shortcut', () => {
    // torchvision resnet50 layer1[0]: input 56×56×64, width 64, output 256 channels.
    // main 64·64 + 128 + 9·64·64 + 128 + 64·256 + 512 = 57,728; shortcut 64·256 + 512 = 16,896.
    const analysis = analyzeArchitecture(net([56, 56, 64], bottleneck('block', 64, 64, 1)));
    expect(analysis.errors).toEqual([]);
    expect(analysis.layers[0]).toMatchObject({ kind: 'residual', outputShape: [56, 56, 256], params: 75_008 });
    expect(analysis.weightLayers).toBe(3);
    expect(analysis.weightDepth).toBe(3);
  });

  it('reports one row per top-level block whatever it contains', () => {
    const analysis = analyzeArchitecture(
      net(
        [4, 4, 1],
        { kind: 'sequence', label: 'stem', layers: [conv(2, 3), { kind: 'batchNorm' }, { kind: 'relu' }] },
        { kind: 'flatten' },
      ),
    );
    expect(analysis.layers.map((r) => [r.label, r.inputShape, r.outputShape, r.params])).toEqual([
      ['stem', [4, 4, 1], [2, 2, 2], 9 * 2 + 2 + 4],
      ['flatten', [2, 2, 2], [8], 0],
    ]);
  });
});

describe('analyzeArchitecture errors', () => {
  it('explains that residual outputs of different shapes cannot be added', () => {
    const block: ArchLayer = { kind: 'residual', label: 'block 1', main: [conv(8, 3, { padding: 1 })] };
    const analysis = analyzeArchitecture(net([5, 5, 4], block, { kind: 'flatten' }));
    expect(messages(analysis)).toEqual([
      'layer 1 (block 1): the main branch outputs 5×5×8 but the shortcut outputs 5×5×4; outputs can only be added ' +
        'when their shapes are equal, so add a projection shortcut (a 1×1 convolution with the right filters and stride) so that both match',
    ]);
    expect(analysis.layers[0]?.outputShape).toEqual([]);
    expect(analysis.layers[1]?.outputShape).toEqual([]);
    // The parameters of a block are still known when only its output shape is not.
    expect(analysis.layers[0]?.params).toBe(3 * 3 * 4 * 8 + 8);
  });

  it('explains that concatenated branches must share height and width', () => {
    const block: ArchLayer = { kind: 'concat', label: 'bad module', branches: [[conv(2, 1)], [conv(3, 3)]] };
    const analysis = analyzeArchitecture(net([7, 7, 1], block));
    expect(messages(analysis)).toEqual([
      'layer 1 (bad module): branch outputs must share height and width to be concatenated along channels, ' +
        'but they are branch 1: 7×7×2, branch 2: 5×5×3',
    ]);
    expect(analysis.errors[0]?.layerIndex).toBe(0);
  });

  it('names the nested layer whose window does not fit', () => {
    const block: ArchLayer = { kind: 'sequence', label: 'stage', layers: [conv(2, 3), conv(2, 5)] };
    const analysis = analyzeArchitecture(net([6, 6, 1], { kind: 'relu' }, block));
    expect(messages(analysis)).toEqual([
      'layer 2 (stage) › layer 2 (conv 2 5×5): its 5×5 window does not fit the 4×4 input',
    ]);
    expect(analysis.errors[0]?.layerIndex).toBe(1);
  });

  it('asks for a flatten before a dense layer and rejects a conv on a vector', () => {
    expect(messages(analyzeArchitecture(net([2, 2, 3], dense(4))))).toEqual([
      'layer 1 (dense 4) gets a 2×2×3 input but needs a vector; add a flatten layer before it',
    ]);
    expect(messages(analyzeArchitecture(net([2, 2, 3], { kind: 'flatten' }, conv(1, 1))))).toEqual([
      'layer 2 (conv 1 1×1) needs a height×width×channels input but gets a vector of 12 values',
    ]);
  });

  it('rejects impossible settings before looking at shapes', () => {
    const analysis = analyzeArchitecture(
      net([8, 8, 1], conv(0, 3), { kind: 'maxPool', size: 2, stride: 2, padding: 2 }),
    );
    expect(messages(analysis)).toEqual([
      'layer 1 (conv 0 3×3): filters must be a positive whole number, not 0',
      'layer 2 (max pool 2×2 s2 p2): padding 2 is more than half the 2×2 window; use at most 1',
    ]);
    expect(analysis.totalParams).toBe(0);
  });
});
