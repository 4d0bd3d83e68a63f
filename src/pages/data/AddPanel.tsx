import { useId, useState } from 'react';
import type { ChangeEvent } from 'react';
import { exampleFromDigit, type DataSet } from '../../core/dataSet';
import { addExamplesBlockedReason } from '../../core/dataSetEdits';
import { mnistExamples } from '../../data/builtInDataSets';
import type { MnistSplit } from '../../data/mnist';
import { DrawPad } from '../../widgets/DrawPad';
import { decodeImageFile } from './decodeImageFile';

const MNIST_COUNT = { min: 1, max: 100, initial: 20 } as const;

interface Props {
  set: DataSet;
  /** The class new examples go to. */
  target: number;
  onTarget: (index: number) => void;
  /** Adds examples to the target class; returns how many were added and why any were not. */
  onAdd: (examples: Uint8Array[]) => { added: number; refusal: string | null };
  /** The MNIST test split once downloaded, else null. */
  mnistTest: MnistSplit | null;
  /** Asks the page to download the MNIST test split. */
  onWantMnist: () => void;
}

interface Refused {
  file: string;
  reason: string;
}

/** Adding examples to one class: by drawing, by uploading pictures, or from MNIST test digits. */
export function AddPanel({ set, target, onTarget, onAdd, mnistTest, onWantMnist }: Props) {
  const [digit, setDigit] = useState<Float32Array | null>(null);
  const [padKey, setPadKey] = useState(0);
  const [status, setStatus] = useState('');
  const [refused, setRefused] = useState<Refused[]>([]);
  const [reading, setReading] = useState(false);
  const [mnistOpen, setMnistOpen] = useState(false);
  const [mnistLabel, setMnistLabel] = useState(0);
  const [mnistCount, setMnistCount] = useState<number>(MNIST_COUNT.initial);
  // How many of each MNIST label were taken already, so another take gives new digits.
  const [mnistTaken, setMnistTaken] = useState<number[]>(() => Array(10).fill(0));
  const targetId = useId();
  const blockedId = useId();
  const uploadId = useId();
  const mnistLabelId = useId();
  const mnistCountId = useId();
  const className = set.classes[target]?.name ?? '';
  const blocked = addExamplesBlockedReason(set, target);
  const describedBy = blocked ? blockedId : undefined;

  const report = (added: number, refusal: string | null, what: string) => {
    const sentence = `${added.toLocaleString('en')} ${what}${added === 1 ? '' : 's'} added to ${className}.`;
    setStatus(refusal ? `${sentence} ${refusal}` : sentence);
  };

  const addDrawing = () => {
    if (!digit) return;
    const { added, refusal } = onAdd([exampleFromDigit(digit)]);
    report(added, refusal, 'drawing');
    // A fresh pad for the next example.
    setDigit(null);
    setPadKey((k) => k + 1);
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    if (files.length === 0) return;
    setReading(true);
    setStatus(`Reading ${files.length} ${files.length === 1 ? 'file' : 'files'}…`);
    const good: Uint8Array[] = [];
    const bad: Refused[] = [];
    for (const file of files) {
      const decoded = await decodeImageFile(file);
      if (decoded.ok) good.push(decoded.example);
      else bad.push({ file: file.name, reason: decoded.reason });
    }
    input.value = '';
    setReading(false);
    setRefused(bad);
    const { added, refusal } = good.length > 0 ? onAdd(good) : { added: 0, refusal: null };
    report(added, refusal, 'picture');
  };

  const addMnist = () => {
    if (!mnistTest) return;
    const examples = mnistExamples(mnistTest, mnistLabel, mnistCount, mnistTaken[mnistLabel]!);
    const { added, refusal } = onAdd(examples);
    setMnistTaken((taken) => taken.map((n, label) => (label === mnistLabel ? n + examples.length : n)));
    report(added, refusal, `MNIST ${mnistLabel}`);
  };

  return (
    <section className="data-add" aria-labelledby={`${targetId}-heading`}>
      <h2 id={`${targetId}-heading`}>Add examples</h2>
      <p className="data-add__target">
        <label htmlFor={targetId}>Add to class</label>{' '}
        <select id={targetId} value={target} onChange={(event) => onTarget(Number(event.target.value))}>
          {set.classes.map((c, i) => (
            <option key={i} value={i}>
              {c.name} ({c.examples.length.toLocaleString('en')})
            </option>
          ))}
        </select>
      </p>
      {blocked && (
        <p id={blockedId} className="notice" data-testid="add-blocked">
          Adding is off: {blocked}
        </p>
      )}
      <p role="status" className="data-add__status" data-testid="add-status">
        {status}
      </p>

      <div className="data-add__ways">
        <section className="data-add__way" aria-label="Add by drawing">
          <h3>Draw</h3>
          <DrawPad key={padKey} onDigit={setDigit} sizePx={224} strokeWidthPx={18} noun="example" />
          <button
            type="button"
            onClick={addDrawing}
            disabled={!digit || blocked !== null}
            aria-describedby={describedBy}
          >
            Add to {className}
          </button>
          {!digit && !blocked && <p className="data-add__hint">Draw on the pad first.</p>}
        </section>

        <section className="data-add__way" aria-label="Add by uploading pictures">
          <h3>Upload pictures</h3>
          <label htmlFor={uploadId}>Pictures to add to {className} (several at once)</label>
          <input
            id={uploadId}
            type="file"
            multiple
            accept="image/*"
            disabled={reading || blocked !== null}
            aria-describedby={describedBy}
            onChange={(event) => void upload(event)}
          />
          <p className="data-add__hint">
            Dark ink on light paper or light on dark, any size: each is cropped, scaled and centred like a drawing.
          </p>
          {refused.length > 0 && (
            <div className="data-add__refused" data-testid="upload-refused">
              <p>Not added:</p>
              <ul>
                {refused.map(({ file, reason }, i) => (
                  <li key={i}>
                    {file}: {reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>

        <details
          className="data-add__way"
          onToggle={(event) => {
            const open = event.currentTarget.open;
            setMnistOpen(open);
            if (open) onWantMnist();
          }}
        >
          <summary>
            <h3>Take MNIST digits</h3>
          </summary>
          {/* Rendered only while open: a closed details' controls are out of reach yet still in the DOM. */}
          {mnistOpen && (
            <>
              <p>
                <label htmlFor={mnistLabelId}>Digit</label>{' '}
                <select
                  id={mnistLabelId}
                  value={mnistLabel}
                  onChange={(event) => setMnistLabel(Number(event.target.value))}
                >
                  {Array.from({ length: 10 }, (_, d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>{' '}
                <label htmlFor={mnistCountId}>How many</label>{' '}
                <input
                  id={mnistCountId}
                  type="number"
                  min={MNIST_COUNT.min}
                  max={MNIST_COUNT.max}
                  value={mnistCount}
                  onChange={(event) => {
                    const n = Math.round(Number(event.target.value));
                    setMnistCount(Number.isFinite(n) ? Math.min(MNIST_COUNT.max, Math.max(MNIST_COUNT.min, n)) : 1);
                  }}
                />
              </p>
              <button
                type="button"
                onClick={addMnist}
                disabled={!mnistTest || blocked !== null}
                aria-describedby={describedBy}
              >
                {mnistTest
                  ? `Add ${mnistCount} MNIST ${mnistLabel}s to ${className}`
                  : 'Loading the MNIST test digits…'}
              </button>
            </>
          )}
        </details>
      </div>
    </section>
  );
}
