import { useEffect, useState } from 'react';

/**
 * `#/bench`: a page for `npm run bench` (scripts/bench.mjs), not for people.
 * Exposes `window.convscopeBench.fitBaseline(...)`, the stock `model.fit`
 * baseline, which must run on the page's main thread.
 */
export default function Bench() {
  const [status, setStatus] = useState('loading');
  useEffect(() => {
    let live = true;
    void (async () => {
      const [{ runFitBaseline }, { loadMnistTrain }, { DEFAULT_SPEC }] = await Promise.all([
        import('../model/fitBaseline'),
        import('../data/mnist'),
        import('../core/defaultSpec'),
      ]);
      const train = await loadMnistTrain(new URL('./', document.baseURI).href);
      if (!live) return;
      Object.assign(window, {
        convscopeBench: {
          fitBaseline: (options: { examples: number; batchSize: number; learningRate: number }) =>
            runFitBaseline(train, DEFAULT_SPEC, options),
        },
      });
      setStatus('ready');
    })().catch((error: Error) => setStatus(`error: ${error.message}`));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section>
      <h1>Benchmark harness</h1>
      <p data-testid="bench-status">{status}</p>
    </section>
  );
}
