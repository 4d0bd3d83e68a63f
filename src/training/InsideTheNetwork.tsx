import { useEffect, useMemo, useState } from 'react';
import { drawnSnapshot } from './drawnSnapshot';
import type { TrainerView } from './trainerView';
import type { LayerSnapshot, Snapshot, TrainConfig, TrainerCommand } from '../protocol/messages';
import { DrawPad } from '../widgets/DrawPad';
import { NetworkView } from '../widgets/NetworkView';
import { Saliency } from '../widgets/Saliency';
import { useClassNaming } from '../hooks/useClassNaming';
import type { ClassNaming } from '../core/classNaming';
import './InsideTheNetwork.css';

/**
 * The network view for the selected test digit or for a digit drawn on the pad.
 * `onDrawingShown` hears whether the drawing (drawnSnapshot(view)) is what it shows, so that a
 * page can show the same input elsewhere (the features chapter's overview).
 */
export function InsideTheNetwork({
  view,
  config,
  send,
  onDrawingShown,
}: {
  view: TrainerView;
  config: TrainConfig;
  send: (c: TrainerCommand) => void;
  onDrawingShown?: (shown: boolean) => void;
}) {
  const naming = useClassNaming();
  const [showDrawing, setShowDrawing] = useState(false);
  const previousKernels = usePreviousKernels(view.snapshot);
  const step = view.lastBatch?.step;
  const drawn = useMemo(
    () => drawnSnapshot({ prediction: view.prediction, lastBatch: view.lastBatch }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the step of lastBatch is used
    [view.prediction, step],
  );
  const shown = showDrawing && drawn ? drawn : view.snapshot;
  const drawingShown = shown !== null && shown === drawn;
  useEffect(() => onDrawingShown?.(drawingShown), [onDrawingShown, drawingShown]);
  return (
    <section aria-labelledby="inside-heading" className="inside">
      <h2 id="inside-heading">Inside the network</h2>
      <div className="inside__layout">
        <div className="inside__pad">
          <h3>{naming.digits ? 'Draw a digit' : `Draw one of your classes: ${naming.names.join(', ')}`}</h3>
          <DrawPad
            noun={naming.noun}
            reading={view.prediction && readingOf(view.prediction, naming)}
            onDigit={(pixels) => {
              if (!pixels) return setShowDrawing(false);
              setShowDrawing(true);
              send({ type: 'predict', pixels });
            }}
          />
          {showDrawing && view.prediction && (
            <Saliency input={view.prediction.input} saliency={view.prediction.saliency} />
          )}
          {showDrawing && (
            <button type="button" onClick={() => setShowDrawing(false)}>
              Back to test {naming.noun} #{view.snapshot?.sampleIndex ?? 0}
            </button>
          )}
        </div>
        {shown ? (
          <NetworkView
            snapshot={shown}
            spec={config.spec}
            previousKernels={shown === view.snapshot ? previousKernels : undefined}
          />
        ) : (
          <p role="status">The network appears here once the data and backend are ready.</p>
        )}
      </div>
    </section>
  );
}

/** The network's answer for a drawn digit, in words for the pad's status line. */
function readingOf({ layers, saliency }: NonNullable<TrainerView['prediction']>, naming: ClassNaming): string {
  const predicted = saliency.predictedClass;
  const output = layers.reduce<LayerSnapshot | null>(
    (last, l) => (last && last.layerIndex > l.layerIndex ? last : l),
    null,
  )?.activations;
  const probability = output && isDistribution(output) ? output[predicted] : undefined;
  // Softmax outputs add up to 1 but are not a calibrated confidence: quote the number as softmax's.
  const softmax = probability === undefined ? '' : ` (softmax gives ${Math.round(probability * 100)} %)`;
  return `The network reads it as ${naming.inSentence(predicted)}${softmax}.`;
}

/** Only a softmax output (probabilities adding up to 1) has a probability for the class to quote. */
function isDistribution(values: Float32Array): boolean {
  return values.length > 1 && Math.abs(values.reduce((a, b) => a + b, 0) - 1) < 1e-3;
}

/** The kernels of the snapshot before the current one, keyed by layer, to show how much each changed. */
function usePreviousKernels(snapshot: Snapshot | null): Map<number, Float32Array> | undefined {
  const [memory, setMemory] = useState<{
    snapshot: Snapshot | null;
    current?: Map<number, Float32Array>;
    previous?: Map<number, Float32Array>;
  }>({
    snapshot: null,
  });
  if (snapshot !== memory.snapshot) {
    const current = snapshot
      ? new Map(snapshot.layers.flatMap((l) => (l.kernel ? [[l.layerIndex, l.kernel.values] as const] : [])))
      : undefined;
    setMemory({ snapshot, current, previous: memory.current });
  }
  return memory.previous;
}
