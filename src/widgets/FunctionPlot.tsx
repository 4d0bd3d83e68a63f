import { useMemo } from 'react';
import * as d3 from 'd3';
import { formatLegendValue } from './ColorLegend';
import './FunctionPlot.css';
import { SvgImage } from './SvgImage';

export interface FunctionPlotProps {
  /** The function to draw, evaluated from x = −6 to 6. */
  fn: (x: number) => number;
  /** Its name, e.g. "ReLU"; starts the accessible name and the caption. */
  label: string;
  /** x values to mark as dots on the curve at (x, fn(x)), e.g. a feature map's cells. Values beyond ±6 are drawn at the edge as triangles. */
  points?: readonly number[];
  /** Chart size in CSS pixels (default 380 × 260); the SVG scales down to fit narrow containers. */
  widthPx?: number;
  heightPx?: number;
  testId?: string;
}

const X_MIN = -6;
const X_MAX = 6;
const SAMPLES = 241;
const MARGIN = { top: 12, right: 16, bottom: 34, left: 44 };
/** x values of the text alternative's table. */
const TABLE_XS = [-6, -4, -2, -1, 0, 1, 2, 4, 6];

/**
 * A function y = fn(x) drawn with D3 scales and a D3 line path (React renders the SVG), with
 * axes, a marked origin, optional dots for data, and a visually hidden table of sample values.
 */
export function FunctionPlot({ fn, label, points = [], widthPx = 380, heightPx = 260, testId }: FunctionPlotProps) {
  const curve = useMemo(
    () =>
      d3
        .range(SAMPLES)
        .map((i) => X_MIN + ((X_MAX - X_MIN) * i) / (SAMPLES - 1))
        .map((x) => [x, fn(x)] as const),
    [fn],
  );
  const [yLo, yHi] = d3.extent([0, ...curve.map(([, y]) => y)]) as [number, number];
  const x = d3.scaleLinear([X_MIN, X_MAX], [MARGIN.left, widthPx - MARGIN.right]);
  const y = d3
    .scaleLinear([Math.min(yLo, -0.1 * (yHi - yLo)), yHi + 0.05 * (yHi - yLo)], [heightPx - MARGIN.bottom, MARGIN.top])
    .nice();
  const path = d3
    .line<readonly [number, number]>()
    .x(([v]) => x(v))
    .y(([, v]) => y(v))(curve);
  const xTicks = x.ticks(12);
  const yTicks = y.ticks(5);
  const [y0, y1] = y.domain() as [number, number];

  const dots = points.map((p) => {
    const clamped = Math.min(X_MAX, Math.max(X_MIN, p));
    return {
      x: x(clamped),
      y: y(Math.min(y1, Math.max(y0, fn(clamped)))),
      outside: p < X_MIN ? -1 : p > X_MAX ? 1 : 0,
    };
  });
  const outside = dots.filter((d) => d.outside !== 0).length;
  const dotText =
    points.length > 0
      ? ` ${points.length} feature-map values are shown as dots on the curve${outside > 0 ? `; ${outside} beyond x = ±6 are drawn as triangles at the edge` : ''}.`
      : '';
  const name = `${label} plotted from x = −6 to 6; y runs from ${formatLegendValue(fn(X_MIN))} to ${formatLegendValue(fn(X_MAX))}.${dotText}`;

  return (
    <figure className="function-plot" data-testid={testId}>
      <figcaption className="function-plot__caption">{label}</figcaption>
      <SvgImage widthPx={widthPx} heightPx={heightPx} name={name} className="function-plot__svg">
        <g className="function-plot__axes" aria-hidden="true" fontSize={12}>
          {xTicks.map((t) => (
            <g key={`x${t}`}>
              <line
                x1={x(t)}
                x2={x(t)}
                y1={MARGIN.top}
                y2={heightPx - MARGIN.bottom}
                className={t === 0 ? 'function-plot__axis' : 'function-plot__grid'}
                strokeWidth={t === 0 ? 1.5 : 1}
              />
              <line
                className="function-plot__axis"
                x1={x(t)}
                x2={x(t)}
                y1={heightPx - MARGIN.bottom}
                y2={heightPx - MARGIN.bottom + 5}
              />
              <text x={x(t)} y={heightPx - MARGIN.bottom + 18} textAnchor="middle">
                {formatLegendValue(t)}
              </text>
            </g>
          ))}
          {yTicks.map((t) => (
            <g key={`y${t}`}>
              <line
                x1={MARGIN.left}
                x2={widthPx - MARGIN.right}
                y1={y(t)}
                y2={y(t)}
                className={t === 0 ? 'function-plot__axis' : 'function-plot__grid'}
                strokeWidth={t === 0 ? 1.5 : 1}
              />
              <line className="function-plot__axis" x1={MARGIN.left - 5} x2={MARGIN.left} y1={y(t)} y2={y(t)} />
              <text x={MARGIN.left - 8} y={y(t)} dy="0.32em" textAnchor="end">
                {formatLegendValue(t)}
              </text>
            </g>
          ))}
          <line
            className="function-plot__axis"
            x1={MARGIN.left}
            x2={MARGIN.left}
            y1={MARGIN.top}
            y2={heightPx - MARGIN.bottom}
          />
          <line
            className="function-plot__axis"
            x1={MARGIN.left}
            x2={widthPx - MARGIN.right}
            y1={heightPx - MARGIN.bottom}
            y2={heightPx - MARGIN.bottom}
          />
          <text x={widthPx - MARGIN.right} y={heightPx - 2} textAnchor="end" fontStyle="italic">
            x (input)
          </text>
          <text x={MARGIN.left + 6} y={MARGIN.top + 10} fontStyle="italic">
            f(x)
          </text>
        </g>
        <path
          className="function-plot__curve"
          d={path ?? ''}
          fill="none"
          strokeWidth={3}
          strokeLinejoin="round"
          aria-hidden="true"
        />
        <g className="function-plot__points" aria-hidden="true" data-count={points.length}>
          {dots.map((d, i) =>
            d.outside === 0 ? (
              <circle key={i} cx={d.x} cy={d.y} r={4} fillOpacity={0.55} strokeWidth={0.75} />
            ) : (
              <path
                key={i}
                d={d.outside < 0 ? `M${d.x},${d.y}l7,-5v10Z` : `M${d.x},${d.y}l-7,-5v10Z`}
                fillOpacity={0.8}
                strokeWidth={0.75}
              />
            ),
          )}
        </g>
      </SvgImage>
      <div className="sr-only">
        <table>
          <caption>Values of {label}</caption>
          <thead>
            <tr>
              <th scope="col">x</th>
              <th scope="col">f(x)</th>
            </tr>
          </thead>
          <tbody>
            {TABLE_XS.map((t) => (
              <tr key={t}>
                <td>{formatLegendValue(t)}</td>
                <td>{formatLegendValue(fn(t))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
