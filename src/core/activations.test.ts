import { describe, expect, it } from 'vitest';
import {
  activate,
  ACTIVATION_NAMES,
  ACTIVATIONS,
  applyActivation,
  isElementwise,
  LEAKY_ALPHA,
  softmax,
} from './activations';
import { LAYER_ACTIVATIONS } from './modelSpec';

const { relu, leakyRelu, sigmoid, tanh } = ACTIVATIONS;

describe('ReLU', () => {
  it('keeps positive values and turns negative values into 0', () => {
    expect(relu.fn(-2)).toBe(0);
    expect(relu.fn(-0.001)).toBe(0);
    expect(relu.fn(0)).toBe(0);
    expect(relu.fn(3.7)).toBe(3.7);
  });
});

describe('leaky ReLU', () => {
  it('keeps positive values and multiplies negative values by 0.2', () => {
    expect(leakyRelu.fn(-2)).toBeCloseTo(-0.4, 15);
    expect(leakyRelu.fn(-7)).toBeCloseTo(-1.4, 15);
    expect(leakyRelu.fn(0)).toBe(0);
    expect(leakyRelu.fn(3.7)).toBe(3.7);
  });

  it('has a slope of 0.2 below zero, written into its formula', () => {
    expect(LEAKY_ALPHA).toBe(0.2);
    expect(leakyRelu.formula).toBe('x if x > 0, else 0.2·x');
  });
});

describe('sigmoid', () => {
  it('is 0.5 at 0 and 1/(1+e^−x) elsewhere', () => {
    expect(sigmoid.fn(0)).toBe(0.5);
    expect(sigmoid.fn(2)).toBeCloseTo(0.8807970779778823, 15);
    expect(sigmoid.fn(-3)).toBeCloseTo(0.04742587317756678, 15);
  });

  it('is point-symmetric about (0, 0.5): σ(−x) = 1 − σ(x)', () => {
    for (const x of [0.3, 1, 2.5, 6]) expect(sigmoid.fn(-x)).toBeCloseTo(1 - sigmoid.fn(x), 14);
  });

  it('stays finite and inside [0, 1] for huge inputs', () => {
    expect(sigmoid.fn(1000)).toBe(1);
    expect(sigmoid.fn(-1000)).toBe(0);
    expect(Number.isNaN(sigmoid.fn(-1000))).toBe(false);
  });
});

describe('tanh', () => {
  it('is 0 at 0 and odd: tanh(−x) = −tanh(x)', () => {
    expect(tanh.fn(0)).toBe(0);
    expect(tanh.fn(1)).toBeCloseTo(0.7615941559557649, 15);
    for (const x of [0.5, 2, 4.2]) expect(tanh.fn(-x)).toBe(-tanh.fn(x));
  });

  it('equals 2σ(2x) − 1', () => {
    for (const x of [-3, -0.7, 0.4, 2.2]) expect(tanh.fn(x)).toBeCloseTo(2 * sigmoid.fn(2 * x) - 1, 14);
  });
});

describe('every activation', () => {
  it('is non-decreasing from −6 to 6', () => {
    for (const name of ACTIVATION_NAMES) {
      const { fn } = ACTIVATIONS[name];
      for (let x = -6; x < 6; x += 0.25) expect(fn(x + 0.25)).toBeGreaterThanOrEqual(fn(x));
    }
  });

  it('has a label, a formula and a range', () => {
    for (const name of ACTIVATION_NAMES) {
      expect(ACTIVATIONS[name].label).not.toBe('');
      expect(ACTIVATIONS[name].formula).not.toBe('');
      expect(ACTIVATIONS[name].range).not.toBe('');
    }
  });
});

describe('applyActivation', () => {
  const map = [
    [-2, 0, 3],
    [5, -0.5, -7],
  ];

  it('applies ReLU to every cell of a 2×3 map', () => {
    expect(applyActivation(map, 'relu')).toEqual([
      [0, 0, 3],
      [5, 0, 0],
    ]);
  });

  it('applies leaky ReLU to every cell', () => {
    const out = applyActivation(map, 'leakyRelu');
    expect(out[0]).toEqual([-0.4, 0, 3]);
    expect(out[1]![0]).toBe(5);
    expect(out[1]![1]).toBeCloseTo(-0.1, 15);
    expect(out[1]![2]).toBeCloseTo(-1.4, 15);
  });

  it('keeps the shape and leaves the input unchanged', () => {
    const copy = map.map((row) => [...row]);
    const out = applyActivation(map, 'sigmoid');
    expect(map).toEqual(copy);
    expect(out).toHaveLength(2);
    expect(out.every((row) => row.length === 3)).toBe(true);
    expect(out[0]![1]).toBe(0.5);
  });

  it('never writes −0', () => {
    expect(Object.is(applyActivation([[-0]], 'relu')[0]![0], -0)).toBe(false);
    expect(Object.is(applyActivation([[-0]], 'leakyRelu')[0]![0], -0)).toBe(false);
    expect(Object.is(applyActivation([[-3]], 'relu')[0]![0], -0)).toBe(false);
  });
});

describe('activate', () => {
  it('applies one named activation to one number, linear included', () => {
    expect(activate('relu', -1.5)).toBe(0);
    expect(activate('leakyRelu', -1.5)).toBeCloseTo(-0.3, 15);
    expect(activate('sigmoid', 2)).toBe(ACTIVATIONS.sigmoid.fn(2));
    expect(activate('tanh', -0.75)).toBe(Math.tanh(-0.75));
    expect(activate('linear', -1.5)).toBe(-1.5);
  });

  it('never returns −0', () => {
    expect(Object.is(activate('linear', -0), -0)).toBe(false);
    expect(Object.is(activate('relu', -2), -0)).toBe(false);
  });

  it('knows softmax is the one activation that is not element-wise', () => {
    expect(LAYER_ACTIVATIONS.filter((name) => !isElementwise(name))).toEqual(['softmax']);
  });
});

describe('softmax', () => {
  it('gives e^x / Σ e^x for each logit', () => {
    const total = Math.exp(1) + Math.exp(2) + Math.exp(-0.5);
    const probabilities = softmax([1, 2, -0.5]);
    expect(probabilities[0]).toBeCloseTo(Math.exp(1) / total, 15);
    expect(probabilities[1]).toBeCloseTo(Math.exp(2) / total, 15);
    expect(probabilities[2]).toBeCloseTo(Math.exp(-0.5) / total, 15);
  });

  it('stays finite for huge logits by subtracting the largest first', () => {
    expect(softmax([1000, 1000 + Math.log(3)])).toEqual([expect.closeTo(0.25, 12), expect.closeTo(0.75, 12)]);
  });
});
