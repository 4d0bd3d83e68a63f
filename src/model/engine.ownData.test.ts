import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { specForClasses } from '../core/classifierOutput';
import { EXAMPLE_PIXELS, type DataSet } from '../core/dataSet';
import { splitOwnData, type OwnData } from '../data/ownData';
import {
  BASE_URL,
  config,
  createEngine,
  data,
  readyEngine,
  registerEngineHooks,
  TINY_SPEC,
} from './engine.test-helpers';

registerEngineHooks();

/** Three classes of real MNIST digits (0, 1 and 7, 20 each from the fixture) under their own names and labels 0 to 2. */
function digitsSet(): OwnData {
  const pick = (digit: number) =>
    Array.from(data.train.labels.keys())
      .filter((i) => data.train.labels[i] === digit)
      .slice(0, 20)
      .map((i) => data.train.images.slice(i * EXAMPLE_PIXELS, (i + 1) * EXAMPLE_PIXELS));
  const set: DataSet = { classes: [0, 1, 7].map((digit) => ({ name: `digit ${digit}`, examples: pick(digit) })) };
  return splitOwnData('Zero, one, seven', set, 0.2);
}

const THREE_CLASS_SPEC = specForClasses(TINY_SPEC, 3).spec;

/** An engine on a user's data set, never on MNIST: its MNIST loaders fail if called. */
async function ownEngine(own: OwnData, overrides = {}) {
  const refuse = async (): Promise<never> => {
    throw new Error('MNIST was fetched');
  };
  const harness = createEngine({ loadTrain: refuse, loadTest: refuse, loadDigits: refuse });
  const settings = config({ spec: THREE_CLASS_SPEC, trainSize: 60_000, batchSize: 16, epochs: 2, ...overrides });
  await harness.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: settings, data: own });
  return harness;
}

describe('Engine on a user data set', () => {
  it('trains and tests on the set alone, with a confusion matrix of its classes, leaking no tensor', async () => {
    const own = digitsSet();
    expect(own.train.count).toBe(48);
    expect(own.test.count).toBe(12);
    const h = await ownEngine(own, { snapshotIntervalMs: 1 });
    expect(h.state()).toBe('idle');
    h.engine.receive({ type: 'start' });
    await h.settles('done');
    expect(h.of('dataPending')).toEqual([]);
    expect(h.of('dataProgress')).toEqual([]);
    const batches = h.of('batch');
    expect(batches[0]!.batchesPerEpoch).toBe(3); // 48 examples in batches of 16.
    expect(batches.map((b) => b.epoch)).toEqual([1, 1, 1, 2, 2, 2]); // Counted from 1.
    const evaluations = h.of('evaluation');
    expect(evaluations.map((e) => e.atEpochEnd)).toEqual([true, true]);
    for (const evaluation of evaluations) {
      expect(evaluation.confusion).toHaveLength(9);
      expect(evaluation.confusion.reduce((a, b) => a + b, 0)).toBe(12);
      expect(evaluation.testImages).toBe(12);
      expect(evaluation.predictions!.predicted).toHaveLength(12);
      expect(Math.max(...evaluation.predictions!.predicted)).toBeLessThan(3);
    }
    // Zero, one and seven are easy to tell apart: two epochs beat chance (a third) by far.
    expect(evaluations.at(-1)!.testAccuracy).toBeGreaterThan(0.6);
    expect(evaluations[1]!.numTensors).toBe(evaluations[0]!.numTensors);
    const snapshot = h.of('snapshot').at(-1)!.snapshot;
    expect(snapshot.layers.at(-1)!.outputShape).toEqual([3]);
    expect(snapshot.label).toBe(own.test.labels[0]);
    expect(Array.from(snapshot.input.slice(0, EXAMPLE_PIXELS))).toEqual(
      Array.from(Float32Array.from(own.test.images.slice(0, EXAMPLE_PIXELS), (b) => b / 255)),
    );
    const tensors = tf.memory().numTensors;
    await h.engine.handle({ type: 'evaluate' });
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it("refuses a model whose outputs don't match the set's classes, and keeps its own", async () => {
    const mnist = await readyEngine();
    await mnist.engine.handle({ type: 'export', requestId: 1 });
    const files = mnist.of('exported')[0]!.files;
    const h = await ownEngine(digitsSet());
    await h.engine.handle({ type: 'load', source: { kind: 'files', label: 'digits.json', files } });
    expect(h.of('loadRejected')).toEqual([
      {
        type: 'loadRejected',
        label: 'digits.json',
        message:
          'This model tells 10 classes apart, but the data here has 3: load a model trained on this data, or train one.',
      },
    ]);
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch')).toHaveLength(1);
  });

  it('says so when the network does not fit the classes', async () => {
    const h = await ownEngine(digitsSet(), { spec: TINY_SPEC });
    expect(h.of('error').map((e) => e.message)).toContain(
      "The network's output layer has 10 units, but the data has 3 classes.",
    );
  });
});
