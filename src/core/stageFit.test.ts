import { describe, expect, it } from 'vitest';
import { fitScale, stageHeight } from './stageFit';

describe('fitScale', () => {
  it('shrinks by the tighter of the two sides', () => {
    // 800×300 into 400×200: width allows 0.5, height 0.667, so 0.5.
    expect(fitScale({ widthPx: 800, heightPx: 300 }, { widthPx: 400, heightPx: 200 })).toBe(0.5);
    // 300×800 into 600×400: height allows 0.5, width 2.
    expect(fitScale({ widthPx: 300, heightPx: 800 }, { widthPx: 600, heightPx: 400 }, 3)).toBe(0.5);
  });

  it('enlarges a small picture up to maxScale and no further', () => {
    expect(fitScale({ widthPx: 100, heightPx: 50 }, { widthPx: 300, heightPx: 120 }, 4)).toBe(2.4);
    expect(fitScale({ widthPx: 100, heightPx: 50 }, { widthPx: 300, heightPx: 120 }, 1.5)).toBe(1.5);
    expect(fitScale({ widthPx: 100, heightPx: 50 }, { widthPx: 300, heightPx: 120 })).toBe(1);
  });

  it('leaves an unmeasured picture or box at its own size', () => {
    expect(fitScale({ widthPx: 0, heightPx: 50 }, { widthPx: 300, heightPx: 120 }, 2)).toBe(1);
    expect(fitScale({ widthPx: 100, heightPx: 50 }, { widthPx: 300, heightPx: 0 }, 2)).toBe(1);
    expect(fitScale({ widthPx: 100, heightPx: 50 }, { widthPx: -3, heightPx: 120 }, 2)).toBe(1);
  });
});

describe('stageHeight', () => {
  it('is the first screen left under the picture top, less what follows it and the margin', () => {
    // 720 − 190 − 130 − 16 = 384.
    expect(
      stageHeight({ viewportHeightPx: 720, pictureTopPx: 190, belowPx: 130, marginPx: 16, minHeightPx: 100 }),
    ).toBe(384);
  });

  it('rounds down, so the last pixel row still fits', () => {
    expect(
      stageHeight({ viewportHeightPx: 720, pictureTopPx: 190.6, belowPx: 130, marginPx: 16, minHeightPx: 100 }),
    ).toBe(383);
  });

  it('never goes below the least height on a small screen', () => {
    expect(
      stageHeight({ viewportHeightPx: 360, pictureTopPx: 300, belowPx: 130, marginPx: 16, minHeightPx: 160 }),
    ).toBe(160);
  });
});
