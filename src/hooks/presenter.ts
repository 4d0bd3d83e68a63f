/**
 * Classroom (presenter) mode in React: the mode from state/classroomMode as a hook, and the keys
 * that drive the page's main widget from anywhere (Space plays or pauses, arrows step, F toggles
 * full screen).
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { classroomMode, subscribeClassroomMode, type ClassroomMode } from '../state/classroomMode';

/** What the presenter keys drive: the first stepper or trainer on the page. */
export interface PresenterTarget {
  toggle(): void;
  step(delta: number): void;
}

const targets: { current: PresenterTarget }[] = [];

/** Registers the caller as a presenter target for as long as it is mounted (the earliest one wins). */
export function usePresenterTarget(target: PresenterTarget): void {
  const latest = useRef({ current: target });
  useEffect(() => {
    latest.current.current = target;
  });
  useEffect(() => {
    const entry = latest.current;
    targets.push(entry);
    return () => void targets.splice(targets.indexOf(entry), 1);
  }, []);
}

export function useClassroomMode(): ClassroomMode {
  return useSyncExternalStore(subscribeClassroomMode, classroomMode, classroomMode);
}

/** While `enabled`, Space, ←/→ and F act on the page's presenter target wherever focus is (except in fields and the stepper itself). */
export function usePresenterKeys(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement;
      if (target.closest('input, select, textarea, [role="group"], dialog, canvas')) return;
      if (event.key === 'f' || event.key === 'F') {
        event.preventDefault();
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
        else void document.documentElement.requestFullscreen?.().catch(() => {});
        return;
      }
      const active = targets[0]?.current;
      // A focused button, link or disclosure (a summary) keeps Space for itself.
      if (!active || (event.key === ' ' && target.closest('button, a, summary'))) return;
      const actions: Record<string, () => void> = {
        ' ': () => active.toggle(),
        ArrowRight: () => active.step(1),
        ArrowLeft: () => active.step(-1),
      };
      const action = actions[event.key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
