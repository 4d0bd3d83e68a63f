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

/**
 * A few test digits beside random versions of them under the current augmentation, so the
 * ranges can be judged before training; redrawn when the settings change or on request.
 */
export function AugmentPreview({ augmentation, seed }: { augmentation: Augmentation; seed: number }) {
  const [draw, setDraw] = useState(0);
  return (
    <section className="augment-preview" aria-labelledby="augment-preview-heading" data-testid="augment-preview">
      <h2 id="augment-preview-heading">Augmentation preview</h2>
      <p className="hint">
        Test digits and {VERSIONS} random versions of each ({describeAugmentation(augmentation)}): what training batches
        look like. Every batch draws new versions; test images stay as they are.
      </p>
      {DIGITS.map((index) => (
        <PreviewRow key={index} index={index} augmentation={augmentation} seed={deriveSeed(seed, draw)} />
      ))}
      <button type="button" onClick={() => setDraw((n) => n + 1)}>
        Draw new versions
      </button>
    </section>
  );
}

function PreviewRow({ index, augmentation, seed }: { index: number; augmentation: Augmentation; seed: number }) {
  const digit = useMnistDigit(index, true);
  const original = useMemo(() => (digit.status === 'ready' ? Float32Array.from(digit.pixels.flat()) : null), [digit]);
  const { shift, rotate, scale, noise } = augmentation;
  const versions = useMemo(
    () =>
      original
        ? Array.from({ length: VERSIONS }, (_, k) =>
            augmentImage(original, { shift, rotate, scale, noise }, mulberry32(deriveSeed(seed, index * VERSIONS + k))),
          )
        : [],
    [original, shift, rotate, scale, noise, seed, index],
  );
  if (digit.status === 'error')
    return (
      <p role="alert">
        Test digit #{index} could not load: {digit.message}
      </p>
    );
  if (!original) return <p className="hint">Loading test digit #{index}…</p>;
  const name = `Test digit #${index} (a ${digit.status === 'ready' ? digit.label : '?'})`;
  return (
    <div className="augment-preview__row" data-testid="augment-row">
      <DigitCanvas pixels={original} label={`${name}, as it is`} sizePx={SIZE_PX} />
      <span className="augment-preview__arrow" aria-hidden="true">
        →
      </span>
      {versions.map((pixels, k) => (
        <DigitCanvas key={k} pixels={pixels} label={`${name}, augmented version ${k + 1}`} sizePx={SIZE_PX} />
      ))}
    </div>
  );
}
