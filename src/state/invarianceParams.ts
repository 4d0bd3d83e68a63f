/** URL parameters of the invariance experiment (see urlSchema): which move the plot shows. */
import { SWEEP_KINDS, type SweepKind } from '../core/sweepKinds';
import { parseParams, type Parsed, type Schema } from './urlSchema';

export interface InvarianceParams {
  sweep: SweepKind;
}

export const INVARIANCE_SCHEMA = {
  sweep: { kind: 'choice', options: SWEEP_KINDS, default: 'shift' },
} satisfies Schema<InvarianceParams>;

export function parseInvarianceParams(params: URLSearchParams): Parsed<InvarianceParams> {
  return parseParams<InvarianceParams>(INVARIANCE_SCHEMA, params);
}
