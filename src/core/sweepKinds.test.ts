import { describe, expect, it } from 'vitest';
import { SWEEP_AMOUNTS, SWEEP_KINDS } from './sweepKinds';

describe('sweep amounts', () => {
  it('start unmoved and grow in even steps to 6 px and 30°', () => {
    expect(SWEEP_KINDS.map((kind) => SWEEP_AMOUNTS[kind])).toEqual([
      [0, 1, 2, 3, 4, 5, 6],
      [0, 5, 10, 15, 20, 25, 30],
    ]);
  });
});
