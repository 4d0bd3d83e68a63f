import { describe, expect, it } from 'vitest';
import { field, isRecord, quote } from './untrustedJson';

describe('untrustedJson', () => {
  it('takes only JSON objects as records', () => {
    expect([{}, [], null, 'x', 3].map(isRecord)).toEqual([true, false, false, false, false]);
  });

  it('reads own properties only, so a __proto__ key is data and inherited names are missing', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    expect(field(parsed, '__proto__')).toEqual({ polluted: true });
    expect(field(parsed, 'polluted')).toBeUndefined();
    expect(field(parsed, 'toString')).toBeUndefined();
    expect(field(parsed, 'a')).toBe(1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('quotes values shortly for messages', () => {
    expect(quote(undefined)).toBe('missing');
    expect(quote('abc')).toBe('"abc"');
    expect(quote('x'.repeat(100))).toHaveLength(40);
  });
});
