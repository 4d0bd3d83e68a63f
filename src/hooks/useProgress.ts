import { useSyncExternalStore } from 'react';
import { browserStore, readProgress, withAnswer, withVisit, writeProgress, type Progress } from '../state/progress';

// One copy for the whole page, kept in memory when storage refuses it.
let current: Progress | null = null;
const listeners = new Set<() => void>();

function snapshot(): Progress {
  current ??= readProgress(browserStore());
  return current;
}

function update(change: (p: Progress) => Progress): void {
  const next = change(snapshot());
  if (next === current) return;
  current = next;
  writeProgress(browserStore(), next);
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The student's progress through the chapters, and ways to record it. */
export function useProgress() {
  const progress = useSyncExternalStore(subscribe, snapshot, snapshot);
  return {
    progress,
    markVisited: (slug: string) => update((p) => withVisit(p, slug)),
    recordAnswer: (questionId: string, correct: boolean) => update((p) => withAnswer(p, questionId, correct)),
  };
}
