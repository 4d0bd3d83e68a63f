/**
 * What the home page shows: the pretrained network reading a test digit or a drawing, computed
 * with core/forwardPass so that the page loads no tfjs and starts no training worker.
 */
import { forwardPass } from '../core/forwardPass';
import type { DigitPack } from '../data/digitPack';
import type { LoadedModel } from '../data/modelFile';
import type { Snapshot } from '../protocol/messages';

/** The digit shown: test digit `index` of the pack, or a drawing (index and label −1), 28×28 in [0, 1]. */
export interface HomeInput {
  pixels: Float32Array;
  index: number;
  label: number;
}

/** Test digit `position` of the pack (wrapping around), its pixels scaled to [0, 1]. */
export function packDigit(pack: DigitPack, position: number): HomeInput {
  const count = pack.split.count;
  const i = ((position % count) + count) % count;
  const pixels = Float32Array.from(pack.split.images.subarray(i * 784, (i + 1) * 784), (v) => v / 255);
  return { pixels, index: pack.indices[i]!, label: pack.split.labels[i]! };
}

/**
 * The Snapshot the network widgets draw for `input`: every layer's activations and weights.
 * @throws RangeError when the model holds a layer kind forwardPass does not compute.
 */
export function homeSnapshot(model: LoadedModel, input: HomeInput): Snapshot {
  return {
    step: 0,
    sampleIndex: input.index,
    label: input.label,
    input: input.pixels,
    layers: forwardPass(model.spec, model.weights, input.pixels),
  };
}

/** The predicted digit and its softmax probability, from the snapshot's last layer. */
export function predictionOf(snapshot: Snapshot): { digit: number; probability: number } {
  const output = snapshot.layers.at(-1)?.activations ?? new Float32Array();
  let digit = 0;
  output.forEach((p, i) => {
    if (p > output[digit]!) digit = i;
  });
  return { digit, probability: output[digit] ?? 0 };
}

/** The prediction in words, e.g. "The network reads it as a 7 (softmax gives 99 %)." */
export function readingText(snapshot: Snapshot): string {
  const { digit, probability } = predictionOf(snapshot);
  // Softmax outputs add up to 1 but are not a calibrated confidence: quote the number as softmax's.
  return `The network reads it as ${digit === 8 ? 'an' : 'a'} ${digit} (softmax gives ${Math.round(probability * 100)} %).`;
}
