import { describe, expect, it } from 'vitest';
import { classNaming, DIGIT_NAMING } from './classNaming';

describe('classNaming', () => {
  it('names MNIST digits by themselves, with the right article', () => {
    expect([DIGIT_NAMING.name(7), DIGIT_NAMING.inSentence(7), DIGIT_NAMING.inSentence(8)]).toEqual([
      '7',
      'a 7',
      'an 8',
    ]);
    expect(DIGIT_NAMING.noun).toBe('digit');
    expect(DIGIT_NAMING.names).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it("names a user's classes by their names, quoted in a sentence", () => {
    const naming = classNaming(['circle', 'cross']);
    expect([naming.name(1), naming.inSentence(0), naming.noun, naming.digits]).toEqual([
      'cross',
      '“circle”',
      'example',
      false,
    ]);
    expect(naming.name(5)).toBe('class 5'); // A label past the names (never from a matching model) still reads.
  });
});
