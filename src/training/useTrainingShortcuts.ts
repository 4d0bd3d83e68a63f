import { useEffect, useRef } from 'react';
import type { TrainerCommand } from '../protocol/messages';
import { shortcutCommand, timelineShortcut } from './trainingShortcuts';
import type { TrainerView } from './trainerView';

/**
 * Sends the playground's keyboard shortcuts, and moves the replay timeline with `stepTimeline`
 * when given, unless focus is in a field or on a control that uses the key.
 */
export function useTrainingShortcuts(
  view: TrainerView,
  send: (command: TrainerCommand) => void,
  stepTimeline?: (delta: number) => void,
): void {
  const latest = useRef({ state: view.state, send, stepTimeline });
  useEffect(() => {
    latest.current = { state: view.state, send, stepTimeline };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement;
      if (target.closest('input, select, textarea, button, [role="group"], dialog, canvas')) return;
      const delta = timelineShortcut(event.key);
      if (delta !== 0 && latest.current.stepTimeline) {
        event.preventDefault();
        latest.current.stepTimeline(delta);
        return;
      }
      const command = shortcutCommand(event.key, latest.current.state);
      if (event.key === ' ') event.preventDefault();
      if (command) latest.current.send(command);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
