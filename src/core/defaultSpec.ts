/**
 * Ready-made model specs. Treat them as read-only: clone before editing
 * (e.g. `structuredClone(DEFAULT_SPEC)`).
 */

import type { ModelSpec } from './modelSpec';

/**
 * The classic tfjs MNIST network: conv 8 5×5 relu → max pool 2 → conv 16 5×5 relu →
 * max pool 2 → flatten → dense 10 softmax (5,994 parameters).
 */
export const DEFAULT_SPEC: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 8, kernelSize: 5, stride: 1, padding: 'valid', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'conv2d', filters: 16, kernelSize: 5, stride: 1, padding: 'valid', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

/** LeNet-5 adapted to 28×28 inputs: 'same' padding on the first conv replaces the 32×32 input. */
const LENET5: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 6, kernelSize: 5, stride: 1, padding: 'same', activation: 'tanh' },
    { kind: 'avgPool', poolSize: 2, stride: 2 },
    { kind: 'conv2d', filters: 16, kernelSize: 5, stride: 1, padding: 'valid', activation: 'tanh' },
    { kind: 'avgPool', poolSize: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 120, activation: 'tanh' },
    { kind: 'dense', units: 84, activation: 'tanh' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

/** Two VGG-style blocks of stacked 3×3 'same' convolutions, then a small classifier. */
const VGG_SMALL: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 16, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'conv2d', filters: 16, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'conv2d', filters: 32, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'conv2d', filters: 32, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dropout', rate: 0.25 },
    { kind: 'dense', units: 64, activation: 'relu' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

/** No convolutions at all: the baseline that shows what convolutions add. */
const DENSE_ONLY: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'flatten' },
    { kind: 'dense', units: 128, activation: 'relu' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

/**
 * One small Inception-style block between two poolings: 1×1, 3×3, 5×5 and pool branches side
 * by side on 14×14×8, concatenated into 14×14×24 (13,346 parameters).
 */
const INCEPTION_SMALL: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 8, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'inception', filters1x1: 8, filters3x3: 8, filters5x5: 4, poolProj: 4 },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

/**
 * Two residual blocks with identity shortcuts (16 channels in and out) on 14×14 maps
 * (17,290 parameters).
 */
const RESIDUAL_SMALL: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 16, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'residual', filters: 16 },
    { kind: 'residual', filters: 16 },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

/** Presets offered in the playground, keyed by a stable id suitable for URLs. */
export const PRESET_SPECS: Record<string, { label: string; spec: ModelSpec }> = {
  default: { label: 'Classic tfjs MNIST CNN', spec: DEFAULT_SPEC },
  lenet5: { label: 'LeNet-5', spec: LENET5 },
  vggSmall: { label: 'Small VGG-style', spec: VGG_SMALL },
  denseOnly: { label: 'Dense only (no convolutions)', spec: DENSE_ONLY },
  inception: { label: 'Small Inception-style', spec: INCEPTION_SMALL },
  residual: { label: 'Small ResNet-style', spec: RESIDUAL_SMALL },
};
