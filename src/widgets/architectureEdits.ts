/**
 * The architecture editor's operations on a layer list: a fresh layer of a kind, where "Add
 * layer" inserts, and moving, inserting, replacing and removing layers. Pure: every function
 * returns a new array (or the same one when nothing changes) and never edits its input.
 */
import type { LayerKind, LayerSpec } from '../core/modelSpec';

/** A fresh layer of `kind`, keeping whatever settings of `previous` (the layer it replaces) still make sense. */
export function defaultLayer(kind: LayerKind, previous?: LayerSpec): LayerSpec {
  switch (kind) {
    case 'conv2d':
      return {
        kind,
        filters: 8,
        kernelSize: 3,
        stride: 1,
        padding: 'same',
        activation: previous?.kind === 'dense' && previous.activation !== 'softmax' ? previous.activation : 'relu',
      };
    case 'maxPool':
    case 'avgPool':
      return previous?.kind === 'maxPool' || previous?.kind === 'avgPool'
        ? { kind, poolSize: previous.poolSize, stride: previous.stride }
        : { kind, poolSize: 2, stride: 2 };
    case 'flatten':
      return { kind };
    case 'dense':
      return {
        kind,
        units: 64,
        activation: previous?.kind === 'conv2d' && previous.activation !== 'softmax' ? previous.activation : 'relu',
      };
    case 'dropout':
      return { kind, rate: 0.25 };
    case 'inception':
      return { kind, filters1x1: 8, filters3x3: 8, filters5x5: 4, poolProj: 4 };
    case 'residual':
      // Matching the previous conv's filters keeps the shortcut an identity (no projection).
      return { kind, filters: previous?.kind === 'conv2d' || previous?.kind === 'residual' ? previous.filters : 16 };
  }
}

/** Where "Add layer" inserts by default: before a final dense layer (the classifier), else at the end. */
export function defaultInsertIndex(layers: readonly LayerSpec[]): number {
  return layers.at(-1)?.kind === 'dense' ? layers.length - 1 : layers.length;
}

/** The layers with layer `index` swapped with its neighbour above (−1) or below (+1); the same array when there is none. */
export function moveLayer(layers: LayerSpec[], index: number, delta: -1 | 1): LayerSpec[] {
  const target = index + delta;
  if (index < 0 || index >= layers.length || target < 0 || target >= layers.length) return layers;
  const next = [...layers];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** The layers with `layer` inserted before position `position` (`layers.length` appends). */
export function insertLayer(layers: readonly LayerSpec[], position: number, layer: LayerSpec): LayerSpec[] {
  const next = [...layers];
  next.splice(position, 0, layer);
  return next;
}

/** The layers with layer `index` replaced by `layer`. */
export function replaceLayer(layers: readonly LayerSpec[], index: number, layer: LayerSpec): LayerSpec[] {
  return layers.map((l, i) => (i === index ? layer : l));
}

/** The layers without layer `index`. */
export function removeLayer(layers: readonly LayerSpec[], index: number): LayerSpec[] {
  return layers.filter((_, i) => i !== index);
}
