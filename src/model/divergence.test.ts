import { describe, expect, it } from 'vitest';
import { blowUp, DIVERGED_LOSS, DIVERGED_RUN, divergedMessage, highLossRunAfter } from './divergence';

describe('highLossRunAfter', () => {
  it('counts batches above DIVERGED_LOSS in a row and starts over at one below it', () => {
    expect(highLossRunAfter(DIVERGED_LOSS + 0.5, 3)).toBe(4);
    expect(highLossRunAfter(DIVERGED_LOSS, 3)).toBe(0);
    expect(highLossRunAfter(2.3, 17)).toBe(0);
    expect(highLossRunAfter(Infinity, 0)).toBe(1);
    expect(highLossRunAfter(Number.NaN, 6)).toBe(0);
  });
});

describe('blowUp', () => {
  it('is null for a finite loss until DIVERGED_RUN high batches in a row', () => {
    expect(blowUp(16.1, DIVERGED_RUN - 1)).toBeNull();
    expect(blowUp(0.4, 0)).toBeNull();
    expect(blowUp(16.1, DIVERGED_RUN)).toBe('stayed above 10 for 20 batches');
  });

  it('names a loss that is not a number at once', () => {
    expect(blowUp(Number.NaN, 0)).toBe('became NaN');
    expect(blowUp(Infinity, 1)).toBe('became Infinity');
    expect(blowUp(-Infinity, 0)).toBe('became -Infinity');
  });
});

describe('divergedMessage', () => {
  it('says where the loss blew up and suggests a rate ten times lower', () => {
    expect(divergedMessage('became NaN', 42, 0.5, 'sgd')).toBe(
      'Training stopped: the loss became NaN at step 42, so the weights blew up. The learning rate (0.5) is probably too high for sgd: press Reset and try 0.05.',
    );
  });
});
