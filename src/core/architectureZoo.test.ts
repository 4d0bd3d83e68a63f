import { describe, expect, it } from 'vitest';
import type { ArchLayer } from './architecture';
import { analyzeArchitecture, type ArchitectureAnalysis } from './architectureAnalysis';
import { ALEXNET, ARCHITECTURES, GOOGLENET, LENET5, RESNET152, RESNET50, VGG16 } from './architectureZoo';

function row(analysis: ArchitectureAnalysis, label: string) {
  const found = analysis.layers.find((r) => r.label === label);
  if (!found) throw new Error(`no row labelled ${label}`);
  return found;
}

/** Output shapes of the rows whose kind is `kind`, in order. */
function shapesOf(analysis: ArchitectureAnalysis, kind: ArchLayer['kind']): number[][] {
  return analysis.layers.filter((r) => r.kind === kind).map((r) => r.outputShape);
}

describe('LeNet-5', () => {
  const analysis = analyzeArchitecture(LENET5);

  it('has 61,706 parameters with a fully connected C3 and parameter-free pooling', () => {
    // C1 5·5·1·6 + 6 = 156; C3 5·5·6·16 + 16 = 2,416; C5 5·5·16·120 + 120 = 48,120;
    // F6 120·84 + 84 = 10,164; output 84·10 + 10 = 850. Sum 61,706.
    expect(analysis.layers.filter((r) => r.params > 0).map((r) => r.params)).toEqual([156, 2416, 48_120, 10_164, 850]);
    expect(analysis.totalParams).toBe(61_706);
    expect(analysis.errors).toEqual([]);
  });

  it('shrinks 32×32 to 28, 14, 10, 5 and 1', () => {
    expect(shapesOf(analysis, 'conv2d')).toEqual([
      [28, 28, 6],
      [10, 10, 16],
      [1, 1, 120],
    ]);
    expect(shapesOf(analysis, 'avgPool')).toEqual([
      [14, 14, 6],
      [5, 5, 16],
    ]);
    expect(analysis.outputShape).toEqual([10]);
  });

  it('has five weight layers', () => {
    expect(analysis.weightLayers).toBe(5);
    expect(analysis.weightDepth).toBe(5);
  });
});

describe('AlexNet (torchvision)', () => {
  const analysis = analyzeArchitecture(ALEXNET);

  it('has 61,100,840 parameters', () => {
    // convs 23,296 + 307,392 + 663,936 + 884,992 + 590,080; fc 37,752,832 + 16,781,312 + 4,097,000.
    expect(shapesOf(analysis, 'conv2d')).toHaveLength(5);
    expect(analysis.layers.filter((r) => r.params > 0).map((r) => r.params)).toEqual([
      23_296, 307_392, 663_936, 884_992, 590_080, 37_752_832, 16_781_312, 4_097_000,
    ]);
    expect(analysis.totalParams).toBe(61_100_840);
    expect(analysis.errors).toEqual([]);
  });

  it('turns 224×224×3 into 55×55×64, then 27, 13 and 6 after each pool', () => {
    expect(analysis.layers[0]?.outputShape).toEqual([55, 55, 64]);
    expect(shapesOf(analysis, 'maxPool')).toEqual([
      [27, 27, 64],
      [13, 13, 192],
      [6, 6, 256],
    ]);
    expect(shapesOf(analysis, 'flatten')).toEqual([[9216]]);
    expect(analysis.outputShape).toEqual([1000]);
  });

  it('has eight weight layers', () => {
    expect(analysis.weightLayers).toBe(8);
    expect(analysis.weightDepth).toBe(8);
  });
});

describe('VGG-16 (torchvision / Keras)', () => {
  const analysis = analyzeArchitecture(VGG16);

  it('has 138,357,544 parameters', () => {
    expect(analysis.totalParams).toBe(138_357_544);
    expect(analysis.errors).toEqual([]);
  });

  it('puts 102,764,544 parameters in its first dense layer alone', () => {
    // 7·7·512 = 25,088 inputs × 4096 units + 4096 biases.
    expect(analysis.layers.filter((r) => r.kind === 'dense').map((r) => r.params)).toEqual([
      102_764_544, 16_781_312, 4_097_000,
    ]);
  });

  it('ends its conv stack at 14×14×512 and pools it to 7×7×512', () => {
    const convs = shapesOf(analysis, 'conv2d');
    expect(convs).toHaveLength(13);
    expect(convs[0]).toEqual([224, 224, 64]);
    expect(convs[12]).toEqual([14, 14, 512]);
    expect(shapesOf(analysis, 'maxPool')).toEqual([
      [112, 112, 64],
      [56, 56, 128],
      [28, 28, 256],
      [14, 14, 512],
      [7, 7, 512],
    ]);
    expect(shapesOf(analysis, 'flatten')).toEqual([[25_088]]);
  });

  it('has sixteen weight layers', () => {
    expect(analysis.weightLayers).toBe(16);
    expect(analysis.weightDepth).toBe(16);
  });
});

describe('GoogLeNet (torchvision)', () => {
  const analysis = analyzeArchitecture(GOOGLENET);

  it('has 6,624,904 parameters', () => {
    expect(analysis.totalParams).toBe(6_624_904);
    expect(analysis.errors).toEqual([]);
  });

  it('has nine Inception modules, one row each', () => {
    expect(analysis.layers.filter((r) => r.kind === 'concat').map((r) => r.label)).toEqual([
      'inception 3a',
      'inception 3b',
      'inception 4a',
      'inception 4b',
      'inception 4c',
      'inception 4d',
      'inception 4e',
      'inception 5a',
      'inception 5b',
    ]);
  });

  it('gives inception 3a 28×28×256 and 155,872 parameters', () => {
    // In 192 channels. 1×1: 192·64 + 2·64 = 12,416. 3×3: 192·96 + 2·96 + 9·96·128 + 2·128 = 129,472.
    // "5×5" (a 3×3 in torchvision): 192·16 + 2·16 + 9·16·32 + 2·32 = 7,776. pool proj: 192·32 + 2·32 = 6,208.
    expect(row(analysis, 'inception 3a')).toMatchObject({
      inputShape: [28, 28, 192],
      outputShape: [28, 28, 256],
      params: 155_872,
    });
  });

  it('reaches 7×7×1024 at inception 5b through ceil-mode pools', () => {
    expect(shapesOf(analysis, 'maxPool')).toEqual([
      [56, 56, 64],
      [28, 28, 192],
      [14, 14, 480],
      [7, 7, 832],
    ]);
    expect(row(analysis, 'inception 3b').outputShape).toEqual([28, 28, 480]);
    expect(row(analysis, 'inception 4e').outputShape).toEqual([14, 14, 832]);
    expect(row(analysis, 'inception 5b').outputShape).toEqual([7, 7, 1024]);
    expect(analysis.outputShape).toEqual([1000]);
  });

  it('is 22 weight layers deep with 58 weight layers in all', () => {
    // Depth: 3 stem convs + 2 per module on the deepest branch × 9 + the classifier = 22.
    // All: 3 + 6 per module × 9 + 1 = 58.
    expect(analysis.weightDepth).toBe(22);
    expect(analysis.weightLayers).toBe(58);
  });
});

describe('ResNet (torchvision)', () => {
  const resnet50 = analyzeArchitecture(RESNET50);
  const resnet152 = analyzeArchitecture(RESNET152);

  it('gives ResNet-152 60,192,808 parameters', () => {
    expect(resnet152.totalParams).toBe(60_192_808);
    expect(resnet152.errors).toEqual([]);
  });

  it('gives ResNet-50 25,557,032 parameters', () => {
    expect(resnet50.totalParams).toBe(25_557_032);
    expect(resnet50.errors).toEqual([]);
  });

  it('gives ResNet-50 stage conv2_x 215,808 parameters', () => {
    // Block 1 has 75,008 (see the bottleneck test); blocks 2 and 3 take 256 channels and have
    // no projection: 256·64 + 128 + 9·64·64 + 128 + 64·256 + 512 = 70,400 each.
    expect(resnet50.layers.filter((r) => r.kind === 'sequence').map((r) => r.params)).toEqual([
      9408 + 128,
      215_808,
      1_219_584,
      7_098_368,
      14_964_736,
    ]);
  });

  it('outputs 56×56×256, 28×28×512, 14×14×1024 and 7×7×2048 from its four stages', () => {
    for (const analysis of [resnet50, resnet152]) {
      expect(analysis.layers.filter((r) => r.label.endsWith('bottleneck blocks)')).map((r) => r.outputShape)).toEqual([
        [56, 56, 256],
        [28, 28, 512],
        [14, 14, 1024],
        [7, 7, 2048],
      ]);
      expect(analysis.layers[0]?.outputShape).toEqual([112, 112, 64]);
      expect(analysis.layers[1]?.outputShape).toEqual([56, 56, 64]);
      expect(analysis.outputShape).toEqual([1000]);
    }
  });

  it('counts 152 and 50 weight layers, leaving out the projection shortcuts', () => {
    expect(resnet152.weightLayers).toBe(152);
    expect(resnet152.weightDepth).toBe(152);
    expect(resnet50.weightLayers).toBe(50);
  });

  it('labels its stages with their block counts', () => {
    expect(resnet152.layers.map((r) => r.label)).toEqual([
      'conv1 7×7 s2 + BN + ReLU',
      'max pool 3×3 s2 p1',
      'conv2_x (3 bottleneck blocks)',
      'conv3_x (8 bottleneck blocks)',
      'conv4_x (36 bottleneck blocks)',
      'conv5_x (3 bottleneck blocks)',
      'global avg pool',
      'flatten',
      'fc 1000',
    ]);
  });
});

describe('architecture catalogue', () => {
  it('lists six architectures that all analyse without errors', () => {
    const analyses = Object.values(ARCHITECTURES).map(analyzeArchitecture);
    expect(analyses.map((a) => a.name)).toEqual([
      'LeNet-5',
      'AlexNet',
      'VGG-16',
      'GoogLeNet',
      'ResNet-50',
      'ResNet-152',
    ]);
    expect(analyses.flatMap((a) => a.errors)).toEqual([]);
    expect(analyses.map((a) => a.totalParams)).toEqual([
      61_706, 61_100_840, 138_357_544, 6_624_904, 25_557_032, 60_192_808,
    ]);
  });

  it('names the reference implementation of every count', () => {
    expect(ALEXNET.source).toContain('torchvision.models.alexnet');
    expect(VGG16.source).toContain('torchvision.models.vgg16');
    expect(GOOGLENET.source).toContain('torchvision.models.googlenet');
    expect(RESNET152.source).toContain('torchvision.models.resnet152');
    expect(RESNET50.source).toContain('torchvision.models.resnet50');
    expect(LENET5.source).toContain('61,706');
  });
});
