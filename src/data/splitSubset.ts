import type { MnistSplit } from './mnist';

/** Images `indices` of `split`, in that order, as a split of their own (copied: `split` stays as it is). */
export function splitSubset(split: MnistSplit, indices: ArrayLike<number>): MnistSplit {
  const pixels = split.count > 0 ? split.images.length / split.count : 0;
  const count = indices.length;
  const images = new Uint8Array(count * pixels);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const from = indices[i]!;
    images.set(split.images.subarray(from * pixels, (from + 1) * pixels), i * pixels);
    labels[i] = split.labels[from]!;
  }
  return { images, labels, count };
}
