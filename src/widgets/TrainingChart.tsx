import { useId, useMemo, useState, type ReactNode } from 'react';
import * as d3 from 'd3';
import { MAX_SMOOTHING, downsample, emaSmooth } from '../render/smoothing';
import './TrainingChart.css';
import { SvgImage } from './SvgImage';

/** One training batch as the chart needs it; `BatchMetrics` from model/protocol fits as is. */
export interface TrainingChartBatch {
  /** Optimizer steps since the last reset. */
  step: number;
  loss: number;
  /** Fraction correct in the batch, 0 to 1. */
  accuracy: number;
}

/** One test-set evaluation as the chart needs it; `Evaluation` from model/protocol fits as is. */
export interface TrainingChartEvaluation {
  step: number;
  /** Fraction correct on the test set, 0 to 1. */
  testAccuracy: number;
}

/** A run's curves: its batches and evaluations in step order. */
export interface TrainingChartRun {
  batches: readonly TrainingChartBatch[];
  evaluations: readonly TrainingChartEvaluation[];
}

export interface TrainingChartProps {
  /** Every batch so far, in step order. Plain data; the chart copies nothing it does not draw. */
  batches: readonly TrainingChartBatch[];
  /** Every evaluation so far, in step order. */
  evaluations: readonly TrainingChartEvaluation[];
  /** Initial smoothing weight, 0 to 0.99 (default 0.6); the slider then owns it. */
  smoothing?: number;
  /** Size of each of the two charts in CSS pixels (default 640 × 220); they scale down to fit. */
  widthPx?: number;
  heightPx?: number;
  /** The step the page shows the network at while replaying: a marked cursor; null or absent while live. */
  cursorStep?: number | null;
  /** The run before the last reset, drawn faintly (smoothed, dotted) for comparison. */
  previousRun?: TrainingChartRun | null;
  /** Called by the "Clear previous run" button, shown with a previous run. */
  onClearPrevious?: () => void;
}

/** Paths are built from at most this many points, however long training runs. */
const MAX_CHART_POINTS = 600;
/** Rows in each visually hidden table: the latest points. */
const TABLE_ROWS = 5;
const MARGIN = { top: 26, right: 16, bottom: 34, left: 48 };
const DIAMOND = d3.symbol(d3.symbolDiamond, 56)() ?? '';

const formatStep = d3.format(',');
const formatPercentAxis = d3.format('.0%');
const formatPercent = d3.format('.1%');
const formatLossFixed = d3.format('.2f');
const formatLossSmall = d3.format('.2r');
/** Two decimals, or two significant digits below 0.1 so that a small loss does not read as 0.00. */
function formatLoss(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 0.1 || v === 0 ? formatLossFixed(v) : formatLossSmall(v);
}

interface Row {
  step: number;
  loss: number;
  lossSmoothed: number;
  accuracy: number;
  accuracySmoothed: number;
}

type Scale = d3.ScaleLinear<number, number>;

interface ChartFrameProps {
  testId: string;
  label: string;
  widthPx: number;
  heightPx: number;
  x: Scale;
  y: Scale;
  yTicks: readonly number[];
  formatY: (v: number) => string;
  yTitle: string;
  legend: readonly { label: string; swatch: ReactNode }[];
  dataBatches: number;
  children: ReactNode;
}

/** The SVG, grid, axes and legend shared by both charts; series come in as children. */
function ChartFrame({
  testId,
  label,
  widthPx,
  heightPx,
  x,
  y,
  yTicks,
  formatY,
  yTitle,
  legend,
  dataBatches,
  children,
}: ChartFrameProps) {
  const bottom = heightPx - MARGIN.bottom;
  const right = widthPx - MARGIN.right;
  // Steps are whole numbers; a short run would otherwise get ticks at 0.5.
  const xTicks = x.ticks(6).filter(Number.isInteger);
  return (
    <SvgImage
      widthPx={widthPx}
      heightPx={heightPx}
      name={label}
      data-testid={testId}
      data-batches={dataBatches}
      className="training-chart__svg"
    >
      <g className="training-chart__axes" aria-hidden="true" fontSize={12}>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line className="training-chart__grid" x1={MARGIN.left} x2={right} y1={y(t)} y2={y(t)} />
            <line className="training-chart__axis" x1={MARGIN.left - 5} x2={MARGIN.left} y1={y(t)} y2={y(t)} />
            <text x={MARGIN.left - 8} y={y(t)} dy="0.32em" textAnchor="end">
              {formatY(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line className="training-chart__axis" x1={x(t)} x2={x(t)} y1={bottom} y2={bottom + 5} />
            <text x={x(t)} y={bottom + 18} textAnchor="middle">
              {formatStep(t)}
            </text>
          </g>
        ))}
        <line className="training-chart__axis" x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={bottom} />
        <line className="training-chart__axis" x1={MARGIN.left} x2={right} y1={bottom} y2={bottom} />
        <text x={right} y={heightPx - 2} textAnchor="end" fontStyle="italic">
          step
        </text>
        <text x={2} y={MARGIN.top - 12} fontStyle="italic">
          {yTitle}
        </text>
        <g transform={`translate(${MARGIN.left + 8},${MARGIN.top - 14})`}>
          {legendPlaces(legend, widthPx - MARGIN.left - 8).map(({ item, x }) => (
            <g key={item.label} transform={`translate(${x},0)`}>
              {item.swatch}
              <text x={28} dy="0.32em">
                {item.label}
              </text>
            </g>
          ))}
        </g>
      </g>
      {children}
    </SvgImage>
  );
}

/** Legend text is about this wide per character, at the chart's font size. */
const LEGEND_CHAR_PX = 6.5;
/** A swatch (28 px before its text) and the gap after an entry. */
const LEGEND_SWATCH_PX = 28;
const LEGEND_GAP_PX = 12;

/**
 * Where each legend entry starts, packed by the length of its label; entries that would pass
 * `widthPx` are left out (the other chart's legend names them: both share their series).
 */
function legendPlaces<T extends { label: string }>(items: readonly T[], widthPx: number): { item: T; x: number }[] {
  const places: { item: T; x: number }[] = [];
  let x = 0;
  for (const item of items) {
    const width = LEGEND_SWATCH_PX + item.label.length * LEGEND_CHAR_PX;
    if (x + width > widthPx) break;
    places.push({ item, x });
    x += width + LEGEND_GAP_PX;
  }
  return places;
}

const rawSwatch = (
  <line className="training-chart__key-batch" x1={0} x2={22} y1={0} y2={0} strokeOpacity={0.3} strokeWidth={1.5} />
);
const smoothSwatch = <line className="training-chart__key-batch" x1={0} x2={22} y1={0} y2={0} strokeWidth={2.5} />;
const previousSwatch = (
  <line
    className="training-chart__key-previous"
    x1={0}
    x2={22}
    y1={0}
    y2={0}
    strokeWidth={2.5}
    strokeDasharray="1 4"
    strokeLinecap="round"
  />
);
const testSwatch = (
  <g>
    <line className="training-chart__key-test" x1={0} x2={22} y1={0} y2={0} strokeWidth={1.5} strokeDasharray="4 3" />
    <path className="training-chart__key-mark" d={DIAMOND} transform="translate(11,0)" strokeWidth={0.75} />
  </g>
);

/**
 * Training loss and accuracy as two small-multiple SVG line charts over a shared step axis:
 * raw batch values as faint lines, their debiased exponential moving average (weight set by a
 * "Smoothing" slider) as bold lines, and test accuracy per evaluation as dashed line with
 * diamond markers. D3 computes scales and paths; React renders. Long runs are downsampled to
 * {@link MAX_CHART_POINTS} points per series after smoothing, so the smoothed line still reflects
 * every batch. Each chart is `role="img"` with a summary of the latest values, and a visually
 * hidden table lists the latest points.
 */
export function TrainingChart({
  batches,
  evaluations,
  smoothing = 0.6,
  widthPx = 640,
  heightPx = 220,
  cursorStep = null,
  previousRun = null,
  onClearPrevious,
}: TrainingChartProps) {
  const sliderId = useId();
  const [weight, setWeight] = useState(() =>
    Number.isFinite(smoothing) ? Math.min(MAX_SMOOTHING, Math.max(0, smoothing)) : 0.6,
  );

  // Smooth over every batch, then thin out: the bold line keeps the information of all batches.
  const series = useMemo(() => {
    const lossSmoothed = emaSmooth(
      batches.map((b) => b.loss),
      weight,
    );
    const accuracySmoothed = emaSmooth(
      batches.map((b) => b.accuracy),
      weight,
    );
    const rows: Row[] = batches.map((b, i) => ({
      step: b.step,
      loss: b.loss,
      lossSmoothed: lossSmoothed[i] as number,
      accuracy: b.accuracy,
      accuracySmoothed: accuracySmoothed[i] as number,
    }));
    return { points: downsample(rows, MAX_CHART_POINTS), latest: rows.slice(-TABLE_ROWS) };
  }, [batches, weight]);

  // The previous run, smoothed with the same weight: only its bold lines are drawn.
  const previous = useMemo(() => {
    const before = previousRun?.batches ?? [];
    const loss = emaSmooth(
      before.map((b) => b.loss),
      weight,
    );
    const accuracy = emaSmooth(
      before.map((b) => b.accuracy),
      weight,
    );
    const rows = before.map((b, i) => ({ step: b.step, loss: loss[i] as number, accuracy: accuracy[i] as number }));
    return downsample(rows, MAX_CHART_POINTS);
  }, [previousRun, weight]);

  const evalPoints = useMemo(() => downsample(evaluations, MAX_CHART_POINTS), [evaluations]);

  // Both runs share the step axis, so the longer one sets it.
  const [xLo, xHi] = useMemo(() => {
    const [bLo, bHi] = d3.extent(batches, (b) => b.step);
    const [eLo, eHi] = d3.extent(evaluations, (e) => e.step);
    const pHi = d3.max(previous, (p) => p.step);
    const lo = Math.min(0, bLo ?? 0, eLo ?? 0);
    const hi = Math.max(bHi ?? 0, eHi ?? 0, pHi ?? 0, lo + 1);
    return [lo, hi] as const;
  }, [batches, evaluations, previous]);

  const maxLoss = useMemo(() => {
    const finite = (v: number) => (Number.isFinite(v) ? v : undefined);
    return Math.max(d3.max(batches, (b) => finite(b.loss)) ?? 0, d3.max(previous, (p) => finite(p.loss)) ?? 0);
  }, [batches, previous]);

  const charts = useMemo(() => {
    const x = d3.scaleLinear([xLo, xHi], [MARGIN.left, widthPx - MARGIN.right]);
    const yLoss = d3.scaleLinear([0, maxLoss > 0 ? maxLoss : 1], [heightPx - MARGIN.bottom, MARGIN.top]).nice();
    const yAcc = d3.scaleLinear([0, 1], [heightPx - MARGIN.bottom, MARGIN.top]);
    const lineOf = (y: Scale, value: (r: Row) => number) =>
      d3
        .line<Row>()
        .defined((r) => Number.isFinite(value(r)))
        .x((r) => x(r.step))
        .y((r) => y(value(r)))(series.points) ?? '';
    const testLine =
      d3
        .line<TrainingChartEvaluation>()
        .defined((e) => Number.isFinite(e.testAccuracy))
        .x((e) => x(e.step))
        .y((e) => yAcc(e.testAccuracy))(evalPoints) ?? '';
    const previousLine = (y: Scale, value: (p: (typeof previous)[number]) => number) =>
      d3
        .line<(typeof previous)[number]>()
        .defined((p) => Number.isFinite(value(p)))
        .x((p) => x(p.step))
        .y((p) => y(value(p)))(previous) ?? '';
    return {
      x,
      yLoss,
      yAcc,
      previousLoss: previousLine(yLoss, (p) => p.loss),
      previousAccuracy: previousLine(yAcc, (p) => p.accuracy),
      lossRaw: lineOf(yLoss, (r) => r.loss),
      lossSmoothed: lineOf(yLoss, (r) => r.lossSmoothed),
      accRaw: lineOf(yAcc, (r) => r.accuracy),
      accSmoothed: lineOf(yAcc, (r) => r.accuracySmoothed),
      testLine,
      testMarks: evalPoints
        .filter((e) => Number.isFinite(e.testAccuracy))
        .map((e) => ({ step: e.step, cx: x(e.step), cy: yAcc(e.testAccuracy) })),
    };
  }, [series, evalPoints, previous, xLo, xHi, maxLoss, widthPx, heightPx]);

  const last = series.latest[series.latest.length - 1];
  const lastEval = evaluations[evaluations.length - 1];
  const latestEvals = evaluations.slice(-TABLE_ROWS);

  const lossLabel = last
    ? `Training loss: ${formatLoss(last.loss)} at step ${formatStep(last.step)} (smoothed ${formatLoss(last.lossSmoothed)}).`
    : 'Training loss: no batches yet.';
  const accLabel =
    (last
      ? `Batch accuracy: ${formatPercent(last.accuracy)} at step ${formatStep(last.step)} (smoothed ${formatPercent(last.accuracySmoothed)}).`
      : 'Batch accuracy: no batches yet.') +
    (lastEval
      ? ` Test accuracy: ${formatPercent(lastEval.testAccuracy)} at step ${formatStep(lastEval.step)}.`
      : ' Test accuracy: not evaluated yet.');

  const pointCount = series.points.length;
  const lastPrevious = previous[previous.length - 1];
  const previousNote = lastPrevious
    ? ` The previous run, dotted, ended at step ${formatStep(lastPrevious.step)} with smoothed loss ${formatLoss(lastPrevious.loss)} and smoothed batch accuracy ${formatPercent(lastPrevious.accuracy)}.`
    : '';
  const cursorNote = cursorStep === null ? '' : ` The network is shown as it was at step ${formatStep(cursorStep)}.`;
  const previousKey = lastPrevious ? [{ label: 'previous run', swatch: previousSwatch }] : [];
  const overlays = (y: Scale, previousPath: string, testId: string) => (
    <>
      {lastPrevious && (
        <path
          className="training-chart__previous"
          data-testid={testId}
          aria-hidden="true"
          d={previousPath}
          fill="none"
          strokeWidth={2.5}
          strokeDasharray="1 4"
          strokeLinecap="round"
          data-points={previous.length}
        />
      )}
      {cursorStep !== null && (
        <ChartCursor
          x={charts.x(cursorStep)}
          top={y.range()[1] ?? MARGIN.top}
          bottom={y.range()[0] ?? 0}
          step={cursorStep}
        />
      )}
    </>
  );

  return (
    <div className="training-chart">
      <div className="training-chart__smoothing">
        <label htmlFor={sliderId}>Smoothing</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={MAX_SMOOTHING}
          step={0.01}
          value={weight}
          onChange={(e) => setWeight(Number(e.currentTarget.value))}
        />
        <output htmlFor={sliderId} className="training-chart__smoothing-value">
          {weight.toFixed(2)}
        </output>
        {previousRun && onClearPrevious && (
          <button type="button" className="training-chart__clear" onClick={onClearPrevious}>
            Clear previous run
          </button>
        )}
      </div>
      <div className="training-chart__charts">
        <figure className="training-chart__figure">
          <figcaption className="training-chart__caption">Training loss</figcaption>
          <ChartFrame
            testId="chart-loss"
            label={lossLabel + cursorNote + previousNote}
            widthPx={widthPx}
            heightPx={heightPx}
            x={charts.x}
            y={charts.yLoss}
            yTicks={charts.yLoss.ticks(4)}
            formatY={formatLoss}
            yTitle="loss"
            legend={[
              { label: 'per batch', swatch: rawSwatch },
              { label: 'smoothed', swatch: smoothSwatch },
              ...previousKey,
            ]}
            dataBatches={batches.length}
          >
            <g aria-hidden="true" fill="none" strokeLinejoin="round">
              <path
                className="training-chart__raw"
                d={charts.lossRaw}
                strokeOpacity={0.3}
                strokeWidth={1}
                data-points={pointCount}
              />
              <path
                className="training-chart__smoothed"
                d={charts.lossSmoothed}
                strokeWidth={2.5}
                data-points={pointCount}
              />
            </g>
            {overlays(charts.yLoss, charts.previousLoss, 'chart-previous-loss')}
          </ChartFrame>
          <HiddenTable
            caption="Training loss, latest batches"
            columns={['Step', 'Loss', 'Smoothed loss']}
            rows={series.latest.map((r) => [formatStep(r.step), formatLoss(r.loss), formatLoss(r.lossSmoothed)])}
          />
        </figure>
        <figure className="training-chart__figure">
          <figcaption className="training-chart__caption">Accuracy</figcaption>
          <ChartFrame
            testId="chart-accuracy"
            label={accLabel + cursorNote + previousNote}
            widthPx={widthPx}
            heightPx={heightPx}
            x={charts.x}
            y={charts.yAcc}
            yTicks={[0, 0.25, 0.5, 0.75, 1]}
            formatY={formatPercentAxis}
            yTitle="accuracy"
            legend={[
              { label: 'per batch', swatch: rawSwatch },
              { label: 'smoothed', swatch: smoothSwatch },
              { label: 'test set', swatch: testSwatch },
              ...previousKey,
            ]}
            dataBatches={batches.length}
          >
            <g aria-hidden="true" fill="none" strokeLinejoin="round">
              <path
                className="training-chart__raw"
                d={charts.accRaw}
                strokeOpacity={0.3}
                strokeWidth={1}
                data-points={pointCount}
              />
              <path
                className="training-chart__smoothed"
                d={charts.accSmoothed}
                strokeWidth={2.5}
                data-points={pointCount}
              />
              <path
                className="training-chart__test"
                d={charts.testLine}
                strokeWidth={1.5}
                strokeDasharray="4 3"
                data-points={charts.testMarks.length}
              />
            </g>
            <g
              className="training-chart__test-marks"
              aria-hidden="true"
              strokeWidth={0.75}
              data-count={charts.testMarks.length}
            >
              {charts.testMarks.map((m, i) => (
                <path key={i} d={DIAMOND} transform={`translate(${m.cx},${m.cy})`} />
              ))}
            </g>
            {overlays(charts.yAcc, charts.previousAccuracy, 'chart-previous-accuracy')}
          </ChartFrame>
          <HiddenTable
            caption="Batch accuracy, latest batches"
            columns={['Step', 'Batch accuracy', 'Smoothed batch accuracy']}
            rows={series.latest.map((r) => [
              formatStep(r.step),
              formatPercent(r.accuracy),
              formatPercent(r.accuracySmoothed),
            ])}
          />
          <HiddenTable
            caption="Test accuracy, latest evaluations"
            columns={['Step', 'Test accuracy']}
            rows={latestEvals.map((e) => [formatStep(e.step), formatPercent(e.testAccuracy)])}
          />
        </figure>
      </div>
    </div>
  );
}

/** A vertical line at the step the page shows while replaying, labelled with that step. */
function ChartCursor({ x, top, bottom, step }: { x: number; top: number; bottom: number; step: number }) {
  return (
    <g className="training-chart__cursor" data-testid="chart-cursor" data-step={step} aria-hidden="true">
      <line x1={x} x2={x} y1={top} y2={bottom} strokeWidth={2} strokeDasharray="6 3" />
      <text x={x + 4} y={top + 12} fontSize={12} fontWeight={700}>
        step {formatStep(step)}
      </text>
    </g>
  );
}

/** The numbers behind a chart, for screen readers: a visually hidden table. */
function HiddenTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: string[][] }) {
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
