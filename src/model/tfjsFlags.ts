/**
 * Applies TensorFlow.js flags that an automated test handed over (see state/tfjsFlags, which
 * takes them from the address): the one place the engine's numerics can be switched.
 */
import * as tf from '@tensorflow/tfjs';

/** TensorFlow.js flags from a test (see state/tfjsFlags): set before any backend starts; unknown ones are skipped. */
export function applyFlags(flags: Record<string, string> | undefined): string {
  if (!flags) return '';
  // Flags derived from others (WEBGL_RENDER_FLOAT32_ENABLED from WEBGL_FORCE_F16_TEXTURES) may be
  // cached already: forget every cached value so they are worked out again from the new ones.
  const cached = tf.env().getFlags();
  for (const name of Object.keys(cached)) delete cached[name];
  const applied: string[] = [];
  for (const [name, text] of Object.entries(flags)) {
    try {
      tf.env().set(name, flagValue(text));
      applied.push(`${name}=${text}`);
    } catch {
      // A flag this build does not register: ignore it, as tfjs does for the address.
    }
  }
  return applied.join(', ');
}

/** A flag's text as tfjs wants it: booleans and numbers typed, anything else as text. */
export function flagValue(text: string): boolean | number | string {
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}
