import { afterEach, describe, expect, it, vi } from 'vitest';
import { cssColor } from './cssColor';

/** A stand-in for the browser's getComputedStyle: custom properties per element. */
function stubComputedStyle(styles: Map<Element, Record<string, string>>) {
  vi.stubGlobal('getComputedStyle', (element: Element) => ({
    getPropertyValue: (name: string) => styles.get(element)?.[name] ?? '',
  }));
}

describe('cssColor', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads the token as computed for the given element, without the spaces CSS keeps around it', () => {
    const pad = {} as Element;
    const other = {} as Element;
    stubComputedStyle(
      new Map([
        [pad, { '--draw-pad-ink': ' #123456' }],
        [other, { '--draw-pad-ink': '#abcdef' }],
      ]),
    );
    expect(cssColor(pad, '--draw-pad-ink', '#000000')).toBe('#123456');
    expect(cssColor(other, '--draw-pad-ink', '#000000')).toBe('#abcdef');
  });

  it('falls back when the token is not set for the element', () => {
    const pad = {} as Element;
    stubComputedStyle(new Map([[pad, { '--draw-pad-paper': '#fefefe' }]]));
    expect(cssColor(pad, '--draw-pad-ink', '#0a0b0c')).toBe('#0a0b0c');
  });
});
