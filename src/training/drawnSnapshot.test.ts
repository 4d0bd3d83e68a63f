import { describe, expect, it } from 'vitest';
import type { LayerSnapshot } from '../protocol/messages';
import { drawnSnapshot } from './drawnSnapshot';
import { INITIAL_VIEW, type TrainerView } from './trainerView';

describe('drawnSnapshot', () => {
  it('is null before anything was drawn', () => {
    expect(drawnSnapshot(INITIAL_VIEW)).toBeNull();
  });

  it("holds the drawn input and every layer's activations, at the last training step, as no test digit", () => {
    const input = new Float32Array(784).fill(0.25);
    const layers: LayerSnapshot[] = [
      { layerIndex: 0, outputShape: [3], activations: Float32Array.of(1, 2, 3), kernel: null, bias: null },
    ];
    const prediction: TrainerView['prediction'] = {
      input,
      layers,
      saliency: { predictedClass: 2, gradient: new Float32Array(784) },
    };
    const lastBatch = { ...INITIAL_VIEW.lastBatch, step: 42 } as TrainerView['lastBatch'];
    const drawn = drawnSnapshot({ prediction, lastBatch });
    expect(drawn).toEqual({ step: 42, sampleIndex: -1, label: -1, input, layers });
    expect(drawn!.input).toBe(input);
    expect(drawnSnapshot({ prediction, lastBatch: null })!.step).toBe(0);
  });
});
