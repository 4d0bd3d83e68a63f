import { lazy, Suspense, useMemo, useRef } from 'react';
import { SWEEP_KINDS } from '../../core/sweepKinds';
import { useSeen } from '../../hooks/useSeen';
import { useUrlState } from '../../hooks/useUrlState';
import { INVARIANCE_SCHEMA, parseInvarianceParams } from '../../state/invarianceParams';
import { ParamNotices } from '../../widgets/ParamNotices';
import './InvarianceSection.css';

// The plot's code, the four models (about 100 KB) and the MNIST test split (1.6 MB) load on their
// own, and only once the reader reaches the experiment, so the chapter's first load stays light.
const InvarianceExperiment = lazy(() => import('./InvarianceExperiment'));

const SWEEP_LABELS = { shift: 'shifting (0–6 px)', rotate: 'turning (0–30°)' } as const;

interface Props {
  params: URLSearchParams;
  /** The route whose address keeps the switch's state. */
  path: string;
  /** Start at once (an embed) rather than when scrolled near (a chapter). */
  eager?: boolean;
}

/** The invariance experiment: its shift/turn switch (in the address), then its plot. */
export function InvarianceSection({ params, path, eager = false }: Props) {
  const initial = useMemo(() => parseInvarianceParams(params), [params]);
  const [state, update] = useUrlState(path, INVARIANCE_SCHEMA, initial);
  const anchor = useRef<HTMLDivElement>(null);
  const seen = useSeen(anchor, !eager);
  return (
    <section className="invariance" aria-label="Invariance experiment">
      <ParamNotices notices={initial.notices} />
      <fieldset className="invariance__switch">
        <legend>Move the test digits by</legend>
        {SWEEP_KINDS.map((option) => (
          <label key={option}>
            <input
              type="radio"
              name="invariance-sweep"
              value={option}
              checked={state.sweep === option}
              onChange={() => update({ sweep: option })}
            />{' '}
            {SWEEP_LABELS[option]}
          </label>
        ))}
      </fieldset>
      <div className="invariance__result" ref={anchor}>
        {seen ? (
          <Suspense fallback={<p role="status">Loading the experiment…</p>}>
            <InvarianceExperiment kind={state.sweep} />
          </Suspense>
        ) : (
          <p>The experiment starts when you scroll to it.</p>
        )}
      </div>
    </section>
  );
}
