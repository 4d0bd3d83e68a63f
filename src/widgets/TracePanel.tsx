import { useEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { ACTIVATIONS } from '../core/activations';
import type { ModelSpec } from '../core/modelSpec';
import type { Snapshot } from '../protocol/messages';
import { scaleFor, signedScale } from '../render/colorScales';
import { factor, significant } from '../render/numberFormat';
import { NumberGrid } from './NumberGrid';
import {
  layerName,
  moveCell,
  traceSnapshot,
  type ConvSnapshotTrace,
  type DenseSnapshotTrace,
  type PoolSnapshotTrace,
  type SnapshotTrace,
  type TraceDirection,
  type TraceTarget,
  type UnsupportedTrace,
} from './traceSnapshot';
import './TracePanel.css';

export interface TracePanelProps {
  /** The snapshot whose numbers are traced (plain arrays, no tensors). */
  snapshot: Snapshot;
  /** The architecture the snapshot came from; layer kinds come from here. */
  spec: ModelSpec;
  /** The traced cell (see TraceTarget: a flat layer's unit is map 0, row 0, col = unit). */
  cell: TraceTarget;
  /** Close button or Escape. */
  onClose: () => void;
  /** Arrow keys (within the map), Page Up / Page Down (between maps), or a link to the cell a copy came from. */
  onMove: (cell: TraceTarget) => void;
  /** Move focus to the panel when it opens (e.g. opened from the keyboard). Default false. */
  autoFocus?: boolean;
}

/** How many input channels of a conv cell get their grids; the rest are summed in one line. */
export const TRACE_CHANNELS_SHOWN = 8;

const CELL_PX = 36;

const KEY_DIRECTIONS: Record<string, TraceDirection> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
  PageUp: 'previousMap',
  PageDown: 'nextMap',
};

/**
 * How one number of one layer's output was computed from the previous layer's output in the
 * same snapshot: for a conv cell, each input channel's patch (`trace-input-<c>`, padding marked)
 * and kernel slice (`trace-kernel-<c>`) for the first {@link TRACE_CHANNELS_SHOWN} channels,
 * then bias, pre-activation and activation; for a pooling cell the window
 * (`trace-window-<map>`); for a dense unit the largest contributions, and the logits of a
 * softmax. The region (`data-testid="trace"`) carries the cell and the snapshot's value in
 * `data-layer`, `data-map`, `data-row`, `data-col`, `data-value` (full precision),
 * `data-activation` (conv and dense) and `data-pool` (pooling). Escape closes it; arrow keys and
 * Page Up / Page Down move the traced cell.
 */
export function TracePanel({ snapshot, spec, cell, onClose, onMove, autoFocus = false }: TracePanelProps) {
  const trace = useMemo(() => traceSnapshot(snapshot, spec, cell), [snapshot, spec, cell]);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (autoFocus) panel.current?.focus();
  }, [autoFocus]);

  const shape = snapshot.layers.find((l) => l.layerIndex === cell.layer)?.outputShape ?? [];
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    const direction = KEY_DIRECTIONS[event.key];
    if (direction === undefined) return;
    event.preventDefault();
    const next = moveCell(cell, direction, shape);
    if (next.map !== cell.map || next.row !== cell.row || next.col !== cell.col) onMove(next);
  };

  const title = heading(trace, spec, shape.length === 1);
  return (
    <section
      ref={panel}
      className="trace"
      role="region"
      aria-label={`Trace: ${title}`}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-testid="trace"
      data-kind={trace.kind}
      data-layer={cell.layer}
      data-map={cell.map}
      data-row={cell.row}
      data-col={cell.col}
      data-value={trace.value ?? undefined}
      data-recomputed={trace.kind === 'unsupported' ? undefined : trace.recomputed}
      data-activation={trace.kind === 'conv' || trace.kind === 'dense' ? trace.activation : undefined}
      data-pool={trace.kind === 'pool' ? trace.pool : undefined}
    >
      <header className="trace__header">
        <h3 className="trace__heading">{title}</h3>
        <button type="button" className="trace__close" onClick={onClose} aria-label="Close the trace">
          ×
        </button>
      </header>
      <p className="trace__hint">
        {shape.length === 3
          ? 'Arrow keys move to the neighbouring cell, Page Up / Page Down to another map;'
          : 'Left and right arrows move to the neighbouring unit;'}{' '}
        Escape closes.
      </p>
      {trace.kind !== 'unsupported' && !trace.agrees && (
        <p className="trace__warning" role="note">
          Recomputed from the weights: {significant(trace.recomputed)}; the snapshot holds {significant(trace.value)}.
          They differ by more than rounding.
        </p>
      )}
      {trace.kind === 'conv' && <ConvBody trace={trace} spec={spec} />}
      {trace.kind === 'pool' && <PoolBody trace={trace} spec={spec} />}
      {trace.kind === 'dense' && <DenseBody trace={trace} spec={spec} />}
      {trace.kind === 'unsupported' && <UnsupportedBody trace={trace} onMove={onMove} />}
    </section>
  );
}

/** "Layer 2 conv2d, map 3, row 4, col 5 = 0.731"; a flat layer's cell is a unit. */
function heading(trace: SnapshotTrace, spec: ModelSpec, flat: boolean): string {
  const { layer, map, row, col } = trace.cell;
  const kind = spec.layers[layer]?.kind;
  const where = flat ? `unit ${col}` : `map ${map}, row ${row}, col ${col}`;
  const value = trace.value === null ? '' : ` = ${significant(trace.value)}`;
  return `Layer ${layer}${kind ? ` ${kind}` : ''}, ${where}${value}`;
}

/** "relu(x) = y", with the function's formula where it has one. */
function ActivationLine({ name, x, y }: { name: string; x: number; y: number }) {
  const known = name in ACTIVATIONS ? ACTIVATIONS[name as keyof typeof ACTIVATIONS] : null;
  return (
    <>
      {name}({significant(x)}) = <strong>{significant(y)}</strong>
      {known && (
        <span className="trace__formula">
          {' '}
          ({known.label}: {known.formula})
        </span>
      )}
    </>
  );
}

function Term({
  testId,
  value,
  name,
  children,
}: {
  testId?: string;
  value: number;
  name: string;
  children: ReactNode;
}) {
  return (
    <div className="trace__term" data-testid={testId} data-value={value}>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ConvBody({ trace, spec }: { trace: ConvSnapshotTrace; spec: ModelSpec }) {
  const shown = useMemo(() => trace.channels.slice(0, TRACE_CHANNELS_SHOWN), [trace.channels]);
  const hidden = trace.channels.slice(TRACE_CHANNELS_SHOWN);
  const hiddenSum = hidden.reduce((sum, c) => sum + c.sum, 0);
  // One colour scale per kind of grid, so channels can be compared with each other.
  const patches = useMemo(() => shown.map((c) => c.patch.map((r) => r.map((x) => x ?? 0))), [shown]);
  const inputColor = useMemo(
    () => scaleFor(shown.flatMap((c) => c.patch.flat().filter((x): x is number => x !== null))).color,
    [shown],
  );
  const kernelColor = useMemo(() => signedScale(shown.flatMap((c) => c.kernel.flat())).color, [shown]);
  const source = layerName(spec, trace.cell.layer - 1);
  // Padding makes a window start before row 0: write its minus as people do.
  const span = (start: number) => `${start} to ${start + trace.size - 1}`.replace(/-/g, '\u2212');
  const sums = trace.channels.length <= 4 ? trace.channels.map((c) => factor(c.sum, significant)).join(' + ') : null;
  return (
    <>
      <p className="trace__lead">
        A {trace.size}×{trace.size} window on rows {span(trace.top)}, cols {span(trace.left)} of {source}
        {trace.padding.top + trace.padding.bottom + trace.padding.left + trace.padding.right > 0
          ? ' (hatched cells are zero padding)'
          : ''}
        , times the kernel, summed over {trace.channels.length} input channel{trace.channels.length === 1 ? '' : 's'}.
      </p>
      <ol className="trace__channels">
        {shown.map((channel, c) => (
          <li key={c} className="trace__channel">
            <NumberGrid
              testId={`trace-input-${c}`}
              label={`Input channel ${c}`}
              values={patches[c] ?? []}
              paddedRing={trace.padding}
              format={significant}
              color={inputColor}
              cellSizePx={CELL_PX}
            />
            <span className="trace__op" aria-hidden="true">
              ×
            </span>
            <NumberGrid
              testId={`trace-kernel-${c}`}
              label={`Kernel, channel ${c}`}
              values={channel.kernel}
              format={significant}
              color={kernelColor}
              cellSizePx={CELL_PX}
            />
            <p className="trace__sum" data-testid={`trace-sum-${c}`} data-value={channel.sum}>
              <span aria-hidden="true">→ </span>sum of the {trace.size * trace.size} products ={' '}
              <strong>{significant(channel.sum)}</strong>
            </p>
          </li>
        ))}
      </ol>
      {hidden.length > 0 && (
        <p className="trace__rest" data-testid="trace-rest" data-value={hiddenSum}>
          + {hidden.length} more channel{hidden.length === 1 ? '' : 's'}: sum {significant(hiddenSum)}
        </p>
      )}
      <dl className="trace__terms">
        <Term name="Channel sums" value={trace.preActivation - trace.bias}>
          {sums ?? `${trace.channels.length} channels`} = {significant(trace.preActivation - trace.bias)}
        </Term>
        <Term testId="trace-bias" name="Bias" value={trace.bias}>
          {significant(trace.bias)}
        </Term>
        <Term testId="trace-preactivation" name="Pre-activation" value={trace.preActivation}>
          {significant(trace.preActivation - trace.bias)} + {factor(trace.bias, significant)} ={' '}
          {significant(trace.preActivation)}
        </Term>
        <Term name="Activation" value={trace.value}>
          <ActivationLine name={trace.activation} x={trace.preActivation} y={trace.value} />
        </Term>
      </dl>
    </>
  );
}

function PoolBody({ trace, spec }: { trace: PoolSnapshotTrace; spec: ModelSpec }) {
  const { map } = trace.cell;
  const count = trace.size * trace.size;
  const source = layerName(spec, trace.cell.layer - 1);
  const sum = trace.window.flat().reduce((s, x) => s + x, 0);
  return (
    <>
      <p className="trace__lead">
        The {trace.size}×{trace.size} window on rows {trace.top} to {trace.top + trace.size - 1}, cols {trace.left} to{' '}
        {trace.left + trace.size - 1} of map {map} of {source}.
      </p>
      <NumberGrid
        testId={`trace-window-${map}`}
        label={`Window, map ${map}`}
        values={trace.window}
        format={significant}
        cellSizePx={CELL_PX}
        accent={trace.pool === 'max' ? trace.winner : null}
        accentName="maximum"
      />
      <p className="trace__equation">
        {trace.pool === 'max' ? (
          <>
            max of the {count} values = <strong>{significant(trace.value)}</strong>, at row{' '}
            {trace.top + trace.winner.row}, col {trace.left + trace.winner.col} (marked)
          </>
        ) : (
          <>
            mean = {significant(sum)} / {count} = <strong>{significant(trace.mean)}</strong>
          </>
        )}
      </p>
    </>
  );
}

function DenseBody({ trace, spec }: { trace: DenseSnapshotTrace; spec: ModelSpec }) {
  const input = layerName(spec, trace.cell.layer - 1);
  const shownSum = trace.contributions.reduce((s, c) => s + c.product, 0);
  return (
    <>
      <table className="trace__table">
        <caption>
          The {trace.contributions.length} largest contributions to unit {trace.unit} (input × weight), from {input}
        </caption>
        <thead>
          <tr>
            <th scope="col">Input</th>
            <th scope="col">Value</th>
            <th scope="col">Weight</th>
            <th scope="col">Product</th>
          </tr>
        </thead>
        <tbody>
          {trace.contributions.map((c, k) => {
            const source = trace.sources[k];
            return (
              <tr key={c.index} data-testid="trace-contribution" data-index={c.index} data-value={c.product}>
                <th scope="row">
                  {c.index}
                  {source && (
                    <span className="trace__source">
                      {' '}
                      (layer {source.layer} map {source.map}, row {source.row}, col {source.col})
                    </span>
                  )}
                </th>
                <td>{significant(c.input)}</td>
                <td>{significant(c.weight)}</td>
                <td>{significant(c.product)}</td>
              </tr>
            );
          })}
        </tbody>
        {trace.restCount > 0 && (
          <tfoot>
            <tr data-testid="trace-rest" data-value={trace.restSum}>
              <th scope="row" colSpan={3}>
                The other {trace.restCount} inputs
              </th>
              <td>{significant(trace.restSum)}</td>
            </tr>
          </tfoot>
        )}
      </table>
      <dl className="trace__terms">
        <Term name="Sum of products" value={shownSum + trace.restSum}>
          {significant(shownSum + trace.restSum)}
        </Term>
        <Term testId="trace-bias" name="Bias" value={trace.bias}>
          {significant(trace.bias)}
        </Term>
        <Term testId="trace-preactivation" name="Pre-activation" value={trace.preActivation}>
          {significant(shownSum + trace.restSum)} + {factor(trace.bias, significant)} ={' '}
          {significant(trace.preActivation)}
        </Term>
        {trace.activation === 'softmax' ? (
          <Term name="Softmax" value={trace.value}>
            e^{significant(trace.preActivation)} / (the sum of e^logit over all units) ={' '}
            <strong>{significant(trace.value)}</strong>
          </Term>
        ) : (
          <Term name="Activation" value={trace.value}>
            <ActivationLine name={trace.activation} x={trace.preActivation} y={trace.value} />
          </Term>
        )}
      </dl>
      {trace.logits && (
        <table className="trace__table trace__logits" data-testid="trace-logits">
          <caption>Every unit's pre-activation (logit); softmax turns them into probabilities that sum to 1</caption>
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col">Logit</th>
            </tr>
          </thead>
          <tbody>
            {trace.logits.map((z, u) => (
              <tr
                key={u}
                className={u === trace.unit ? 'trace__traced' : undefined}
                data-value={z}
                aria-current={u === trace.unit ? 'true' : undefined}
              >
                <th scope="row">
                  {u}
                  {u === trace.unit ? ' (traced)' : ''}
                </th>
                <td>{significant(z)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function UnsupportedBody({ trace, onMove }: { trace: UnsupportedTrace; onMove: (cell: TraceTarget) => void }) {
  const source = trace.source;
  return (
    <>
      <p className="trace__reason" role="note" data-testid="trace-reason">
        {trace.reason}
      </p>
      {source && source.layer >= 0 && (
        <button type="button" className="trace__follow" onClick={() => onMove(source)}>
          Trace layer {source.layer}, map {source.map}, row {source.row}, col {source.col}
        </button>
      )}
    </>
  );
}
