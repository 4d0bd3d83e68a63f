/**
 * What the architecture editor says about a spec as a whole: which preset it is (if any) and
 * where each of its errors is shown (under its layer's row, or below the table).
 */
import { PRESET_SPECS } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import type { SpecError } from '../core/shapes';

/** The id in PRESET_SPECS of the preset `spec` equals, or 'custom'. */
export function presetIdOf(spec: ModelSpec): string {
  const text = JSON.stringify(spec);
  return Object.entries(PRESET_SPECS).find(([, preset]) => JSON.stringify(preset.spec) === text)?.[0] ?? 'custom';
}

/** A spec's errors split by where they show. */
export interface GroupedErrors {
  /** Errors of each layer row, keyed by 0-based layer index, in their original order. */
  byLayer: Map<number, SpecError[]>;
  /** Errors about the whole model, then any about positions past the last row (so none is lost). */
  model: SpecError[];
}

/** Splits `errors` between the `layerCount` layer rows and the model as a whole. */
export function groupErrors(errors: readonly SpecError[], layerCount: number): GroupedErrors {
  const byLayer = new Map<number, SpecError[]>();
  const model: SpecError[] = [];
  for (const error of errors) {
    if (error.layerIndex === null) model.push(error);
    else byLayer.set(error.layerIndex, [...(byLayer.get(error.layerIndex) ?? []), error]);
  }
  for (const [index, layerErrors] of byLayer) if (index >= layerCount) model.push(...layerErrors);
  return { byLayer, model };
}
