/**
 * Helpers that build Architecture layers and blocks (see architecture.ts) the way
 * torchvision does, so that the networks of architectureZoo read like their reference
 * code and tests can compose small networks.
 */

import type {
  ArchActivation,
  ArchBatchNorm,
  ArchConcat,
  ArchConv2d,
  ArchDense,
  ArchFlatten,
  ArchLayer,
  ArchPadding,
  ArchPool,
  ArchResidual,
  ArchSequence,
  Architecture,
} from './architecture';

interface ConvOptions {
  stride?: number;
  padding?: ArchPadding;
  bias?: boolean;
  label?: string;
}

/** A conv2d layer; options default to stride 1, 'valid', bias on. */
export function conv(
  filters: number,
  kernel: number | readonly [number, number],
  options: ConvOptions = {},
): ArchConv2d {
  return { kind: 'conv2d', filters, kernel, ...options };
}

/** A dense layer with bias. */
export function dense(units: number, label?: string): ArchDense {
  return label === undefined ? { kind: 'dense', units } : { kind: 'dense', units, label };
}

/** Shared layer objects: a layer holds no state, so one object can stand in many places. */
export const RELU: ArchActivation = { kind: 'relu' };
export const TANH: ArchActivation = { kind: 'tanh' };
export const FLATTEN: ArchFlatten = { kind: 'flatten' };
const BATCH_NORM: ArchBatchNorm = { kind: 'batchNorm' };

/** A max pool with a square window; padding 0 and no ceil mode unless asked. */
export function maxPool(
  size: number,
  stride: number,
  options: { padding?: number; ceilMode?: boolean } = {},
): ArchPool {
  return { kind: 'maxPool', size, stride, ...options };
}

/**
 * torchvision's GoogLeNet `BasicConv2d`: a conv without bias, batch norm (eps 0.001), ReLU.
 */
export function basicConv(
  filters: number,
  kernel: number,
  options: { stride?: number; padding?: number } = {},
): ArchLayer[] {
  return [conv(filters, kernel, { ...options, bias: false }), { kind: 'batchNorm', eps: 0.001 }, RELU];
}

/**
 * torchvision's `Inception(in, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj)`. Its
 * "5×5" branch uses a 3×3 convolution (a known quirk kept for weight compatibility).
 */
export function inception(
  label: string,
  ch1x1: number,
  ch3x3red: number,
  ch3x3: number,
  ch5x5red: number,
  ch5x5: number,
  poolProj: number,
): ArchConcat {
  return {
    kind: 'concat',
    label,
    branches: [
      basicConv(ch1x1, 1),
      [...basicConv(ch3x3red, 1), ...basicConv(ch3x3, 3, { padding: 1 })],
      [...basicConv(ch5x5red, 1), ...basicConv(ch5x5, 3, { padding: 1 })],
      [maxPool(3, 1, { padding: 1, ceilMode: true }), ...basicConv(poolProj, 1)],
    ],
  };
}

/**
 * torchvision's ResNet `Bottleneck` (v1.5: the stride sits on the 3×3 conv): 1×1 (width),
 * 3×3 (width, stride), 1×1 (4·width), each conv without bias and followed by batch norm; a
 * projection shortcut (1×1 conv with the stride, no bias, batch norm) when the shape changes.
 */
export function bottleneck(label: string, inChannels: number, width: number, stride: number): ArchResidual {
  const outChannels = width * 4;
  const main: ArchLayer[] = [
    conv(width, 1, { bias: false }),
    BATCH_NORM,
    RELU,
    conv(width, 3, { stride, padding: 1, bias: false }),
    BATCH_NORM,
    RELU,
    conv(outChannels, 1, { bias: false }),
    BATCH_NORM,
  ];
  const needsProjection = stride !== 1 || inChannels !== outChannels;
  const shortcut = needsProjection ? [conv(outChannels, 1, { stride, bias: false }), BATCH_NORM] : undefined;
  return shortcut
    ? { kind: 'residual', label, main, shortcut, activation: 'relu' }
    : { kind: 'residual', label, main, activation: 'relu' };
}

/** Bottleneck ResNet as in torchvision (`resnet50`, `resnet101`, `resnet152`), one row per stage. */
export function bottleneckResNet(
  name: string,
  blocksPerStage: readonly [number, number, number, number],
): Architecture {
  const stages: ArchSequence[] = [];
  let channels = 64;
  blocksPerStage.forEach((count, stage) => {
    const width = 64 * 2 ** stage;
    const blocks: ArchResidual[] = [];
    for (let b = 0; b < count; b++) {
      const stride = stage > 0 && b === 0 ? 2 : 1;
      blocks.push(bottleneck(`conv${stage + 2}_${b + 1}`, channels, width, stride));
      channels = width * 4;
    }
    stages.push({ kind: 'sequence', label: `conv${stage + 2}_x (${count} bottleneck blocks)`, layers: blocks });
  });
  const depth = 2 + 3 * blocksPerStage.reduce((a, b) => a + b, 0);
  return {
    name,
    inputShape: [224, 224, 3],
    layers: [
      {
        kind: 'sequence',
        label: 'conv1 7×7 s2 + BN + ReLU',
        layers: [conv(64, 7, { stride: 2, padding: 3, bias: false }), BATCH_NORM, RELU],
      },
      maxPool(3, 2, { padding: 1 }),
      ...stages,
      { kind: 'adaptiveAvgPool', size: 1 },
      FLATTEN,
      dense(1000, 'fc 1000'),
    ],
    source:
      `torchvision.models.resnet${depth} (Bottleneck blocks [${blocksPerStage.join(', ')}], expansion 4, ResNet v1.5 ` +
      'with the stride on the 3×3 conv, convs without bias, batch norm after every conv, projection ' +
      'shortcuts only on the first block of each stage, 1000 classes); the stride placement does not change the count',
  };
}
