import { useEffect, useRef, useState } from 'react';
import type { BackendName, ModelSource, TrainConfig, TrainerCommand } from '../protocol/messages';
import type { OwnData } from '../data/ownData';
import { createTrainerClient, type TrainerClient } from '../model/trainerClient';
import { pageTfjsFlags } from '../state/tfjsFlags';
import { publishBackend } from './activeBackend';
import { INITIAL_VIEW, reduceTrainerView, type TrainerView } from './trainerView';

export type { TrainerView };

interface Options {
  backend: BackendName | 'auto';
  config: TrainConfig;
  /** A saved model to start from instead of random weights. */
  model?: ModelSource;
  /** A user's data set to train on instead of MNIST (fixed for the engine's lifetime). */
  data?: OwnData;
  /**
   * Time the backends as soon as the model shows, for a page that will train and shows the speed
   * to expect; otherwise they are timed at the first training step (pages that only show a model never pay for it).
   */
  timeBackendsEarly?: boolean;
}

/**
 * How often the page redraws what the trainer reports: with snapshots every 200 ms, the live
 * pictures change 4 to 5 times a second.
 */
const VIEW_INTERVAL_MS = 200;

/**
 * Starts a training engine for the component's lifetime and returns its view
 * and a command sender. Events arrive up to ~80 times a second; the view is
 * re-rendered at most every VIEW_INTERVAL_MS, in an animation frame.
 */
export function useTrainer({
  backend,
  config,
  model,
  data,
  timeBackendsEarly = false,
}: Options): [TrainerView, (command: TrainerCommand) => void] {
  const [view, setView] = useState(INITIAL_VIEW);
  const client = useRef<TrainerClient | null>(null);
  const initial = useRef({ backend, config, model, data, timeBackendsEarly });

  useEffect(() => {
    const { backend, config, model, data, timeBackendsEarly } = initial.current;
    let latest = INITIAL_VIEW;
    let frame = 0;
    let lastFlush = -Infinity;
    // Re-render at most a few times a second: on a 2-core machine every main-thread
    // millisecond spent drawing charts and maps is taken from the training worker.
    const flush = (time: number) => {
      if (time - lastFlush < VIEW_INTERVAL_MS) {
        frame = requestAnimationFrame(flush);
        return;
      }
      frame = 0;
      lastFlush = time;
      setView(latest);
    };
    const instance = createTrainerClient({
      baseUrl: new URL('./', document.baseURI).href,
      backend,
      config,
      model,
      data,
      flags: pageTfjsFlags().flags ?? undefined,
      onEvent: (event) => {
        latest = reduceTrainerView(latest, event);
        if (event.type === 'backend') publishBackend(latest.backend);
        frame ||= requestAnimationFrame(flush);
      },
    });
    client.current = instance;
    if (timeBackendsEarly) instance.send({ type: 'timeBackends' });
    return () => {
      cancelAnimationFrame(frame);
      instance.dispose();
      client.current = null;
      publishBackend(null);
    };
  }, []);

  return [view, (command) => client.current?.send(command)];
}
