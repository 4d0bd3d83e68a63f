import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import { DEFAULT_TRAINING_PARAMS, trainConfigOf } from '../state/trainingParams';
import { evaluationAt as evaluation } from './evaluations.test-helpers';
import { INITIAL_VIEW } from './trainerView';
import { trainingFigures } from './trainingFigures';

const CONFIG = trainConfigOf(DEFAULT_TRAINING_PARAMS, DEFAULT_SPEC);

describe('trainingFigures', () => {
  it('lists the main figures first, then the others, each once', () => {
    const figures = trainingFigures(INITIAL_VIEW, CONFIG);
    const firstOther = figures.findIndex((f) => !f.main);
    expect(figures.slice(firstOther).every((f) => !f.main)).toBe(true);
    expect(figures.filter((f) => f.main).map((f) => f.id)).toEqual([
      'epoch',
      'step',
      'loss',
      'test-accuracy',
      'check-accuracy',
      'time-to-99',
    ]);
    expect(new Set(figures.map((f) => f.id)).size).toBe(figures.length);
  });

  it('leaves out the quick check when the run has none', () => {
    const ids = trainingFigures(INITIAL_VIEW, { ...CONFIG, evalEverySteps: 0 }).map((f) => f.id);
    expect(ids).not.toContain('check-accuracy');
  });

  it('shows the whole-set accuracy, the latest check with its margin, and the first at 99 %', () => {
    const view = {
      ...INITIAL_VIEW,
      evaluations: [evaluation(150, 0.985, false), evaluation(300, 0.9912, false), evaluation(938, 0.9903, true)],
    };
    const byId = new Map(trainingFigures(view, CONFIG).map((f) => [f.id, f]));
    expect(byId.get('test-accuracy')).toMatchObject({ value: 0.9903, text: '99.03% after epoch 93' });
    expect(byId.get('check-accuracy')?.value).toBe(0.9912);
    expect(byId.get('check-accuracy')?.text).toMatch(/^99\.12% ±0\.\d\d% at step 300$/);
    expect(byId.get('time-to-99')).toMatchObject({ value: 30_000, text: '30.0 s of training (2,000 test images)' });
  });
});
