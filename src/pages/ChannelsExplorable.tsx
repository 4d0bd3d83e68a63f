import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import {
  convLayout,
  impossibleReason,
  padMatrix,
  stepToCell,
  volumeChannel,
  windowAt,
  type ConvLayout,
  type Matrix,
  type Tap,
  type Volume,
} from '../core/convolution';
import { stepsPerSecond } from '../core/playback';
import { downscaleRgba, RGB_CHANNELS, syntheticRgb } from '../core/rgbImage';
import { useAnimationClock } from '../hooks/useAnimationClock';
import { useClassroomMode } from '../hooks/presenter';
import { useUrlState } from '../hooks/useUrlState';
import { scaleFor } from '../render/colorScales';
import { factor, plain, roundToHundredths } from '../render/numberFormat';
import { CHANNELS_SCHEMA, parseChannelsParams, type ChannelsParams } from '../state/channelsParams';
import {
  channelsConvSettings,
  channelTerms,
  featureMapsOf,
  filterCountChange,
  filtersOf,
  INPUT_SIZE_CHOICES,
  shownFilterOf,
} from '../state/channelsSettings';
import { wholeNumbers } from '../state/formBounds';
import { nextSeed } from '../state/reseed';
import { ColorLegend } from '../widgets/ColorLegend';
import { NumberGrid } from '../widgets/NumberGrid';
import { NumberSelect } from '../widgets/NumberSelect';
import { ParamNotices } from '../widgets/ParamNotices';
import { ClockStepper } from '../widgets/StepperControls';
import { VolumeDiagram } from '../widgets/VolumeDiagram';
import { ChoiceSelect } from '../widgets/ChoiceSelect';
import type { ExplorableProps } from './explorableProps';
import { StagePicture } from './StagePicture';
import './explorable.css';
import './ChannelsExplorable.css';

const PATH = '/learn/channels';
const CHANNEL_NAMES = ['R', 'G', 'B'] as const;
const CHANNEL_WORDS = ['Red', 'Green', 'Blue'] as const;
/** Cells are drawn as numbers up to this input size, as colours only above it. */
const MAX_SIZE_WITH_VALUES = 8;
/** Uploaded pictures are first drawn at most this many pixels on a side, then area-averaged. */
const MAX_UPLOAD_PX = 512;
const MAP_PX = 84;

/** RGBA pixels of an uploaded picture, kept so a new input size can be made from them. */
interface Picture {
  name: string;
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Black to full red, green or blue: the colour a value has in its own channel. */
const channelColor = (channel: number) => (value: number) => {
  const level = Math.round(Math.min(1, Math.max(0, value)) * 255);
  const rgb = [0, 0, 0];
  rgb[channel] = level;
  return `rgb(${rgb.join(',')})`;
};

/** Decodes an image file into its RGBA pixels (scaled down to MAX_UPLOAD_PX first); rejects when it is not a picture. */
async function readPicture(file: File): Promise<Picture> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, MAX_UPLOAD_PX / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas =
      typeof OffscreenCanvas === 'function'
        ? new OffscreenCanvas(width, height)
        : Object.assign(document.createElement('canvas'), { width, height });
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
    if (!context) throw new Error('no 2-D canvas');
    context.drawImage(bitmap, 0, 0, width, height);
    return { name: file.name, data: context.getImageData(0, 0, width, height).data, width, height };
  } finally {
    bitmap.close();
  }
}

/** `#/learn/channels`: N filters, each as deep as its RGB input, make N feature maps. */
export default function ChannelsExplorable({ params, path = PATH, framed = false }: ExplorableProps) {
  const initial = useMemo(() => parseChannelsParams(params), [params]);
  const [state, update] = useUrlState(path, CHANNELS_SCHEMA, initial);
  const [picture, setPicture] = useState<Picture | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const input = useMemo(
    () => (picture ? downscaleRgba(picture.data, picture.width, picture.height, state.size) : syntheticRgb(state.size)),
    [picture, state.size],
  );
  const filters = useMemo(
    () => filtersOf({ filters: state.filters, kernel: state.kernel, seed: state.seed }),
    [state.filters, state.kernel, state.seed],
  );
  const settings = channelsConvSettings(state);
  const layout = convLayout(state.size, state.size, state.kernel, state.kernel, settings);
  const impossible = impossibleReason(layout);
  const maps = useMemo(
    () => featureMapsOf(input, filters, channelsConvSettings({ stride: state.stride, pad: state.pad })),
    [input, filters, state.stride, state.pad],
  );
  // One scale for every map, so the shown map has the colours of its thumbnail below.
  const mapScale = useMemo(() => scaleFor(maps.flat(2)), [maps]);
  const cells = impossible ? 0 : layout.outputRows * layout.outputCols;
  const clock = useAnimationClock({ steps: cells, stepsPerSecond: stepsPerSecond(state.speed), autoPlay: true });
  const shown = shownFilterOf(state);
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    try {
      setPicture(await readPicture(file));
      setUploadError(null);
    } catch {
      setUploadError(
        `“${file.name}” could not be read as a picture, so the current image is kept. Try a PNG, JPEG, GIF or WebP file.`,
      );
    }
  };

  // Presenter view puts the settings, the channels, the filter and its map on one screen, the rest below.
  const { on: presenter } = useClassroomMode();
  const form = <ChannelsSettings state={state} update={update} />;
  const inputGrids = (
    <InputGrids input={input} layout={layout} step={clock.step} impossible={impossible} picture={picture} />
  );
  const upload = <InputUpload picture={picture} onFile={onFile} onReset={() => setPicture(null)} error={uploadError} />;
  const filterShown = impossible ? null : <FilterShown index={shown} count={state.filters} update={update} />;
  const filterProps = {
    input,
    filter: filters[shown]!,
    index: shown,
    map: maps[shown]!,
    layout,
    step: clock.step,
    outputScale: mapScale,
  };
  const filterHeading = impossible ? null : (
    <h2>
      Filter {shown + 1} of {state.filters}: {state.kernel}×{state.kernel}×3
    </h2>
  );
  const filterGrids = impossible ? null : <FilterGrids {...filterProps} />;
  const filterNotes = impossible ? null : <FilterNotes {...filterProps} />;
  const stepper = (
    <ClockStepper
      clock={clock}
      speed={state.speed}
      onSpeed={(speed) => update({ speed: speed as ChannelsParams['speed'] })}
    />
  );
  const allMaps = (
    <AllMaps maps={maps} scale={mapScale} layout={layout} shown={shown} onShow={(filter) => update({ filter })} />
  );

  return (
    <section className="explorable">
      {!framed && (
        <>
          <h1>Convolution over several channels</h1>
          <p className="explorable__lede">
            A colour image has three channels: red, green and blue. A filter has as many channels as its input, here 3.
            At each position it multiplies every channel by its own slice of weights and sums the products over{' '}
            <em>all</em> channels into <strong>one</strong> number. So each filter gives one feature map, and N filters
            give N feature maps: an output N deep.
          </p>
        </>
      )}
      <ParamNotices notices={initial.notices} />
      {impossible ? (
        <>
          {form}
          {inputGrids}
          {upload}
          <p role="alert" className="error" data-testid="ch-impossible">
            {impossible}
          </p>
        </>
      ) : presenter ? (
        <>
          <div className="explorable__stage" data-stage>
            <div className="explorable__bar">
              {form}
              {filterShown}
            </div>
            <StagePicture>
              <div className="explorable__grids explorable__grids--top">
                <div>{inputGrids}</div>
                <div>
                  {filterHeading}
                  {filterGrids}
                </div>
              </div>
            </StagePicture>
            {stepper}
          </div>
          {upload}
          {filterNotes}
          {allMaps}
        </>
      ) : (
        <>
          {form}
          {inputGrids}
          {upload}
          {filterHeading}
          {filterShown}
          {filterGrids}
          {filterNotes}
          {stepper}
          {allMaps}
        </>
      )}
    </section>
  );
}

interface InputGridsProps {
  input: Volume;
  layout: ConvLayout;
  step: number;
  impossible: string | null;
  picture: Picture | null;
}

/** The input's heading and its colour preview beside its three channels, the window under the filter outlined. */
function InputGrids({ input, layout, step, impossible, picture }: InputGridsProps) {
  const size = input.length;
  const cellPx = size <= MAX_SIZE_WITH_VALUES ? 40 : Math.max(5, Math.floor(260 / size));
  const current = impossible ? null : stepToCell(layout, Math.min(step, layout.outputRows * layout.outputCols - 1));
  const taps = current ? windowAt(layout, current.row, current.col) : [];
  const { top, bottom, left, right } = layout.pads;
  const padNote = top + bottom + left + right > 0 ? ' with zero-padding' : '';
  const source = picture ? `“${picture.name}”` : 'the sample picture';
  return (
    <>
      <h2>
        Input: {size}×{size}×3
      </h2>
      <div className="explorable__grids explorable__grids--top">
        <figure className="channels-explorable__preview">
          <figcaption className="channels-explorable__preview-caption">Colour image</figcaption>
          <RgbPreview input={input} label={`Colour preview of ${source}, ${size}×${size} cells`} />
        </figure>
        {CHANNEL_NAMES.map((name, ch) => (
          <NumberGrid
            key={name}
            testId={`ch-input-${ch}`}
            label={`${CHANNEL_WORDS[ch]} channel (${name}), ${size}×${size}${padNote}`}
            values={padMatrix(volumeChannel(input, ch), layout.pads)}
            paddedRing={layout.pads}
            cellSizePx={cellPx}
            showValues={size <= MAX_SIZE_WITH_VALUES}
            color={channelColor(ch)}
            highlight={taps.map(({ row, col }) => ({ row, col }))}
            highlightName="under the filter"
          />
        ))}
      </div>
    </>
  );
}

interface InputUploadProps {
  picture: Picture | null;
  onFile: (event: ChangeEvent<HTMLInputElement>) => void;
  onReset: () => void;
  error: string | null;
}

/** A picture of one's own as the input, and why one could not be read. */
function InputUpload({ picture, onFile, onReset, error }: InputUploadProps) {
  return (
    <>
      <div className="settings">
        <label>
          Use your own image <input type="file" accept="image/*" onChange={onFile} />
        </label>
        {picture && (
          <button type="button" onClick={onReset}>
            Back to the sample picture
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="error" data-testid="ch-image-error">
          {error}
        </p>
      )}
    </>
  );
}

/** The input as a colour picture: one pixel a cell on a canvas, scaled up by CSS. */
function RgbPreview({ input, label }: { input: Volume; label: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = input.length;
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context || size === 0) return;
    const image = context.createImageData(size, size);
    input.forEach((row, r) =>
      row.forEach((cell, c) => {
        const i = (r * size + c) * 4;
        cell.forEach((v, ch) => (image.data[i + ch] = Math.round(v * 255)));
        image.data[i + 3] = 255;
      }),
    );
    context.putImageData(image, 0, 0);
  }, [input, size]);
  return (
    <canvas
      ref={canvasRef}
      width={size}
      height={size}
      role="img"
      aria-label={label}
      data-testid="ch-preview"
      className="channels-explorable__picture"
    />
  );
}

interface FilterShownProps {
  index: number;
  count: number;
  update: (changes: Partial<ChannelsParams>) => void;
}

/** Which filter is shown (and written out) above the maps. */
function FilterShown({ index, count, update }: FilterShownProps) {
  return (
    <label className="settings">
      Filter shown{' '}
      <select value={index} onChange={(event) => update({ filter: Number(event.target.value) })}>
        {Array.from({ length: count }, (_, i) => (
          <option key={i} value={i}>
            {i + 1}
          </option>
        ))}
      </select>
    </label>
  );
}

interface FilterViewProps {
  input: Volume;
  filter: Volume;
  index: number;
  map: Matrix;
  layout: ConvLayout;
  step: number;
  /** The colour scale shared by all feature maps. */
  outputScale: ReturnType<typeof scaleFor>;
}

/** The shown filter's three slices and the feature map they write. */
function FilterGrids({ filter, index, map, layout, step, outputScale }: FilterViewProps) {
  const k = filter.length;
  const current = stepToCell(layout, Math.min(step, layout.outputRows * layout.outputCols - 1));
  const weightScale = scaleFor(filter.flat(2).concat(-1, 1));
  const outCellPx = layout.outputRows <= MAX_SIZE_WITH_VALUES ? 44 : Math.max(5, Math.floor(260 / layout.outputRows));
  return (
    <div className="explorable__grids">
      {CHANNEL_NAMES.map((name, ch) => (
        <NumberGrid
          key={name}
          testId={`ch-filter-${ch}`}
          label={`Filter ${index + 1}, ${CHANNEL_WORDS[ch]!.toLowerCase()} slice (${name}), ${k}×${k}`}
          values={volumeChannel(filter, ch)}
          cellSizePx={40}
          color={weightScale.color}
        />
      ))}
      <span className="explorable__operator" aria-hidden="true">
        →
      </span>
      <NumberGrid
        testId="ch-output"
        label={`Feature map ${index + 1}, ${layout.outputRows}×${layout.outputCols}`}
        values={map}
        cellSizePx={outCellPx}
        showValues={layout.outputRows <= MAX_SIZE_WITH_VALUES}
        color={outputScale.color}
        accent={current}
        accentName="being written"
        hidden={(row, col) => row * layout.outputCols + col >= step}
      />
    </div>
  );
}

/** The legends of the filter's weights and of the maps, and the sum being written. */
function FilterNotes({ input, filter, map, layout, step, outputScale }: FilterViewProps) {
  const current = stepToCell(layout, Math.min(step, layout.outputRows * layout.outputCols - 1));
  const taps = windowAt(layout, current.row, current.col);
  const weightScale = scaleFor(filter.flat(2).concat(-1, 1));
  return (
    <>
      <div className="explorable__grids">
        <ColorLegend {...weightScale} label="Filter weight" testId="ch-weight-legend" widthPx={160} />
        <ColorLegend {...outputScale} label="Feature map value (all maps)" testId="ch-output-legend" widthPx={160} />
      </div>
      <Calculation
        input={input}
        filter={filter}
        taps={taps}
        current={current}
        total={map[current.row]![current.col]!}
        pads={layout.pads}
      />
    </>
  );
}

interface CalculationProps {
  input: Volume;
  filter: Volume;
  taps: Tap[];
  current: { row: number; col: number };
  total: number;
  pads: ConvLayout['pads'];
}

/** Per channel, the products under the filter and their sum; then the three sums added into one number. */
function Calculation({ input, filter, taps, current, total, pads }: CalculationProps) {
  const terms = channelTerms(input, filter, taps, pads);
  return (
    <div className="explorable__calculation" aria-live="polite" data-testid="ch-calculation">
      <p>
        Output row {current.row + 1}, column {current.col + 1}:
      </p>
      <ul className="channels-explorable__sums">
        {CHANNEL_NAMES.map((name, ch) => (
          <li key={name} data-testid={`ch-calculation-${ch}`}>
            {ch > 0 && '+ '}
            {name}:{' '}
            {terms[ch]!.products.map((product) => `${factor(product.input)}·${factor(product.weight)}`).join(' + ')} ={' '}
            {plain(terms[ch]!.sum)}
          </li>
        ))}
      </ul>
      <p>
        <strong>
          = {terms.map(({ sum }) => factor(roundToHundredths(sum))).join(' + ')} = {plain(total)}
        </strong>
      </p>
    </div>
  );
}

interface AllMapsProps {
  maps: Matrix[];
  scale: ReturnType<typeof scaleFor>;
  layout: ConvLayout;
  shown: number;
  onShow: (filter: number) => void;
}

function AllMaps({ maps, scale, layout, shown, onShow }: AllMapsProps) {
  const n = maps.length;
  const cellPx = Math.max(3, Math.floor(MAP_PX / Math.max(layout.outputRows, layout.outputCols)));
  return (
    <>
      <h2 data-testid="ch-maps-heading">
        All {n} feature maps: {layout.outputRows}×{layout.outputCols}×{n}
      </h2>
      <p>
        Every filter looks at all three channels and writes one map. Stacked, the maps are the output volume, {n} deep:
        the next layer&apos;s filters will each be {n} channels deep. The maps share one colour scale, so their
        responses can be compared.
      </p>
      <VolumeDiagram
        testId="ch-volume"
        input={[layout.inputRows, layout.inputCols, RGB_CHANNELS]}
        kernel={layout.kernelRows}
        filters={n}
        output={[layout.outputRows, layout.outputCols]}
      />
      <ColorLegend {...scale} label="Feature map value" testId="ch-maps-legend" widthPx={160} />
      <ul className="channels-explorable__maps">
        {maps.map((map, i) => (
          <li
            key={i}
            className={
              i === shown ? 'channels-explorable__map channels-explorable__map--shown' : 'channels-explorable__map'
            }
          >
            <button
              type="button"
              onClick={() => onShow(i)}
              aria-pressed={i === shown}
              aria-label={`Show filter ${i + 1}`}
              className="channels-explorable__map-button"
            >
              <NumberGrid
                testId={`ch-map-${i}`}
                label={`Map ${i + 1}, ${layout.outputRows}×${layout.outputCols}`}
                values={map}
                cellSizePx={cellPx}
                showValues={false}
                color={scale.color}
              />
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function ChannelsSettings({
  state,
  update,
}: {
  state: ChannelsParams;
  update: (changes: Partial<ChannelsParams>) => void;
}) {
  return (
    <form className="settings" onSubmit={(event) => event.preventDefault()} aria-label="Convolution settings">
      <NumberSelect
        label="Input size"
        value={state.size}
        options={INPUT_SIZE_CHOICES}
        onChange={(size) => update({ size })}
      />
      <NumberSelect
        label="Filters"
        value={state.filters}
        options={wholeNumbers(CHANNELS_SCHEMA.filters)}
        onChange={(filters) => update(filterCountChange(state, filters))}
      />
      <NumberSelect
        label="Filter size"
        value={state.kernel}
        options={[...CHANNELS_SCHEMA.kernel.options]}
        onChange={(kernel) => update({ kernel: kernel as ChannelsParams['kernel'] })}
      />
      <NumberSelect
        label="Stride"
        value={state.stride}
        options={wholeNumbers(CHANNELS_SCHEMA.stride)}
        onChange={(stride) => update({ stride })}
      />
      <ChoiceSelect
        label="Padding"
        value={state.pad}
        options={CHANNELS_SCHEMA.pad.options}
        labelOf={(pad) => (pad === 'valid' ? 'valid (none)' : pad)}
        onChange={(pad) => update({ pad })}
      />
      <button type="button" onClick={() => update({ seed: nextSeed(state.seed, CHANNELS_SCHEMA.seed) })}>
        New random filters
      </button>
    </form>
  );
}
