/**
 * How tall the playground's network overview may be so that the controls above it and the chart
 * and figures below it share one screen with it.
 */

/** Below this the maps get too small to read; above it they stop gaining. */
export const MIN_STAGE_PX = 220;
export const MAX_STAGE_PX = 560;

/**
 * The CSS px left for the overview on a viewport `viewportPx` tall, once `reservedPx` (the site
 * header, the controls bar, the timeline, the chart row) is taken, kept within
 * [MIN_STAGE_PX, MAX_STAGE_PX].
 */
export function stageHeightPx(viewportPx: number, reservedPx: number): number {
  const left = Math.floor(viewportPx - reservedPx);
  return Math.min(MAX_STAGE_PX, Math.max(MIN_STAGE_PX, Number.isFinite(left) ? left : MIN_STAGE_PX));
}
