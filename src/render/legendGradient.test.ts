import { describe, expect, it } from 'vitest';
import { scaleFor } from './colorScales';
import { legendGradient } from './legendGradient';

describe('legendGradient', () => {
  it('runs from the colour of the domain’s low end to its high end, evenly spaced', () => {
    const scale = { domain: [0, 4] as [number, number], color: (v: number) => `rgb(${v * 10}, 0, 0)` };
    expect(legendGradient(scale, 3)).toBe(
      'linear-gradient(to right, rgb(0, 0, 0) 0.0%, rgb(20, 0, 0) 50.0%, rgb(40, 0, 0) 100.0%)',
    );
  });

  it('puts a diverging scale’s zero colour in the middle', () => {
    const scale = scaleFor([-2, 0.5, 2]);
    const gradient = legendGradient(scale, 5);
    expect(gradient).toContain(`${scale.color(0)} 50.0%`);
    expect(gradient.startsWith(`linear-gradient(to right, ${scale.color(-2)} 0.0%`)).toBe(true);
  });

  it('always has two stops at least', () => {
    const scale = { domain: [0, 1] as [number, number], color: (v: number) => (v < 0.5 ? 'black' : 'white') };
    expect(legendGradient(scale, 0)).toBe('linear-gradient(to right, black 0.0%, white 100.0%)');
  });
});
