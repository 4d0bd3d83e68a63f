import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as d3 from 'd3';
import type { ModelSpec } from '../core/modelSpec';
import type { Snapshot } from '../protocol/messages';
import { significant } from '../render/numberFormat';
import { ColorLegend } from './ColorLegend';
import { DigitCanvas } from './DigitCanvas';
import { HeatmapCanvas } from './HeatmapCanvas';
import { useClassNaming } from '../hooks/useClassNaming';
import { buildLayerViews, describeSource, dialogSize, type LayerView, type MapItem } from './layerViews';
import './NetworkView.css';

interface NetworkViewProps {
  /** Activations and weights of every spec layer for the selected sample (plain arrays, no tensors). */
  snapshot: Snapshot;
  /** The architecture the snapshot came from; layer kinds come from here. */
  spec: ModelSpec;
  /**
   * Each layer's kernel values at the previous snapshot, keyed by spec layer index, to show the
   * mean |Δw| since then. Keep its identity stable between renders when nothing changed.
   */
  previousKernels?: Map<number, Float32Array>;
}

const formatPercent = d3.format('.1%');

/** The input digit, then one section per spec layer: feature maps, filters, activations and the output probabilities. */
export function NetworkView({ snapshot, spec, previousKernels }: NetworkViewProps) {
  const naming = useClassNaming();
  const views = useMemo(() => buildLayerViews(snapshot, spec, previousKernels), [snapshot, spec, previousKernels]);
  const [enlarged, setEnlarged] = useState<MapItem | null>(null);
  const open = useCallback((item: MapItem) => setEnlarged(item), []);
  const close = useCallback(() => setEnlarged(null), []);

  return (
    <div className="network-view" data-testid="network-view" data-step={snapshot.step}>
      <section className="network-view__layer" aria-labelledby="network-view-input">
        <h3 id="network-view-input" className="network-view__heading">
          Input → 28×28
        </h3>
        <DigitCanvas
          pixels={snapshot.input}
          label={`Input: ${describeSource(snapshot, naming)}, 28×28 pixels`}
          sizePx={112}
        />
        <p className="network-view__note">
          {describeSource(snapshot, naming)}, step {snapshot.step}
        </p>
      </section>
      {views.map((view, i) => (
        <LayerSection key={i} view={view} isLast={i === views.length - 1} label={snapshot.label} onOpen={open} />
      ))}
      {enlarged && <MapDialog item={enlarged} onClose={close} />}
    </div>
  );
}

interface LayerSectionProps {
  view: LayerView;
  isLast: boolean;
  label: number;
  onOpen: (item: MapItem) => void;
}

const LayerSection = memo(function LayerSection({ view, isLast, label, onOpen }: LayerSectionProps) {
  const [status, setStatus] = useState('');
  const headingId = `network-view-layer-${view.index}`;
  const clear = useCallback(() => setStatus(''), []);

  const renderMap = (item: MapItem) => (
    <button
      key={item.key}
      type="button"
      className="network-view__map"
      title={`${item.title} (click to enlarge)`}
      onClick={() => onOpen(item)}
    >
      <HeatmapCanvas
        values={item.values}
        rows={item.rows}
        cols={item.cols}
        color={item.scale.color}
        mask={item.mask}
        label={item.title}
        sizePx={item.sizePx}
        heightPx={item.heightPx}
        testId={item.testId}
        onHover={(r, c, v) => setStatus(item.describe(r, c, v))}
        onLeave={clear}
      />
    </button>
  );

  return (
    <section
      className="network-view__layer"
      aria-labelledby={headingId}
      data-testid={`layer-${view.index}`}
      data-kind={view.layer.kind}
    >
      <h3 id={headingId} className="network-view__heading">
        {view.index}. {view.heading}
      </h3>
      {view.missing && <p className="network-view__note">{view.missing}</p>}
      {view.layer.kind === 'flatten' && !view.missing && (
        <p className="network-view__note">Reshapes the previous volume into one vector; no weights.</p>
      )}
      {(view.layer.kind === 'inception' || view.layer.kind === 'residual') && !view.missing && (
        <p className="network-view__note">
          {view.layer.kind === 'inception'
            ? 'Four parallel branches joined along channels: the maps below are the 1×1, 3×3, 5×5 and pool branches, in that order. Its filters are not shown.'
            : 'Two convolutions whose result is added to the block’s input (the shortcut), then relu. Its filters are not shown.'}
        </p>
      )}
      {view.layer.kind === 'dropout' && !view.missing && (
        <p className="network-view__note">
          Drops units only while training; this shows its output for the sample, unchanged.
        </p>
      )}
      {view.maps.length > 0 && view.mapsScale && (
        <div className="network-view__group">
          <div className="network-view__maps">{view.maps.map(renderMap)}</div>
          <ColorLegend {...view.mapsScale} label="Activation" widthPx={160} tickCount={3} />
        </div>
      )}
      {view.probabilities && <ProbabilityChart probabilities={view.probabilities} label={label} isLast={isLast} />}
      {view.filters.length > 0 && view.filtersScale && (
        <div className="network-view__group">
          <h4 className="network-view__subheading">Filters</h4>
          {view.filtersNote && <p className="network-view__note">{view.filtersNote}</p>}
          <div className="network-view__maps">{view.filters.map(renderMap)}</div>
          <ColorLegend {...view.filtersScale} label="Weight" widthPx={160} tickCount={3} />
        </div>
      )}
      {view.weightChange !== undefined && (
        <p
          className="network-view__note"
          data-testid={`weight-change-${view.index}`}
          data-value={Number.isFinite(view.weightChange) ? view.weightChange : ''}
        >
          Mean |Δw| since the previous snapshot:{' '}
          {Number.isFinite(view.weightChange) ? significant(view.weightChange) : 'no previous snapshot to compare'}
        </p>
      )}
      <p className="network-view__status" aria-live="polite" data-testid={`status-${view.index}`}>
        {status || '\u00a0'}
      </p>
    </section>
  );
});

const CHART = { width: 320, height: 150, top: 22, bottom: 22, side: 8 };
/** Room below the bars for slanted class names. */
const NAMES_EXTRA_PX = 44;

function ProbabilityChart({
  probabilities,
  label,
  isLast,
}: {
  probabilities: number[];
  label: number;
  isLast: boolean;
}) {
  const naming = useClassNaming();
  const predicted = d3.maxIndex(probabilities);
  // Class names are written slanted below their bars, so they need more room than digits.
  const height = naming.digits ? CHART.height : CHART.height + NAMES_EXTRA_PX;
  const x = d3.scaleBand<number>(d3.range(probabilities.length), [CHART.side, CHART.width - CHART.side]).padding(0.2);
  const y = d3.scaleLinear([0, 1], [CHART.height - CHART.bottom, CHART.top]);
  const labelAt = (d: number) => ({ x: (x(d) ?? 0) + x.bandwidth() / 2, y: y(0) + 16 });
  const summary = probabilities.map((p, d) => `${naming.name(d)}: ${formatPercent(p)}`).join(', ');
  return (
    <figure className="network-view__probs">
      <svg
        width={CHART.width}
        height={height}
        viewBox={`0 0 ${CHART.width} ${height}`}
        role="img"
        aria-label={`${isLast ? 'Output' : 'Softmax'} probabilities per class: ${summary}. Predicted ${naming.name(predicted)}.`}
        data-testid="output-probabilities"
        data-predicted={predicted}
      >
        <line className="network-view__baseline" x1={CHART.side} x2={CHART.width - CHART.side} y1={y(0)} y2={y(0)} />
        {probabilities.map((p, d) => {
          const isPredicted = d === predicted;
          const top = y(Math.max(0, Math.min(1, p)));
          return (
            <g key={d}>
              <rect
                className={isPredicted ? 'network-view__prob network-view__prob--predicted' : 'network-view__prob'}
                data-testid={`prob-${d}`}
                data-value={p}
                data-predicted={isPredicted || undefined}
                x={x(d)}
                y={top}
                width={x.bandwidth()}
                height={Math.max(0, y(0) - top)}
                strokeWidth={isPredicted ? 3 : 1}
              >
                <title>{`${naming.digits ? `Digit ${d}` : naming.name(d)}: ${formatPercent(p)}`}</title>
              </rect>
              <text
                x={labelAt(d).x}
                y={labelAt(d).y}
                textAnchor={naming.digits ? 'middle' : 'end'}
                fontSize={12}
                fontWeight={isPredicted ? 700 : 400}
                transform={naming.digits ? undefined : `rotate(-35 ${labelAt(d).x} ${labelAt(d).y})`}
              >
                {naming.digits ? d : shortened(naming.name(d))}
              </text>
              {isPredicted && (
                <text
                  x={(x(d) ?? 0) + x.bandwidth() / 2}
                  y={Math.max(12, top - 6)}
                  textAnchor="middle"
                  fontSize={11}
                  fontWeight={700}
                >
                  predicted
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="network-view__note" data-testid="prediction-verdict">
        Predicted <strong>{naming.name(predicted)}</strong> ({formatPercent(probabilities[predicted] ?? 0)})
        {/* A drawing (label −1) has no true label to be right or wrong about. */}
        {label >= 0 ? (
          <>
            ; true label {naming.name(label)}: {predicted === label ? '✓ correct.' : '✗ wrong.'}
          </>
        ) : (
          '.'
        )}
      </figcaption>
    </figure>
  );
}

/** A class name short enough to sit under its bar. */
function shortened(name: string): string {
  return name.length > 8 ? `${name.slice(0, 7)}…` : name;
}

const DIALOG_PX = 336;
const TABLE_MAX_CELLS = 28 * 28;

function MapDialog({ item, onClose }: { item: MapItem; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // showModal traps focus and closes on Escape (the 'cancel' then 'close' events).
    if (typeof element.showModal === 'function' && !element.open) element.showModal();
    else element.setAttribute('open', '');
    return () => {
      if (typeof element.close === 'function' && element.open) element.close();
      // Return focus to the map that opened the dialog.
      opener?.focus();
    };
  }, []);
  const big = dialogSize(item.rows, item.cols, DIALOG_PX);
  const showTable = item.rows * item.cols <= TABLE_MAX_CELLS;
  return (
    <dialog
      ref={dialog}
      className="network-view__dialog"
      aria-labelledby="network-view-dialog-title"
      data-testid="map-dialog"
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="network-view__dialog-head">
        <h3 id="network-view-dialog-title">{item.title}</h3>
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      <HeatmapCanvas
        values={item.values}
        rows={item.rows}
        cols={item.cols}
        color={item.scale.color}
        mask={item.mask}
        label={`${item.title}, enlarged`}
        sizePx={big.sizePx}
        heightPx={big.heightPx}
        testId="map-dialog-canvas"
        onHover={(r, c, v) => setStatus(item.describe(r, c, v))}
        onLeave={() => setStatus('')}
      />
      <ColorLegend {...item.scale} label="Value" widthPx={200} tickCount={5} />
      <p className="network-view__status" aria-live="polite">
        {status || '\u00a0'}
      </p>
      {showTable ? (
        <div className="network-view__table-wrap">
          <table className="network-view__table" data-testid="map-dialog-table">
            <caption className="sr-only">Values of {item.title}, row by row</caption>
            <tbody>
              {d3.range(item.rows).map((r) => (
                <tr key={r}>
                  {d3.range(item.cols).map((c) => {
                    const i = r * item.cols + c;
                    if (item.mask && !item.mask[i]) return <td key={c} className="network-view__gap" />;
                    const v = item.values[i]!;
                    return (
                      <td key={c} data-row={r} data-col={c} data-value={v}>
                        {significant(v)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="network-view__note">
          {item.rows}×{item.cols} values: too many to list as a table here.
        </p>
      )}
    </dialog>
  );
}
