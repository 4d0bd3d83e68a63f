/**
 * Which chapters a student has opened and which questions they have answered, kept in
 * localStorage. Storage may be missing or throw (private windows, sandboxed iframes,
 * a full quota): then progress lives for this visit only and nothing breaks.
 */

export interface Progress {
  /** Slugs of chapters opened. */
  visited: string[];
  /** Question ids answered (predict-then-reveal), with whether the prediction was right. */
  answered: Record<string, boolean>;
}

/** The part of the Web Storage API we use; tests pass a fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'convscope.progress.v1';
const EMPTY: Progress = { visited: [], answered: {} };

/** localStorage if this page may use it, else null (touching it can itself throw). */
export function browserStore(): KeyValueStore | null {
  try {
    const store = globalThis.localStorage;
    return store ?? null;
  } catch {
    return null;
  }
}

/** The saved progress, or empty progress when there is none, it is unreadable or storage fails. */
export function readProgress(store: KeyValueStore | null): Progress {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(KEY) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return EMPTY;
    const { visited, answered } = parsed as Partial<Progress>;
    return {
      visited: Array.isArray(visited) ? visited.filter((s): s is string => typeof s === 'string') : [],
      answered:
        answered && typeof answered === 'object' && !Array.isArray(answered)
          ? Object.fromEntries(Object.entries(answered).filter(([, v]) => typeof v === 'boolean'))
          : {},
    };
  } catch {
    return EMPTY;
  }
}

/** Saves progress; false when storage refused (the caller keeps it in memory). */
export function writeProgress(store: KeyValueStore | null, progress: Progress): boolean {
  try {
    if (!store) return false;
    store.setItem(KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

export function withVisit(progress: Progress, slug: string): Progress {
  return progress.visited.includes(slug) ? progress : { ...progress, visited: [...progress.visited, slug] };
}

export function withAnswer(progress: Progress, questionId: string, correct: boolean): Progress {
  return { ...progress, answered: { ...progress.answered, [questionId]: correct } };
}
