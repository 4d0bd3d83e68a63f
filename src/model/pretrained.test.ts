import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import { realMnistSplit } from '../../scripts/mnistFixture';
import type { LoadedModel } from '../data/modelFile';
import { readPretrainedModel } from './pretrainedModel.test-helpers';
import { Trainer } from './trainer';

let model: LoadedModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = readPretrainedModel();
});

describe('the pretrained model shipped with the site', () => {
  it('is the default architecture, small enough to commit', () => {
    expect(model.spec).toEqual(DEFAULT_SPEC);
    expect(model.weights.reduce((sum, w) => sum + w.byteLength, 0)).toBeLessThan(30_000);
  });

  it('classifies at least 98.5% of the 10,000 MNIST test digits (cpu backend), as its file says', async () => {
    const trainer = new Trainer(model.spec, 0, 'adam', 0.001);
    try {
      trainer.importWeights(model.weights);
      const { accuracy } = await trainer.evaluate(realMnistSplit('testImages', 'testLabels', 10_000));
      expect(accuracy).toBeGreaterThanOrEqual(0.985);
      expect(accuracy).toBeCloseTo(model.testAccuracy!, 3);
    } finally {
      trainer.dispose();
    }
  });
});
