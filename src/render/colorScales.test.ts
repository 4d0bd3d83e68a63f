import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import {
  DIVERGING_MIDPOINT_COLOR,
  UNKNOWN_COLOR,
  divergingScale,
  legendTicks,
  scaleFor,
  sequentialScale,
  signedScale,
  textColorOn,
} from './colorScales';

// The ends of ColorBrewer RdBu as d3 draws them: t = 0 is dark red, t = 1 dark blue.
const DARK_RED = 'rgb(103, 0, 31)';
const DARK_BLUE = 'rgb(5, 48, 97)';

describe('divergingScale', () => {
  it('maps 0 to the exact midpoint colour of the RdBu ramp, which is near-white', () => {
    const color = divergingScale([-3, 1.5, 2]);
    expect(DIVERGING_MIDPOINT_COLOR).toBe(d3.interpolateRdBu(0.5));
    expect(DIVERGING_MIDPOINT_COLOR).toBe('rgb(242, 239, 238)');
    expect(color(0)).toBe(DIVERGING_MIDPOINT_COLOR);
  });

  it('uses the symmetric domain [−m, m] with m = max |v|, negative blue and positive red', () => {
    const color = divergingScale([-3, 1.5, 2]);
    expect(color(-3)).toBe(DARK_BLUE);
    expect(color(3)).toBe(DARK_RED);
    // Half-way to each end lands at a quarter of the ramp, on the matching side.
    expect(color(1.5)).toBe(d3.interpolateRdBu(0.25));
    expect(color(-1.5)).toBe(d3.interpolateRdBu(0.75));
  });

  it('takes m from the positive side when that is larger', () => {
    const color = divergingScale([-0.25, 0.5]);
    expect(color(0.5)).toBe(DARK_RED);
    expect(color(-0.5)).toBe(DARK_BLUE);
    expect(color(-0.25)).toBe(d3.interpolateRdBu(0.75));
  });

  it('falls back to m = 1 when every value is zero', () => {
    const color = divergingScale([0, 0, 0]);
    expect(color(0)).toBe(DIVERGING_MIDPOINT_COLOR);
    expect(color(1)).toBe(DARK_RED);
    expect(color(-1)).toBe(DARK_BLUE);
  });

  it('accepts typed arrays', () => {
    const color = divergingScale(new Float32Array([-2, 0, 1]));
    expect(color(-2)).toBe(DARK_BLUE);
    expect(color(2)).toBe(DARK_RED);
  });

  it('gives a visible grey, not an end colour, to NaN', () => {
    expect(divergingScale([-1, 1])(Number.NaN)).toBe(UNKNOWN_COLOR);
  });
});

describe('signedScale', () => {
  it('stays diverging around 0 when every value is positive, so red always means positive', () => {
    const scale = signedScale([0.5, 2]);
    expect(scale.kind).toBe('diverging');
    expect(scale.domain).toEqual([-2, 2]);
    expect(scale.color(2)).toBe(DARK_RED);
    expect(scale.color(0)).toBe(DIVERGING_MIDPOINT_COLOR);
  });
});

describe('sequentialScale', () => {
  it('maps 0 to the first Viridis colour and the maximum to the last', () => {
    const color = sequentialScale([0, 3, 7]);
    expect(color(0)).toBe('#440154');
    expect(color(7)).toBe('#fde725');
    expect(color(3.5)).toBe(d3.interpolateViridis(0.5));
  });

  it('falls back to the domain [0, 1] when every value is zero', () => {
    const color = sequentialScale([0, 0]);
    expect(color(0)).toBe('#440154');
    expect(color(1)).toBe('#fde725');
  });
});

describe('scaleFor', () => {
  it('chooses a diverging scale over [−m, m] as soon as one value is negative', () => {
    const scale = scaleFor([4, 0, -0.5, 2]);
    expect(scale.kind).toBe('diverging');
    expect(scale.domain).toEqual([-4, 4]);
    expect(scale.color(0)).toBe(DIVERGING_MIDPOINT_COLOR);
    expect(scale.color(-4)).toBe(DARK_BLUE);
    expect(scale.color(4)).toBe(DARK_RED);
    expect(scale.description).toMatch(/blue.*negative.*red.*positive/);
  });

  it('chooses a sequential scale over [0, max] for non-negative values', () => {
    const scale = scaleFor([0, 0.25, 0.75]);
    expect(scale.kind).toBe('sequential');
    expect(scale.domain).toEqual([0, 0.75]);
    expect(scale.color(0)).toBe('#440154');
    expect(scale.color(0.75)).toBe('#fde725');
  });

  it('treats an all-zero or empty grid as sequential over [0, 1]', () => {
    expect(scaleFor([0, 0, 0]).domain).toEqual([0, 1]);
    expect(scaleFor([]).kind).toBe('sequential');
    expect(scaleFor([]).domain).toEqual([0, 1]);
  });

  it('ignores non-finite values when sizing the domain', () => {
    expect(scaleFor([-2, Number.NaN, 1]).domain).toEqual([-2, 2]);
    expect(scaleFor([3, Number.POSITIVE_INFINITY]).domain).toEqual([0, 3]);
  });
});

describe('legendTicks', () => {
  it('returns round ticks inside a symmetric domain, always including 0', () => {
    expect(legendTicks([-0.83, 0.83], 5)).toEqual([-0.5, 0, 0.5]);
    expect(legendTicks([-4, 4], 5)).toEqual([-4, -2, 0, 2, 4]);
  });

  it('returns round ticks from 0 for a sequential domain', () => {
    expect(legendTicks([0, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(legendTicks([0, 255], 5)).toEqual([0, 50, 100, 150, 200, 250]);
  });

  it('returns the single value of a degenerate domain and nothing for a non-finite one', () => {
    expect(legendTicks([2, 2], 5)).toEqual([2]);
    expect(legendTicks([0, Number.NaN], 5)).toEqual([]);
  });
});

describe('textColorOn', () => {
  it('puts black text on light backgrounds and white text on dark ones', () => {
    expect(textColorOn('#ffffff')).toBe('#000');
    expect(textColorOn('#000000')).toBe('#fff');
    expect(textColorOn(DIVERGING_MIDPOINT_COLOR)).toBe('#000');
    expect(textColorOn(DARK_BLUE)).toBe('#fff');
    expect(textColorOn(DARK_RED)).toBe('#fff');
    expect(textColorOn('#440154')).toBe('#fff');
    expect(textColorOn('#fde725')).toBe('#000');
  });

  it('switches where the contrast with black overtakes the contrast with white', () => {
    // Mid grey #777 (luminance 0.184) is just past the crossover at 0.179; #757575 (0.178) is not.
    expect(textColorOn('#777777')).toBe('#000');
    expect(textColorOn('#757575')).toBe('#fff');
  });

  it('falls back to black for a colour it cannot parse', () => {
    expect(textColorOn('not a colour')).toBe('#000');
  });
});
