/**
 * Presenter view's stage: how much a picture is scaled so that it fits the part of the first screen
 * left to it, and how tall that part is.
 */

/** A width and a height in CSS pixels. */
export interface SizePx {
  widthPx: number;
  heightPx: number;
}

/**
 * The scale that makes `content` fit inside `box` (both in CSS pixels), at most `maxScale` (a small
 * grid is enlarged on a big screen, but only so far) and never 0 or negative: an empty or unmeasured
 * content or box gives 1, so nothing vanishes before it is measured.
 */
export function fitScale(content: SizePx, box: SizePx, maxScale = 1): number {
  if (content.widthPx <= 0 || content.heightPx <= 0 || box.widthPx <= 0 || box.heightPx <= 0) return 1;
  return Math.min(maxScale, box.widthPx / content.widthPx, box.heightPx / content.heightPx);
}

/** Where the stage sits on the page, all in CSS pixels from the top of the document. */
export interface StageSpan {
  /** Height of the browser's viewport (the first screen). */
  viewportHeightPx: number;
  /** Top of the picture's box. */
  pictureTopPx: number;
  /** What must fit under the picture on the first screen too (the stepper, the caption), down to its bottom. */
  belowPx: number;
  /** Room left empty under the last of it. */
  marginPx: number;
  /** The least height the picture gets, however little room there is (on a small screen the page scrolls). */
  minHeightPx: number;
}

/** The height the picture may take so that it and what follows it end on the first screen. */
export function stageHeight({ viewportHeightPx, pictureTopPx, belowPx, marginPx, minHeightPx }: StageSpan): number {
  return Math.max(minHeightPx, Math.floor(viewportHeightPx - pictureTopPx - belowPx - marginPx));
}
