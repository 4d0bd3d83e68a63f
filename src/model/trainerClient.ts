/**
 * The page's handle on the training engine: runs it in a Web Worker, and on
 * the main thread when the worker cannot start or cannot run the backend.
 * Speaks only the plain protocol; no tensor ever reaches the page.
 */
import type { Engine } from './engine';
import type { OwnData } from '../data/ownData';
import type { BackendName, ModelSource, TrainConfig, TrainerCommand, TrainerEvent } from '../protocol/messages';

export type Listener = (event: TrainerEvent) => void;

export interface TrainerClient {
  send(command: TrainerCommand): void;
  dispose(): void;
}

export interface ClientOptions {
  baseUrl: string;
  backend: BackendName | 'auto';
  config: TrainConfig;
  /** A saved model to start from instead of random weights. */
  model?: ModelSource;
  /** A user's data set to train on instead of MNIST. */
  data?: OwnData;
  /** TensorFlow.js flags (tests only, see state/tfjsFlags). */
  flags?: Record<string, string>;
  onEvent: Listener;
  /** Test hook: skip the worker. */
  forceMainThread?: boolean;
}

export function createTrainerClient(options: ClientOptions): TrainerClient {
  const { baseUrl, backend, config, model, data, flags } = options;
  const init: TrainerCommand = { type: 'init', baseUrl, backend, config, model, data, flags };
  // Commands the worker got before it said it could run; replayed if we fall back.
  let unconfirmed: TrainerCommand[] | null = [init];
  let deliver: (command: TrainerCommand) => void = (command) => unconfirmed?.push(command);
  let worker: Worker | null = null;
  let disposed = false;

  const startMainThread = async (replay: TrainerCommand[]) => {
    const { Engine: EngineClass } = await import('./engine');
    if (disposed) return;
    const engine: Engine = new EngineClass({ thread: 'main', emit: (event) => options.onEvent(event) });
    deliver = (command) => engine.receive(command);
    replay.forEach(deliver);
  };

  const fallBack = (reason: string) => {
    worker?.terminate();
    worker = null;
    const replay = unconfirmed ?? [init];
    unconfirmed = replay;
    deliver = (command) => replay.push(command);
    options.onEvent({ type: 'unavailable', reason });
    void startMainThread(replay);
  };

  const startWorker = () => {
    const w = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    w.onmessage = (message: MessageEvent<TrainerEvent>) => {
      const event = message.data;
      if (event.type === 'unavailable') return fallBack(event.reason);
      if (event.type === 'backend') unconfirmed = null;
      options.onEvent(event);
    };
    w.onerror = (event) => fallBack(`The training worker stopped (${event.message || 'it could not load'}).`);
    deliver = (command) => {
      unconfirmed?.push(command);
      w.postMessage(command);
    };
    w.postMessage(init);
  };

  if (options.forceMainThread || typeof Worker === 'undefined') {
    void startMainThread([init]);
  } else {
    try {
      startWorker();
    } catch (error) {
      fallBack(`Web Workers are unavailable here (${(error as Error).message}).`);
    }
  }

  return {
    send: (command) => deliver(command),
    dispose() {
      disposed = true;
      worker?.terminate();
      if (!worker) deliver({ type: 'stop' });
    },
  };
}
