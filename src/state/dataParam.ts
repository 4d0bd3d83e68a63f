/**
 * What the playground trains on, from its address: MNIST (no `data=`, or `data=mnist`), the set
 * the editor is working on in this browser (`data=mine`), or a built-in set (`data=shapes`).
 * Parsing never throws: an unknown value falls back to MNIST with a notice.
 */
import { BUILT_IN_DATA_SETS, findBuiltInDataSet, type BuiltInDataSet } from '../data/builtInDataSets';

export type DataChoice = { kind: 'mnist' } | { kind: 'mine' } | { kind: 'builtIn'; set: BuiltInDataSet };

export function parseDataParam(params: URLSearchParams): { choice: DataChoice; notice: string | null } {
  const text = params.get('data');
  if (text === null || text === 'mnist') return { choice: { kind: 'mnist' }, notice: null };
  if (text === 'mine') return { choice: { kind: 'mine' }, notice: null };
  const set = findBuiltInDataSet(text);
  if (set) return { choice: { kind: 'builtIn', set }, notice: null };
  const known = ['mnist', 'mine', ...BUILT_IN_DATA_SETS.map((s) => s.id)].join(', ');
  return {
    choice: { kind: 'mnist' },
    notice: `data=${text.slice(0, 40)} is not a data set here (use one of ${known}); training on MNIST.`,
  };
}
