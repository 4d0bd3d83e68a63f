import { describe, expect, it } from 'vitest';
import { MAX_FRAME_MS, advance } from './useAnimationClock';

describe('advance', () => {
  it('moves the position by elapsed seconds times steps per second', () => {
    expect(advance(0, 50, 10, 9)).toBe(0.5);
    expect(advance(2.25, 25, 20, 9)).toBe(2.75);
  });

  it('keeps the fraction so that short frames add up to whole steps', () => {
    let position = 0;
    for (let i = 0; i < 8; i++) position = advance(position, 62.5, 2, 9);
    expect(position).toBe(1);
  });

  it('stops exactly at the last step', () => {
    expect(advance(8.5, 100, 10, 9)).toBe(9);
    expect(advance(9, 16, 10, 9)).toBe(9);
  });

  it('counts at most MAX_FRAME_MS of one frame, so a long pause does not jump ahead', () => {
    expect(MAX_FRAME_MS).toBe(100);
    expect(advance(1, 5_000, 10, 9)).toBe(2);
  });

  it('does not move for no time, negative or NaN time, or a zero or invalid speed', () => {
    expect(advance(3.5, 0, 10, 9)).toBe(3.5);
    expect(advance(3.5, -20, 10, 9)).toBe(3.5);
    expect(advance(3.5, Number.NaN, 10, 9)).toBe(3.5);
    expect(advance(3.5, 50, 0, 9)).toBe(3.5);
    expect(advance(3.5, 50, -4, 9)).toBe(3.5);
    expect(advance(3.5, 50, Number.POSITIVE_INFINITY, 9)).toBe(3.5);
  });

  it('clamps a position that lies outside 0..steps', () => {
    expect(advance(12, 0, 10, 9)).toBe(9);
    expect(advance(-1, 0, 10, 9)).toBe(0);
    expect(advance(0, 50, 10, 0)).toBe(0);
  });
});
