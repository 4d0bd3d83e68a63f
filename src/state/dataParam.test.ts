import { describe, expect, it } from 'vitest';
import { parseDataParam } from './dataParam';

const parse = (query: string) => parseDataParam(new URLSearchParams(query));

describe('parseDataParam', () => {
  it('reads MNIST, the working set and the built-in sets', () => {
    expect(parse('')).toEqual({ choice: { kind: 'mnist' }, notice: null });
    expect(parse('data=mnist')).toEqual({ choice: { kind: 'mnist' }, notice: null });
    expect(parse('data=mine')).toEqual({ choice: { kind: 'mine' }, notice: null });
    const shapes = parse('data=shapes').choice;
    expect(shapes.kind === 'builtIn' && shapes.set.name).toBe('Shapes');
  });

  it('falls back to MNIST with a notice naming the sets there are', () => {
    const { choice, notice } = parse(`data=${'x'.repeat(500)}`);
    expect(choice).toEqual({ kind: 'mnist' });
    expect(notice).toMatch(
      /^data=x{40} is not a data set here \(use one of mnist, mine, shapes, digits-017.*\); training on MNIST\.$/,
    );
  });
});
