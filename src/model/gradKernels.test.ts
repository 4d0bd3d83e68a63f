import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
// Registers the wasm backend and its kernels; in Node it loads the .wasm binary from
// node_modules by file path, so no setWasmPaths is needed.
import '@tensorflow/tfjs-backend-wasm';
import { mulberry32 } from '../core/random';
import { maxAbsDiff, onBackend } from './gradKernels.test-helpers';
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel, registerFastGradKernels } from './gradKernels';

type Pair = [number, number];
type Pad = tf.Conv2DBackpropFilterAttrs['pad'];
type RoundingMode = tf.Conv2DBackpropFilterAttrs['dimRoundingMode'];
type Shape4D = [number, number, number, number];

interface GradCase {
  batch: number;
  /** Input [rows, cols]. */
  inSize: Pair;
  /** Filter [rows, cols]. */
  kernel: Pair;
  inChannels: number;
  outChannels: number;
  strides: Pair;
  dilations: Pair;
  pad: Pad;
  dimRoundingMode: RoundingMode;
  seed: number;
}

function randomInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

function describeCase(c: GradCase): string {
  return JSON.stringify(c);
}

/** The forward conv's geometry, as tfjs defines it (this is what the forward pass computed). */
function forwardInfo(c: GradCase): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    [c.batch, c.inSize[0], c.inSize[1], c.inChannels],
    [c.kernel[0], c.kernel[1], c.inChannels, c.outChannels],
    c.strides,
    c.dilations,
    c.pad,
    c.dimRoundingMode,
    false,
    'channelsLast',
  );
}

function shapes(c: GradCase): { x: Shape4D; dy: Shape4D; filter: Shape4D } {
  const info = forwardInfo(c);
  return {
    x: [c.batch, c.inSize[0], c.inSize[1], c.inChannels],
    dy: [c.batch, info.outHeight, info.outWidth, c.outChannels],
    filter: [c.kernel[0], c.kernel[1], c.inChannels, c.outChannels],
  };
}

function attrsOf(c: GradCase): tf.NamedAttrMap {
  const attrs = {
    strides: c.strides,
    pad: c.pad,
    dataFormat: 'NHWC',
    dimRoundingMode: c.dimRoundingMode,
    filterShape: shapes(c).filter,
  } satisfies tf.Conv2DBackpropFilterAttrs;
  const dilated = c.dilations[0] > 1 || c.dilations[1] > 1;
  return (dilated ? { ...attrs, dilations: c.dilations } : attrs) as unknown as tf.NamedAttrMap;
}

/** dW by the definition, with loops; out-of-range taps read the zero padding. */
function referenceFilterGrad(c: GradCase, x: Float32Array, dy: Float32Array): Float32Array {
  const info = forwardInfo(c);
  const [kh, kw] = c.kernel;
  const [inH, inW] = c.inSize;
  const { inChannels: cin, outChannels: cout, outHeight: outH, outWidth: outW } = info;
  const dW = new Float32Array(kh * kw * cin * cout);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++) {
      for (let b = 0; b < c.batch; b++)
        for (let oh = 0; oh < outH; oh++)
          for (let ow = 0; ow < outW; ow++) {
            const row = oh * c.strides[0] + i * c.dilations[0] - info.padInfo.top;
            const col = ow * c.strides[1] + j * c.dilations[1] - info.padInfo.left;
            if (row < 0 || row >= inH || col < 0 || col >= inW) continue;
            for (let ci = 0; ci < cin; ci++)
              for (let co = 0; co < cout; co++) {
                const xv = x[((b * inH + row) * inW + col) * cin + ci] ?? NaN;
                const dyv = dy[((b * outH + oh) * outW + ow) * cout + co] ?? NaN;
                dW[((i * kw + j) * cin + ci) * cout + co]! += xv * dyv;
              }
          }
    }
  return dW;
}

/** Calls a kernel directly (no engine), reads its output and frees it, checking for leaks. */
function runKernelDirect(
  kernel: tf.KernelConfig,
  backend: tf.KernelBackend,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap,
): Float32Array {
  const tensorsBefore = tf.memory().numTensors;
  const dataIdsBefore = backend.numDataIds();
  const out = kernel.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
  expect(backend.numDataIds()).toBe(dataIdsBefore + 1);
  const values = backend.readSync(out.dataId) as Float32Array;
  backend.disposeData(out.dataId);
  expect(backend.numDataIds()).toBe(dataIdsBefore);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  return values;
}

const KERNELS: Pair[] = [
  [1, 1],
  [2, 2],
  [3, 3],
  [4, 4],
  [5, 5],
  [2, 3],
  [5, 1],
  [1, 4],
];
const STRIDES: Pair[] = [
  [1, 1],
  [2, 2],
  [3, 3],
  [1, 2],
  [3, 2],
];
const PADS: Pad[] = [
  'valid',
  'same',
  0,
  1,
  2,
  [
    [0, 0],
    [1, 2],
    [0, 1],
    [0, 0],
  ],
  [
    [0, 0],
    [2, 0],
    [1, 1],
    [0, 0],
  ],
];
const ROUNDINGS: RoundingMode[] = [undefined, 'floor', 'round', 'ceil'];

/** The grid: every kernel × stride × pad (× dilation 2 where strides are 1), other sizes seeded. */
function gridCases(strides: Pair, pad: Pad): GradCase[] {
  const rand = mulberry32(strides[0] * 1000 + strides[1] * 100 + PADS.indexOf(pad));
  const dilationsList: Pair[] =
    strides[0] === 1 && strides[1] === 1
      ? [
          [1, 1],
          [2, 2],
          [2, 1],
        ]
      : [[1, 1]];
  const cases: GradCase[] = [];
  for (const kernel of KERNELS)
    for (const dilations of dilationsList) {
      const c: GradCase = {
        batch: randomInt(rand, 1, 3),
        inSize: [randomInt(rand, 5, 9), randomInt(rand, 5, 9)],
        kernel,
        strides,
        dilations,
        pad,
        inChannels: randomInt(rand, 1, 3),
        outChannels: randomInt(rand, 1, 4),
        // tfjs allows a rounding mode only with numeric pads.
        dimRoundingMode: typeof pad === 'string' ? undefined : ROUNDINGS[randomInt(rand, 0, 3)],
        seed: randomInt(rand, 1, 1_000_000),
      };
      const info = forwardInfo(c);
      if (info.outHeight >= 1 && info.outWidth >= 1) cases.push(c);
    }
  return cases;
}

function randomInputs(c: GradCase): { x: tf.Tensor4D; dy: tf.Tensor4D } {
  const s = shapes(c);
  return {
    x: tf.randomNormal(s.x, 0, 1, 'float32', c.seed),
    dy: tf.randomNormal(s.dy, 0, 1, 'float32', c.seed + 1),
  };
}

const GRID_GROUPS = STRIDES.flatMap((strides) => PADS.map((pad) => ({ strides, pad })));

/**
 * Runs the composed kernel for `backendName` directly on the current backend over one grid
 * group and compares it with the definition (and, when given, a built-in kernel).
 */
function checkGridGroup(backendName: string, strides: Pair, pad: Pad, builtIn?: tf.KernelConfig): void {
  const backend = tf.backend();
  const composed = conv2dBackpropFilterKernel(backendName);
  const cases = gridCases(strides, pad);
  expect(cases.length).toBeGreaterThan(4);
  for (const c of cases) {
    const { x, dy } = randomInputs(c);
    try {
      const got = runKernelDirect(composed, backend, { x, dy }, attrsOf(c));
      const want = referenceFilterGrad(c, x.dataSync() as Float32Array, dy.dataSync() as Float32Array);
      expect(maxAbsDiff(got, want), describeCase(c)).toBeLessThan(1e-4);
      // cpu's kernel ignores dilations, so it is a second reference only for undilated cases.
      if (builtIn !== undefined && c.dilations[0] === 1 && c.dilations[1] === 1) {
        const other = runKernelDirect(builtIn, backend, { x, dy }, attrsOf(c));
        expect(maxAbsDiff(got, other), describeCase(c)).toBeLessThan(1e-4);
      }
    } finally {
      x.dispose();
      dy.dispose();
    }
  }
}

describe('conv2dBackpropFilterKernel on the cpu backend', () => {
  let backend: tf.KernelBackend;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    backend = tf.backend();
  });

  const title = "equals the definition and cpu's own kernel for strides $strides, pad $pad";
  it.each(GRID_GROUPS)(title, ({ strides, pad }) => {
    const builtIn = tf.getKernel('Conv2DBackpropFilter', 'cpu');
    expect(builtIn).toBeDefined();
    checkGridGroup('cpu', strides, pad, builtIn);
  });

  it('rejects NCHW with a clear message', () => {
    const x = tf.zeros([1, 1, 5, 5]);
    const dy = tf.zeros([1, 1, 3, 3]);
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 1, 1] };
    const run = () => conv2dBackpropFilterKernel('cpu').kernelFunc({ inputs: { x, dy }, backend, attrs });
    expect(run).toThrow(/only dataFormat 'NHWC'/);
    tf.dispose([x, dy]);
  });

  it('rejects a dy whose shape does not match the forward output', () => {
    const x = tf.zeros([1, 5, 5, 1]);
    const dy = tf.zeros([1, 4, 4, 1]);
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 1, 1] };
    const run = () => conv2dBackpropFilterKernel('cpu').kernelFunc({ inputs: { x, dy }, backend, attrs });
    expect(run).toThrow(/does not match forward output/);
    tf.dispose([x, dy]);
  });
});

interface TrainCase {
  batch: number;
  inSize: Pair;
  kernel: Pair;
  inChannels: number;
  outChannels: number;
  strides: number;
  pad: 'valid' | 'same' | number;
  seed: number;
}

interface Grads {
  dx: Float32Array;
  dW: Float32Array;
}

interface TrainData {
  x: Float32Array;
  w: Float32Array;
  /** Random weights on the conv output, so dL/dy is dense and unstructured. */
  r: Float32Array;
  xShape: Shape4D;
  wShape: Shape4D;
}

/** Seeded plain arrays, so cpu and wasm start from identical values. */
function trainData(c: TrainCase): TrainData {
  const rand = mulberry32(c.seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
  const xShape: Shape4D = [c.batch, c.inSize[0], c.inSize[1], c.inChannels];
  const wShape: Shape4D = [c.kernel[0], c.kernel[1], c.inChannels, c.outChannels];
  const outShape = tf.backend_util.computeConv2DInfo(xShape, wShape, c.strides, 1, c.pad).outShape;
  return {
    x: fill(tf.util.sizeFromShape(xShape)),
    w: fill(tf.util.sizeFromShape(wShape)),
    r: fill(tf.util.sizeFromShape(outShape)),
    xShape,
    wShape,
  };
}

/** Gradients of Σ relu(conv2d(x, W)) · r on the current backend; leaves no tensors behind. */
async function convGrads(c: TrainCase): Promise<Grads> {
  const d = trainData(c);
  const tensorsBefore = tf.memory().numTensors;
  const [dx, dW] = tf.tidy(() => {
    const x = tf.tensor4d(d.x, d.xShape);
    const w = tf.tensor4d(d.w, d.wShape);
    const loss = (xi: tf.Tensor, wi: tf.Tensor) => {
      const y = tf.relu(tf.conv2d(xi as tf.Tensor4D, wi as tf.Tensor4D, c.strides, c.pad));
      return tf.sum(tf.mul(y, tf.tensor(d.r, y.shape)));
    };
    return tf.grads(loss)([x, w]);
  });
  try {
    return { dx: (await dx!.data()) as Float32Array, dW: (await dW!.data()) as Float32Array };
  } finally {
    tf.dispose([dx!, dW!]);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  }
}

const TRAIN_CASES: TrainCase[] = [
  { batch: 4, inSize: [28, 28], kernel: [3, 3], inChannels: 1, outChannels: 8, strides: 1, pad: 'valid', seed: 11 },
  { batch: 3, inSize: [14, 13], kernel: [5, 5], inChannels: 3, outChannels: 4, strides: 2, pad: 'same', seed: 12 },
  { batch: 2, inSize: [9, 11], kernel: [4, 2], inChannels: 2, outChannels: 3, strides: 3, pad: 1, seed: 13 },
  { batch: 1, inSize: [7, 7], kernel: [1, 1], inChannels: 1, outChannels: 1, strides: 1, pad: 'same', seed: 14 },
];

describe('registerFastGradKernels on the wasm backend (Node)', () => {
  let missingBeforeRegistering = false;
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    missingBeforeRegistering = tf.getKernel('Conv2DBackpropFilter', 'wasm') === undefined;
    registerFastGradKernels('wasm');
  });

  it('is needed: tfjs-backend-wasm ships without Conv2DBackpropFilter', () => {
    expect(missingBeforeRegistering).toBe(true);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('is idempotent', () => {
    const first = tf.getKernel('Conv2DBackpropFilter', 'wasm');
    registerFastGradKernels('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBe(first);
  });

  // Direct calls also cover dilations, which tf.grad never sends, through wasm's XNNPACK conv.
  const gridTitle = 'equals the definition on wasm for strides $strides, pad $pad';
  it.each(GRID_GROUPS)(gridTitle, async ({ strides, pad }) => {
    expect(await tf.setBackend('wasm')).toBe(true);
    checkGridGroup('wasm', strides, pad);
  });

  it.each(TRAIN_CASES)('gives wasm the same conv gradients as cpu: %o', async (c) => {
    const cpu = await onBackend('cpu', () => convGrads(c));
    const wasm = await onBackend('wasm', async () => {
      const dataIdsBefore = tf.engine().backend.numDataIds();
      const grads = await convGrads(c);
      expect(tf.engine().backend.numDataIds()).toBe(dataIdsBefore);
      return grads;
    });
    expect(maxAbsDiff(wasm.dW, cpu.dW)).toBeLessThan(1e-4);
    expect(maxAbsDiff(wasm.dx, cpu.dx)).toBeLessThan(1e-4);
  });
});

describe('conv2dBackpropInputKernel (flipped-filter convolution)', () => {
  type InputCase = Omit<TrainCase, 'seed'>;
  const cases: InputCase[] = [];
  for (const k of [1, 2, 3, 4, 5]) {
    for (const pad of ['valid', 'same', 0, 1, 2] as const) {
      cases.push({
        batch: 1 + (k % 3),
        inSize: [7 + k, 9 - (k % 2)],
        kernel: [k, k === 4 ? 3 : k],
        inChannels: 1 + (k % 3),
        outChannels: 1 + ((k + 1) % 4),
        strides: 1,
        pad,
      });
    }
  }
  // Stride 2 goes to the backend's own kernel.
  cases.push({ batch: 2, inSize: [11, 10], kernel: [3, 3], inChannels: 2, outChannels: 3, strides: 2, pad: 'same' });

  /** Runs Conv2DBackpropInput through `config` and through cpu's own kernel. */
  function both(c: InputCase): { got: Float32Array; want: Float32Array } {
    const own = tf.getKernel(tf.Conv2DBackpropInput, 'cpu')!;
    const composed = conv2dBackpropInputKernel('cpu', own.kernelFunc);
    const rand = mulberry32(c.kernel[0] * 100 + c.inSize[0]);
    const inputShape: Shape4D = [c.batch, c.inSize[0], c.inSize[1], c.inChannels];
    const filterShape: Shape4D = [c.kernel[0], c.kernel[1], c.inChannels, c.outChannels];
    const info = tf.backend_util.computeConv2DInfo(inputShape, filterShape, c.strides, 1, c.pad);
    const dyShape: Shape4D = [c.batch, info.outHeight, info.outWidth, c.outChannels];
    const dy = tf.tensor4d(
      Float32Array.from({ length: dyShape.reduce((a, b) => a * b) }, () => rand() * 2 - 1),
      dyShape,
    );
    const filter = tf.tensor4d(
      Float32Array.from({ length: filterShape.reduce((a, b) => a * b) }, () => rand() * 2 - 1),
      filterShape,
    );
    const args = {
      inputs: { dy, filter },
      backend: tf.backend(),
      attrs: { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape } as unknown as tf.NamedAttrMap,
    };
    const before = tf.engine().backend.numDataIds();
    const read = (info: tf.TensorInfo | tf.TensorInfo[]) => {
      const single = info as tf.TensorInfo;
      const values = Float32Array.from(tf.backend().readSync(single.dataId) as Float32Array);
      tf.backend().disposeData(single.dataId);
      return values;
    };
    const got = read(composed.kernelFunc(args));
    const want = read(own.kernelFunc(args));
    expect(tf.engine().backend.numDataIds()).toBe(before);
    tf.dispose([dy, filter]);
    return { got, want };
  }

  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it.each(cases)("equals cpu's own kernel: kernel $kernel, stride $strides, pad $pad", (c) => {
    const { got, want } = both(c);
    expect(maxAbsDiff(got, want)).toBeLessThan(1e-4);
    expect(want.some((v) => v !== 0)).toBe(true);
  });
});
