/**
 * Classroom (presenter) mode: large type, high contrast and keys that drive the page's main
 * widget from anywhere (Space plays or pauses, arrows step, F toggles full screen). The mode is
 * switched on by `present=1` in any address and stays on while navigating, until `present=0`.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';

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

export interface ClassroomMode {
  on: boolean;
  /** False when `controls=0` asked to hide the settings and buttons. */
  controls: boolean;
}

let mode: ClassroomMode = { on: false, controls: true };
const listeners = new Set<() => void>();

/** Applies `present=` and `controls=` from a route's parameters; other values leave the mode as it is. */
export function applyClassroomParams(params: URLSearchParams): void {
  const present = params.get('present');
  const controls = params.get('controls');
  update({
    on: present === '1' ? true : present === '0' ? false : mode.on,
    controls: controls === '0' ? false : controls === '1' ? true : mode.controls,
  });
}

/** Switches presenter view on or off from a button (controls shown again when it goes off). */
export function setClassroomMode(on: boolean): void {
  update({ on, controls: on ? mode.controls : true });
}

function update(next: ClassroomMode): void {
  if (next.on === mode.on && next.controls === mode.controls) return;
  mode = next;
  listeners.forEach((l) => l());
}

export function useClassroomMode(): ClassroomMode {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => mode,
    () => mode,
  );
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
      // A focused button or link keeps Space for itself.
      if (!active || (event.key === ' ' && target.closest('button, a'))) return;
      const actions: Record<string, () => void> = { ' ': () => active.toggle(), ArrowRight: () => active.step(1), ArrowLeft: () => active.step(-1) };
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
