import { useMemo, useState } from 'react';
import { conv2d, KERNEL_PRESETS, type Matrix } from '../../core/convolution';
import { denseResponse, shiftImage, strongestResponse } from '../../core/translation';
import { useMnistDigit } from '../../hooks/useMnistDigit';
import { scaleFor, sequentialScale } from '../../render/colorScales';
import { HeatmapCanvas } from '../../widgets/HeatmapCanvas';
import { ChapterPage, Question } from './ChapterPage';
import { InvarianceSection } from './InvarianceSection';
import './WhyChapter.css';

const DIGIT = 0;
const EDGE = KERNEL_PRESETS.verticalEdge.kernel.map((row) => [...row]);

export function WhyChapter({ params }: { params: URLSearchParams }) {
  return (
    <ChapterPage
      slug="why-convolutions"
      lede={
        <>
          <p>
            A dense (fully connected) layer gives every pixel its own weight. A unit that has learned to recognise a
            stroke at one place in the image knows nothing about the same stroke two pixels to the right: to a dense
            layer, that is a different input, and it has to learn it again at every position.
          </p>
          <p>
            A convolution layer instead slides one small filter over the whole image. The same weights look at every
            position, so a pattern is found wherever it is, with far fewer weights. When the pattern moves, its response
            in the feature map moves with it by the same amount: the layer is <em>translation equivariant</em>. Pooling
            then adds a little <em>invariance</em>: a small shift often leaves the pooled value unchanged. Stacking such
            layers builds a <em>spatial hierarchy</em>: edges, then strokes and corners made of edges, then parts of
            digits.
          </p>
        </>
      }
      stage={<ShiftDemo />}
    >
      <Question
        id="why-shift"
        task="Move the digit 4 pixels to the right."
        question="What happens to the two responses?"
        options={[
          'Both drop',
          'The dense unit’s response drops; the filter’s strongest response stays the same and moves along',
          'Both stay the same',
        ]}
        answer={1}
        explanation="The dense unit multiplies each pixel by the weight for that exact position, so a moved digit meets the wrong weights. The filter computes the same sums at every position: its feature map moves with the digit (equivariance), and its strongest value is unchanged until the digit leaves the frame."
      />
      <div className="chapter__prose">
        <p>
          Counting weights makes the same point. A dense layer of 100 units on a 28×28 image has 78,400 weights; a
          convolution layer of 8 filters of 5×5 has 200, whatever the image size.
        </p>
        <h2>What convolution buys, measured</h2>
      </div>
      <InvarianceSection params={params} path="/learn/why-convolutions" />
    </ChapterPage>
  );
}

/** A digit moved by a slider, seen by a dense unit tuned to its original position and by a sliding edge filter. */
export function ShiftDemo() {
  const digit = useMnistDigit(DIGIT, true);
  const [dx, setDx] = useState(0);
  if (digit.status !== 'ready') {
    return (
      <p
        role={digit.status === 'error' ? 'alert' : 'status'}
        className={digit.status === 'error' ? 'error' : undefined}
      >
        {digit.status === 'error'
          ? `The MNIST digits could not be loaded: ${digit.message}`
          : 'Loading an MNIST digit…'}
      </p>
    );
  }
  return (
    <section className="shift-demo" aria-labelledby="shift-heading">
      <h2 id="shift-heading">Move the digit</h2>
      <label>
        Shift right by{' '}
        <input
          type="range"
          min={-6}
          max={6}
          value={dx}
          onChange={(event) => setDx(Number(event.target.value))}
          aria-valuetext={`${dx} pixels`}
        />{' '}
        <output>{dx} px</output>
      </label>
      <ShiftViews pixels={digit.pixels} dx={dx} />
    </section>
  );
}

function ShiftViews({ pixels, dx }: { pixels: Matrix; dx: number }) {
  const moved = useMemo(() => shiftImage(pixels, dx, 0), [pixels, dx]);
  const full = denseResponse(pixels, pixels);
  const dense = denseResponse(pixels, moved);
  const map = useMemo(
    () =>
      conv2d(moved, EDGE, { stride: 1, padding: 'valid', dilation: 1 }).map((row) => row.map((v) => Math.max(0, v))),
    [moved],
  );
  const strongest = strongestResponse(map);
  const grey = useMemo(() => sequentialScale([1]), []);
  const mapScale = useMemo(() => scaleFor(map.flat()), [map]);
  return (
    <div className="shift-demo__views">
      <figure>
        <HeatmapCanvas
          values={moved.flat()}
          rows={28}
          cols={28}
          color={grey}
          sizePx={140}
          label={`The digit moved ${dx} pixels`}
          testId="shifted-digit"
        />
        <figcaption>The input, moved {dx} px</figcaption>
      </figure>
      <figure>
        <HeatmapCanvas
          values={pixels.flat()}
          rows={28}
          cols={28}
          color={grey}
          sizePx={140}
          label="A dense unit's 784 weights: the digit where it was"
        />
        <figcaption>
          Dense unit: one weight per pixel. Response{' '}
          <strong data-testid="dense-response" data-value={dense / full}>
            {Math.round((100 * dense) / full)}%
          </strong>{' '}
          of its best.
        </figcaption>
      </figure>
      <figure>
        <HeatmapCanvas
          values={map.flat()}
          rows={map.length}
          cols={map[0]?.length ?? 0}
          color={mapScale.color}
          sizePx={130}
          label={`Feature map of a 3×3 vertical-edge filter, strongest ${strongest.value.toFixed(2)} at row ${strongest.row + 1}, column ${strongest.col + 1}`}
          testId="shift-feature-map"
        />
        <figcaption>
          Edge filter: 9 weights, slid everywhere. Strongest response{' '}
          <strong data-testid="conv-response" data-value={strongest.value} data-col={strongest.col}>
            {strongest.value.toFixed(2)}
          </strong>{' '}
          at column {strongest.col + 1}.
        </figcaption>
      </figure>
    </div>
  );
}
