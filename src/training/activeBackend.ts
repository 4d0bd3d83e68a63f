/**
 * The backend the page's trainer runs on, for the header's badge: a tiny external store that
 * useTrainer publishes to, so no page threads a callback through its components.
 */
import { useSyncExternalStore } from 'react';
import type { BackendInfo } from './trainerView';

let active: BackendInfo | null = null;
const listeners = new Set<() => void>();

/** Called by useTrainer when its engine picks a backend, and with null when the engine goes away. */
export function publishBackend(info: BackendInfo | null): void {
  if (info === active) return;
  active = info;
  listeners.forEach((listener) => listener());
}

/** The backend of the trainer on the page now, or null when none runs. */
export function useActiveBackend(): BackendInfo | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => active,
    () => active,
  );
}
