/**
 * Backpropagation through one single-channel 2-D convolution y = conv(x, k) + b (a
 * cross-correlation, as in `convolution`) with stride s ≥ 1 and symmetric zero padding p ≥ 0
 * (no dilation); a mean-squared-error loss; and plain gradient descent on k and b for a small
 * teaching example. Matrices are row-major `[row][col]`. Inputs are never changed; every
 * returned array is new and belongs to the caller unless its doc says it is shared.
 */

import { conv2d, convLayout, impossibleReason, type ConvSettings, type Matrix } from './convolution';
import { positiveZero } from './numbers';

/** Stride (cells between windows, ≥ 1) and zero padding (cells on every side, ≥ 0), both integers. */
export interface BackpropSettings {
  stride: number;
  padding: number;
}

/** `[rows, cols]` of a matrix. */
export type MatrixShape = readonly [rows: number, cols: number];

/** A convolution being trained: x, the target and the settings stay fixed; k and b change. */
export interface TrainingState {
  /** x, [rows][cols]. */
  input: Matrix;
  /** t, the same shape as the output. */
  target: Matrix;
  settings: BackpropSettings;
  /** k, [kernelRows][kernelCols]. */
  kernel: Matrix;
  bias: number;
  /** Gradient-descent steps taken since the start. */
  step: number;
}

/** The forward and backward pass of one state: the numbers a gradient step uses. */
export interface BackwardPass {
  /** y = conv(x, k) + b. */
  output: Matrix;
  /** Mean squared error of `output` against the target. */
  loss: number;
  /** dL/dy, the shape of `output`. */
  dy: Matrix;
  /** dL/dk, the shape of the kernel. */
  dk: Matrix;
  /** dL/db. */
  db: number;
}

/** One gradient step: the pass it used (before the update) and the updated state. */
export interface StepResult extends BackwardPass {
  /** A new state with k − lr·dk, b − lr·db and step + 1; shares input, target and settings with the old one. */
  state: TrainingState;
}

/** The numbers of the teaching example; shared, so copy before editing (see {@link teachingState}). */
export interface TeachingExample {
  /** 5×5: dark (0) on the left, bright (1) on the right, with one stray bright and one stray dark pixel. */
  input: Matrix;
  /** The hidden kernel that made the target: a vertical-edge detector. */
  trueKernel: Matrix;
  trueBias: number;
  /** 3×3 starting kernel: small fixed values. */
  initialKernel: Matrix;
  initialBias: number;
  settings: BackpropSettings;
  /** Default learning rate. */
  learningRate: number;
  /** Learning rates a page offers, ascending; all of them converge on this example. */
  learningRates: readonly number[];
}

/**
 * The teaching example. The stray pixels matter: on a perfectly straight edge every row is
 * the same, so many kernels fit the target equally well and descent would not find the true one.
 */
export const TEACHING_EXAMPLE: TeachingExample = {
  input: [
    [0, 0, 1, 1, 1],
    [0, 1, 1, 1, 1],
    [0, 0, 1, 1, 1],
    [0, 0, 1, 1, 0],
    [0, 0, 1, 1, 1],
  ],
  trueKernel: [
    [-1, 0, 1],
    [-1, 0, 1],
    [-1, 0, 1],
  ],
  trueBias: 0,
  initialKernel: [
    [0.1, -0.2, 0.1],
    [0.2, 0.1, -0.1],
    [0, 0.1, 0.2],
  ],
  initialBias: 0,
  settings: { stride: 1, padding: 1 },
  learningRate: 0.1,
  learningRates: [0.01, 0.03, 0.1, 0.2],
};

/**
 * y = conv(x, k) + b with the given stride and padding: [outputRows][outputCols].
 * Throws a RangeError for bad settings or when the kernel does not fit the padded input.
 */
export function convForward(input: Matrix, kernel: Matrix, bias: number, settings: BackpropSettings): Matrix {
  outputShape(shapeOf(input), shapeOf(kernel), settings);
  return conv2d(input, kernel, convSettings(settings), bias);
}

/**
 * dL/dk, [kernelRows][kernelCols]: dk[i][j] = Σ_{r,c} dy[r][c] · x_padded[r·s + i][c·s + j],
 * the padded input correlated with the upstream gradient `dy` (whose taps land s cells apart).
 * Throws a RangeError when `dy` is not the output shape of this input, kernel shape and settings.
 */
export function kernelGradient(
  input: Matrix,
  dy: Matrix,
  kernelShape: MatrixShape,
  settings: BackpropSettings,
): Matrix {
  checkUpstream(dy, outputShape(shapeOf(input), kernelShape, settings));
  const [kernelRows, kernelCols] = kernelShape;
  // With dilation s, conv2d reads x_padded[i + r·s][j + c·s] for output (i, j): exactly the sum
  // above. Its output can be larger than the kernel when stride leaves rows unread; crop it.
  const correlated = conv2d(input, dy, { stride: 1, padding: settings.padding, dilation: settings.stride });
  return correlated.slice(0, kernelRows).map((row) => row.slice(0, kernelCols));
}

/** dL/db = Σ dy: the bias is added to every output cell. */
export function biasGradient(dy: Matrix): number {
  return positiveZero(dy.reduce((total, row) => row.reduce((sum, value) => sum + value, total), 0));
}

/**
 * dL/dx, [inputRows][inputCols]: spread `dy` out by the stride ({@link dilateMatrix}),
 * correlate it with 'full' padding with the kernel turned 180° ({@link rotate180}), i.e. a
 * full convolution with the kernel, then drop the `padding` ring. Input cells that no window
 * reads (stride leftovers at the bottom and right) get 0.
 * Throws a RangeError when `dy` is not the output shape of this input shape, kernel and settings.
 */
export function inputGradient(kernel: Matrix, dy: Matrix, inputShape: MatrixShape, settings: BackpropSettings): Matrix {
  checkUpstream(dy, outputShape(inputShape, shapeOf(kernel), settings));
  const spread = dilateMatrix(dy, settings.stride);
  // full[a][b] = dL/dx_padded[a][b] for every padded cell some window reads.
  const full = conv2d(spread, rotate180(kernel), { stride: 1, padding: 'full', dilation: 1 });
  const [rows, cols] = inputShape;
  const p = settings.padding;
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => full[r + p]?.[c + p] ?? 0));
}

/**
 * A new matrix with `factor − 1` zeros between neighbouring cells (none around the edge):
 * R×C becomes ((R−1)·factor + 1)×((C−1)·factor + 1). `factor` 1 copies.
 */
export function dilateMatrix(matrix: Matrix, factor: number): Matrix {
  checkPositiveInteger(factor, 'The dilation factor');
  const rows = matrix.length;
  const cols = matrix[0]?.length ?? 0;
  if (rows === 0 || cols === 0) return [];
  return Array.from({ length: (rows - 1) * factor + 1 }, (_, r) =>
    Array.from({ length: (cols - 1) * factor + 1 }, (_, c) =>
      r % factor === 0 && c % factor === 0 ? (matrix[r / factor]?.[c / factor] ?? 0) : 0,
    ),
  );
}

/** A new matrix turned by 180°: cell (r, c) moves to (R−1−r, C−1−c). */
export function rotate180(matrix: Matrix): Matrix {
  return matrix.map((row) => [...row].reverse()).reverse();
}

/** Mean squared error Σ (y − t)² / N over the N cells. Throws a RangeError for mismatched or empty matrices. */
export function mseLoss(output: Matrix, target: Matrix): number {
  const count = checkSameShape(output, target);
  let sum = 0;
  output.forEach((row, r) =>
    row.forEach((value, c) => {
      const difference = value - (target[r]?.[c] as number);
      sum += difference * difference;
    }),
  );
  return sum / count;
}

/** dL/dy of {@link mseLoss}: 2(y − t)/N, the shape of `output`. */
export function mseLossGradient(output: Matrix, target: Matrix): Matrix {
  const count = checkSameShape(output, target);
  return output.map((row, r) =>
    row.map((value, c) => positiveZero((2 * (value - (target[r]?.[c] as number))) / count)),
  );
}

/** The forward pass of `state` and the gradients of its loss: nothing is updated. */
export function forwardBackward(state: TrainingState): BackwardPass {
  const { input, target, kernel, bias, settings } = state;
  const output = convForward(input, kernel, bias, settings);
  const dy = mseLossGradient(output, target);
  return {
    output,
    loss: mseLoss(output, target),
    dy,
    dk: kernelGradient(input, dy, shapeOf(kernel), settings),
    db: biasGradient(dy),
  };
}

/**
 * One step of gradient descent with learning rate `learningRate` (finite, > 0): the pass of
 * `state` and a new state with k − lr·dk and b − lr·db. `state` is unchanged.
 */
export function gradientDescentStep(state: TrainingState, learningRate: number): StepResult {
  if (!Number.isFinite(learningRate) || learningRate <= 0) {
    throw new RangeError(`The learning rate must be a finite number above 0, not ${learningRate}.`);
  }
  const pass = forwardBackward(state);
  const kernel = state.kernel.map((row, i) =>
    row.map((value, j) => value - learningRate * (pass.dk[i]?.[j] as number)),
  );
  const bias = state.bias - learningRate * pass.db;
  return { ...pass, state: { ...state, kernel, bias, step: state.step + 1 } };
}

/** The state after `steps` (an integer ≥ 0) gradient steps from `state`, which is unchanged. */
export function gradientDescent(state: TrainingState, learningRate: number, steps: number): TrainingState {
  if (!Number.isInteger(steps) || steps < 0)
    throw new RangeError(`The number of steps must be an integer ≥ 0, not ${steps}.`);
  let current = state;
  for (let i = 0; i < steps; i++) current = gradientDescentStep(current, learningRate).state;
  return current;
}

/**
 * A fresh state for {@link TEACHING_EXAMPLE} at step 0: the target is the true kernel's output,
 * and every matrix is a new copy.
 */
export function teachingState(): TrainingState {
  const { input, trueKernel, trueBias, initialKernel, initialBias, settings } = TEACHING_EXAMPLE;
  return {
    input: copy(input),
    target: convForward(input, trueKernel, trueBias, settings),
    settings: { ...settings },
    kernel: copy(initialKernel),
    bias: initialBias,
    step: 0,
  };
}

function convSettings(settings: BackpropSettings): ConvSettings {
  return { stride: settings.stride, padding: settings.padding, dilation: 1 };
}

/** The output shape for these shapes and settings; throws a RangeError when there is none. */
function outputShape(inputShape: MatrixShape, kernelShape: MatrixShape, settings: BackpropSettings): MatrixShape {
  checkPositiveInteger(settings.stride, 'The stride');
  if (!Number.isInteger(settings.padding) || settings.padding < 0) {
    throw new RangeError(`The padding must be an integer ≥ 0, not ${settings.padding}.`);
  }
  const [kernelRows, kernelCols] = kernelShape;
  if (kernelRows < 1 || kernelCols < 1)
    throw new RangeError(`The kernel must have cells, not ${kernelRows}×${kernelCols}.`);
  const layout = convLayout(inputShape[0], inputShape[1], kernelRows, kernelCols, convSettings(settings));
  const reason = impossibleReason(layout);
  if (reason !== null) throw new RangeError(reason);
  return [layout.outputRows, layout.outputCols];
}

function checkUpstream(dy: Matrix, expected: MatrixShape): void {
  const [rows, cols] = shapeOf(dy);
  if (rows !== expected[0] || cols !== expected[1] || dy.some((row) => row.length !== cols)) {
    throw new RangeError(`dL/dy is ${rows}×${cols}, but the output is ${expected[0]}×${expected[1]}.`);
  }
}

/** The number of cells of two same-shaped, non-empty, rectangular matrices. */
function checkSameShape(output: Matrix, target: Matrix): number {
  const [rows, cols] = shapeOf(output);
  const rectangular = (m: Matrix) => m.every((row) => row.length === cols);
  if (rows !== target.length || !rectangular(output) || !rectangular(target)) {
    throw new RangeError(`The output is ${rows}×${cols} but the target is ${target.length}×${target[0]?.length ?? 0}.`);
  }
  if (rows * cols === 0) throw new RangeError('The loss of an empty output is undefined.');
  return rows * cols;
}

function checkPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer ≥ 1, not ${value}.`);
}

/** `[rows, cols]` of a matrix (cols from its first row; 0 when it has none). */
export function shapeOf(matrix: Matrix): MatrixShape {
  return [matrix.length, matrix[0]?.length ?? 0];
}

function copy(matrix: Matrix): Matrix {
  return matrix.map((row) => [...row]);
}
