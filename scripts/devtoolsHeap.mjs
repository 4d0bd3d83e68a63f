// JS heap readings through the Chrome DevTools protocol, for the page and for a Web Worker
// (which has no performance.memory): what scripts/soak.mjs compares between the start and the
// end of training.

/** A Runtime.getHeapUsage answer, in bytes. */
const heapOf = ({ usedSize, totalSize, backingStorageSize }) => ({
  usedBytes: usedSize,
  totalBytes: totalSize,
  backingStorageBytes: backingStorageSize ?? null,
});

/** The page's JS heap (optionally after a full GC) and its DOM counters. */
export async function pageHeap(cdp, gc) {
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  const heap = heapOf(await cdp.send('Runtime.getHeapUsage'));
  const { documents, nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  return { ...heap, domNodes: nodes, documents, jsEventListeners };
}

/**
 * The training worker's JS heap. A worker has no `performance.memory`, and Playwright's
 * worker handle has no protocol session, so this attaches to the worker's target from a
 * browser session (non-flat, messages wrapped in Target.sendMessageToTarget).
 */
export function workerHeapReader(browserCdp) {
  let nextId = 1;
  const pending = new Map();
  browserCdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    pending.get(reply.id)?.(reply);
  });
  const call = (sessionId, method) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method} on the worker did not answer in 10 s`));
      }, 10_000);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        pending.delete(id);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result);
      });
      browserCdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(reject);
    });
  return async (gc) => {
    try {
      const { targetInfos } = await browserCdp.send('Target.getTargets');
      const workers = targetInfos.filter((t) => t.type === 'worker' && t.url.includes('trainer.worker'));
      if (workers.length === 0) return { error: 'no training worker running' };
      // A worker the page just replaced may linger for a moment; the newest is listed last.
      const target = workers.at(-1);
      const { sessionId } = await browserCdp.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      });
      try {
        if (gc) await call(sessionId, 'HeapProfiler.collectGarbage');
        return { ...heapOf(await call(sessionId, 'Runtime.getHeapUsage')), workers: workers.length };
      } finally {
        await browserCdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      }
    } catch (error) {
      return { error: error.message.split('\n')[0] };
    }
  };
}
