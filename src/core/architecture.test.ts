import { describe, expect, it } from 'vitest';
import { archLayerLabel, formatArchShape } from './architecture';
import { conv } from './architectureBuilders';

describe('labels and formatting', () => {
  it('describes layers compactly', () => {
    expect(archLayerLabel(conv(64, 11, { stride: 4, padding: 2 }))).toBe('conv 64 11×11 s4 p2');
    expect(archLayerLabel(conv(8, [1, 7], { bias: false }))).toBe('conv 8 1×7 no bias');
    expect(archLayerLabel({ kind: 'maxPool', size: 3, stride: 2, ceilMode: true })).toBe('max pool 3×3 s2 ceil');
    expect(archLayerLabel({ kind: 'adaptiveAvgPool', size: 6 })).toBe('adaptive avg pool 6×6');
    expect(archLayerLabel({ kind: 'adaptiveAvgPool' })).toBe('global avg pool');
  });

  it('formats shapes with multiplication signs and unknown shapes as a question mark', () => {
    expect(formatArchShape([7, 7, 2048])).toBe('7×7×2048');
    expect(formatArchShape([1000])).toBe('1000');
    expect(formatArchShape([])).toBe('?');
  });
});
