import { useMemo } from 'react';
import type { Saliency as SaliencyData } from '../protocol/messages';
import { signedScale } from '../render/colorScales';
import { ColorLegend } from './ColorLegend';
import { useClassNaming } from '../hooks/useClassNaming';
import { HeatmapCanvas } from './HeatmapCanvas';
import './Saliency.css';

interface Props {
  /** The 28×28 image the network saw, row-major in [0, 1]. */
  input: Float32Array;
  saliency: SaliencyData;
}

/**
 * A saliency map: for each pixel, how fast the predicted class's score before softmax changes
 * with a little more ink there (the gradient of that score with respect to the input): a
 * sensitivity, not a share of the answer.
 */
export function Saliency({ input, saliency }: Props) {
  const { gradient } = saliency;
  const predictedClass = useClassNaming().name(saliency.predictedClass);
  const scale = useMemo(() => signedScale(gradient), [gradient]);
  const strongest = useMemo(() => strongestPixels(gradient, input), [gradient, input]);
  return (
    <figure className="saliency">
      <figcaption>
        <strong>Saliency for “{predictedClass}”</strong>: how sensitive the score of {predictedClass} before softmax is
        to each pixel. Red: a little more ink there would raise it; blue: lower it.
      </figcaption>
      <HeatmapCanvas
        values={gradient}
        rows={28}
        cols={28}
        color={scale.color}
        sizePx={140}
        testId="saliency-map"
        label={`Saliency map for the predicted ${predictedClass}: ${scale.description}. ${strongest}`}
      />
      <ColorLegend {...scale} label="Score change per unit of ink" widthPx={140} tickCount={3} />
    </figure>
  );
}

/** Words for the few pixels that matter most, for people who cannot see the map. */
function strongestPixels(gradient: Float32Array, input: Float32Array): string {
  const top = Array.from(gradient.keys())
    .sort((a, b) => Math.abs(gradient[b]!) - Math.abs(gradient[a]!))
    .slice(0, 3);
  const words = top.map(
    (i) =>
      `row ${Math.floor(i / 28) + 1}, column ${(i % 28) + 1} (${gradient[i]! > 0 ? 'raises' : 'lowers'}; ${input[i]! > 0.5 ? 'inked' : 'blank'})`,
  );
  return `Most sensitive pixels: ${words.join('; ')}.`;
}
