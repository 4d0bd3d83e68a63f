import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESET_SPECS } from '../core/defaultSpec';
import { expectedWeights } from '../data/modelFile';
import { buildModel } from './buildModel';

describe('expectedWeights against the models buildModel creates', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(Object.entries(PRESET_SPECS))('names and shapes exactly the weights of preset %s', (_id, { spec }) => {
    const model = buildModel(spec, 1);
    try {
      // tfjs's originalName is the name model files and Trainer.importWeights use.
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      const created = model.weights.map((w) => ({ name: w.originalName, shape: w.shape })).sort(byName);
      expect(created).toEqual([...expectedWeights(spec)].sort(byName));
    } finally {
      model.dispose();
    }
  });
});
