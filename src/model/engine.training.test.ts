import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  BASE_URL,
  config,
  createEngine,
  data,
  delay,
  PIXELS,
  readyEngine,
  registerEngineHooks,
} from './engine.test-helpers';

registerEngineHooks();

describe('Engine training', () => {
  it('trains epochs of 4 batches, evaluates after each without leaking, and finishes as done', async () => {
    const h = await readyEngine({ epochs: 3 });
    await h.engine.handle({ type: 'start' });
    expect(h.state()).toBe('training');
    await h.settles('done');

    const batches = h.of('batch');
    expect(batches.map((b) => b.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(batches.map((b) => b.examplesSeen)).toEqual(batches.map((b) => b.step * 64));
    expect(batches.map((b) => b.batch)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
    expect(batches.map((b) => b.epoch)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(batches.every((b) => b.batchesPerEpoch === 4)).toBe(true);
    expect(batches.every((b) => Number.isFinite(b.loss) && b.examplesPerSec > 0)).toBe(true);
    const elapsed = batches.map((b) => b.elapsedMs);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));

    const evaluations = h.of('evaluation');
    expect(evaluations.map((e) => [e.epoch, e.step, e.atEpochEnd])).toEqual([
      [1, 4, true],
      [2, 8, true],
      [3, 12, true],
    ]);
    // Each evaluation follows the last batch of its epoch.
    evaluations.forEach((evaluation) => {
      const previous = h.events[h.events.indexOf(evaluation) - 1];
      expect(previous).toMatchObject({ type: 'batch', step: evaluation.step });
    });
    // The same live tensors at every epoch end: nothing leaks per batch or per evaluation.
    expect(new Set(evaluations.map((e) => e.numTensors)).size).toBe(1);
    expect(evaluations.at(-1)!.testAccuracy).toBeGreaterThan(0.3);
    expect(evaluations.at(-1)!.testAccuracy).toBeGreaterThan(evaluations[0]!.testAccuracy);
    // The confusion matrix counts every test image once, its diagonal the correct ones.
    for (const { confusion, testAccuracy } of evaluations) {
      expect(confusion.reduce((a, b) => a + b, 0)).toBe(200);
      const diagonal = Array.from({ length: 10 }, (_, c) => confusion[c * 11]!).reduce((a, b) => a + b, 0);
      expect(diagonal / 200).toBeCloseTo(testAccuracy, 10);
      Array.from({ length: 10 }, (_, label) => {
        const row = confusion.slice(label * 10, label * 10 + 10).reduce((a, b) => a + b, 0);
        expect(row).toBe(data.test.labels.filter((l) => l === label).length);
      });
    }
    expect(evaluations.at(-1)!.testLoss).toBeLessThan(batches[0]!.loss);
    expect(h.events.at(-1)).toMatchObject({ type: 'state', state: 'done' });

    // Done means done: only a reset trains again.
    await h.engine.handle({ type: 'start' });
    await delay(50);
    expect(h.of('batch')).toHaveLength(12);
    expect(h.state()).toBe('done');
  });

  it('pauses between batches and resumes from the same step', async () => {
    const h = await readyEngine({ epochs: 50 });
    await h.engine.handle({ type: 'start' });
    await h.batches(2);
    await h.engine.handle({ type: 'pause' });
    expect(h.state()).toBe('paused');
    const count = h.of('batch').length;
    await delay(300);
    expect(h.of('batch')).toHaveLength(count);

    await h.engine.handle({ type: 'resume' });
    expect(h.state()).toBe('training');
    await h.batches(count + 1);
    expect(h.of('batch')[count]!.step).toBe(count + 1);
    expect(h.of('batch')[count]!.examplesSeen).toBe((count + 1) * 64);
  });

  it('trains exactly one batch per step command and then waits, paused', async () => {
    const h = await readyEngine();
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch').map((b) => [b.step, b.epoch, b.batch, b.examplesSeen])).toEqual([[1, 1, 0, 64]]);
    expect(h.state()).toBe('paused');
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch').map((b) => b.step)).toEqual([1, 2]);
    expect(h.state()).toBe('paused');
  });

  it('restarts from step 1 with freshly initialised weights after a reset', async () => {
    const h = await readyEngine({ epochs: 50 });
    await h.engine.handle({ type: 'start' });
    await h.batches(3);
    await h.engine.handle({ type: 'reset' });
    expect(h.state()).toBe('idle');
    const before = h.of('batch').length;

    await h.engine.handle({ type: 'step' });
    const [first, afterReset] = [h.of('batch')[0]!, h.of('batch')[before]!];
    expect(afterReset).toMatchObject({ step: 1, epoch: 1, batch: 0, examplesSeen: 64 });
    // Same seed, same first batch, same initial weights: the very same loss as the first run's.
    expect(afterReset.loss).toBe(first.loss);
  });

  it('frees every tensor on stop and trains a fresh model from step 1 on the next start', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const h = await readyEngine({ epochs: 50 });
    await h.engine.handle({ type: 'start' });
    await h.batches(2);
    await h.engine.handle({ type: 'stop' });
    expect(tf.memory().numTensors).toBe(before);
    expect(h.events.at(-1)).toEqual({ type: 'state', state: 'idle', numTensors: before });

    const count = h.of('batch').length;
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch')[count]).toMatchObject({ step: 1, examplesSeen: 64 });
  });

  it('uses the whole training set in each step when the batch is larger than it: one step per epoch', async () => {
    const h = await readyEngine({ batchSize: 1024, trainSize: 100, epochs: 2 });
    await h.engine.handle({ type: 'start' });
    await h.settles('done');
    expect(h.of('batch').map((b) => [b.step, b.epoch, b.batch, b.batchesPerEpoch, b.examplesSeen])).toEqual([
      [1, 1, 0, 1, 100],
      [2, 2, 0, 1, 200],
    ]);
    expect(h.of('evaluation').map((e) => e.atEpochEnd)).toEqual([true, true]);
  });

  it('stops mid-epoch at once, leaking nothing, and pauses there when asked instead', async () => {
    const before = tf.memory().numTensors;
    const h = await readyEngine({ batchSize: 16, epochs: 50 }); // 16 batches an epoch
    await h.engine.handle({ type: 'start' });
    await h.batches(5);
    await h.engine.handle({ type: 'pause' });
    const paused = h.of('batch').at(-1)!;
    expect(paused.batch).toBeLessThan(paused.batchesPerEpoch - 1);
    expect(h.of('evaluation')).toHaveLength(0);
    await h.engine.handle({ type: 'stop' });
    expect(tf.memory().numTensors).toBe(before);
    expect(h.state()).toBe('idle');
  });

  it('stops with a clear error when the loss blows up, and trains again after a reset', async () => {
    // 1e30 overflows float32 weights within one SGD step, so the second loss is NaN.
    const h = await readyEngine({ optimizer: 'sgd', learningRate: 1e30, epochs: 50 });
    await h.engine.handle({ type: 'start' });
    await h.settles('error');
    const [error] = h.of('error');
    expect(error!.message).toContain('learning rate');
    expect(error!.message).toContain('Reset');
    expect(error!.message).toContain('NaN');
    expect(h.of('batch').every((b) => Number.isFinite(b.loss))).toBe(true);

    // Nothing trains from the error state until a reset.
    const count = h.of('batch').length;
    await h.engine.handle({ type: 'start' });
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch')).toHaveLength(count);
    expect(h.state()).toBe('error');

    await h.engine.handle({ type: 'reset', config: { learningRate: 0.01 } });
    expect(h.state()).toBe('idle');
    await h.engine.handle({ type: 'step' });
    await h.engine.handle({ type: 'step' });
    const after = h.of('batch').slice(count);
    expect(after.map((b) => b.step)).toEqual([1, 2]);
    expect(after.every((b) => Number.isFinite(b.loss))).toBe(true);
    expect(h.state()).toBe('paused');
  });

  it('recognises any 28×28 image on request, with the activations of every layer', async () => {
    const h = await readyEngine();
    const pixels = new Float32Array(784);
    for (let r = 4; r < 24; r++) pixels[r * 28 + 14] = 1; // a vertical stroke, like a 1
    await h.engine.handle({ type: 'predict', pixels });
    const [prediction] = h.of('prediction');
    expect(Array.from(prediction!.input)).toEqual(Array.from(pixels));
    const probabilities = prediction!.layers.at(-1)!.activations;
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    await h.engine.handle({ type: 'predict', pixels: new Float32Array(5) });
    expect(h.of('error').at(-1)!.message).toBe('A digit to recognise needs 784 pixels (28×28), not 5.');
  });

  it('decays the learning rate smoothly by the given factor per epoch', async () => {
    const h = await readyEngine({ learningRate: 0.008, lrDecayPerEpoch: 0.5, epochs: 2 });
    await h.engine.handle({ type: 'start' });
    await h.settles('done');
    const rates = h.of('batch').map((b) => b.learningRate);
    // Step n (from 1) uses 0.008 · 0.5^((n − 1)/4): 4 batches per epoch.
    rates.forEach((rate, i) => expect(rate).toBeCloseTo(0.008 * 0.5 ** (i / 4), 10));
    expect(rates[4]).toBeCloseTo(0.004, 10);
  });

  it('stops when the loss stays far above chance level, the way clipped probabilities hide a blow-up', async () => {
    // At this rate the loss saturates at −log(ε) ≈ 16 instead of turning NaN.
    const h = await readyEngine({ optimizer: 'sgd', learningRate: 1e6, epochs: 50 });
    await h.engine.handle({ type: 'start' });
    await h.settles('error');
    expect(h.of('error')[0]!.message).toMatch(/the loss stayed above 10 for 20 batches .* press Reset and try 100000/);
    const losses = h.of('batch').map((b) => b.loss);
    expect(losses.length).toBeLessThanOrEqual(21);
    // The 20th such batch stops training instead of being reported.
    expect(losses.slice(-19).every((loss) => loss > 10)).toBe(true);
  });
});

describe('Engine training while the data arrives', () => {
  it('starts on the first images to arrive, waits for more when it runs out, and trains each once per epoch', async () => {
    let arrive: (images: number) => void = () => {};
    let complete: () => void = () => {};
    const h = createEngine({
      startImages: 64,
      loadTrain: (_url, _progress, onPartial) => {
        arrive = (images) => onPartial?.(data.train, images);
        return new Promise((resolve) => (complete = () => resolve(data.train)));
      },
    });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config({ epochs: 2 }) });
    h.engine.receive({ type: 'start' });
    await h.waitFor(() => h.state() === 'loading', 'the download');
    arrive(64);
    await h.batches(1);
    await delay(150);
    // 64 images make one batch of 64: training waits for the next ones.
    expect(h.of('batch')).toHaveLength(1);
    expect(h.state()).toBe('training');
    arrive(192);
    await h.batches(3);
    await delay(150);
    expect(h.of('batch')).toHaveLength(3);
    complete();
    await h.settles('done');
    expect(h.of('batch').map((b) => [b.epoch, b.batch])).toEqual([
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 0],
      [2, 1],
      [2, 2],
      [2, 3],
    ]);
    expect(h.of('dataReady').map((e) => e.split)).toEqual(['train', 'test']);
  });

  it('stops with the reason when the download fails after training has started', async () => {
    let arrive: (images: number) => void = () => {};
    let fail: () => void = () => {};
    const h = createEngine({
      startImages: 64,
      loadTrain: (_url, _progress, onPartial) => {
        arrive = (images) => onPartial?.(data.train, images);
        return new Promise((_resolve, reject) => (fail = () => reject(new Error('connection lost'))));
      },
    });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config() });
    h.engine.receive({ type: 'start' });
    await h.waitFor(() => h.state() === 'loading', 'the download');
    arrive(64);
    await h.batches(1);
    fail();
    await h.settles('error');
    expect(h.of('error').map((e) => e.message)).toEqual(['connection lost']);
    expect(h.of('batch')).toHaveLength(1);
  });
});

describe('Engine evaluations', () => {
  it('evaluates on request on the whole test set, fetching the test digits alone, not as an epoch end', async () => {
    const fetched: string[] = [];
    const h = createEngine({
      loadTrain: async () => (fetched.push('train'), data.train),
      loadTest: async () => (fetched.push('test'), data.test),
    });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config() });
    expect(fetched).toEqual([]);
    await h.engine.handle({ type: 'evaluate' });
    expect(fetched).toEqual(['test']);
    expect(h.of('dataReady').map((e) => [e.split, e.count])).toEqual([['test', 200]]);
    const evaluations = h.of('evaluation');
    expect(evaluations).toHaveLength(1);
    expect(evaluations[0]).toMatchObject({ epoch: 0, step: 0, atEpochEnd: false, wholeSet: true, testImages: 200 });
    expect(evaluations[0]!.predictions!.predicted).toHaveLength(200);
    expect(evaluations[0]!.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(evaluations[0]!.testAccuracy).toBeLessThanOrEqual(1);
    expect(evaluations[0]!.testLoss).toBeGreaterThan(0);
  });

  it('checks a fixed fifth of the test set every N steps, and the whole set once per step at epoch ends', async () => {
    const h = await readyEngine({ evalEverySteps: 2, epochs: 2 });
    await h.engine.handle({ type: 'start' });
    await h.settles('done');
    const evaluations = h.of('evaluation');
    expect(evaluations.map((e) => [e.step, e.atEpochEnd, e.wholeSet, e.testImages])).toEqual([
      [2, false, false, 40],
      [4, true, true, 200],
      [6, false, false, 40],
      [8, true, true, 200],
    ]);
    // Per-image answers cover the whole set only: the gallery of mistakes indexes the test set by them.
    expect(evaluations.map((e) => e.predictions?.predicted.length ?? null)).toEqual([null, 200, null, 200]);
    for (const e of evaluations) expect(e.confusion.reduce((a, b) => a + b, 0)).toBe(e.testImages);
  });

  it('pauses with the reason when the test digits cannot be had, and tries again at the next evaluation', async () => {
    // The download that starts with training fails, and so does the first evaluation's own try.
    let failures = 2;
    const h = createEngine({
      loadTest: async () => {
        if (failures-- > 0) throw new Error('test set unreachable');
        return data.test;
      },
    });
    await h.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config({ evalEverySteps: 1 }) });
    await h.engine.handle({ type: 'start' });
    await h.settles('paused');
    expect(h.of('error').map((e) => e.message)).toEqual(['No evaluation: test set unreachable']);
    expect(h.of('evaluation')).toEqual([]);
    const trained = h.of('batch').length;
    await h.engine.handle({ type: 'start' });
    await h.batches(trained + 1);
    await h.waitFor(() => h.of('evaluation').length > 0, 'an evaluation');
    await h.engine.handle({ type: 'pause' });
    expect(h.of('evaluation')[0]).toMatchObject({ wholeSet: false, testImages: 40 });
  });
});

describe('Engine snapshots', () => {
  it('sends no snapshots while training when the interval is 0', async () => {
    const h = await readyEngine({ snapshotIntervalMs: 0, epochs: 1 });
    await h.engine.handle({ type: 'start' });
    await h.settles('done');
    expect(h.of('batch')).toHaveLength(4);
    expect(h.of('snapshot')).toEqual([]);
  });

  it('sends the untrained network once ready, snapshots while training, and one on a sample change', async () => {
    const h = await readyEngine({ snapshotIntervalMs: 1, epochs: 1 });
    expect(h.of('snapshot').map((e) => e.snapshot.step)).toEqual([0]);
    await h.engine.handle({ type: 'start' });
    await h.settles('done');
    const snapshots = h.of('snapshot').map((e) => e.snapshot);
    expect(snapshots.length).toBeGreaterThan(1);
    const steps = [0, ...h.of('batch').map((b) => b.step)];
    for (const snapshot of snapshots) {
      expect(steps).toContain(snapshot.step);
      expect(snapshot.sampleIndex).toBe(0);
      expect(snapshot.layers.map((l) => l.outputShape)).toEqual([[13, 13, 4], [6, 6, 4], [144], [10]]);
    }

    await h.engine.handle({ type: 'setSample', index: 5 });
    const chosen = h.of('snapshot').at(-1)!.snapshot;
    expect(chosen).toMatchObject({ sampleIndex: 5, label: data.test.labels[5], step: 4 });
    const pixels = data.test.images.subarray(5 * PIXELS, 6 * PIXELS);
    expect(Array.from(chosen.input)).toEqual(Array.from(pixels, (p) => Math.fround(p / 255)));

    await h.engine.handle({ type: 'setSample', index: 10_000 });
    expect(h.of('snapshot').at(-1)!.snapshot.sampleIndex).toBe(199);
  });

  it('freezes the weights a snapshot shows once the learning rate is set to 0', async () => {
    const h = await readyEngine({ snapshotIntervalMs: 1 });
    const kernel = () => Array.from(h.of('snapshot').at(-1)!.snapshot.layers[0]!.kernel!.values);
    await h.engine.handle({ type: 'step' });
    const trained = kernel();
    await h.engine.handle({ type: 'setLearningRate', learningRate: 0 });
    await delay(2);
    await h.engine.handle({ type: 'step' });
    expect(h.of('snapshot').at(-1)!.snapshot.step).toBe(2);
    expect(kernel()).toEqual(trained);

    await h.engine.handle({ type: 'setLearningRate', learningRate: 0.01 });
    await delay(2);
    await h.engine.handle({ type: 'step' });
    expect(kernel()).not.toEqual(trained);
  });
});
