import { useMemo } from 'react';
import * as d3 from 'd3';
import { formatLegendValue } from './ColorLegend';
import './Histogram.css';
import { SvgImage } from './SvgImage';

export interface HistogramProps {
  /** The values to count (e.g. every cell of a feature map, row-major). */
  values: readonly number[];
  /** Visible caption and start of the accessible name, e.g. "Before the activation". */
  label: string;
  /** `data-testid` of the figure; every bar is a `rect` with `data-count`, `data-x0` and `data-x1`. */
  testId?: string;
  /** About how many bins (default 10); D3 picks round bin edges near this count. */
  binCount?: number;
  /** Fill of a bar from the value at its middle (default a single blue). Heights carry the counts. */
  color?: (value: number) => string;
  widthPx?: number;
  heightPx?: number;
}

const MARGIN = { top: 20, right: 12, bottom: 34, left: 40 };

/**
 * Bins of one round width (d3.tickStep) covering every finite value: their counts add up to the
 * number of finite values. The top edge lies a whole step above the largest value, so that value
 * gets a bin of full width rather than d3.bin's closed last bin (integers would share one).
 */
function histogramBins(values: readonly number[], binCount = 10): d3.Bin<number, number>[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  let [lo, hi] = d3.extent(finite) as [number, number];
  // A map of one repeated value (ReLU of an all-negative map) still gets a visible bar.
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  // Whole numbers (the example grid's maps) get bins at least 1 wide, one bar per integer, no gaps.
  const whole = finite.every(Number.isInteger);
  const step = whole ? Math.max(1, d3.tickStep(lo, hi, binCount)) : d3.tickStep(lo, hi, binCount);
  const first = Math.floor(lo / step);
  const last = Math.floor(hi / step) + 1;
  // Multiples of the step computed from integers, as d3.ticks does, so edges read as round numbers.
  const edge = (k: number) => (step < 1 ? k / Math.round(1 / step) : k * step);
  const thresholds = d3.range(first + 1, last).map(edge);
  return d3
    .bin()
    .domain([edge(first), edge(last)])
    .thresholds(thresholds)(finite);
}

function between(lo: number, hi: number): string {
  return `${formatLegendValue(lo)} to ${formatLegendValue(hi)}`;
}

/**
 * A histogram drawn as SVG bars: d3.bin counts the values, D3 scales place the bars, React
 * renders them. The accessible name summarises the counts; a visually hidden table lists every bin.
 */
export function Histogram({
  values,
  label,
  testId,
  binCount = 10,
  color,
  widthPx = 360,
  heightPx = 200,
}: HistogramProps) {
  const bins = useMemo(() => histogramBins(values, binCount), [values, binCount]);
  const first = bins[0];
  const last = bins[bins.length - 1];
  const lo = first?.x0 ?? 0;
  const hi = last?.x1 ?? 1;
  const x = d3.scaleLinear([lo, hi], [MARGIN.left, widthPx - MARGIN.right]);
  const maxCount = d3.max(bins, (b) => b.length) ?? 0;
  const y = d3.scaleLinear([0, Math.max(1, maxCount)], [heightPx - MARGIN.bottom, MARGIN.top]).nice();
  // Bins of whole-number width get whole-number ticks only, so no tick falls inside a bar.
  const wholeBins = bins.every((b) => Number.isInteger(b.x0) && Number.isInteger(b.x1));
  const xTicks = x.ticks(6).filter((t) => !wholeBins || Number.isInteger(t));
  const yTicks = y.ticks(4).filter(Number.isInteger);

  const negative = values.filter((v) => v < 0).length;
  const zero = values.filter((v) => v === 0).length;
  const positive = values.filter((v) => v > 0).length;
  const fullest = bins.reduce<d3.Bin<number, number> | undefined>(
    (best, b) => (best === undefined || b.length > best.length ? b : best),
    undefined,
  );
  const name =
    `${label}: histogram of ${values.length} values from ${formatLegendValue(d3.min(values) ?? 0)} to ${formatLegendValue(d3.max(values) ?? 0)}, ` +
    `${negative} below 0, ${zero} exactly 0, ${positive} above 0` +
    (fullest ? `; the tallest bar, ${between(fullest.x0 ?? 0, fullest.x1 ?? 0)}, holds ${fullest.length}.` : '.');

  return (
    <figure className="histogram" data-testid={testId} data-total={values.length}>
      <figcaption className="histogram__caption">{label}</figcaption>
      <SvgImage widthPx={widthPx} heightPx={heightPx} name={name} className="histogram__svg">
        <g className="histogram__axes" aria-hidden="true" fontSize={12}>
          {yTicks.map((t) => (
            <g key={`y${t}`}>
              <line className="histogram__grid" x1={MARGIN.left} x2={widthPx - MARGIN.right} y1={y(t)} y2={y(t)} />
              <text x={MARGIN.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
                {t}
              </text>
            </g>
          ))}
        </g>
        <g className="histogram__bars">
          {bins.map((b) => {
            const x0 = b.x0 ?? lo;
            const x1 = b.x1 ?? hi;
            const top = y(b.length);
            return (
              <rect
                key={`${x0}-${x1}`}
                x={x(x0) + 0.5}
                y={top}
                width={Math.max(0, x(x1) - x(x0) - 1)}
                height={heightPx - MARGIN.bottom - top}
                fill={color?.((x0 + x1) / 2)}
                strokeWidth={b.length > 0 ? 0.75 : 0}
                data-count={b.length}
                data-x0={x0}
                data-x1={x1}
              />
            );
          })}
        </g>
        <g className="histogram__axes" aria-hidden="true" fontSize={12}>
          <line
            className="histogram__axis"
            x1={MARGIN.left}
            x2={widthPx - MARGIN.right}
            y1={heightPx - MARGIN.bottom}
            y2={heightPx - MARGIN.bottom}
          />
          {xTicks.map((t) => (
            <g key={`x${t}`}>
              <line
                className="histogram__axis"
                x1={x(t)}
                x2={x(t)}
                y1={heightPx - MARGIN.bottom}
                y2={heightPx - MARGIN.bottom + 5}
                strokeWidth={t === 0 ? 2 : 1}
              />
              <text x={x(t)} y={heightPx - MARGIN.bottom + 18} textAnchor="middle" fontWeight={t === 0 ? 700 : 400}>
                {formatLegendValue(t)}
              </text>
            </g>
          ))}
          <text x={MARGIN.left - 6} y={MARGIN.top - 10} textAnchor="end" fontStyle="italic">
            count
          </text>
        </g>
      </SvgImage>
      <div className="sr-only">
        <table>
          <caption>Counts of {label}</caption>
          <thead>
            <tr>
              <th scope="col">Values from</th>
              <th scope="col">to</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={`${b.x0}-${b.x1}`}>
                <td>{formatLegendValue(b.x0 ?? lo)}</td>
                <td>{formatLegendValue(b.x1 ?? hi)}</td>
                <td>{b.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
