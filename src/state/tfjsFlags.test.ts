import { describe, expect, it } from 'vitest';
import { takeTfjsFlags } from './tfjsFlags';

describe('tfjsflags in the address', () => {
  it('is removed for people, keeping the other parameters, and no flag survives', () => {
    expect(takeTfjsFlags('?a=1&tfjsflags=WEBGL_PACK:false&b=2', false)).toEqual({
      search: '?a=1&b=2',
      removed: true,
      flags: null,
    });
    expect(takeTfjsFlags('?tfjsflags=DEBUG:true', false)).toEqual({ search: '', removed: true, flags: null });
  });

  it('is handed to the engine in an automated browser, malformed entries dropped', () => {
    expect(takeTfjsFlags('?tfjsflags=WEBGL_FORCE_F16_TEXTURES:true,bad,:1,lower:2,WEBGL_VERSION:1', true)).toEqual({
      search: '',
      removed: true,
      flags: { WEBGL_FORCE_F16_TEXTURES: 'true', WEBGL_VERSION: '1' },
    });
  });

  it('leaves an address without it alone', () => {
    expect(takeTfjsFlags('?backend=wasm', true)).toEqual({ search: '?backend=wasm', removed: false, flags: null });
  });
});
