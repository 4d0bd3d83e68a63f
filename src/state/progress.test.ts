import { describe, expect, it } from 'vitest';
import { readProgress, withAnswer, withVisit, writeProgress, type KeyValueStore } from './progress';

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

const throwing: KeyValueStore = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
};

describe('chapter progress', () => {
  it('round-trips visits and answers through storage', () => {
    const store = memoryStore();
    const progress = withAnswer(withVisit(withVisit(readProgress(store), 'pooling'), 'history'), 'pooling-size', true);
    expect(writeProgress(store, progress)).toBe(true);
    expect(readProgress(store)).toEqual({ visited: ['pooling', 'history'], answered: { 'pooling-size': true } });
  });

  it('records a visit once', () => {
    const once = withVisit({ visited: [], answered: {} }, 'padding');
    expect(withVisit(once, 'padding')).toBe(once);
  });

  it('starts empty when storage is missing, throws, or holds something else', () => {
    expect(readProgress(null)).toEqual({ visited: [], answered: {} });
    expect(readProgress(throwing)).toEqual({ visited: [], answered: {} });
    expect(readProgress(memoryStore({ 'convscope.progress.v1': '{not json' }))).toEqual({ visited: [], answered: {} });
    const odd = JSON.stringify({ visited: ['a', 3, null], answered: { q: true, r: 'yes' }, __proto__: { x: 1 } });
    expect(readProgress(memoryStore({ 'convscope.progress.v1': odd }))).toEqual({
      visited: ['a'],
      answered: { q: true },
    });
  });

  it('reports a refused write instead of throwing', () => {
    expect(writeProgress(throwing, { visited: ['a'], answered: {} })).toBe(false);
    expect(writeProgress(null, { visited: ['a'], answered: {} })).toBe(false);
  });
});
