/**
 * How the explorables write numbers in text: sums and products in the calculation lines,
 * and values in the network view's status lines and tables. Minus signs are typographic (−).
 */
import * as d3 from 'd3';

const MINUS = '\u2212';

/** `value` rounded to 2 decimals (halves up): what {@link plain} writes, as a number. */
export function roundToHundredths(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A number as written in a sum: rounded to at most 2 decimals, no trailing zeros, typographic minus; −0 reads 0. */
export function plain(value: number): string {
  const rounded = roundToHundredths(value);
  return rounded === 0 ? '0' : String(rounded).replace('-', MINUS);
}

/**
 * A factor in a written product: `format(value)`, in parentheses when negative, as on a
 * blackboard. The format defaults to {@link plain}; a page whose grids show fixed decimals
 * passes its cell format so the products match the cells.
 */
export function factor(value: number, format: (value: number) => string = plain): string {
  const text = format(value);
  return value < 0 ? `(${text})` : text;
}

const threeSignificant = d3.format('.3~g');

/** At most 3 significant digits, trailing zeros dropped (d3 '.3~g', with its − sign); NaN and ±Infinity as words. */
export function significant(value: number): string {
  return Number.isFinite(value) ? threeSignificant(value) : String(value);
}
