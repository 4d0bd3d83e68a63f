/**
 * Element-wise activation functions, as applied to a feature map after a convolution.
 * Pure numbers in, numbers out: no DOM, React or tfjs.
 */
import type { Matrix } from './convolution';
import type { Activation } from './modelSpec';

/**
 * The layer activations (modelSpec's LAYER_ACTIVATIONS) that the explorable plots: the
 * element-wise ones worth a picture. `linear` changes nothing and softmax is not element-wise.
 */
export const ACTIVATION_NAMES = ['relu', 'leakyRelu', 'sigmoid', 'tanh'] as const satisfies readonly Activation[];
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** Slope of leaky ReLU below 0, here and in the models the app trains (model/buildModel). */
export const LEAKY_ALPHA = 0.2;

/** An activation as the explorable shows it. */
interface ActivationFunction {
  /** Name for people, e.g. "Leaky ReLU". */
  label: string;
  /** The function itself, applied to one number. */
  fn: (x: number) => number;
  /** How it is written, in plain text with typographic symbols. */
  formula: string;
  /** The set of values it can return, in words. */
  range: string;
}

const sigmoid = (x: number): number => {
  // Split at 0 so that exp never overflows to Infinity for large |x|.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
};

/** Each plotted activation: its function, formula and range. */
export const ACTIVATIONS: Record<ActivationName, ActivationFunction> = {
  relu: { label: 'ReLU', fn: (x) => (x > 0 ? x : 0), formula: 'max(0, x)', range: '0 to +∞' },
  leakyRelu: {
    label: 'Leaky ReLU',
    fn: (x) => (x > 0 ? x : LEAKY_ALPHA * x),
    formula: `x if x > 0, else ${LEAKY_ALPHA}·x`,
    range: '−∞ to +∞',
  },
  sigmoid: { label: 'Sigmoid', fn: sigmoid, formula: '1 / (1 + e^(−x))', range: '0 to 1 (never reaching either)' },
  tanh: {
    label: 'tanh',
    fn: Math.tanh,
    formula: '(e^x − e^(−x)) / (e^x + e^(−x))',
    range: '−1 to 1 (never reaching either)',
  },
};

/** A new `[rows][cols]` map with the activation `name` applied to every cell; `map` is not changed. */
export function applyActivation(map: Matrix, name: ActivationName): Matrix {
  const { fn } = ACTIVATIONS[name];
  // `+ 0` turns a −0 (ReLU of −0, leaky ReLU of −0) into 0, so grids never show "−0".
  return map.map((row) => row.map((x) => fn(x) + 0));
}

/** The layer activations that act on each number alone: modelSpec's LAYER_ACTIVATIONS but softmax. */
export type ElementwiseActivation = Exclude<Activation, 'softmax'>;

/** True when `name` acts on each number alone (every activation but softmax). */
export function isElementwise(name: Activation): name is ElementwiseActivation {
  return name !== 'softmax';
}

/** The activation `name` applied to one number, as a layer applies it; `linear` returns `x`. Never −0. */
export function activate(name: ElementwiseActivation, x: number): number {
  const value = name === 'linear' ? x : ACTIVATIONS[name].fn(x);
  return value + 0;
}

/**
 * Softmax of `logits`: a new array of probabilities summing to 1, in the same order. The largest
 * logit is subtracted first so that exp never overflows, as TensorFlow does.
 */
export function softmax(logits: ArrayLike<number>): number[] {
  const values = Array.from(logits);
  const max = Math.max(...values);
  const exps = values.map((x) => Math.exp(x - max));
  const total = exps.reduce((sum, e) => sum + e, 0);
  return exps.map((e) => e / total);
}
