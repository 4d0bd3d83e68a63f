/**
 * What a ModelSpec layer's own settings may be: the bounds that keep training feasible in a
 * browser, and the checks that shapes.ts runs on each layer before it infers shapes.
 */

import { dropoutRateMessages, isOneOf, orList, quoted, rangeMessages, settingMessage } from './layerChecks';
import { LAYER_ACTIVATIONS, PADDINGS, type LayerSpec } from './modelSpec';

/** Bounds on layer settings and model size that keep training feasible in a browser. */
export const SPEC_LIMITS = {
  filters: { min: 1, max: 1024 },
  units: { min: 1, max: 1024 },
  kernelSize: { min: 1, max: 11 },
  stride: { min: 1, max: 4 },
  poolSize: { min: 1, max: 4 },
  maxParams: 5_000_000,
} as const;

/** Problems with the layer's own settings, independent of where it sits. */
export function specSettingMessages(layer: LayerSpec, where: string): string[] {
  switch (layer.kind) {
    case 'conv2d':
      return [
        ...rangeMessages(where, 'filters', layer.filters, SPEC_LIMITS.filters),
        ...rangeMessages(where, 'kernel size', layer.kernelSize, SPEC_LIMITS.kernelSize),
        ...rangeMessages(where, 'stride', layer.stride, SPEC_LIMITS.stride),
        ...paddingMessages(where, layer.padding),
        ...activationMessages(where, layer.activation),
      ];
    case 'maxPool':
    case 'avgPool':
      return [
        ...rangeMessages(where, 'pool size', layer.poolSize, SPEC_LIMITS.poolSize),
        ...rangeMessages(where, 'stride', layer.stride, SPEC_LIMITS.stride),
      ];
    case 'flatten':
      return [];
    case 'dense':
      return [
        ...rangeMessages(where, 'units', layer.units, SPEC_LIMITS.units),
        ...activationMessages(where, layer.activation),
      ];
    case 'dropout':
      return dropoutRateMessages(where, layer.rate);
    case 'inception':
      return [
        ...rangeMessages(where, '1×1 filters', layer.filters1x1, SPEC_LIMITS.filters),
        ...rangeMessages(where, '3×3 filters', layer.filters3x3, SPEC_LIMITS.filters),
        ...rangeMessages(where, '5×5 filters', layer.filters5x5, SPEC_LIMITS.filters),
        ...rangeMessages(where, 'pool projection filters', layer.poolProj, SPEC_LIMITS.filters),
      ];
    case 'residual':
      return rangeMessages(where, 'filters', layer.filters, SPEC_LIMITS.filters);
  }
}

function paddingMessages(where: string, padding: unknown): string[] {
  if (isOneOf(PADDINGS, padding)) return [];
  return [settingMessage(where, 'padding', orList(PADDINGS.map(quoted)), padding)];
}

function activationMessages(where: string, activation: unknown): string[] {
  if (isOneOf(LAYER_ACTIVATIONS, activation)) return [];
  return [settingMessage(where, 'activation', `one of ${LAYER_ACTIVATIONS.join(', ')}`, activation)];
}
