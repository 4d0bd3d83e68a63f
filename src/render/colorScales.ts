/**
 * Colour scales for grids of numbers (inputs, kernels, feature maps) and their legends.
 * D3 is used here only to compute colours and ticks; nothing touches the DOM.
 *
 * - Signed data (weights, pre-activation outputs): a diverging scale centred exactly at 0,
 *   ColorBrewer RdBu reversed, so negative is blue, 0 is near-white and positive is red.
 *   RdBu is one of ColorBrewer's colour-blind-safe diverging schemes.
 * - Non-negative data (pixels, ReLU activations, pooled maps): sequential Viridis from 0 to
 *   the maximum, perceptually uniform and colour-blind-safe; dark purple at 0, yellow at max.
 *
 * The domain is always computed from the data the scale colours, so values never fall
 * outside it. D3's interpolators would clamp an outside value to the nearest end colour;
 * callers that share one scale across several grids must build it over all of their values.
 */
import * as d3 from 'd3';

export type ScaleKind = 'diverging' | 'sequential';

/** A colour scale together with what a legend needs to draw and describe it. */
export interface ColorScaleInfo {
  kind: ScaleKind;
  /** Maps a value in `domain` to a CSS colour string (`rgb(…)` or `#rrggbb`). */
  color: (value: number) => string;
  /** [lo, hi]: [−m, m] for diverging, [0, max] for sequential. */
  domain: [number, number];
  /** Plain-language description of the colours, for accessible labels. */
  description: string;
}

/** The colour a diverging scale gives to 0: the exact middle of the reversed RdBu ramp. */
export const DIVERGING_MIDPOINT_COLOR = d3.interpolateRdBu(0.5);

/** Colour for a value that is not a number (never expected; visible rather than silent). */
export const UNKNOWN_COLOR = '#b8bfcc';

const divergingInterpolator = (t: number) => d3.interpolateRdBu(1 - t);

/** Largest finite |v| over `values`, or 1 when there is none above 0 (all zero or empty). */
function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i] as number);
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m > 0 ? m : 1;
}

/** Largest finite value over `values`, or 1 when none is above 0. */
function maxValue(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m > 0 ? m : 1;
}

function diverging(m: number): ColorScaleInfo {
  const scale = d3.scaleDiverging<string>([-m, 0, m], divergingInterpolator).unknown(UNKNOWN_COLOR);
  return {
    kind: 'diverging',
    color: (v) => scale(v),
    domain: [-m, m],
    description: 'blue for negative values, near-white at 0, red for positive values',
  };
}

function sequential(max: number): ColorScaleInfo {
  const scale = d3.scaleSequential<string>([0, max], d3.interpolateViridis).unknown(UNKNOWN_COLOR);
  return {
    kind: 'sequential',
    color: (v) => scale(v),
    domain: [0, max],
    description: 'dark purple at 0 through green to yellow at the largest value',
  };
}

/**
 * Diverging colour function for signed values: domain [−m, m] with m = max |v| (1 when all
 * values are zero), so 0 maps to exactly {@link DIVERGING_MIDPOINT_COLOR}.
 */
export function divergingScale(values: ArrayLike<number>): (value: number) => string {
  return diverging(maxAbs(values)).color;
}

/** The diverging scale for signed quantities, even when every value happens to share one sign. */
export function signedScale(values: ArrayLike<number>): ColorScaleInfo {
  return diverging(maxAbs(values));
}

/** Sequential (Viridis) colour function for non-negative values: domain [0, max] (max = 1 when all are zero). */
export function sequentialScale(values: ArrayLike<number>): (value: number) => string {
  return sequential(maxValue(values)).color;
}

/**
 * The scale to use for `values`: diverging when any value is below 0, otherwise sequential.
 * For several grids that should be compared (a stack of feature maps, input and output of
 * one explorable), pass all of their values at once, e.g. `scaleFor(maps.flat(2))`.
 */
export function scaleFor(values: ArrayLike<number>): ColorScaleInfo {
  let anyNegative = false;
  for (let i = 0; i < values.length; i++) {
    if ((values[i] as number) < 0) {
      anyNegative = true;
      break;
    }
  }
  return anyNegative ? diverging(maxAbs(values)) : sequential(maxValue(values));
}

/**
 * About `count` round tick values inside `domain` for a legend (d3.ticks). For a domain that
 * spans 0 the ticks always include 0, since ticks are whole multiples of the step.
 */
export function legendTicks(domain: readonly [number, number], count = 5): number[] {
  const [lo, hi] = domain;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  return d3.ticks(Math.min(lo, hi), Math.max(lo, hi), count);
}

/** WCAG relative luminance of an sRGB colour with channels in 0..255. */
function relativeLuminance(r: number, g: number, b: number): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * Black or white, whichever has the higher WCAG contrast ratio against `background`
 * (any CSS colour d3.color can parse; unparseable colours get black).
 */
export function textColorOn(background: string): '#000' | '#fff' {
  const parsed = d3.color(background)?.rgb();
  if (!parsed) return '#000';
  const l = relativeLuminance(parsed.r, parsed.g, parsed.b);
  // Contrast with black is (l + 0.05) / 0.05, with white 1.05 / (l + 0.05).
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}
