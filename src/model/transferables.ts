/** What a trainer event can move to the page instead of copying. */
import type { LayerSnapshot } from '../protocol/messages';

/** The buffers of a snapshot's arrays (input, and each layer's activations, kernel and bias), moved (not copied) to the page. */
export function buffersOf(input: Float32Array, layers: LayerSnapshot[]): Transferable[] {
  const buffers = [
    input.buffer,
    ...layers.flatMap((l) => [l.activations.buffer, l.kernel?.values.buffer, l.bias?.buffer]),
  ];
  return buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
