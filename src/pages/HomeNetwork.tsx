import { useEffect, useMemo, useState } from 'react';
import type { DigitPack } from '../data/digitPack';
import type { LoadedModel } from '../data/modelFile';
import { readModelSource } from '../data/modelFetch';
import { NetworkStage } from '../training/NetworkStage';
import { pretrainedSource } from '../training/useModelFiles';
import { DrawPad } from '../widgets/DrawPad';
import { homeSnapshot, packDigit, readingText } from './homeNetwork';

type Loaded =
  | { status: 'loading' }
  | { status: 'ready'; model: LoadedModel; pack: DigitPack }
  | { status: 'error'; message: string };

// One download per page load (about 40 KB: the pretrained weights and the pack of test digits).
let loading: Promise<{ model: LoadedModel; pack: DigitPack }> | null = null;

function loadHomeNetwork(): Promise<{ model: LoadedModel; pack: DigitPack }> {
  loading ??= Promise.all([
    readModelSource(pretrainedSource()),
    import('../data/mnist').then(({ loadDigitPack }) => loadDigitPack(new URL('./', document.baseURI).href)),
  ]).then(([model, pack]) => {
    if ('error' in model) throw new Error(model.error);
    return { model: model.ok, pack };
  });
  loading.catch(() => {
    loading = null; // A later visit may try again.
  });
  return loading;
}

function useHomeNetwork(): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    loadHomeNetwork().then(
      (ok) => live && setLoaded({ status: 'ready', ...ok }),
      (error: Error) => live && setLoaded({ status: 'error', message: error.message }),
    );
    return () => {
      live = false;
    };
  }, []);
  return loaded;
}

/**
 * The home page's first screen: the pretrained network's overview reading a test digit, and a
 * pad beside it whose drawing every layer (and the prediction) follows. The forward pass runs in
 * plain TypeScript (core/forwardPass): no tfjs, no training worker.
 */
export default function HomeNetwork() {
  const loaded = useHomeNetwork();
  if (loaded.status === 'loading') return <p role="status">Loading the trained network…</p>;
  if (loaded.status === 'error') return <p role="alert">The trained network could not be shown: {loaded.message}</p>;
  return <HomeStage model={loaded.model} pack={loaded.pack} />;
}

function HomeStage({ model, pack }: { model: LoadedModel; pack: DigitPack }) {
  const [position, setPosition] = useState(0);
  const [drawing, setDrawing] = useState<Float32Array | null>(null);
  const result = useMemo(() => {
    try {
      const input = drawing ? { pixels: drawing, index: -1, label: -1 } : packDigit(pack, position);
      return { snapshot: homeSnapshot(model, input) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [model, pack, position, drawing]);
  if ('error' in result) return <p role="alert">The trained network could not be shown: {result.error}</p>;
  const { snapshot } = result;
  const reading = readingText(snapshot);
  return (
    <div className="home-network">
      <div className="home-network__pad">
        <h2 className="home-network__heading">Draw a digit</h2>
        <p className="home-network__reading" data-testid="home-reading">
          {drawing ? 'Your drawing. ' : `Test digit #${snapshot.sampleIndex} (labelled ${snapshot.label}). `}
          {reading}
        </p>
        {/* The overview's input column shows what the network sees: no second preview. */}
        <DrawPad sizePx={240} onDigit={setDrawing} reading={drawing ? reading : null} showPreview={false} />
        {!drawing && (
          <button type="button" onClick={() => setPosition((p) => p + 1)}>
            Another test digit
          </button>
        )}
      </div>
      <div className="home-network__overview">
        <NetworkStage snapshot={snapshot} spec={model.spec} />
      </div>
    </div>
  );
}
