import * as d3 from 'd3';
import type { SweepKind } from '../core/sweepKinds';
import { SvgImage } from './SvgImage';
import './InvariancePlot.css';

/** One model's curve: its accuracy (percent) at each of the plot's amounts. */
export interface InvarianceSeries {
  /** Names the data attribute that carries the numbers, e.g. 'cnn-aug' → data-cnn-aug. */
  id: string;
  label: string;
  network: 'cnn' | 'dense';
  augmented: boolean;
  accuracy: readonly number[];
}

export interface InvariancePlotProps {
  kind: SweepKind;
  /** x values: pixels (shift) or degrees (rotate), from 0. */
  amounts: readonly number[];
  series: readonly InvarianceSeries[];
  /** Test digits the numbers come from so far, and how many the experiment uses in all. */
  digits: number;
  total: number;
  /** How each digit is moved, in words, e.g. "each shifted right, left, down and up". */
  moves: string;
  widthPx?: number;
  heightPx?: number;
}

const MARGIN = { top: 14, right: 16, bottom: 40, left: 48 };

const UNIT: Record<SweepKind, { axis: string; short: (v: number) => string; words: string }> = {
  shift: { axis: 'shift (px)', short: (v) => `${v} px`, words: 'shifted' },
  rotate: { axis: 'turn (degrees)', short: (v) => `${v}°`, words: 'turned' },
};

function percent(value: number): string {
  return `${value.toFixed(1)} %`;
}

/**
 * Accuracy (%) of several models against how far the test digits were moved: D3 scales and line
 * paths, React's SVG. Colour tells the network (also told by the marker's shape: circles for the
 * CNN, squares for the dense one); a dashed line with hollow markers, augmented training. Every
 * point has a tooltip with its exact value, a hidden table repeats the numbers for screen readers,
 * and `data-<series id>` carries them (comma-separated, 2 decimals) for tests.
 */
export function InvariancePlot({
  kind,
  amounts,
  series,
  digits,
  total,
  moves,
  widthPx = 560,
  heightPx = 300,
}: InvariancePlotProps) {
  const unit = UNIT[kind];
  const x = d3.scaleLinear([0, amounts.at(-1) ?? 1], [MARGIN.left, widthPx - MARGIN.right]);
  const y = d3.scaleLinear([0, 100], [heightPx - MARGIN.bottom, MARGIN.top]);
  const line = d3
    .line<number>()
    .x((_, i) => x(amounts[i]!))
    .y((v) => y(v));
  const dataAttributes = Object.fromEntries(
    series.map((s) => [`data-${s.id}`, s.accuracy.map((v) => v.toFixed(2)).join(',')]),
  );
  const last = amounts.length - 1;
  const name =
    `Accuracy against how far the digits are ${unit.words}, from 0 to ${unit.short(amounts[last] ?? 0)}, on ${digits} test digits: ` +
    series
      .map((s) => `${s.label} from ${percent(s.accuracy[0] ?? 0)} to ${percent(s.accuracy[last] ?? 0)}`)
      .join('; ') +
    '.';
  return (
    <figure
      className="invariance-plot"
      data-testid="invariance-plot"
      data-kind={kind}
      data-amounts={amounts.join(',')}
      data-digits={digits}
      data-complete={String(digits >= total)}
      {...dataAttributes}
    >
      <SvgImage widthPx={widthPx} heightPx={heightPx} name={name} className="invariance-plot__svg">
        <g className="invariance-plot__axes" aria-hidden="true" fontSize={12}>
          {y.ticks(5).map((t) => (
            <g key={`y${t}`}>
              <line
                className="invariance-plot__grid"
                x1={MARGIN.left}
                x2={widthPx - MARGIN.right}
                y1={y(t)}
                y2={y(t)}
              />
              <text x={MARGIN.left - 8} y={y(t)} dy="0.32em" textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          {amounts.map((a) => (
            <text key={`x${a}`} x={x(a)} y={heightPx - MARGIN.bottom + 16} textAnchor="middle">
              {a}
            </text>
          ))}
          <line className="invariance-plot__axis" x1={MARGIN.left} x2={widthPx - MARGIN.right} y1={y(0)} y2={y(0)} />
          <line className="invariance-plot__axis" x1={MARGIN.left} x2={MARGIN.left} y1={y(0)} y2={y(100)} />
          <text x={(MARGIN.left + widthPx - MARGIN.right) / 2} y={heightPx - 4} textAnchor="middle" fontStyle="italic">
            {unit.axis}
          </text>
          <text transform={`translate(12 ${y(50)}) rotate(-90)`} textAnchor="middle" fontStyle="italic">
            accuracy (%)
          </text>
        </g>
        {series.map((s) => (
          <g key={s.id} className={`invariance-plot__series invariance-plot__series--${s.network}`} data-series={s.id}>
            <path
              d={line([...s.accuracy]) ?? ''}
              fill="none"
              strokeWidth={2.5}
              strokeDasharray={s.augmented ? '6 4' : undefined}
            />
            {s.accuracy.map((v, i) => (
              <Marker key={i} s={s} cx={x(amounts[i]!)} cy={y(v)}>
                <title>{`${s.label}, ${unit.words} ${unit.short(amounts[i]!)}: ${percent(v)}`}</title>
              </Marker>
            ))}
          </g>
        ))}
      </SvgImage>
      <figcaption>
        <ul className="invariance-plot__legend" aria-label="Legend">
          {series.map((s) => (
            <li key={s.id} className={`invariance-plot__series--${s.network}`}>
              <svg width={34} height={12} aria-hidden="true">
                <line
                  x1={1}
                  x2={33}
                  y1={6}
                  y2={6}
                  strokeWidth={2.5}
                  strokeDasharray={s.augmented ? '6 4' : undefined}
                />
                <Marker s={s} cx={17} cy={6} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
        <span className="invariance-plot__count" data-testid="invariance-count">
          {digits >= total
            ? `Computed on ${digits.toLocaleString('en')} MNIST test digits (#0–#${digits - 1}), ${moves}.`
            : `Computing… ${digits.toLocaleString('en')} of ${total.toLocaleString('en')} test digits so far, ${moves}.`}
        </span>
      </figcaption>
      <div className="sr-only">
        <table>
          <caption>Accuracy (%) of each network on test digits {unit.words} by each amount</caption>
          <thead>
            <tr>
              <th scope="col">{unit.axis}</th>
              {series.map((s) => (
                <th key={s.id} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {amounts.map((a, i) => (
              <tr key={a}>
                <th scope="row">{unit.short(a)}</th>
                {series.map((s) => (
                  <td key={s.id}>{percent(s.accuracy[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** A circle (CNN) or square (dense), hollow for augmented training. */
function Marker({ s, cx, cy, children }: { s: InvarianceSeries; cx: number; cy: number; children?: React.ReactNode }) {
  const className = s.augmented ? 'invariance-plot__marker--hollow' : undefined;
  return s.network === 'cnn' ? (
    <circle className={className} cx={cx} cy={cy} r={4.5} strokeWidth={2}>
      {children}
    </circle>
  ) : (
    <rect className={className} x={cx - 4} y={cy - 4} width={8} height={8} strokeWidth={2}>
      {children}
    </rect>
  );
}
