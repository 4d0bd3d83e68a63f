/**
 * The playground's address: the architecture (`arch=`) and the training settings live in the link,
 * written back without a navigation so the link always shares what the page shows.
 */
import { DEFAULT_SPEC } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import { decodeSpec, encodeSpec } from '../core/specCodec';
import { currentRouteParams, routeHash } from './route';
import { DEFAULT_TRAINING_PARAMS, serializeTrainingParams, type TrainingParams } from './trainingParams';

/** The architecture in the address (`arch=`), or the default with a notice when it cannot be read. */
export function specFromParams(params: URLSearchParams): { spec: ModelSpec; notice: string | null } {
  const text = params.get('arch');
  if (text === null) return { spec: DEFAULT_SPEC, notice: null };
  const decoded = decodeSpec(text);
  if ('spec' in decoded) return { spec: decoded.spec, notice: null };
  return { spec: DEFAULT_SPEC, notice: `arch: ${decoded.error}; using the default network.` };
}

/** Sets `arch=` (removed for the default network, so plain links stay short). */
export function withSpec(params: URLSearchParams, spec: ModelSpec): URLSearchParams {
  const next = new URLSearchParams(params);
  const text = encodeSpec(spec);
  if (text === encodeSpec(DEFAULT_SPEC)) next.delete('arch');
  else next.set('arch', text);
  return next;
}

/** Sets every training parameter, removing the ones at their defaults; other parameters stay. */
export function withSettings(params: URLSearchParams, settings: TrainingParams): URLSearchParams {
  const next = new URLSearchParams(params);
  const written = serializeTrainingParams(settings);
  for (const key of Object.keys(DEFAULT_TRAINING_PARAMS)) {
    const value = written.get(key);
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  return next;
}

/** Rewrites the playground's parameters in the address bar, without a navigation. */
export function replacePlaygroundParams(change: (params: URLSearchParams) => URLSearchParams): void {
  window.history.replaceState(null, '', routeHash('/playground', change(currentRouteParams())));
}

/** The hash's parameters over the page's query string, where `?backend=wasm` may also sit. */
export function withPageQuery(params: URLSearchParams, search: string): URLSearchParams {
  const merged = new URLSearchParams(search);
  params.forEach((value, key) => merged.set(key, value));
  return merged;
}
