import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { NO_AUGMENTATION, type Augmentation } from '../core/augment';
import { readyEngine, registerEngineHooks } from './engine.test-helpers';

registerEngineHooks();

const AUGMENTATION: Augmentation = { shift: 3, rotate: 15, scale: 0.1, noise: 0.1 };

/** The losses of `steps` single steps of a fresh engine, and the live tensor count after each. */
async function stepLosses(augmentation: Augmentation, steps: number) {
  const h = await readyEngine({ augmentation });
  const tensors: number[] = [];
  for (let i = 0; i < steps; i++) {
    await h.engine.handle({ type: 'step' });
    tensors.push(tf.memory().numTensors);
  }
  const batches = h.of('batch');
  await h.engine.handle({ type: 'stop' });
  return { losses: batches.map((b) => b.loss), steps: batches.map((b) => b.step), tensors };
}

describe('Engine training with augmentation', () => {
  it('trains on augmented batches without leaking a tensor per step', async () => {
    const { losses, steps, tensors } = await stepLosses(AUGMENTATION, 4);
    expect(steps).toEqual([1, 2, 3, 4]);
    expect(losses.every(Number.isFinite)).toBe(true);
    // The optimizer's slots appear during the first step; after it, the count never moves.
    expect(tensors).toEqual([tensors[0], tensors[0], tensors[0], tensors[0]]);
  });

  it('shows the model other images than the plain batch: same seed, weights and indices, another loss', async () => {
    const plain = await stepLosses(NO_AUGMENTATION, 2);
    const augmented = await stepLosses(AUGMENTATION, 2);
    // Step 1's loss is measured before any update, on the same images: only augmentation changes it.
    expect(augmented.losses[0]).not.toBe(plain.losses[0]);
    expect(augmented.losses[1]).not.toBe(plain.losses[1]);
  });

  it('reproduces a run: the same seed gives the same losses', async () => {
    const first = await stepLosses(AUGMENTATION, 3);
    const again = await stepLosses(AUGMENTATION, 3);
    expect(again.losses).toEqual(first.losses);
  });
});
