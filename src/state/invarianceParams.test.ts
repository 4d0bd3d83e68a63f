import { describe, expect, it } from 'vitest';
import { INVARIANCE_SCHEMA, parseInvarianceParams } from './invarianceParams';
import { serializeParams } from './urlSchema';

describe('invariance experiment address', () => {
  it('round-trips the sweep and leaves the default out of the address', () => {
    expect(parseInvarianceParams(serializeParams(INVARIANCE_SCHEMA, { sweep: 'rotate' })).value).toEqual({
      sweep: 'rotate',
    });
    expect(serializeParams(INVARIANCE_SCHEMA, { sweep: 'shift' }).toString()).toBe('');
  });

  it('falls back to shifting with a notice for an unknown sweep', () => {
    const parsed = parseInvarianceParams(new URLSearchParams('sweep=zoom'));
    expect(parsed.value.sweep).toBe('shift');
    expect(parsed.notices).toEqual(['sweep=zoom is not one of shift, rotate; using shift.']);
  });
});
