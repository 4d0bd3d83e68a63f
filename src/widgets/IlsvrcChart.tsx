import { useId, useMemo } from 'react';
import * as d3 from 'd3';
import {
  HUMAN_TOP5_ERROR_PCT,
  HUMAN_TOP5_ERROR_SOURCE,
  ILSVRC_RESULTS,
  ILSVRC_RESULTS_SOURCE,
  type OtherFigure,
} from '../core/ilsvrc';
import './IlsvrcChart.css';
import { SvgImage } from './SvgImage';

/** One year's bar; `IlsvrcResult` from core/ilsvrc fits as is. */
export interface IlsvrcChartDatum {
  year: number;
  /** Winning top-5 error, percent (0 to 100). */
  top5ErrorPct: number;
  /** Short name of the winner, drawn under the year, e.g. "AlexNet". */
  model: string;
  /** Whether the winner was a CNN: such bars are filled, the others hatched. */
  cnn: boolean;
  /** Shown in the table when present. */
  runnerUp?: { model: string; top5ErrorPct: number };
  /** Which entry the bar is, where the year has other figures. */
  entry?: string;
  /** Other published figures of the year, written in the notes under the chart. */
  otherFigures?: readonly OtherFigure[];
  /** Why the bar draws its figure rather than the others. */
  choice?: string;
}

export interface IlsvrcChartProps {
  /** Bars in year order (default: ILSVRC 2010–2015 from core/ilsvrc). */
  results?: readonly IlsvrcChartDatum[];
  /** Level of the dashed reference line, percent (default 5.1, the human estimate). */
  humanTop5ErrorPct?: number;
  /** Where the bars' figures come from, written under the chart (default: the official ILSVRC results). */
  source?: string;
  /** Whose estimate the dashed line is, written under the chart (default: Karpathy's, from core/ilsvrc). */
  humanSource?: string;
  /** Caption above the chart. */
  title?: string;
  /** Drawing size in CSS pixels (default 640 × 320); it scales down to fit. */
  widthPx?: number;
  heightPx?: number;
}

const MARGIN = { top: 24, right: 112, bottom: 48, left: 48 };

/** "28.2%", "3.57%", "5%": the value as given, without trailing zeros. */
function formatErrorPct(value: number): string {
  return `${d3.format('~f')(value)}%`;
}

/** The chart's accessible name: every year's winner and error, and where the human line falls. */
function ilsvrcSummary(results: readonly IlsvrcChartDatum[], humanTop5ErrorPct: number): string {
  const years = results.map((r) => `${r.year}: ${formatErrorPct(r.top5ErrorPct)} (${r.model})`).join('; ');
  const firstBelow = results.find((r) => r.top5ErrorPct < humanTop5ErrorPct);
  const human =
    `Estimated human error ${formatErrorPct(humanTop5ErrorPct)}` +
    (firstBelow ? `; ${firstBelow.year} is the first year below it.` : '; no year is below it.');
  return `Bar chart of the winning ILSVRC top-5 classification error by year. ${years}. ${human}`;
}

/** The note under the chart for a year with other figures: which entry the bar is, the others, and why. */
function yearNote(result: IlsvrcChartDatum): string {
  const others = (result.otherFigures ?? [])
    .map((f) => `${formatErrorPct(f.top5ErrorPct)} is ${f.what} (${f.source})`)
    .join('; ');
  const entry = result.entry ? ` is ${result.entry}` : '';
  return `${result.year}: ${formatErrorPct(result.top5ErrorPct)}${entry}; ${others}.${result.choice ? ` ${result.choice}` : ''}`;
}

/**
 * ILSVRC top-5 error of the winning entry per year as an SVG bar chart, with a dashed line at
 * the estimated human error. Each bar is labelled with its value above it and the winner's
 * name under its year; notes under the chart say where every figure comes from. D3 computes
 * the band and linear scales; React renders. The SVG is `role="img"` with a summary of every
 * value, and a visually hidden table repeats the numbers.
 */
export function IlsvrcChart({
  results = ILSVRC_RESULTS,
  humanTop5ErrorPct = HUMAN_TOP5_ERROR_PCT,
  source = ILSVRC_RESULTS_SOURCE,
  humanSource = HUMAN_TOP5_ERROR_SOURCE,
  title = 'ImageNet (ILSVRC) classification: top-5 error of the winner',
  widthPx = 640,
  heightPx = 320,
}: IlsvrcChartProps) {
  const reactId = useId();
  const layout = useMemo(() => {
    const bottom = heightPx - MARGIN.bottom;
    const right = widthPx - MARGIN.right;
    const x = d3
      .scaleBand<number>()
      .domain(results.map((r) => r.year))
      .range([MARGIN.left, right])
      .paddingInner(0.25)
      .paddingOuter(0.15);
    const maxValue = Math.max(humanTop5ErrorPct, d3.max(results, (r) => r.top5ErrorPct) ?? 0, 1);
    const y = d3.scaleLinear([0, maxValue], [bottom, MARGIN.top]).nice(5);
    const bars = results.map((r) => {
      const left = x(r.year) ?? MARGIN.left;
      const top = y(Math.max(0, r.top5ErrorPct));
      return { ...r, x: left, y: top, width: x.bandwidth(), height: bottom - top, cx: left + x.bandwidth() / 2 };
    });
    return { bottom, right, y, yTicks: y.ticks(5), bars, humanY: y(humanTop5ErrorPct) };
  }, [results, humanTop5ErrorPct, widthPx, heightPx]);

  const label = ilsvrcSummary(results, humanTop5ErrorPct);
  // useId may contain characters that are awkward inside url(#…); keep letters, digits, - and _.
  const hatchId = `ilsvrc-hatch-${reactId.replace(/[^\w-]/g, '')}`;
  const hasRunnerUp = results.some((r) => r.runnerUp);

  return (
    <figure className="ilsvrc-chart">
      <figcaption className="ilsvrc-chart__caption">{title}</figcaption>
      <SvgImage
        widthPx={widthPx}
        heightPx={heightPx}
        name={label}
        className="ilsvrc-chart__svg"
        data-testid="ilsvrc-chart"
      >
        <defs>
          <pattern id={hatchId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect className="ilsvrc-chart__hatch-paper" width={6} height={6} />
            <line className="ilsvrc-chart__hatch-line" x1={0} x2={0} y1={0} y2={6} strokeWidth={3} />
          </pattern>
        </defs>
        <g className="ilsvrc-chart__axes" aria-hidden="true" fontSize={12}>
          {layout.yTicks.map((t) => (
            <g key={t}>
              <line
                className="ilsvrc-chart__grid"
                x1={MARGIN.left}
                x2={layout.right}
                y1={layout.y(t)}
                y2={layout.y(t)}
              />
              <text x={MARGIN.left - 8} y={layout.y(t)} dy="0.32em" textAnchor="end">
                {`${t}%`}
              </text>
            </g>
          ))}
          <text x={4} y={MARGIN.top - 10} fontStyle="italic">
            top-5 error
          </text>
          <line
            className="ilsvrc-chart__axis"
            x1={MARGIN.left}
            x2={layout.right}
            y1={layout.bottom}
            y2={layout.bottom}
          />
        </g>
        <g className="ilsvrc-chart__bars">
          {layout.bars.map((bar) => (
            <g key={bar.year} aria-hidden="true">
              <rect
                className={bar.cnn ? 'ilsvrc-chart__bar ilsvrc-chart__bar--cnn' : 'ilsvrc-chart__bar'}
                data-year={bar.year}
                data-value={bar.top5ErrorPct}
                data-winner={bar.model}
                data-cnn={bar.cnn}
                x={bar.x}
                y={bar.y}
                width={bar.width}
                height={bar.height}
                fill={bar.cnn ? undefined : `url(#${hatchId})`}
              />
              <text className="ilsvrc-chart__value" x={bar.cx} y={bar.y - 6} textAnchor="middle" fontSize={12}>
                {formatErrorPct(bar.top5ErrorPct)}
              </text>
              <text className="ilsvrc-chart__year" x={bar.cx} y={layout.bottom + 16} textAnchor="middle" fontSize={12}>
                {bar.year}
              </text>
              <text className="ilsvrc-chart__model" x={bar.cx} y={layout.bottom + 32} textAnchor="middle" fontSize={11}>
                {bar.model}
              </text>
            </g>
          ))}
        </g>
        <g className="ilsvrc-chart__human" aria-hidden="true">
          <line
            className="ilsvrc-chart__human-line"
            x1={MARGIN.left}
            x2={layout.right + 4}
            y1={layout.humanY}
            y2={layout.humanY}
            strokeWidth={1.5}
            strokeDasharray="6 4"
          />
          <text className="ilsvrc-chart__human-label" x={layout.right + 8} y={layout.humanY} dy="0.32em" fontSize={12}>
            {`human ≈ ${formatErrorPct(humanTop5ErrorPct)}`}
          </text>
        </g>
      </SvgImage>
      <div className="ilsvrc-chart__legend" aria-hidden="true">
        <span>
          <span className="history-swatch history-swatch--cnn" /> CNN
        </span>
        <span>
          <span className="history-swatch history-swatch--other" /> other methods
        </span>
        <span>
          <span className="history-swatch history-swatch--human" /> estimated human error
        </span>
      </div>
      <div className="ilsvrc-chart__notes" data-testid="ilsvrc-notes">
        <p>Sources. Bars: {source}.</p>
        {results
          .filter((r) => (r.otherFigures?.length ?? 0) > 0)
          .map((r) => (
            <p key={r.year} data-year={r.year}>
              {yearNote(r)}
            </p>
          ))}
        <p data-testid="ilsvrc-human-source">
          Dashed line, human ≈ {formatErrorPct(humanTop5ErrorPct)}: {humanSource}.
        </p>
      </div>
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">Winner</th>
              <th scope="col">Top-5 error</th>
              <th scope="col">CNN</th>
              {hasRunnerUp && <th scope="col">Runner-up</th>}
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}</th>
                <td>{r.model}</td>
                <td>{formatErrorPct(r.top5ErrorPct)}</td>
                <td>{r.cnn ? 'yes' : 'no'}</td>
                {hasRunnerUp && (
                  <td>{r.runnerUp ? `${r.runnerUp.model} ${formatErrorPct(r.runnerUp.top5ErrorPct)}` : ''}</td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Human</th>
              <td>one trained annotator</td>
              <td>{formatErrorPct(humanTop5ErrorPct)}</td>
              <td />
              {hasRunnerUp && <td />}
            </tr>
          </tfoot>
        </table>
      </div>
    </figure>
  );
}
