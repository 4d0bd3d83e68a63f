/// <reference lib="webworker" />
/** The Web Worker that hosts the training engine, so training never blocks the page. */
import { Engine } from './engine';
import type { TrainerCommand } from '../protocol/messages';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const engine = new Engine({
  thread: 'worker',
  emit: (event, transfer) => scope.postMessage(event, transfer ?? []),
});

scope.onmessage = (message: MessageEvent<TrainerCommand>) => engine.receive(message.data);
