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
