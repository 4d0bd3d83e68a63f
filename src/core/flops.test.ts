import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, PRESET_SPECS } from './defaultSpec';
import { formatFlops, specFlops, trainingFlopsPerExample } from './flops';
import type { LayerSpec, ModelSpec } from './modelSpec';
import { decodeSpec } from './specCodec';

function specOf(...layers: LayerSpec[]): ModelSpec {
  return { inputShape: [28, 28, 1], layers };
}

const DENSE_10: LayerSpec = { kind: 'dense', units: 10, activation: 'softmax' };

/** The heavy network: three conv 256 3×3 'same' on 28×28, then a dense classifier (3.2 M parameters). */
const HEAVY = 'conv256k3s1same-relu_conv256k3s1same-relu_conv256k3s1same-relu_flatten_dense10-softmax';

describe('specFlops', () => {
  it('counts a single strided conv as 2·H·W·F·k·k·C, and a dense layer as 2·N·U', () => {
    // conv 4 3×3 stride 2 valid on 28×28×1: 13×13×4 outputs of 9 multiply-adds each = 6,084;
    // 676 values into dense 10: 6,760 multiply-adds.
    const flops = specFlops(
      specOf(
        { kind: 'conv2d', filters: 4, kernelSize: 3, stride: 2, padding: 'valid', activation: 'relu' },
        { kind: 'flatten' },
        DENSE_10,
      ),
    );
    expect(flops.layers).toEqual([12_168, 0, 13_520]);
    expect(flops.forward).toBe(25_688);
    expect(flops.training).toBe(77_064);
    expect(flops.complete).toBe(true);
  });

  it('gives the default network 645,120 FLOPs forward and 1,935,360 per training example', () => {
    // conv 8 5×5 → 24×24×8 · 25 = 115,200; pool → 12×12×8; conv 16 5×5 → 8×8×16 · 25·8 = 204,800;
    // pool → 4×4×16 = 256 into dense 10 = 2,560. Sum 322,560 multiply-adds.
    const flops = specFlops(DEFAULT_SPEC);
    expect(flops.layers).toEqual([230_400, 0, 409_600, 0, 0, 5_120]);
    expect(flops.forward).toBe(645_120);
    expect(trainingFlopsPerExample(DEFAULT_SPEC)).toBe(1_935_360);
  });

  it('costs the heavy 3×conv256 network about 1.9 GFLOP forward per example', () => {
    // 28·28·256·9·1 = 1,806,336; twice 28·28·256·9·256 = 462,422,016; 200,704·10 = 2,007,040.
    const decoded = decodeSpec(HEAVY);
    if ('error' in decoded) throw new Error(decoded.error);
    const flops = specFlops(decoded.spec);
    expect(flops.forward).toBe(2 * (1_806_336 + 2 * 462_422_016 + 2_007_040));
    expect(flops.forward).toBe(1_857_314_816);
    expect(flops.training).toBe(5_571_944_448);
  });

  it('adds up every branch of an inception block, the pool branch counting its 1×1 projection only', () => {
    // conv 8 3×3 same: 28·28·8·9 = 56,448; on 14×14×8: 1×1 8 = 12,544, 3×3 8 = 112,896,
    // 5×5 4 = 156,800, pool proj 4 = 6,272 (288,512); 7·7·24 = 1,176 into dense 10 = 11,760.
    const flops = specFlops(PRESET_SPECS.inception!.spec);
    expect(flops.layers).toEqual([112_896, 0, 577_024, 0, 0, 23_520]);
    expect(flops.forward).toBe(713_440);
  });

  it('counts both 3×3 convs of a residual block, and its 1×1 shortcut only when the channels change', () => {
    // Preset: each residual 16 on 14×14×16 is 2 · 196·16·9·16 = 903,168 multiply-adds, identity shortcut.
    expect(specFlops(PRESET_SPECS.residual!.spec).layers.slice(2, 4)).toEqual([1_806_336, 1_806_336]);
    // residual 8 on 28×28×4: 784·8·9·4 = 225,792 + 784·8·9·8 = 451,584 + projection 784·8·4 = 25,088.
    const projected = specFlops(
      specOf(
        { kind: 'conv2d', filters: 4, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
        { kind: 'residual', filters: 8 },
        { kind: 'maxPool', poolSize: 4, stride: 4 },
        { kind: 'flatten' },
        DENSE_10,
      ),
    );
    expect(projected.layers).toEqual([56_448, 1_404_928, 0, 0, 7_840]);
  });

  it('counts pooling, dropout and flatten as free, and an average pool like a max pool', () => {
    const flops = specFlops(
      specOf(
        { kind: 'avgPool', poolSize: 2, stride: 2 },
        { kind: 'flatten' },
        { kind: 'dropout', rate: 0.5 },
        { kind: 'dense', units: 3, activation: 'relu' },
        DENSE_10,
      ),
    );
    // 196 → 3 = 588 multiply-adds; 3 → 10 = 30.
    expect(flops.layers).toEqual([0, 0, 0, 1_176, 60]);
  });

  it('leaves out layers whose shapes are unknown and says the total is incomplete', () => {
    const flops = specFlops(specOf({ kind: 'dense', units: 7, activation: 'relu' }, DENSE_10));
    expect(flops.layers).toEqual([0, 0]);
    expect(flops.complete).toBe(false);
    expect(specFlops(specOf()).complete).toBe(false);
  });
});

describe('formatFlops', () => {
  it.each([
    [0, '0 FLOP'],
    [120, '120 FLOP'],
    [25_688, '26 kFLOP'],
    [1_935_360, '1.9 MFLOP'],
    [5_800_000, '5.8 MFLOP'],
    [645_120, '645 kFLOP'],
    [5_571_944_448, '5.6 GFLOP'],
    [1_000_000_000, '1 GFLOP'],
    [2.5e13, '25 TFLOP'],
  ])('writes %d FLOPs as %s', (flops, text) => {
    expect(formatFlops(flops)).toBe(text);
  });
});
