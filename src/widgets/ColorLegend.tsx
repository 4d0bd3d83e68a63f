import { useId } from 'react';
import * as d3 from 'd3';
import { legendTicks, type ScaleKind } from '../render/colorScales';
import './ColorLegend.css';

export interface ColorLegendProps {
  /** [lo, hi] of the scale, e.g. `scaleFor(values).domain`. */
  domain: readonly [number, number];
  kind: ScaleKind;
  /** The same colour function the grids use. */
  color: (value: number) => string;
  /** Visible caption and start of the accessible name, e.g. "Weight". */
  label: string;
  /** Words for the colours, e.g. `scaleFor(values).description`; a generic one by kind otherwise. */
  description?: string;
  /** Length of the bar in CSS pixels (default 240). */
  widthPx?: number;
  /** About how many ticks (default 5). */
  tickCount?: number;
  /** How a tick is written (default: up to 2 decimals, typographic minus). */
  format?: (value: number) => string;
  testId?: string;
}

const GRADIENT_STOPS = 32;
const BAR_PX = 18;
const SIDE_PX = 24;

/** Up to 2 decimals without trailing zeros, a typographic minus, no "−0". */
export function formatLegendValue(value: number): string {
  const rounded = Number(value.toFixed(2));
  return rounded === 0 ? '0' : String(rounded).replace('-', '\u2212');
}

/**
 * A horizontal colour bar for a grid's scale, with round ticks, the exact ends of the domain
 * and, for a diverging scale, a marked 0 in the middle.
 * Spreads well from `scaleFor`: `<ColorLegend {...scaleFor(values)} label="Weight" />`.
 */
export function ColorLegend({
  domain,
  kind,
  color,
  label,
  description,
  widthPx = 240,
  tickCount = 5,
  format = formatLegendValue,
  testId,
}: ColorLegendProps) {
  const gradientId = `color-legend-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [lo, hi] = domain;
  const x = d3.scaleLinear([lo, hi], [SIDE_PX, SIDE_PX + widthPx]);
  const stops = d3.range(GRADIENT_STOPS + 1).map((i) => i / GRADIENT_STOPS);

  // The ends are the most informative labels; ticks too close to them would overlap, so they go.
  const minGapPx = 36;
  const ticks = legendTicks(domain, tickCount).filter(
    (t) =>
      (kind === 'diverging' && t === 0) || (Math.abs(x(t) - x(lo)) >= minGapPx && Math.abs(x(hi) - x(t)) >= minGapPx),
  );
  const marks = [lo, ...ticks, hi].filter((t, i, all) => all.indexOf(t) === i);
  if (kind === 'diverging' && lo < 0 && hi > 0 && !marks.includes(0)) marks.push(0);

  const words =
    description ??
    (kind === 'diverging' ? 'diverging colours, centred at 0' : 'sequential colours, darkest at the lowest value');
  const name = `${label}: ${words}; from ${format(lo)} to ${format(hi)}`;
  const heightPx = BAR_PX + 28;

  return (
    <figure className="color-legend" data-testid={testId}>
      <figcaption className="color-legend__caption">{label}</figcaption>
      <svg
        className="color-legend__svg"
        width={widthPx + 2 * SIDE_PX}
        height={heightPx}
        viewBox={`0 0 ${widthPx + 2 * SIDE_PX} ${heightPx}`}
        role="img"
        aria-label={name}
      >
        <defs>
          <linearGradient id={gradientId} x1="0" x2="1" y1="0" y2="0">
            {stops.map((t) => (
              <stop key={t} offset={t} stopColor={color(lo + (hi - lo) * t)} />
            ))}
          </linearGradient>
        </defs>
        <rect
          className="color-legend__bar"
          x={SIDE_PX}
          y={2}
          width={widthPx}
          height={BAR_PX}
          fill={`url(#${gradientId})`}
        />
        {marks.map((t) => {
          const zero = kind === 'diverging' && t === 0;
          return (
            <g key={t} className={zero ? 'color-legend__tick color-legend__tick--zero' : 'color-legend__tick'}>
              <line
                className="color-legend__mark"
                x1={x(t)}
                x2={x(t)}
                y1={zero ? 0 : BAR_PX + 2}
                y2={BAR_PX + 8}
                strokeWidth={zero ? 2.5 : 1}
              />
              <text x={x(t)} y={BAR_PX + 22} textAnchor="middle" className="color-legend__label">
                {format(t)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
