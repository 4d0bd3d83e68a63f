import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
// Registers the wasm backend and its kernels; in Node it loads the .wasm binary from
// node_modules by file path, so no setWasmPaths is needed.
import '@tensorflow/tfjs-backend-wasm';
import { mulberry32 } from '../core/random';
import { maxPoolGradKernel } from './poolGradKernel';

type Pair = [number, number];
type Shape4D = [number, number, number, number];
type Pad = tf.MaxPoolGradAttrs['pad'];
type RoundingMode = tf.MaxPoolGradAttrs['dimRoundingMode'];

/** How the input values are drawn; the first three are full of ties. */
type Values =
  | 'relu' // max(0, round(2·N)): mostly zeros and small repeated integers, as after a ReLU
  | 'negative' // integers in [−9, −6]: windows whose maximum is negative, with ties
  | 'coarse' // integers in [−2, 2]
  | 'subnormal' // integers in [−2, 2] times 2^−140: ties and gaps far below FLT_MIN, never flushed
  | 'distinct'; // a shuffled 1..n: one maximum per window, all well above FLT_MIN

interface PoolCase {
  batch: number;
  inSize: Pair;
  channels: number;
  filterSize: Pair;
  strides: Pair;
  pad: Pad;
  dimRoundingMode?: RoundingMode;
  values: Values;
  seed: number;
}

function describeCase(c: PoolCase): string {
  return JSON.stringify(c);
}

function poolInfo(c: PoolCase): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computePool2DInfo(
    [c.batch, c.inSize[0], c.inSize[1], c.channels],
    c.filterSize,
    c.strides,
    1,
    c.pad,
    c.dimRoundingMode,
  );
}

function xShape(c: PoolCase): Shape4D {
  return [c.batch, c.inSize[0], c.inSize[1], c.channels];
}

function attrsOf(c: PoolCase): tf.NamedAttrMap {
  const attrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad, dimRoundingMode: c.dimRoundingMode };
  return attrs as unknown as tf.NamedAttrMap;
}

/** Seeded plain arrays, so every backend starts from identical values. */
function caseData(c: PoolCase): { x: Float32Array; dy: Float32Array } {
  const rand = mulberry32(c.seed);
  const n = tf.util.sizeFromShape(xShape(c));
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  let x: Float32Array;
  switch (c.values) {
    case 'relu':
      x = Float32Array.from({ length: n }, () => Math.max(0, Math.round(2 * normal())));
      break;
    case 'negative':
      x = Float32Array.from({ length: n }, () => -6 - Math.floor(rand() * 4));
      break;
    case 'coarse':
      x = Float32Array.from({ length: n }, () => Math.floor(rand() * 5) - 2);
      break;
    case 'subnormal':
      x = Float32Array.from({ length: n }, () => (Math.floor(rand() * 5) - 2) * 2 ** -140);
      break;
    case 'distinct': {
      x = Float32Array.from({ length: n }, (_, k) => k + 1);
      for (let k = n - 1; k > 0; k--) {
        const j = Math.floor(rand() * (k + 1));
        [x[k], x[j]] = [x[j]!, x[k]!];
      }
      break;
    }
  }
  // Negative dy values make 0·dy = −0 appear, which the kernels must turn into +0.
  const dy = Float32Array.from({ length: tf.util.sizeFromShape(poolInfo(c).outShape) }, () => rand() * 2 - 1);
  return { x, dy };
}

/** A backend-owned copy of `values` (the cpu backend keeps the array it is given). */
function upload(backend: tf.KernelBackend, values: Float32Array, shape: number[]): tf.TensorInfo {
  return { dataId: backend.write(values.slice(), shape, 'float32'), shape, dtype: 'float32' };
}

interface KernelRun {
  dx: Float32Array;
  /** Whether the kernel handed the call to its fallback. */
  delegated: boolean;
}

/**
 * Runs a MaxPoolGrad kernel directly on `backend` (no engine) and frees everything it made,
 * checking that the kernel leaves exactly one new data id (its output) behind.
 */
function runMaxPoolGrad(
  kernel: tf.KernelConfig | ((fallback: tf.KernelFunc) => tf.KernelConfig),
  backendName: string,
  backend: tf.KernelBackend,
  c: PoolCase,
  data = caseData(c),
): KernelRun {
  const stock = tf.getKernel(tf.MaxPoolGrad, backendName);
  if (stock === undefined) throw new Error(`no stock MaxPoolGrad on ${backendName}`);
  let delegated = false;
  const fallback: tf.KernelFunc = (args) => {
    delegated = true;
    return stock.kernelFunc(args);
  };
  const config = typeof kernel === 'function' ? kernel(fallback) : kernel;
  const x = upload(backend, data.x, xShape(c));
  const dy = upload(backend, data.dy, poolInfo(c).outShape);
  const maxPool = tf.getKernel(tf.MaxPool, backendName)!;
  const output = maxPool.kernelFunc({ inputs: { x }, backend, attrs: attrsOf(c) }) as tf.TensorInfo;
  try {
    const tensorsBefore = tf.memory().numTensors;
    const dataIdsBefore = backend.numDataIds();
    const out = config.kernelFunc({ inputs: { dy, input: x, output }, backend, attrs: attrsOf(c) }) as tf.TensorInfo;
    expect(backend.numDataIds(), describeCase(c)).toBe(dataIdsBefore + 1);
    expect(out.shape).toEqual(xShape(c));
    expect(out.dtype).toBe('float32');
    const dx = (backend.readSync(out.dataId) as Float32Array).slice();
    backend.disposeData(out.dataId);
    expect(backend.numDataIds()).toBe(dataIdsBefore);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    return { dx, delegated };
  } finally {
    for (const t of [x, dy, output]) backend.disposeData(t.dataId);
  }
}

/** Bitwise equality (Object.is, so +0 and −0 differ), reporting the first differing element. */
function expectSameValues(got: Float32Array, want: Float32Array, label: string): void {
  expect(got.length, label).toBe(want.length);
  const show = (v: number | undefined) => (Object.is(v, -0) ? '-0' : String(v));
  const at = got.findIndex((v, k) => !Object.is(v, want[k]));
  expect(at === -1 ? 'identical' : `element ${at}: got ${show(got[at])}, want ${show(want[at])}`, label).toBe(
    'identical',
  );
}

/** Whether some window lies wholly in the padding (tfjs gives such a window no gradient). */
function hasPaddingOnlyWindow(c: PoolCase): boolean {
  const info = poolInfo(c);
  const empty = (inSize: number, outSize: number, stride: number, size: number, before: number) =>
    Array.from({ length: outSize }, (_, k) => k * stride - before).some(
      (start) => start + size - 1 < 0 || start > inSize - 1,
    );
  return (
    empty(c.inSize[0], info.outHeight, c.strides[0], c.filterSize[0], info.padInfo.top) ||
    empty(c.inSize[1], info.outWidth, c.strides[1], c.filterSize[1], info.padInfo.left)
  );
}

const VALUES: Values[] = ['relu', 'negative', 'coarse', 'subnormal', 'distinct'];

/** Non-overlapping windows (the composed path): pools 2 and 3 (and one 1×3), several pads. */
function composedCases(): PoolCase[] {
  const rand = mulberry32(7);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const cases: PoolCase[] = [];
  const geometries: { window: Pair; pad: Pad; dimRoundingMode?: RoundingMode }[] = [
    { window: [2, 2], pad: 'valid' },
    { window: [3, 3], pad: 'valid' },
    { window: [2, 2], pad: 'same' },
    { window: [3, 3], pad: 'same' },
    { window: [1, 3], pad: 'valid' },
    { window: [3, 2], pad: 'same' },
    { window: [2, 2], pad: 1, dimRoundingMode: 'floor' },
    { window: [3, 3], pad: 1, dimRoundingMode: 'ceil' },
    { window: [3, 3], pad: 2, dimRoundingMode: 'round' },
    {
      window: [2, 3],
      pad: [
        [0, 0],
        [1, 0],
        [0, 2],
        [0, 0],
      ],
    },
  ];
  for (const g of geometries) {
    for (const values of VALUES) {
      for (let k = 0; k < 3; k++) {
        const c: PoolCase = {
          batch: int(1, 3),
          inSize: [int(4, 9), int(4, 9)],
          channels: int(1, 3),
          filterSize: g.window,
          strides: g.window,
          pad: g.pad,
          dimRoundingMode: g.dimRoundingMode,
          values,
          seed: int(1, 1_000_000),
        };
        const info = poolInfo(c);
        // Windows wholly in the padding go to the fallback; DELEGATED covers them.
        if (info.outHeight >= 1 && info.outWidth >= 1 && !hasPaddingOnlyWindow(c)) cases.push(c);
      }
    }
  }
  return cases;
}

/** Overlapping (3/2, 2/1) or gapped (2/3) windows, and windows that hold only padding. */
function delegatedCases(): PoolCase[] {
  const base = { batch: 2, inSize: [7, 6] as Pair, channels: 2, values: 'relu' as const, seed: 5 };
  return [
    { ...base, filterSize: [3, 3], strides: [2, 2], pad: 'valid' },
    { ...base, filterSize: [3, 3], strides: [2, 2], pad: 'same' },
    { ...base, filterSize: [2, 2], strides: [1, 1], pad: 'valid' },
    { ...base, filterSize: [2, 2], strides: [1, 1], pad: 'same' },
    { ...base, filterSize: [2, 2], strides: [3, 3], pad: 'valid' },
    { ...base, filterSize: [2, 2], strides: [2, 2], pad: 2, dimRoundingMode: 'floor' },
    { ...base, inSize: [5, 8], filterSize: [3, 3], strides: [3, 3], pad: 1, dimRoundingMode: 'ceil' },
  ];
}

const COMPOSED = composedCases();
const DELEGATED = delegatedCases();

describe('maxPoolGradKernel on the cpu backend', () => {
  let cpu: tf.KernelBackend;
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    cpu = tf.backend();
  });

  it('covers leftovers, padding, ties and every value kind', () => {
    expect(COMPOSED.length).toBeGreaterThan(100);
    expect(DELEGATED.every((c) => hasPaddingOnlyWindow(c) || c.filterSize[0] !== c.strides[0])).toBe(true);
    const leftovers = COMPOSED.filter((c) => c.pad === 'valid' && c.inSize[0] % c.filterSize[0] !== 0);
    expect(leftovers.length).toBeGreaterThan(10);
  });

  it("equals cpu's own kernel bit for bit without delegating", () => {
    for (const c of COMPOSED) {
      const stock = runMaxPoolGrad(tf.getKernel(tf.MaxPoolGrad, 'cpu')!, 'cpu', cpu, c);
      const composed = runMaxPoolGrad((fallback) => maxPoolGradKernel('cpu', fallback), 'cpu', cpu, c);
      expect(composed.delegated, describeCase(c)).toBe(false);
      expectSameValues(composed.dx, stock.dx, describeCase(c));
    }
  });

  it.each(DELEGATED)('delegates overlapping, gapped or padding-only windows: %o', (c) => {
    const stock = runMaxPoolGrad(tf.getKernel(tf.MaxPoolGrad, 'cpu')!, 'cpu', cpu, c);
    const composed = runMaxPoolGrad((fallback) => maxPoolGradKernel('cpu', fallback), 'cpu', cpu, c);
    expect(composed.delegated).toBe(true);
    expectSameValues(composed.dx, stock.dx, describeCase(c));
  });
});

describe('maxPoolGradKernel on the wasm backend (Node)', () => {
  let wasm: tf.KernelBackend;
  let cpu: tf.KernelBackend;
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    cpu = tf.backend();
    expect(await tf.setBackend('wasm')).toBe(true);
    wasm = tf.backend();
  });

  const composedOnWasm = (fallback: tf.KernelFunc) => maxPoolGradKernel('wasm', fallback);

  it('equals the cpu kernel bit for bit, ties included, without delegating', () => {
    for (const c of COMPOSED) {
      const want = runMaxPoolGrad(tf.getKernel(tf.MaxPoolGrad, 'cpu')!, 'cpu', cpu, c);
      const got = runMaxPoolGrad(composedOnWasm, 'wasm', wasm, c);
      expect(got.delegated, describeCase(c)).toBe(false);
      expectSameValues(got.dx, want.dx, describeCase(c));
    }
  });

  it("equals wasm's own kernel bit for bit wherever that one is right (one maximum, above FLT_MIN)", () => {
    const cases = COMPOSED.filter((c) => c.values === 'distinct');
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) {
      const stock = runMaxPoolGrad(tf.getKernel(tf.MaxPoolGrad, 'wasm')!, 'wasm', wasm, c);
      const composed = runMaxPoolGrad(composedOnWasm, 'wasm', wasm, c);
      expectSameValues(composed.dx, stock.dx, describeCase(c));
    }
  });

  // Pins the reason this kernel follows cpu rather than wasm 4.22's own kernel. If this starts
  // failing, tfjs fixed its kernel and the file comment of poolGradKernel.ts should say so.
  it("differs from wasm's own kernel, which gives ties to the last maximum and drops windows ≤ FLT_MIN", () => {
    const c: PoolCase = {
      batch: 1,
      inSize: [2, 8],
      channels: 1,
      filterSize: [2, 2],
      strides: [2, 2],
      pad: 'valid',
      values: 'coarse',
      seed: 1,
    };
    // Windows: (a tie of 5s) (all zeros) (all negative) (a unique maximum 7).
    const x = Float32Array.of(5, 1, 0, 0, -3, -1, 1, 2, 0, 5, 0, 0, -2, -4, 7, 3);
    const dy = Float32Array.of(10, 20, 30, 40);
    const cpuDx = runMaxPoolGrad(tf.getKernel(tf.MaxPoolGrad, 'cpu')!, 'cpu', cpu, c, { x, dy }).dx;
    const stockDx = runMaxPoolGrad(tf.getKernel(tf.MaxPoolGrad, 'wasm')!, 'wasm', wasm, c, { x, dy }).dx;
    const composed = runMaxPoolGrad(composedOnWasm, 'wasm', wasm, c, { x, dy });
    expect(Array.from(cpuDx)).toEqual([10, 0, 20, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0]);
    expect(Array.from(stockDx)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 40, 0]);
    expect(composed.delegated).toBe(false);
    expectSameValues(composed.dx, cpuDx, 'composed vs cpu');
  });

  it("handles the default net's pools ([64,24,24,8] and [64,8,8,16], 2×2/2) like cpu", () => {
    for (const [inSize, channels] of [
      [[24, 24], 8],
      [[8, 8], 16],
    ] as const) {
      const c: PoolCase = {
        batch: 64,
        inSize: [...inSize],
        channels,
        filterSize: [2, 2],
        strides: [2, 2],
        pad: 'valid',
        values: 'relu',
        seed: 99,
      };
      const want = runMaxPoolGrad(tf.getKernel(tf.MaxPoolGrad, 'cpu')!, 'cpu', cpu, c);
      const got = runMaxPoolGrad(composedOnWasm, 'wasm', wasm, c);
      expect(got.delegated).toBe(false);
      expectSameValues(got.dx, want.dx, describeCase(c));
    }
  });

  it.each(DELEGATED)('delegates overlapping, gapped or padding-only windows: %o', (c) => {
    const stock = runMaxPoolGrad(tf.getKernel(tf.MaxPoolGrad, 'wasm')!, 'wasm', wasm, c);
    const composed = runMaxPoolGrad(composedOnWasm, 'wasm', wasm, c);
    expect(composed.delegated).toBe(true);
    expectSameValues(composed.dx, stock.dx, describeCase(c));
  });

  const nonFinite: [string, (d: { x: Float32Array; dy: Float32Array }) => void][] = [
    [
      'NaN in x',
      (d) => {
        d.x[3] = NaN;
      },
    ],
    [
      '+∞ in x',
      (d) => {
        d.x[0] = Infinity;
      },
    ],
    [
      '−∞ in x',
      (d) => {
        d.x[5] = -Infinity;
      },
    ],
    [
      '∞ in dy',
      (d) => {
        d.dy[1] = -Infinity;
      },
    ],
    [
      'NaN in dy',
      (d) => {
        d.dy[0] = NaN;
      },
    ],
  ];
  it.each(nonFinite)('delegates when there is a %s', (_, spoil) => {
    const c: PoolCase = {
      batch: 2,
      inSize: [6, 6],
      channels: 2,
      filterSize: [2, 2],
      strides: [2, 2],
      pad: 'valid',
      values: 'distinct',
      seed: 3,
    };
    const data = caseData(c);
    spoil(data);
    const stock = runMaxPoolGrad(tf.getKernel(tf.MaxPoolGrad, 'wasm')!, 'wasm', wasm, c, data);
    const composed = runMaxPoolGrad(composedOnWasm, 'wasm', wasm, c, data);
    expect(composed.delegated).toBe(true);
    expectSameValues(composed.dx, stock.dx, 'delegated');
  });
});

interface GradCase {
  batch: number;
  inSize: Pair;
  channels: number;
  pool: number;
  strides: number;
  pad: 'valid' | 'same';
  seed: number;
}

/** dL/dx of Σ maxPool(relu(x)) · r on the current backend; leaves no tensors behind. */
async function poolGrad(c: GradCase): Promise<Float32Array> {
  const rand = mulberry32(c.seed);
  const shape: Shape4D = [c.batch, c.inSize[0], c.inSize[1], c.channels];
  // Coarse values: ReLU turns the negatives into zero windows, and ties are everywhere.
  const xs = Float32Array.from({ length: tf.util.sizeFromShape(shape) }, () => Math.floor(rand() * 7) - 3);
  const outShape = tf.backend_util.computePool2DInfo(shape, c.pool, c.strides, 1, c.pad).outShape;
  const rs = Float32Array.from({ length: tf.util.sizeFromShape(outShape) }, () => rand() * 2 - 1);
  const tensorsBefore = tf.memory().numTensors;
  const dx = tf.tidy(() => {
    const loss = (x: tf.Tensor) =>
      tf.sum(tf.mul(tf.maxPool(tf.relu(x as tf.Tensor4D), c.pool, c.strides, c.pad), tf.tensor(rs, outShape)));
    return tf.grad(loss)(tf.tensor4d(xs, shape));
  });
  try {
    return (await dx.data()) as Float32Array;
  } finally {
    dx.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  }
}

const GRAD_CASES: GradCase[] = [
  { batch: 4, inSize: [24, 24], channels: 8, pool: 2, strides: 2, pad: 'valid', seed: 1 },
  { batch: 3, inSize: [9, 7], channels: 3, pool: 2, strides: 2, pad: 'valid', seed: 2 },
  { batch: 2, inSize: [7, 8], channels: 2, pool: 3, strides: 3, pad: 'same', seed: 3 },
];

describe('tf.grad through tf.maxPool on wasm with maxPoolGradKernel registered', () => {
  let stock: tf.KernelConfig;
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    stock = tf.getKernel(tf.MaxPoolGrad, 'wasm')!;
    expect(stock).toBeDefined();
    tf.unregisterKernel(tf.MaxPoolGrad, 'wasm');
    tf.registerKernel(maxPoolGradKernel('wasm', stock.kernelFunc));
  });
  afterAll(() => {
    tf.unregisterKernel(tf.MaxPoolGrad, 'wasm');
    tf.registerKernel(stock);
  });

  it.each(GRAD_CASES)('gives the same gradient as cpu: %o', async (c) => {
    expect(await tf.setBackend('cpu')).toBe(true);
    const want = await poolGrad(c);
    expect(await tf.setBackend('wasm')).toBe(true);
    const dataIdsBefore = tf.engine().backend.numDataIds();
    const got = await poolGrad(c);
    expect(tf.engine().backend.numDataIds()).toBe(dataIdsBefore);
    expectSameValues(got, want, JSON.stringify(c));
  });
});
