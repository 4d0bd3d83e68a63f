/**
 * Trains the pretrained default model with the app's own engine (Node, wasm backend) and
 * writes it as a model file. Run through scripts/train-pretrained.mjs.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DEFAULT_SPEC } from '../src/core/defaultSpec';
import { loadWasmFrom } from '../src/model/backends';
import { Engine } from '../src/model/engine';
import type { ModelFilePart } from '../src/data/modelFile';
import type { BackendName, TrainerEvent } from '../src/protocol/messages';
import { DEFAULT_TRAINING_PARAMS, trainConfigOf } from '../src/state/trainingParams';
import { realMnist } from './mnistFixture';

const require = createRequire(import.meta.url);

/**
 * Trains DEFAULT_SPEC with the playground's default settings on all 60,000 training digits for
 * `epochs` (without snapshots or evaluations between epochs) and returns the saved files.
 */
export async function pretrain(
  epochs: number,
  backend: BackendName,
  log: (line: string) => void,
): Promise<ModelFilePart[]> {
  const settings = { ...DEFAULT_TRAINING_PARAMS, epochs, trainSize: 60_000, snapshotMs: 0, evalEvery: 0 };
  const config = trainConfigOf(settings, DEFAULT_SPEC);
  loadWasmFrom(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  let files: ModelFilePart[] | null = null;
  let failure: string | null = null;
  let finished = false;
  const onEvent = (event: TrainerEvent) => {
    if (event.type === 'backend') log(`backend: ${event.backend}`);
    if (event.type === 'evaluation')
      log(
        `epoch ${event.epoch}: test accuracy ${(event.testAccuracy * 100).toFixed(2)}% after ${(event.elapsedMs / 1000).toFixed(0)} s`,
      );
    if (event.type === 'error') failure = event.message;
    if (event.type === 'state' && (event.state === 'done' || event.state === 'error')) finished = true;
    if (event.type === 'exported') files = event.files;
  };
  const mnist = realMnist();
  const engine = new Engine({
    thread: 'main',
    emit: onEvent,
    loadTrain: async () => mnist.train,
    loadTest: async () => mnist.test,
    // The first test digit stands in for the pack that a browser would fetch.
    loadDigits: async () => ({ split: mnist.test, indices: Uint32Array.of(0) }),
    measureData: async () => 0,
  });
  await engine.handle({ type: 'init', baseUrl: 'file:///', backend, config });
  await engine.handle({ type: 'start' });
  while (!finished) await new Promise((resolve) => setTimeout(resolve, 200));
  if (failure) throw new Error(failure);
  await engine.handle({ type: 'export', requestId: 1 });
  await engine.handle({ type: 'stop' });
  if (!files) throw new Error('The engine did not export the model.');
  return files;
}
