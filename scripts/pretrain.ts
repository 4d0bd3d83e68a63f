/**
 * Trains the pretrained default model, and the invariance experiment's other three models, with
 * the app's own engine (Node, wasm backend) and returns them as model files. Run through
 * scripts/train-pretrained.mjs.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Augmentation } from '../src/core/augment';
import { DEFAULT_SPEC } from '../src/core/defaultSpec';
import type { ModelSpec } from '../src/core/modelSpec';
import { loadWasmFrom } from '../src/model/backends';
import { Engine } from '../src/model/engine';
import type { ModelFilePart } from '../src/data/modelFile';
import type { BackendName, TrainerEvent } from '../src/protocol/messages';
import { DEFAULT_TRAINING_PARAMS, trainConfigOf } from '../src/state/trainingParams';
import { realMnist } from './mnistFixture';

const require = createRequire(import.meta.url);

/**
 * The dense baseline of the invariance experiment: flatten → dense 8 relu → dense 10 softmax,
 * 6,370 parameters, as close as a one-hidden-layer network gets to DEFAULT_SPEC's 5,994, so the
 * comparison is of structure (shared sliding filters against a weight per pixel), not of size.
 */
export const DENSE_BASELINE_SPEC: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'flatten' },
    { kind: 'dense', units: 8, activation: 'relu' },
    { kind: 'dense', units: 10, activation: 'softmax' },
  ],
};

/**
 * The augmentation the "-aug" models train with: shifts up to 4 px and turns up to 15°, so the
 * experiment's plot (shifts to 6 px, turns to 30°) also shows what happens beyond the range trained on.
 */
export const INVARIANCE_AUGMENTATION: Augmentation = { shift: 4, rotate: 15, scale: 0, noise: 0 };

/** The models the script trains: the default pretrained CNN and the invariance experiment's three. */
export const PRETRAIN_MODELS = {
  cnn: { spec: DEFAULT_SPEC, augmented: false, folder: 'pretrained' },
  dense: { spec: DENSE_BASELINE_SPEC, augmented: false, folder: 'invariance/dense' },
  'cnn-aug': { spec: DEFAULT_SPEC, augmented: true, folder: 'invariance/cnn-aug' },
  'dense-aug': { spec: DENSE_BASELINE_SPEC, augmented: true, folder: 'invariance/dense-aug' },
} as const;

export type PretrainModel = keyof typeof PRETRAIN_MODELS;

/**
 * Trains `model` (by default DEFAULT_SPEC without augmentation) with the playground's default
 * settings on all 60,000 training digits for `epochs` (without snapshots or evaluations between
 * epochs) and returns the saved files.
 */
export async function pretrain(
  epochs: number,
  backend: BackendName,
  log: (line: string) => void,
  model: PretrainModel = 'cnn',
): Promise<ModelFilePart[]> {
  const { spec, augmented } = PRETRAIN_MODELS[model];
  const augmentation = augmented
    ? { augShift: INVARIANCE_AUGMENTATION.shift, augRotate: INVARIANCE_AUGMENTATION.rotate }
    : {};
  const settings = {
    ...DEFAULT_TRAINING_PARAMS,
    ...augmentation,
    epochs,
    trainSize: 60_000,
    snapshotMs: 0,
    evalEvery: 0,
  };
  const config = trainConfigOf(settings, spec);
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
