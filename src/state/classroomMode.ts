/**
 * Classroom (presenter) mode: switched on by `present=1` in any address, it stays on while
 * navigating, until `present=0`; `controls=0` hides the settings and buttons.
 */

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

/** The mode now. */
export function classroomMode(): ClassroomMode {
  return mode;
}

/** Calls `listener` on every change until the returned function is called. */
export function subscribeClassroomMode(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
