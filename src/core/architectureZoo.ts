/**
 * The history chapter's architectures, described in the language of architecture.ts with the
 * builders of architectureBuilders. Each one's `source` names the reference implementation
 * whose parameter count it matches (architectureZoo.test checks every count).
 */

import type { ArchLayer, Architecture } from './architecture';
import {
  FLATTEN,
  RELU,
  TANH,
  basicConv,
  bottleneckResNet,
  conv,
  dense,
  inception,
  maxPool,
} from './architectureBuilders';

/**
 * LeNet-5 (LeCun et al. 1998) as most modern re-implementations build it: 61,706 parameters.
 */
export const LENET5: Architecture = {
  name: 'LeNet-5',
  inputShape: [32, 32, 1],
  layers: [
    conv(6, 5, { label: 'C1 conv 6@5×5' }),
    TANH,
    { kind: 'avgPool', size: 2, stride: 2, label: 'S2 avg pool 2×2' },
    conv(16, 5, { label: 'C3 conv 16@5×5' }),
    TANH,
    { kind: 'avgPool', size: 2, stride: 2, label: 'S4 avg pool 2×2' },
    conv(120, 5, { label: 'C5 conv 120@5×5' }),
    TANH,
    FLATTEN,
    dense(84, 'F6 dense 84'),
    TANH,
    dense(10, 'output dense 10'),
  ],
  source:
    'Modern re-implementation of LeNet-5 (LeCun, Bottou, Bengio & Haffner 1998): C3 connected to all 6 S2 maps ' +
    '(the paper connects each C3 map to a subset, 1,516 weights instead of 2,416), S2/S4 as parameter-free 2×2 ' +
    'average pooling (the paper’s subsampling has a trainable coefficient and bias per map) and a 10-unit dense ' +
    'output with bias in place of the paper’s Euclidean RBF units; 61,706 parameters',
};

/** AlexNet as torchvision builds it (`torchvision.models.alexnet`): 61,100,840 parameters. */
export const ALEXNET: Architecture = {
  name: 'AlexNet',
  inputShape: [224, 224, 3],
  layers: [
    conv(64, 11, { stride: 4, padding: 2 }),
    RELU,
    maxPool(3, 2),
    conv(192, 5, { padding: 2 }),
    RELU,
    maxPool(3, 2),
    conv(384, 3, { padding: 1 }),
    RELU,
    conv(256, 3, { padding: 1 }),
    RELU,
    conv(256, 3, { padding: 1 }),
    RELU,
    maxPool(3, 2),
    { kind: 'adaptiveAvgPool', size: 6 },
    FLATTEN,
    { kind: 'dropout', rate: 0.5 },
    dense(4096),
    RELU,
    { kind: 'dropout', rate: 0.5 },
    dense(4096),
    RELU,
    dense(1000),
  ],
  source:
    'torchvision.models.alexnet (the single-GPU variant of "One weird trick", Krizhevsky 2014: 64/192/384/256/256 ' +
    'filters, no local response norm, adaptive 6×6 average pool, 1000 classes); the 2012 paper’s two-GPU network ' +
    'has 96/256/384/384/256 filters and about 60 million parameters',
};

const VGG16_CONFIG: readonly (number | 'M')[] = [
  64,
  64,
  'M',
  128,
  128,
  'M',
  256,
  256,
  256,
  'M',
  512,
  512,
  512,
  'M',
  512,
  512,
  512,
  'M',
];

/** VGG-16 (configuration D) as torchvision `vgg16` / Keras `VGG16(include_top=True)`: 138,357,544 parameters. */
export const VGG16: Architecture = {
  name: 'VGG-16',
  inputShape: [224, 224, 3],
  layers: [
    ...VGG16_CONFIG.flatMap((item): ArchLayer[] =>
      item === 'M' ? [maxPool(2, 2)] : [conv(item, 3, { padding: 1 }), RELU],
    ),
    { kind: 'adaptiveAvgPool', size: 7 },
    FLATTEN,
    dense(4096),
    RELU,
    { kind: 'dropout', rate: 0.5 },
    dense(4096),
    RELU,
    { kind: 'dropout', rate: 0.5 },
    dense(1000),
  ],
  source:
    'torchvision.models.vgg16 (configuration D without batch norm, 1000 classes; its adaptive 7×7 average pool ' +
    'is the identity on 224×224 inputs), equal to Keras VGG16(include_top=True): 138,357,544 parameters',
};

/** GoogLeNet as torchvision builds it (`googlenet`, auxiliary classifiers removed): 6,624,904 parameters. */
export const GOOGLENET: Architecture = {
  name: 'GoogLeNet',
  inputShape: [224, 224, 3],
  layers: [
    { kind: 'sequence', label: 'conv1 7×7 s2 + BN + ReLU', layers: basicConv(64, 7, { stride: 2, padding: 3 }) },
    maxPool(3, 2, { ceilMode: true }),
    { kind: 'sequence', label: 'conv2 1×1 + BN + ReLU', layers: basicConv(64, 1) },
    { kind: 'sequence', label: 'conv3 3×3 + BN + ReLU', layers: basicConv(192, 3, { padding: 1 }) },
    maxPool(3, 2, { ceilMode: true }),
    inception('inception 3a', 64, 96, 128, 16, 32, 32),
    inception('inception 3b', 128, 128, 192, 32, 96, 64),
    maxPool(3, 2, { ceilMode: true }),
    inception('inception 4a', 192, 96, 208, 16, 48, 64),
    inception('inception 4b', 160, 112, 224, 24, 64, 64),
    inception('inception 4c', 128, 128, 256, 24, 64, 64),
    inception('inception 4d', 112, 144, 288, 32, 64, 64),
    inception('inception 4e', 256, 160, 320, 32, 128, 128),
    maxPool(2, 2, { ceilMode: true }),
    inception('inception 5a', 256, 160, 320, 32, 128, 128),
    inception('inception 5b', 384, 192, 384, 48, 128, 128),
    { kind: 'adaptiveAvgPool', size: 1 },
    FLATTEN,
    { kind: 'dropout', rate: 0.2 },
    dense(1000, 'fc 1000'),
  ],
  source:
    'torchvision.models.googlenet without the auxiliary classifiers (aux_logits=False, as in its pretrained ' +
    'weights): BasicConv2d = conv without bias + batch norm (eps 0.001) + ReLU, max pools with ceil_mode=True, ' +
    'a 3×3 conv in the "5×5" branch; the 2014 paper has no batch norm and real 5×5 convs',
};

/** ResNet-50 as torchvision `resnet50`: 25,557,032 parameters. */
export const RESNET50: Architecture = bottleneckResNet('ResNet-50', [3, 4, 6, 3]);

/** ResNet-152 as torchvision `resnet152`: 60,192,808 parameters. */
export const RESNET152: Architecture = bottleneckResNet('ResNet-152', [3, 8, 36, 3]);

/** Identifiers of the architectures of the history chapter, in chronological order. */
export type ArchitectureId = 'lenet5' | 'alexnet' | 'vgg16' | 'googlenet' | 'resnet50' | 'resnet152';

/** Every defined architecture by id. */
export const ARCHITECTURES: Readonly<Record<ArchitectureId, Architecture>> = {
  lenet5: LENET5,
  alexnet: ALEXNET,
  vgg16: VGG16,
  googlenet: GOOGLENET,
  resnet50: RESNET50,
  resnet152: RESNET152,
};
