import { describe, expect, it } from 'vitest';
import type { EngineState } from '../protocol/messages';
import { shortcutCommand, timelineShortcut } from './trainingShortcuts';

const STATES: EngineState[] = ['loading', 'idle', 'training', 'paused', 'done', 'error'];

/** The command type each state gets for a key, or '-' for none. */
function row(key: string): Record<EngineState, string> {
  return Object.fromEntries(STATES.map((state) => [state, shortcutCommand(key, state)?.type ?? '-'])) as Record<
    EngineState,
    string
  >;
}

describe('playground keyboard shortcuts', () => {
  it('Space starts, pauses and resumes, and does nothing while loading or when done', () => {
    expect(row(' ')).toEqual({
      loading: '-',
      idle: 'start',
      training: 'pause',
      paused: 'resume',
      done: '-',
      error: '-',
    });
  });

  it('S and → step one batch only when idle or paused, in either case', () => {
    const stepping = { loading: '-', idle: 'step', training: '-', paused: 'step', done: '-', error: '-' };
    expect(row('s')).toEqual(stepping);
    expect(row('S')).toEqual(stepping);
    expect(row('ArrowRight')).toEqual(stepping);
  });

  it('R resets in every state but loading', () => {
    expect(row('r')).toEqual({
      loading: '-',
      idle: 'reset',
      training: 'reset',
      paused: 'reset',
      done: 'reset',
      error: 'reset',
    });
  });

  it('other keys do nothing', () => {
    expect(row('x')).toEqual({ loading: '-', idle: '-', training: '-', paused: '-', done: '-', error: '-' });
    expect(row('ArrowLeft')).toEqual(row('x'));
  });
});

describe('timeline shortcuts', () => {
  it('[ and , step the replay back, ] and . forward, and they send no training command', () => {
    expect(['[', ',', ']', '.', 'x', 'ArrowLeft'].map(timelineShortcut)).toEqual([-1, -1, 1, 1, 0, 0]);
    expect(row('[')).toEqual(row('x'));
    expect(row(']')).toEqual(row('x'));
  });
});
