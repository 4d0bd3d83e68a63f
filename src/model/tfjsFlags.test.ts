import { describe, expect, it } from 'vitest';
import { flagValue } from './tfjsFlags';

describe('tfjs flags for the engine', () => {
  it('types flag values as tfjs expects', () => {
    expect([flagValue('true'), flagValue('false'), flagValue('4096'), flagValue('x'), flagValue('')]).toEqual([
      true,
      false,
      4096,
      'x',
      '',
    ]);
  });
});
