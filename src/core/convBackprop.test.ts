import { describe, expect, it } from 'vitest';
import {
  TEACHING_EXAMPLE,
  biasGradient,
  convForward,
  dilateMatrix,
  forwardBackward,
  gradientDescent,
  gradientDescentStep,
  inputGradient,
  kernelGradient,
  mseLoss,
  mseLossGradient,
  rotate180,
  shapeOf,
  teachingState,
  type BackpropSettings,
  type TrainingState,
} from './convBackprop';
import { DY2, K2, X3, expectMatricesClose, randomBackpropCases, randomFloatMatrix } from './convFixtures.test-helpers';
import type { Matrix } from './convolution';
import { mulberry32 } from './random';

const S1P0: BackpropSettings = { stride: 1, padding: 0 };
const S2P0: BackpropSettings = { stride: 2, padding: 0 };
const S2P1: BackpropSettings = { stride: 2, padding: 1 };

describe('kernelGradient', () => {
  it('correlates a 3×3 input with a 2×2 upstream gradient at stride 1', () => {
    // dk[0][0] = 1·1 − 2·2 + 3·3 + 5·(−1) = 1;  dk[0][1] = 1·2 − 2·0 + 3·(−1) + 5·2 = 9;
    // dk[1][0] = 1·3 − 2·(−1) + 3·0 + 5·1 = 10; dk[1][1] = 1·(−1) − 2·2 + 3·1 + 5·4 = 18.
    expect(kernelGradient(X3, DY2, [2, 2], S1P0)).toEqual([
      [1, 9],
      [10, 18],
    ]);
  });

  it('reads the padded input s cells apart at stride 2 with padding 1, the ring counting as 0', () => {
    // Windows start at padded (0,0), (0,2), (2,0), (2,2);
    // dk[0][0] = 5·x[1][1] = −5; dk[0][1] = 3·x[1][0] + 5·x[1][2] = 19;
    // dk[1][0] = −2·x[0][1] + 5·x[2][1] = 1; dk[1][1] = 1·x[0][0] + 5·x[2][2] = 21.
    expect(kernelGradient(X3, DY2, [2, 2], S2P1)).toEqual([
      [-5, 19],
      [1, 21],
    ]);
  });

  it('ignores the input row and column that no stride-2 window reaches', () => {
    // x[a][b] = 5a + b + 1, so dk[i][j] = Σdy·(5i + j + 1) + Σdy[r][c]·(10r + 2c) = 7(5i + j + 1) + 86.
    const input = Array.from({ length: 5 }, (_, a) => Array.from({ length: 5 }, (_, b) => 5 * a + b + 1));
    const expected = [
      [93, 100],
      [128, 135],
    ];
    expect(kernelGradient(input, DY2, [2, 2], S2P0)).toEqual(expected);
    const changedEdges = input.map((row, a) => row.map((value, b) => (a === 4 || b === 4 ? -100 : value)));
    expect(kernelGradient(changedEdges, DY2, [2, 2], S2P0)).toEqual(expected);
  });

  it('throws a RangeError when dL/dy is not the output shape', () => {
    expect(() => kernelGradient(X3, [[1, 2, 3]], [2, 2], S1P0)).toThrow(/dL\/dy is 1×3, but the output is 2×2/);
    expect(() => kernelGradient(X3, DY2, [2, 2], { stride: 0, padding: 0 })).toThrow(RangeError);
    expect(() => kernelGradient(X3, DY2, [2, 2], { stride: 1, padding: -1 })).toThrow(RangeError);
    expect(() => kernelGradient(X3, DY2, [4, 4], S1P0)).toThrow(/kernel is larger than the 3×3 input/);
  });
});

describe('biasGradient', () => {
  it('sums the upstream gradient, because the bias reaches every output cell', () => {
    expect(biasGradient(DY2)).toBe(7);
    expect(
      biasGradient([
        [0.5, -0.25],
        [2, 0],
      ]),
    ).toBe(2.25);
  });
});

describe('inputGradient', () => {
  it('is the full convolution of dL/dy with the kernel turned 180° at stride 1', () => {
    // dx[1][1] = dy[0][0]·k[1][1] + dy[0][1]·k[1][0] + dy[1][0]·k[0][1] + dy[1][1]·k[0][0] = 3 + 4 − 9 + 10.
    expect(inputGradient(K2, DY2, [3, 3], S1P0)).toEqual([
      [2, -7, 6],
      [4, 8, -21],
      [-6, -1, 15],
    ]);
  });

  it('sends each upstream cell back to its own window at stride 2 with padding 1, dropping the ring', () => {
    // Input cell (a, b) sits at padded (a+1, b+1), read once: by window ((a+1)>>1, (b+1)>>1), tap ((a+1)&1, (b+1)&1).
    expect(inputGradient(K2, DY2, [3, 3], S2P1)).toEqual([
      [3, 4, -6],
      [-9, 10, -15],
      [9, -10, 15],
    ]);
  });

  it('gives 0 to the input row and column that no stride-2 window reaches', () => {
    expect(inputGradient(K2, DY2, [5, 5], S2P0)).toEqual([
      [2, -3, -4, 6, 0],
      [-2, 3, 4, -6, 0],
      [6, -9, 10, -15, 0],
      [-6, 9, -10, 15, 0],
      [0, 0, 0, 0, 0],
    ]);
  });

  it('throws a RangeError when dL/dy is not the output shape', () => {
    expect(() => inputGradient(K2, DY2, [4, 4], S1P0)).toThrow(/dL\/dy is 2×2, but the output is 3×3/);
  });
});

describe('dilateMatrix and rotate180', () => {
  it('puts factor − 1 zeros between neighbouring cells and none around the edge', () => {
    expect(dilateMatrix(DY2, 2)).toEqual([
      [1, 0, -2],
      [0, 0, 0],
      [3, 0, 5],
    ]);
    expect(dilateMatrix([[4, 7]], 3)).toEqual([[4, 0, 0, 7]]);
    expect(dilateMatrix(DY2, 1)).toEqual(DY2);
    expect(dilateMatrix(DY2, 1)).not.toBe(DY2);
  });

  it('turns a non-square matrix by 180° without changing it', () => {
    const m = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    expect(rotate180(m)).toEqual([
      [6, 5, 4],
      [3, 2, 1],
    ]);
    expect(m).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
});

describe('mseLoss and mseLossGradient', () => {
  it('averages the squared errors and differentiates them as 2(y − t)/N', () => {
    const y = [
      [1, 2],
      [3, 4],
    ];
    const t = [
      [0, 2],
      [5, 1],
    ];
    // Errors 1, 0, −2, 3: (1 + 0 + 4 + 9)/4.
    expect(mseLoss(y, t)).toBe(3.5);
    expect(mseLossGradient(y, t)).toEqual([
      [0.5, 0],
      [-1, 1.5],
    ]);
  });

  it('throws a RangeError for mismatched or empty matrices', () => {
    expect(() => mseLoss([[1, 2]], [[1], [2]])).toThrow(RangeError);
    expect(() => mseLossGradient([[1, 2]], [[1, 2, 3]])).toThrow(RangeError);
    expect(() => mseLoss([], [])).toThrow(RangeError);
  });
});

describe('gradients against finite differences of the loss', () => {
  /** Central differences of f at every cell of m: exact up to rounding, since the loss is quadratic in each. */
  function numericGradient(m: Matrix, f: (changed: Matrix) => number): Matrix {
    const h = 1e-4;
    return m.map((row, r) =>
      row.map((_, c) => {
        const nudged = (delta: number) => m.map((rr, i) => rr.map((v, j) => (i === r && j === c ? v + delta : v)));
        return (f(nudged(h)) - f(nudged(-h))) / (2 * h);
      }),
    );
  }

  it('match dL/dk, dL/db and dL/dx of an MSE loss for random inputs, strides 1–2 and paddings 0–1', () => {
    let compared = 0;
    const rng = mulberry32(99);
    for (const { input, kernel, settings, dy: shapeOnly } of randomBackpropCases(7)) {
      const bias = 0.3;
      const target = randomFloatMatrix(shapeOnly.length, shapeOnly[0]?.length ?? 0, rng);
      const loss = (x: Matrix, k: Matrix, b: number) => mseLoss(convForward(x, k, b, settings), target);
      const dy = mseLossGradient(convForward(input, kernel, bias, settings), target);
      expectMatricesClose(
        kernelGradient(input, dy, shapeOf(kernel), settings),
        numericGradient(kernel, (k) => loss(input, k, bias)),
        1e-7,
      );
      expectMatricesClose(
        inputGradient(kernel, dy, shapeOf(input), settings),
        numericGradient(input, (x) => loss(x, kernel, bias)),
        1e-7,
      );
      const h = 1e-4;
      expect(
        Math.abs(biasGradient(dy) - (loss(input, kernel, bias + h) - loss(input, kernel, bias - h)) / (2 * h)),
      ).toBeLessThan(1e-7);
      compared++;
    }
    expect(compared).toBe(80);
  });
});

describe('the teaching example', () => {
  const { learningRate, trueKernel } = TEACHING_EXAMPLE;

  it('makes its target with the true vertical-edge kernel, padding 1 keeping it 5×5', () => {
    // y[r][c] sums, over three rows, the pixel right of (r, c) minus the pixel left of it.
    expect(teachingState().target).toEqual([
      [1, 2, 1, 0, -2],
      [1, 3, 2, 0, -3],
      [1, 3, 2, -1, -3],
      [0, 3, 3, -1, -3],
      [0, 2, 2, -1, -2],
    ]);
  });

  it('starts at step 0 with the initial kernel, bias 0 and a loss of 4.0428', () => {
    const state = teachingState();
    const pass = forwardBackward(state);
    expect(state.step).toBe(0);
    expect(state.kernel).toEqual(TEACHING_EXAMPLE.initialKernel);
    expect(state.kernel).not.toBe(TEACHING_EXAMPLE.initialKernel);
    expect(state.bias).toBe(0);
    expectMatricesClose(
      pass.output,
      [
        [0.2, 0.2, 0.3, 0.5, 0.4],
        [-0.1, 0.3, 0.4, 0.5, 0.3],
        [0.1, 0, 0.3, 0.3, 0.2],
        [0, 0.2, 0.2, 0.6, 0.2],
        [0, 0, -0.1, 0.1, 0.4],
      ],
      1e-12,
    );
    expect(pass.loss).toBeCloseTo(4.0428, 12);
    // dy = 2(y − t)/25, e.g. 2(0.2 − 1)/25 = −0.064 in the top-left corner.
    expect(pass.dy[0]?.[0]).toBeCloseTo(-0.064, 12);
    expect(pass.db).toBeCloseTo(-0.36, 12);
  });

  it('takes one step with the gradients of the old state and returns a new state', () => {
    const state = teachingState();
    const result = gradientDescentStep(state, learningRate);
    expectMatricesClose(
      result.dk,
      [
        [1.192, 0.24, -1.296],
        [1.432, 0.376, -1.512],
        [1.224, 0.336, -1.224],
      ],
      1e-12,
    );
    expect(result.loss).toBeCloseTo(4.0428, 12);
    // k − 0.1·dk and b − 0.1·db.
    expectMatricesClose(
      result.state.kernel,
      [
        [-0.0192, -0.224, 0.2296],
        [0.0568, 0.0624, 0.0512],
        [-0.1224, 0.0664, 0.3224],
      ],
      1e-12,
    );
    expect(result.state.bias).toBeCloseTo(0.036, 12);
    expect(result.state.step).toBe(1);
    expect(result.state).not.toBe(state);
    expect(state).toEqual(teachingState());
    expect(forwardBackward(result.state).loss).toBeLessThan(result.loss);
  });

  it('cuts the loss by more than 99% and lands within 0.05 of the true kernel after 200 steps at the default rate', () => {
    const start = teachingState();
    const initialLoss = forwardBackward(start).loss;
    const trained = gradientDescent(start, learningRate, 200);
    const finalLoss = forwardBackward(trained).loss;
    expect(trained.step).toBe(200);
    expect(finalLoss).toBeLessThan(0.01 * initialLoss);
    const worst = Math.max(...trained.kernel.flat().map((v, i) => Math.abs(v - (trueKernel.flat()[i] as number))));
    expect(worst).toBeLessThan(0.05);
    expect(Math.abs(trained.bias - TEACHING_EXAMPLE.trueBias)).toBeLessThan(0.05);
  });

  it('lowers the loss at every one of the first 50 steps for each offered learning rate', () => {
    for (const rate of TEACHING_EXAMPLE.learningRates) {
      let state: TrainingState = teachingState();
      let previous = Infinity;
      for (let i = 0; i < 50; i++) {
        const result = gradientDescentStep(state, rate);
        expect(result.loss).toBeLessThan(previous);
        previous = result.loss;
        state = result.state;
      }
    }
  });

  it('refuses a learning rate that is not a finite number above 0', () => {
    expect(() => gradientDescentStep(teachingState(), 0)).toThrow(RangeError);
    expect(() => gradientDescentStep(teachingState(), Number.NaN)).toThrow(RangeError);
    expect(() => gradientDescent(teachingState(), 0.1, -1)).toThrow(RangeError);
  });
});
