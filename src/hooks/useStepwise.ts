import { useEffect, useState } from 'react';

/** How long one slice of work may hold the main thread: well under a frame, so input stays smooth. */
const SLICE_MS = 12;

export interface Stepwise<T> {
  /** The latest value the work yielded (or returned), or null before the first. */
  value: T | null;
  done: boolean;
}

/**
 * Runs a long computation written as a generator in slices of about 12 ms, yielding to the browser
 * between them (a macrotask, so rendering and input get their turn), and shows the latest value it
 * yielded after each slice. A new `start` (keep it stable with useMemo) drops the old run; so does
 * unmounting. `start` null runs nothing.
 */
export function useStepwise<T>(start: (() => Generator<T, T>) | null): Stepwise<T> {
  // Tagged with the run it belongs to, so a new `start` shows nothing of the old run's values.
  const [state, setState] = useState<Stepwise<T> & { start: typeof start }>({ start: null, value: null, done: false });
  useEffect(() => {
    if (!start) return;
    const steps = start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slice = () => {
      const began = performance.now();
      let step = steps.next();
      while (!step.done && performance.now() - began < SLICE_MS) step = steps.next();
      setState({ start, value: step.value, done: Boolean(step.done) });
      if (!step.done) timer = setTimeout(slice, 0);
    };
    timer = setTimeout(slice, 0);
    return () => {
      clearTimeout(timer);
      steps.return(undefined as T);
    };
  }, [start]);
  return state.start === start && start ? { value: state.value, done: state.done } : { value: null, done: false };
}
