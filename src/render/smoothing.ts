/** The largest smoothing weight; at 1 the average would never move from its first value. */
export const MAX_SMOOTHING = 0.99;

/**
 * TensorBoard-style exponential moving average with debiasing: the running average starts at 0
 * and is divided by `1 − weight^n` (n = finite values seen so far), so early points are not
 * pulled towards 0. Returns a new array of the same length as `values`.
 *
 * `weight` is clamped to [0, 0.99] (NaN counts as 0); 0 returns the values unchanged. A
 * non-finite value (NaN, ±Infinity) passes through as itself and does not enter the average.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  const w = Number.isFinite(weight) ? Math.min(MAX_SMOOTHING, Math.max(0, weight)) : 0;
  const out: number[] = new Array<number>(values.length);
  let last = 0;
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    seen++;
    // 1 − w^n is 1 when w = 0 (0^n = 0 for n ≥ 1), so no special case is needed.
    out[i] = last / (1 - w ** seen);
  }
  return out;
}

/**
 * At most `max` of `points`, evenly spread by index: the first and the last are always kept and
 * index i of the result is `round(i · (n − 1) / (max − 1))`. Returns a new array (a copy when
 * `points.length ≤ max`); `max` below 1 gives [], `max` of 1 gives just the last point (the
 * latest value is the one a chart must not lose). The points themselves are not copied.
 */
export function downsample<T>(points: readonly T[], max: number): T[] {
  const n = points.length;
  const limit = Math.floor(max);
  if (!(limit >= 1)) return [];
  if (n <= limit) return points.slice();
  if (limit === 1) return [points[n - 1] as T];
  const out: T[] = new Array<T>(limit);
  for (let i = 0; i < limit; i++) out[i] = points[Math.round((i * (n - 1)) / (limit - 1))] as T;
  return out;
}
