import { useEffect, useRef, useState } from 'react';
import type { TrainConfig, TrainerCommand, BackendName } from '../model/protocol';
import { createTrainerClient, type TrainerClient } from '../model/trainerClient';
import { INITIAL_VIEW, reduceTrainerView, type BackendInfo, type TrainerView } from './trainerView';

export type { BackendInfo, TrainerView };

interface Options {
  backend: BackendName | 'auto';
  config: TrainConfig;
  onBackend?: (info: BackendInfo | null) => void;
}

/**
 * Starts a training engine for the component's lifetime and returns its view
 * and a command sender. Events arrive up to ~50 times a second; the view is
 * re-rendered at most once per animation frame.
 */
export function useTrainer({ backend, config, onBackend }: Options): [TrainerView, (command: TrainerCommand) => void] {
  const [view, setView] = useState(INITIAL_VIEW);
  const client = useRef<TrainerClient | null>(null);
  const initial = useRef({ backend, config, onBackend });

  useEffect(() => {
    const { backend, config, onBackend } = initial.current;
    let latest = INITIAL_VIEW;
    let frame = 0;
    const instance = createTrainerClient({
      baseUrl: new URL('./', document.baseURI).href,
      backend,
      config,
      onEvent: (event) => {
        latest = reduceTrainerView(latest, event);
        if (event.type === 'backend') onBackend?.(latest.backend);
        frame ||= requestAnimationFrame(() => {
          frame = 0;
          setView(latest);
        });
      },
    });
    client.current = instance;
    return () => {
      cancelAnimationFrame(frame);
      instance.dispose();
      client.current = null;
      onBackend?.(null);
    };
  }, []);

  return [view, (command) => client.current?.send(command)];
}
