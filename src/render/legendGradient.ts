import type { ColorScaleInfo } from './colorScales';

/**
 * A CSS linear-gradient (left to right, low to high) sampling `scale` at `stops` evenly spaced
 * values of its domain: a colour legend drawn without a canvas.
 */
export function legendGradient(scale: Pick<ColorScaleInfo, 'color' | 'domain'>, stops = 9): string {
  const [lo, hi] = scale.domain;
  const count = Math.max(2, Math.floor(stops));
  const colours = Array.from({ length: count }, (_, i) => {
    const at = i / (count - 1);
    return `${scale.color(lo + (hi - lo) * at)} ${(at * 100).toFixed(1)}%`;
  });
  return `linear-gradient(to right, ${colours.join(', ')})`;
}
