import type { EngineState, TrainerCommand } from '../protocol/messages';

/**
 * The command a playground key sends in a given engine state: Space trains or pauses,
 * S (or →) steps one batch, R resets; null when the key does nothing now.
 */
export function shortcutCommand(key: string, state: EngineState): TrainerCommand | null {
  switch (key.toLowerCase()) {
    case ' ':
      if (state === 'training') return { type: 'pause' };
      if (state === 'idle') return { type: 'start' };
      return state === 'paused' ? { type: 'resume' } : null;
    case 's':
    case 'arrowright':
      return state === 'idle' || state === 'paused' ? { type: 'step' } : null;
    case 'r':
      return state === 'loading' ? null : { type: 'reset' };
    default:
      return null;
  }
}

/** How far a playground key moves the replay timeline: [ or , one kept snapshot back, ] or . one forward; 0 for other keys. */
export function timelineShortcut(key: string): -1 | 0 | 1 {
  if (key === '[' || key === ',') return -1;
  if (key === ']' || key === '.') return 1;
  return 0;
}
