import { useMemo, useState } from 'react';
import { useMnistTestSplit } from '../hooks/useMnistDigit';
import type { TrainerCommand } from '../protocol/messages';
import { ConfusionMatrix } from '../widgets/ConfusionMatrix';
import { DigitCanvas } from '../widgets/DigitCanvas';
import { latestWholeSetEvaluation, type TrainerView } from './trainerView';
import { useClassNaming } from '../hooks/useClassNaming';
import type { MnistSplit } from '../data/mnist';
import './EvaluationPanel.css';

const GALLERY_SIZE = 24;

/**
 * Confusion matrix of the latest evaluation, the test images behind a cell, and the most confident
 * mistakes: on MNIST's test digits, or on a user's held-out examples (`testSplit`) when given.
 */
export function EvaluationPanel({
  view,
  send,
  testSplit,
}: {
  view: TrainerView;
  send: (c: TrainerCommand) => void;
  testSplit?: MnistSplit;
}) {
  const naming = useClassNaming();
  const latest = latestWholeSetEvaluation(view.evaluations);
  const mnistSplit = useMnistTestSplit(latest !== undefined && !testSplit);
  const split = testSplit ?? mnistSplit;
  const [cell, setCell] = useState<{ label: number; predicted: number } | null>(null);
  const predictions = view.predictions;
  const gallery = useMemo(() => {
    if (!split || !predictions) return [];
    const indices = Array.from({ length: split.count }, (_, i) => i);
    const chosen = cell
      ? indices.filter((i) => split.labels[i] === cell.label && predictions.predicted[i] === cell.predicted)
      : indices
          .filter((i) => split.labels[i] !== predictions.predicted[i])
          .sort((a, b) => predictions.confidence[b]! - predictions.confidence[a]!);
    return chosen.slice(0, GALLERY_SIZE);
  }, [split, predictions, cell]);
  if (!latest) return null;
  return (
    <section aria-labelledby="evaluation-heading" className="evaluation">
      <h2 id="evaluation-heading">
        How the network does on the {latest.testImages.toLocaleString('en')} test {naming.noun}s
      </h2>
      <div className="evaluation__layout">
        <ConfusionMatrix
          confusion={latest.confusion}
          selected={cell}
          onSelect={(label, predicted) => setCell({ label, predicted })}
        />
        <div>
          <h3>
            {cell
              ? `${naming.name(cell.label)} answered as ${naming.name(cell.predicted)}`
              : 'The most confident mistakes'}{' '}
            {cell && (
              <button type="button" onClick={() => setCell(null)}>
                Show the most confident mistakes
              </button>
            )}
          </h3>
          {!split ? (
            <p role="status">Loading the test {naming.noun}s…</p>
          ) : (
            <ul className="evaluation__gallery" data-testid="digit-gallery">
              {gallery.map((index) => (
                <li key={index}>
                  <button type="button" onClick={() => send({ type: 'setSample', index })} data-index={index}>
                    <DigitCanvas
                      pixels={pixelsOf(split.images, index)}
                      label={`Test ${naming.noun} #${index}, ${naming.inSentence(split.labels[index]!)}`}
                      sizePx={56}
                    />
                    <span>
                      {naming.name(split.labels[index]!)} → {naming.name(predictions?.predicted[index] ?? 0)} (
                      {Math.round((predictions?.confidence[index] ?? 0) * 100)}%)
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {split && gallery.length === 0 && <p>None.</p>}
        </div>
      </div>
    </section>
  );
}

function pixelsOf(images: Uint8Array, index: number): Float32Array {
  return Float32Array.from(images.subarray(index * 784, (index + 1) * 784), (v) => v / 255);
}
