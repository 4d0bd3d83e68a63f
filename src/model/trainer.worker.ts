/// <reference lib="webworker" />
/** The Web Worker that hosts the training engine, so training never blocks the page. */
import { Engine } from './engine';
import type { TrainerCommand } from '../protocol/messages';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const engine = new Engine({
  thread: 'worker',
  emit: (event, transfer) => scope.postMessage(event, transfer ?? []),
});

// Commands run one at a time, in order; a started training loop runs on between them.
let queue = Promise.resolve();
scope.onmessage = (message: MessageEvent<TrainerCommand>) => {
  queue = queue.then(() => engine.handle(message.data));
};
