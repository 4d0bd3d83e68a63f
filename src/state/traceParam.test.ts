import { describe, expect, it } from 'vitest';
import { parseTraceParam, withTrace } from './traceParam';

describe('the trace parameter', () => {
  it('reads layer, map, row and column, and writes them back the same way', () => {
    const parsed = parseTraceParam(new URLSearchParams('trace=2,13,5,7'));
    expect(parsed).toEqual({ cell: { layer: 2, map: 13, row: 5, col: 7 }, notice: null });
    expect(withTrace(new URLSearchParams('arch=x'), parsed.cell).toString()).toBe('arch=x&trace=2%2C13%2C5%2C7');
    expect(parseTraceParam(withTrace(new URLSearchParams(), parsed.cell)).cell).toEqual(parsed.cell);
  });

  it('is absent without a notice when not given, and removed by null', () => {
    expect(parseTraceParam(new URLSearchParams('lr=0.01'))).toEqual({ cell: null, notice: null });
    expect(withTrace(new URLSearchParams('trace=1,2,3,4&lr=0.01'), null).toString()).toBe('lr=0.01');
  });

  it('ignores a malformed value with a notice that shows the form', () => {
    for (const text of ['1,2,3', '1,2,3,4,5', 'a,b,c,d', '-1,0,0,0', '1.5,0,0,0', '', '99999,0,0,0']) {
      const parsed = parseTraceParam(new URLSearchParams({ trace: text }));
      expect(parsed.cell).toBeNull();
      expect(parsed.notice).toBe(
        `trace=${text} must be four whole numbers, layer,map,row,col (e.g. trace=0,3,10,12); no trace opened.`,
      );
    }
  });
});
