import { useId, useState } from 'react';
import { clampHeldOutShare, HELD_OUT_SHARE_BOUNDS, type DataSet } from '../../core/dataSet';
import { heldOutCount } from '../../core/stratifiedSplit';

interface Props {
  set: DataSet;
  /** Share of each class held out for testing, within HELD_OUT_SHARE_BOUNDS. */
  share: number;
  onShare: (share: number) => void;
}

const percent = (share: number) => Math.round(share * 100);

/** The held-out share for testing, as a slider and a number, with each class's train / test counts. */
export function HeldOutPanel({ set, share, onShare }: Props) {
  const sliderId = useId();
  const numberId = useId();
  const headingId = useId();
  const min = percent(HELD_OUT_SHARE_BOUNDS.min);
  const max = percent(HELD_OUT_SHARE_BOUNDS.max);
  // What is typed in the number box, kept until it leaves the box, so "35" can be typed through "3".
  const [typed, setTyped] = useState<string | null>(null);
  const change = (raw: string) => {
    const value = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(value)) onShare(clampHeldOutShare(value / 100));
  };
  const rows = set.classes.map((c) => {
    const test = heldOutCount(c.examples.length, share);
    return { name: c.name, total: c.examples.length, train: c.examples.length - test, test };
  });
  const untested = rows.filter((r) => r.test === 0).map((r) => r.name);
  return (
    <section className="data-held-out" aria-labelledby={headingId}>
      <h2 id={headingId}>Held out for testing</h2>
      <p className="data-held-out__controls">
        <label htmlFor={sliderId}>Share held out (%)</label>
        <input
          id={sliderId}
          type="range"
          min={min}
          max={max}
          step={5}
          value={percent(share)}
          onChange={(event) => change(event.target.value)}
        />
        <label htmlFor={numberId} className="sr-only">
          Share held out, in percent
        </label>
        <input
          id={numberId}
          type="number"
          min={min}
          max={max}
          step={1}
          value={typed ?? percent(share)}
          onChange={(event) => {
            setTyped(event.target.value);
            const value = Number(event.target.value);
            if (value >= min && value <= max) change(event.target.value);
          }}
          onBlur={(event) => {
            change(event.target.value);
            setTyped(null);
          }}
        />
        %
      </p>
      <p className="data-held-out__why">
        Each class keeps the same share aside (chosen at random, the same each time), so the test accuracy measures
        examples the network never trained on.
      </p>
      <table className="data-held-out__table" data-testid="held-out-table">
        <caption className="sr-only">Examples per class for training and for testing</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Examples</th>
            <th scope="col">Train</th>
            <th scope="col">Test</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.name}</th>
              <td>{r.total.toLocaleString('en')}</td>
              <td data-testid={`train-count-${i}`}>{r.train.toLocaleString('en')}</td>
              <td data-testid={`test-count-${i}`}>{r.test.toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {untested.length > 0 && (
        <p className="notice">
          Not tested: {untested.join(', ')}. A class needs at least 2 examples to be both trained on and tested.
        </p>
      )}
    </section>
  );
}
