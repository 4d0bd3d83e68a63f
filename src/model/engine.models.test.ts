import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import type { ModelFilePart } from '../data/modelFile';
import {
  BASE_URL,
  config,
  createEngine,
  readyEngine,
  TINY_SPEC,
  registerEngineHooks,
  type Harness,
} from './engine.test-helpers';

registerEngineHooks();

describe('Engine model files', () => {
  const stroke = new Float32Array(784).map((_, i) => (i % 28 === 14 && i > 100 && i < 680 ? 1 : 0));

  async function probabilities(h: Harness): Promise<number[]> {
    await h.engine.handle({ type: 'predict', pixels: stroke });
    return Array.from(h.of('prediction').at(-1)!.layers.at(-1)!.activations);
  }

  async function trainedFiles(): Promise<{ files: ModelFilePart[]; expected: number[] }> {
    const source = await readyEngine();
    for (let i = 0; i < 3; i++) await source.engine.handle({ type: 'step' });
    await source.engine.handle({ type: 'export', requestId: 7 });
    const [exported] = source.of('exported');
    expect(exported!.requestId).toBe(7);
    return { files: exported!.files, expected: await probabilities(source) };
  }

  it('saves the model as files that a fresh engine loads, with the same architecture and answers', async () => {
    const { files, expected } = await trainedFiles();
    const target = await readyEngine({ spec: DEFAULT_SPEC, seed: 9 });
    await target.engine.handle({ type: 'load', source: { kind: 'files', label: 'my model', files } });
    expect(target.of('origin').at(-1)!.origin).toMatchObject({
      label: 'my model',
      spec: TINY_SPEC,
      trainedExamples: 192,
    });
    expect(await probabilities(target)).toEqual(expected);
    expect(target.state()).toBe('idle');
  });

  it('refuses a truncated weights file with a message and keeps the current model, leaking nothing', async () => {
    const { files } = await trainedFiles();
    const h = await readyEngine();
    await h.engine.handle({ type: 'step' });
    const before = await probabilities(h);
    const tensors = tf.memory().numTensors;
    const truncated = [files[0]!, { ...files[1]!, data: files[1]!.data.slice(0, 100) }];
    await h.engine.handle({ type: 'load', source: { kind: 'files', label: 'broken', files: truncated } });
    expect(h.of('loadRejected').at(-1)).toMatchObject({
      label: 'broken',
      message: expect.stringMatching(/has 100 bytes but model\.json describes/),
    });
    expect(h.of('origin')).toHaveLength(0);
    expect(await probabilities(h)).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensors);
    await h.engine.handle({ type: 'step' });
    expect(h.of('batch').at(-1)!.step).toBe(2);
  });

  it('starts from a model fetched at init, and from random weights with a message when the fetch fails', async () => {
    const { files, expected } = await trainedFiles();
    const served = new Map(files.map((f) => [`${BASE_URL}models/${f.name}`, f.data]));
    vi.stubGlobal('fetch', async (url: string) => {
      const body = served.get(url);
      return body ? new Response(body.slice(0)) : new Response('not here', { status: 404, statusText: 'Not Found' });
    });
    try {
      const good = createEngine();
      const model = { kind: 'url' as const, label: 'pretrained', url: `${BASE_URL}models/${files[0]!.name}` };
      await good.engine.handle({
        type: 'init',
        baseUrl: BASE_URL,
        backend: 'cpu',
        config: config({ spec: DEFAULT_SPEC }),
        model,
      });
      expect(good.of('origin')[0]!.origin).toMatchObject({ label: 'pretrained', spec: TINY_SPEC });
      expect(await probabilities(good)).toEqual(expected);

      const missing = createEngine();
      const absent = { ...model, url: `${BASE_URL}models/absent.json` };
      await missing.engine.handle({ type: 'init', baseUrl: BASE_URL, backend: 'cpu', config: config(), model: absent });
      expect(missing.of('loadRejected')[0]!.message).toMatch(
        /could not be read: the server answered 404 Not Found for absent\.json/,
      );
      expect(missing.state()).toBe('idle');
      expect(await probabilities(missing)).toHaveLength(10);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('explains each prediction with the gradient of the predicted class score for every pixel', async () => {
    const h = await readyEngine();
    await h.engine.handle({ type: 'predict', pixels: stroke });
    const { saliency, layers } = h.of('prediction')[0]!;
    const probs = Array.from(layers.at(-1)!.activations);
    expect(saliency.predictedClass).toBe(probs.indexOf(Math.max(...probs)));
    expect(saliency.gradient).toHaveLength(784);
    expect(saliency.gradient.some((g) => g !== 0)).toBe(true);
  });
});
