/**
 * Colour tokens for drawing APIs that cannot read CSS themselves (a canvas's fillStyle and
 * strokeStyle). The tokens are CSS custom properties defined in styles.css; SVG drawings use
 * them directly through classes and need no lookup.
 */

/**
 * The value of the colour token `token` (e.g. `'--draw-pad-ink'`) as it applies to `element`,
 * trimmed; `fallback` when the token is not set there (no stylesheet, or an element outside
 * the document). Reads the computed style, so call it when drawing, not on every pixel.
 */
export function cssColor(element: Element, token: `--${string}`, fallback: string): string {
  const value = getComputedStyle(element).getPropertyValue(token).trim();
  return value === '' ? fallback : value;
}
