import { useMemo, useState } from 'react';
import { augmentImage, describeAugmentation, type Augmentation } from '../core/augment';
import { deriveSeed, mulberry32 } from '../core/random';
import { useMnistDigit } from '../hooks/useMnistDigit';
import { DigitCanvas } from './DigitCanvas';
import './AugmentPreview.css';

/** Test digits shown, and random versions drawn of each. */
const DIGITS = [0, 1, 2];
const VERSIONS = 5;
const SIZE_PX = 56;

/** An image to preview, and how the page names it. */
export interface PreviewImage {
  name: string;
  pixels: Float32Array;
}

/**
 * A few test digits (or the given `images`, e.g. one of each of a user's classes) beside random
 * versions of them under the current augmentation, so the ranges can be judged before training;
 * redrawn when the settings change or on request.
 */
export function AugmentPreview({
  augmentation,
  seed,
  images,
}: {
  augmentation: Augmentation;
  seed: number;
  images?: PreviewImage[];
}) {
  const [draw, setDraw] = useState(0);
  const drawSeed = deriveSeed(seed, draw);
  return (
    <section className="augment-preview" aria-labelledby="augment-preview-heading" data-testid="augment-preview">
      <h2 id="augment-preview-heading">Augmentation preview</h2>
      <p className="hint">
        {images ? 'Examples' : 'Test digits'} and {VERSIONS} random versions of each (
        {describeAugmentation(augmentation)}): what training batches look like. Every batch draws new versions; test
        images stay as they are.
      </p>
      {images
        ? images.map((image, row) => (
            <PreviewRow key={row} row={row} image={image} augmentation={augmentation} seed={drawSeed} />
          ))
        : DIGITS.map((index) => (
            <MnistPreviewRow key={index} index={index} augmentation={augmentation} seed={drawSeed} />
          ))}
      <button type="button" onClick={() => setDraw((n) => n + 1)}>
        Draw new versions
      </button>
    </section>
  );
}

function MnistPreviewRow({ index, augmentation, seed }: { index: number; augmentation: Augmentation; seed: number }) {
  const digit = useMnistDigit(index, true);
  const image = useMemo(
    () =>
      digit.status === 'ready'
        ? { name: `Test digit #${index} (a ${digit.label})`, pixels: Float32Array.from(digit.pixels.flat()) }
        : null,
    [digit, index],
  );
  if (digit.status === 'error')
    return (
      <p role="alert">
        Test digit #{index} could not load: {digit.message}
      </p>
    );
  if (!image) return <p className="hint">Loading test digit #{index}…</p>;
  return <PreviewRow row={index} image={image} augmentation={augmentation} seed={seed} />;
}

function PreviewRow({
  row,
  image,
  augmentation,
  seed,
}: {
  row: number;
  image: PreviewImage;
  augmentation: Augmentation;
  seed: number;
}) {
  const { shift, rotate, scale, noise } = augmentation;
  const versions = useMemo(
    () =>
      Array.from({ length: VERSIONS }, (_, k) =>
        augmentImage(image.pixels, { shift, rotate, scale, noise }, mulberry32(deriveSeed(seed, row * VERSIONS + k))),
      ),
    [image, shift, rotate, scale, noise, seed, row],
  );
  return (
    <div className="augment-preview__row" data-testid="augment-row">
      <DigitCanvas pixels={image.pixels} label={`${image.name}, as it is`} sizePx={SIZE_PX} />
      <span className="augment-preview__arrow" aria-hidden="true">
        →
      </span>
      {versions.map((pixels, k) => (
        <DigitCanvas key={k} pixels={pixels} label={`${image.name}, augmented version ${k + 1}`} sizePx={SIZE_PX} />
      ))}
    </div>
  );
}
