import { useState } from 'react';
import type { ModelSpec } from '../core/modelSpec';
import type { Snapshot } from '../protocol/messages';
import { currentRouteParams, replaceRouteParams } from '../state/route';
import { parseTraceParam, withTrace, type TracedCell } from '../state/traceParam';
import { NetworkOverview } from '../widgets/NetworkOverview';
import { Timeline, type TimelineProps } from '../widgets/Timeline';
import { TracePanel } from '../widgets/TracePanel';

/**
 * The network overview with the trace of the cell picked in it, the trace kept in the address
 * (`trace=`) so a link opens it: the first picture of the playground, the features chapter and
 * the network embed. With `timeline` (a page that trains), the replay timeline sits under the
 * overview, and `snapshot` is the one it shows.
 */
export function NetworkStage({
  snapshot,
  spec,
  heightPx,
  timeline,
}: {
  snapshot: Snapshot;
  spec: ModelSpec;
  /** The overview's height in CSS px (NetworkOverview's default when left out). */
  heightPx?: number;
  timeline?: TimelineProps | null;
}) {
  const [initial] = useState(() => parseTraceParam(currentRouteParams()));
  const [trace, setTrace] = useState<TracedCell | null>(initial.cell);
  const show = (cell: TracedCell | null) => {
    setTrace(cell);
    replaceRouteParams((params) => withTrace(params, cell));
  };
  return (
    <section aria-label="The network, layer by layer" className="network-stage">
      {initial.notice && (
        <p className="notice" role="status">
          {initial.notice}
        </p>
      )}
      <NetworkOverview snapshot={snapshot} spec={spec} heightPx={heightPx} onPick={show} picked={trace} />
      {timeline && <Timeline {...timeline} />}
      {trace && (
        <TracePanel snapshot={snapshot} spec={spec} cell={trace} onClose={() => show(null)} onMove={show} autoFocus />
      )}
    </section>
  );
}
