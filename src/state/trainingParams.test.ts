import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import { NO_AUGMENTATION } from '../core/augment';
import { DEFAULT_TRAINING_PARAMS, parseTrainingParams, serializeTrainingParams, trainConfigOf } from './trainingParams';

describe('training parameters in the URL', () => {
  it('uses the defaults for an empty query', () => {
    expect(parseTrainingParams(new URLSearchParams())).toEqual({ value: DEFAULT_TRAINING_PARAMS, notices: [] });
  });

  it('reads valid values of every kind', () => {
    const { value, notices } = parseTrainingParams(
      new URLSearchParams('backend=wasm&optimizer=sgd&lr=0.05&batch=32&trainSize=512&seed=9&weights=random'),
    );
    expect(notices).toEqual([]);
    expect(value).toMatchObject({
      backend: 'wasm',
      optimizer: 'sgd',
      lr: 0.05,
      batch: 32,
      trainSize: 512,
      seed: 9,
      weights: 'random',
    });
  });

  it('falls back to defaults with a notice that names the problem', () => {
    const { value, notices } = parseTrainingParams(new URLSearchParams('backend=tpu&batch=0&lr=abc&epochs=2.5'));
    expect(value.backend).toBe('auto');
    expect(value.batch).toBe(64);
    expect(value.lr).toBe(0.01);
    expect(value.epochs).toBe(10);
    expect(notices).toEqual([
      'backend=tpu is not one of auto, webgl, wasm, cpu; using auto.',
      'lr=abc must be a number from 0.000001 to 10; using 0.01.',
      'batch=0 must be a whole number from 1 to 1024; using 64.',
      'epochs=2.5 must be a whole number from 1 to 100; using 10.',
    ]);
  });

  it.each([
    ['lr=0', 'lr=0 must be a number from 0.000001 to 10; using 0.01.'],
    ['lr=-0.01', 'lr=-0.01 must be a number from 0.000001 to 10; using 0.01.'],
    ['lr=1e6', 'lr=1e6 must be a number from 0.000001 to 10; using 0.01.'],
    ['batch=-5', 'batch=-5 must be a whole number from 1 to 1024; using 64.'],
    ['batch=100000', 'batch=100000 must be a whole number from 1 to 1024; using 64.'],
    ['trainSize=0', 'trainSize=0 must be a whole number from 16 to 60000; using 60000.'],
  ])('refuses the training setting %s with a notice and uses the default', (query, notice) => {
    expect(parseTrainingParams(new URLSearchParams(query)).notices).toEqual([notice]);
  });

  it('keeps a batch larger than the training set: each step then uses every image (the engine test shows it)', () => {
    const { value, notices } = parseTrainingParams(new URLSearchParams('batch=1024&trainSize=16'));
    expect(value).toMatchObject({ batch: 1024, trainSize: 16 });
    expect(notices).toEqual([]);
  });

  it('reads augmentation, passes it to the engine, and has none by default', () => {
    expect(trainConfigOf(DEFAULT_TRAINING_PARAMS, DEFAULT_SPEC).augmentation).toEqual(NO_AUGMENTATION);
    const { value, notices } = parseTrainingParams(
      new URLSearchParams('augShift=2.5&augRotate=15&augScale=0.1&augNoise=0.05'),
    );
    expect(notices).toEqual([]);
    expect(trainConfigOf(value, DEFAULT_SPEC).augmentation).toEqual({
      shift: 2.5,
      rotate: 15,
      scale: 0.1,
      noise: 0.05,
    });
  });

  it.each([
    ['augShift=99', 'augShift=99 must be a number from 0 to 6; using 0.'],
    ['augRotate=-5', 'augRotate=-5 must be a number from 0 to 30; using 0.'],
    ['augScale=0.5', 'augScale=0.5 must be a number from 0 to 0.3; using 0.'],
    ['augNoise=lots', 'augNoise=lots must be a number from 0 to 0.5; using 0.'],
  ])('refuses the augmentation setting %s with a notice and turns it off', (query, notice) => {
    const { value, notices } = parseTrainingParams(new URLSearchParams(query));
    expect(notices).toEqual([notice]);
    expect(trainConfigOf(value, DEFAULT_SPEC).augmentation).toEqual(NO_AUGMENTATION);
  });

  it('ignores unknown keys', () => {
    expect(parseTrainingParams(new URLSearchParams('colour=blue')).notices).toEqual([]);
  });

  it('round-trips: parse(serialize(p)) equals p, and defaults serialise to nothing', () => {
    const custom = {
      ...DEFAULT_TRAINING_PARAMS,
      optimizer: 'rmsprop' as const,
      lr: 0.0007,
      trainSize: 1000,
      seed: 123,
      weights: 'random' as const,
      augShift: 3,
      augRotate: 12.5,
      augScale: 0.15,
      augNoise: 0.2,
    };
    expect(parseTrainingParams(serializeTrainingParams(custom)).value).toEqual(custom);
    expect(serializeTrainingParams(DEFAULT_TRAINING_PARAMS).toString()).toBe('');
  });
});
