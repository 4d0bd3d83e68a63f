import { useCallback, useState } from 'react';
import { routeHash } from '../state/route';
import { serializeParams, type Parsed, type Schema } from '../state/urlSchema';

/**
 * A page's state, read once from the URL and written back to it (replaceState,
 * so the back button is not flooded) whenever it changes: every view is a link.
 */
export function useUrlState<S>(path: string, schema: Schema<S>, initial: Parsed<S>): [S, (update: Partial<S>) => void] {
  const [value, setValue] = useState(initial.value);
  const update = useCallback(
    (changes: Partial<S>) => {
      setValue((current) => {
        const next = { ...current, ...changes };
        window.history.replaceState(null, '', routeHash(path, serializeParams(schema, next)));
        return next;
      });
    },
    [path, schema],
  );
  return [value, update];
}
