/** URL parameters of the multi-channel convolution explorable (see urlSchema); the form reads its bounds here too. */
import { PADDINGS, type Padding } from '../core/modelSpec';
import { SPEEDS, type Speed } from '../core/playback';
import { parseParams, type Parsed, type Schema } from './urlSchema';

export interface ChannelsParams {
  /** Side of the square RGB input, in cells. */
  size: number;
  /** Number of filters N, which is also the number of output maps. */
  filters: number;
  /** Filter side length k (each filter is k×k×3). */
  kernel: 1 | 3 | 5;
  stride: number;
  pad: Padding;
  /** Seed of the random filters. */
  seed: number;
  /** Which filter (0-based) the stepper shows; below `filters`. */
  filter: number;
  speed: Speed;
}

export const CHANNELS_SCHEMA = {
  size: { kind: 'number', min: 5, max: 32, integer: true, default: 6 },
  filters: { kind: 'number', min: 1, max: 16, integer: true, default: 10 },
  kernel: { kind: 'choice', options: [1, 3, 5], default: 3 },
  stride: { kind: 'number', min: 1, max: 2, integer: true, default: 1 },
  pad: { kind: 'choice', options: PADDINGS, default: 'valid' },
  seed: { kind: 'number', min: 0, max: 9999, integer: true, default: 1 },
  filter: { kind: 'number', min: 0, max: 15, integer: true, default: 0 },
  speed: { kind: 'choice', options: SPEEDS, default: 1 },
} satisfies Schema<ChannelsParams>;

/** Reads the page's state; a shown filter beyond the number of filters falls back to the first. */
export function parseChannelsParams(params: URLSearchParams): Parsed<ChannelsParams> {
  const parsed = parseParams<ChannelsParams>(CHANNELS_SCHEMA, params);
  const { filter, filters } = parsed.value;
  if (filter >= filters) {
    parsed.notices.push(`filter=${filter} is past the last of ${filters} filters (0 to ${filters - 1}); using 0.`);
    parsed.value.filter = 0;
  }
  return parsed;
}
