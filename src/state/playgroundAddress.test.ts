import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import { encodeSpec } from '../core/specCodec';
import type { ModelSpec } from '../core/modelSpec';
import { specFromParams, withPageQuery, withSettings, withSpec } from './playgroundAddress';
import { DEFAULT_TRAINING_PARAMS } from './trainingParams';

const SMALL: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [{ kind: 'flatten' }, { kind: 'dense', units: 10, activation: 'softmax' }],
};

describe('the playground address', () => {
  it('reads the architecture from arch=, and the default network without it', () => {
    expect(specFromParams(new URLSearchParams())).toEqual({ spec: DEFAULT_SPEC, notice: null });
    const params = new URLSearchParams({ arch: encodeSpec(SMALL) });
    expect(specFromParams(params)).toEqual({ spec: SMALL, notice: null });
  });

  it('falls back to the default network with a notice naming arch when it cannot be read', () => {
    const { spec, notice } = specFromParams(new URLSearchParams({ arch: 'nonsense!' }));
    expect(spec).toBe(DEFAULT_SPEC);
    expect(notice).toMatch(/^arch: .+; using the default network\.$/);
  });

  it('writes arch= for other networks and drops it for the default, keeping other parameters', () => {
    const start = new URLSearchParams({ lr: '0.01', arch: 'old' });
    expect(withSpec(start, SMALL).get('arch')).toBe(encodeSpec(SMALL));
    expect(withSpec(start, DEFAULT_SPEC).toString()).toBe('lr=0.01');
    expect(start.get('arch')).toBe('old');
  });

  it('writes only the settings that differ from their defaults, and keeps arch=', () => {
    const start = new URLSearchParams({ arch: 'x', lr: '0.3', batch: '16' });
    const next = withSettings(start, { ...DEFAULT_TRAINING_PARAMS, batch: 32, seed: 7 });
    expect(Object.fromEntries(next)).toEqual({ arch: 'x', batch: '32', seed: '7' });
  });

  it('lets the hash override the page query string', () => {
    const merged = withPageQuery(new URLSearchParams('lr=0.1&batch=8'), '?backend=wasm&lr=0.5');
    expect(Object.fromEntries(merged)).toEqual({ backend: 'wasm', lr: '0.1', batch: '8' });
  });
});
