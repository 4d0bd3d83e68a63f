import { describe, expect, it } from 'vitest';
import { MAX_STAGE_PX, MIN_STAGE_PX, stageHeightPx } from './stageHeight';

describe('stageHeightPx', () => {
  it('gives the overview what the other rows leave of the screen', () => {
    expect(stageHeightPx(720, 433)).toBe(287);
    expect(stageHeightPx(900.6, 433)).toBe(467);
  });

  it('never shrinks the maps below legibility nor grows them past use', () => {
    expect(stageHeightPx(500, 433)).toBe(MIN_STAGE_PX);
    expect(stageHeightPx(2160, 433)).toBe(MAX_STAGE_PX);
    expect(stageHeightPx(Number.NaN, 433)).toBe(MIN_STAGE_PX);
  });
});
