import { describe, expect, it } from 'vitest';
import type { LayerSnapshot } from '../protocol/messages';
import { buffersOf } from './transferables';

describe('buffersOf', () => {
  it('lists the input’s buffer, then each layer’s activations, kernel and bias, skipping what a layer lacks', () => {
    const input = new Float32Array(784);
    const conv: LayerSnapshot = {
      layerIndex: 0,
      outputShape: [24, 24, 8],
      activations: new Float32Array(24 * 24 * 8),
      kernel: { shape: [5, 5, 1, 8], values: new Float32Array(200) },
      bias: new Float32Array(8),
    };
    const pool: LayerSnapshot = {
      layerIndex: 1,
      outputShape: [12, 12, 8],
      activations: new Float32Array(1152),
      kernel: null,
      bias: null,
    };
    expect(buffersOf(input, [conv, pool])).toEqual([
      input.buffer,
      conv.activations.buffer,
      conv.kernel!.values.buffer,
      conv.bias!.buffer,
      pool.activations.buffer,
    ]);
    expect(buffersOf(input, [conv, pool]).map((b) => (b as ArrayBuffer).byteLength)).toEqual([
      3136, 18432, 800, 32, 4608,
    ]);
  });
});
