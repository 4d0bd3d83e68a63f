import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import type { DigitPack } from '../data/digitPack';
import type { LoadedModel } from '../data/modelFile';
import type { Snapshot } from '../protocol/messages';
import { homeSnapshot, packDigit, predictionOf, readingText } from './homeNetwork';

/** A pack of two digits: #7 all 255 (label 3), #12 a ramp (label 8). */
const PACK: DigitPack = {
  split: {
    images: Uint8Array.from({ length: 2 * 784 }, (_, i) => (i < 784 ? 255 : i % 256)),
    labels: Uint8Array.of(3, 8),
    count: 2,
  },
  indices: Uint32Array.of(7, 12),
};

const outputOf = (...values: number[]): Snapshot => ({
  step: 0,
  sampleIndex: 0,
  label: 0,
  input: new Float32Array(784),
  layers: [
    { layerIndex: 5, outputShape: [values.length], activations: Float32Array.from(values), kernel: null, bias: null },
  ],
});

describe('packDigit', () => {
  it('gives a pack digit scaled to [0, 1] with its test-set index and label, wrapping around', () => {
    const first = packDigit(PACK, 0);
    expect(first.index).toBe(7);
    expect(first.label).toBe(3);
    expect(first.pixels.every((v) => v === 1)).toBe(true);
    const second = packDigit(PACK, 3);
    expect([second.index, second.label]).toEqual([12, 8]);
    expect(second.pixels[1]).toBeCloseTo(((784 + 1) % 256) / 255, 6);
    expect(packDigit(PACK, -1).index).toBe(12);
  });
});

describe('homeSnapshot', () => {
  it('holds the input and every layer of the forward pass', () => {
    const weights = [200, 8, 3200, 16, 2560, 10].map((n) => new Float32Array(n).fill(0.01));
    const model: LoadedModel = { spec: DEFAULT_SPEC, weights, testAccuracy: null, trainedExamples: null };
    const snapshot = homeSnapshot(model, packDigit(PACK, 0));
    expect(snapshot.sampleIndex).toBe(7);
    expect(snapshot.label).toBe(3);
    expect(snapshot.layers.map((l) => l.outputShape.join('x'))).toEqual([
      '24x24x8',
      '12x12x8',
      '8x8x16',
      '4x4x16',
      '256',
      '10',
    ]);
  });
});

describe('the prediction', () => {
  it('is the most probable digit, said with its softmax value', () => {
    expect(predictionOf(outputOf(0.1, 0.05, 0.7, 0.15))).toEqual({ digit: 2, probability: expect.closeTo(0.7, 6) });
    expect(readingText(outputOf(0.1, 0.05, 0.7, 0.15))).toBe('The network reads it as a 2 (softmax gives 70 %).');
    const eight = outputOf(0, 0, 0, 0, 0, 0, 0, 0.02, 0.97, 0.01);
    expect(readingText(eight)).toBe('The network reads it as an 8 (softmax gives 97 %).');
  });
});
