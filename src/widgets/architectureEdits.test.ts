import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../core/modelSpec';
import {
  defaultInsertIndex,
  defaultLayer,
  insertLayer,
  moveLayer,
  removeLayer,
  replaceLayer,
} from './architectureEdits';

const CONV: LayerSpec = { kind: 'conv2d', filters: 12, kernelSize: 5, stride: 2, padding: 'valid', activation: 'tanh' };
const POOL: LayerSpec = { kind: 'avgPool', poolSize: 3, stride: 1 };
const FLAT: LayerSpec = { kind: 'flatten' };
const DENSE: LayerSpec = { kind: 'dense', units: 10, activation: 'softmax' };
const LAYERS: LayerSpec[] = [CONV, POOL, FLAT, DENSE];

describe('defaultLayer', () => {
  it('gives each kind its starting settings', () => {
    expect(defaultLayer('conv2d')).toEqual({
      kind: 'conv2d',
      filters: 8,
      kernelSize: 3,
      stride: 1,
      padding: 'same',
      activation: 'relu',
    });
    expect(defaultLayer('maxPool')).toEqual({ kind: 'maxPool', poolSize: 2, stride: 2 });
    expect(defaultLayer('flatten')).toEqual({ kind: 'flatten' });
    expect(defaultLayer('dense')).toEqual({ kind: 'dense', units: 64, activation: 'relu' });
    expect(defaultLayer('dropout')).toEqual({ kind: 'dropout', rate: 0.25 });
    expect(defaultLayer('inception')).toEqual({
      kind: 'inception',
      filters1x1: 8,
      filters3x3: 8,
      filters5x5: 4,
      poolProj: 4,
    });
    expect(defaultLayer('residual')).toEqual({ kind: 'residual', filters: 16 });
  });

  it('keeps the activation between conv and dense, but never softmax', () => {
    expect(defaultLayer('dense', CONV)).toEqual({ kind: 'dense', units: 64, activation: 'tanh' });
    expect(defaultLayer('conv2d', { kind: 'dense', units: 5, activation: 'sigmoid' })).toMatchObject({
      activation: 'sigmoid',
    });
    expect(defaultLayer('conv2d', DENSE)).toMatchObject({ activation: 'relu' });
  });

  it('keeps the window when switching between max and average pooling', () => {
    expect(defaultLayer('maxPool', POOL)).toEqual({ kind: 'maxPool', poolSize: 3, stride: 1 });
  });

  it('gives a residual block the replaced conv’s filters, so its shortcut stays an identity', () => {
    expect(defaultLayer('residual', CONV)).toEqual({ kind: 'residual', filters: 12 });
  });
});

describe('defaultInsertIndex', () => {
  it('inserts before a final dense layer, else at the end', () => {
    expect(defaultInsertIndex(LAYERS)).toBe(3);
    expect(defaultInsertIndex([CONV, POOL])).toBe(2);
    expect(defaultInsertIndex([])).toBe(0);
  });
});

describe('moveLayer', () => {
  it('swaps a layer with the one above or below', () => {
    expect(moveLayer(LAYERS, 1, -1)).toEqual([POOL, CONV, FLAT, DENSE]);
    expect(moveLayer(LAYERS, 2, 1)).toEqual([CONV, POOL, DENSE, FLAT]);
    expect(LAYERS).toEqual([CONV, POOL, FLAT, DENSE]);
  });

  it('returns the very same list when there is no neighbour that way', () => {
    expect(moveLayer(LAYERS, 0, -1)).toBe(LAYERS);
    expect(moveLayer(LAYERS, 3, 1)).toBe(LAYERS);
  });
});

describe('insertLayer, replaceLayer and removeLayer', () => {
  const DROPOUT: LayerSpec = { kind: 'dropout', rate: 0.4 };

  it('inserts before a position, or appends at the length', () => {
    expect(insertLayer(LAYERS, 3, DROPOUT)).toEqual([CONV, POOL, FLAT, DROPOUT, DENSE]);
    expect(insertLayer(LAYERS, 4, DROPOUT)).toEqual([CONV, POOL, FLAT, DENSE, DROPOUT]);
    expect(insertLayer(LAYERS, 0, DROPOUT)[0]).toBe(DROPOUT);
  });

  it('replaces and removes one layer, leaving the input list as it was', () => {
    expect(replaceLayer(LAYERS, 1, DROPOUT)).toEqual([CONV, DROPOUT, FLAT, DENSE]);
    expect(removeLayer(LAYERS, 2)).toEqual([CONV, POOL, DENSE]);
    expect(LAYERS).toEqual([CONV, POOL, FLAT, DENSE]);
  });
});
