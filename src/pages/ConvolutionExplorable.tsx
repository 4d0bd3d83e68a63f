import { useMemo } from 'react';
import {
  cellTerms,
  conv2d,
  convLayout,
  impossibleReason,
  KERNEL_PRESETS,
  outputSizeFormula,
  padMatrix,
  stepToCell,
  windowAt,
  type CellTerms,
  type Matrix,
} from '../core/convolution';
import { useAnimationClock } from '../hooks/useAnimationClock';
import { useClassroomMode } from '../hooks/presenter';
import { useMnistDigit } from '../hooks/useMnistDigit';
import { useUrlState } from '../hooks/useUrlState';
import { scaleFor } from '../render/colorScales';
import { factor } from '../render/numberFormat';
import {
  bumpedCells,
  convolutionStepsPerSecond,
  convSettingsOf,
  inputOf,
  kernelOf,
  kernelSizeChange,
} from '../state/convolutionSettings';
import { CONVOLUTION_SCHEMA, parseConvolutionParams, type ConvolutionParams } from '../state/explorableParams';
import { accepts, wholeNumbers } from '../state/formBounds';
import { nextRandomGrid } from '../state/reseed';
import { ColorLegend } from '../widgets/ColorLegend';
import { formatCellValue, NumberGrid } from '../widgets/NumberGrid';
import { NumberSelect } from '../widgets/NumberSelect';
import { ParamNotices } from '../widgets/ParamNotices';
import { ClockStepper } from '../widgets/StepperControls';
import { ChoiceSelect } from '../widgets/ChoiceSelect';
import type { ExplorableProps } from './explorableProps';
import { StagePicture } from './StagePicture';
import './explorable.css';
import './ConvolutionExplorable.css';

const PATH = '/learn/convolution';
const CELL_PX = 56;

/** Big cells with numbers for small grids; a 28×28 digit gets small coloured cells. */
function cellPx(rows: number): number {
  return rows > 12 ? 12 : CELL_PX;
}

const INPUT_LABELS: Record<ConvolutionParams['input'], string> = {
  grid: 'a small grid',
  digit: 'an MNIST digit (28×28)',
};

/** Words for each padding choice of the URL schema. */
function padLabel(pad: ConvolutionParams['pad']): string {
  if (pad === 'valid') return 'valid (none)';
  return pad === 'same' || pad === 'full' ? pad : `${pad} on every side`;
}

/** `#/learn/convolution`: a kernel sliding over a grid, every product and sum on show. */
export default function ConvolutionExplorable({ params, path = PATH, framed = false }: ExplorableProps) {
  const initial = useMemo(() => parseConvolutionParams(params), [params]);
  const [state, update] = useUrlState(path, CONVOLUTION_SCHEMA, initial);
  const digit = useMnistDigit(state.digit, state.input === 'digit');
  const grid = useMemo(() => inputOf(state), [state]);
  const input = state.input === 'digit' && digit.status === 'ready' ? digit.pixels : grid;
  const kernel = useMemo(() => kernelOf(state), [state]);
  const settings = convSettingsOf(state);
  const layout = convLayout(input.length, input[0]!.length, state.kernel, state.kernel, settings);
  const impossible = impossibleReason(layout);
  const output = impossible ? [] : conv2d(input, kernel, settings, state.bias);
  const cells = impossible ? 0 : layout.outputRows * layout.outputCols;
  const clock = useAnimationClock({
    steps: cells,
    stepsPerSecond: convolutionStepsPerSecond(cells, state.speed),
    autoPlay: true,
  });
  const waiting = state.input === 'digit' && digit.status !== 'ready';
  // Presenter view puts the settings, the picture and the stepper on one screen, the rest below.
  const { on: presenter } = useClassroomMode();
  const form = <ConvolutionSettings state={state} update={update} />;
  const view = waiting ? (
    <p
      role={digit.status === 'error' ? 'alert' : 'status'}
      className={digit.status === 'error' ? 'error' : undefined}
      data-testid="conv-digit-status"
    >
      {digit.status === 'error'
        ? `The MNIST digits could not be loaded: ${digit.message}`
        : 'Loading the MNIST test digits (1.6 MB)…'}
    </p>
  ) : (
    <ConvolutionView
      input={input}
      kernel={kernel}
      output={output}
      state={state}
      layout={layout}
      step={clock.step}
      impossible={impossible}
      onInputClick={(row, col) => {
        if (state.input === 'grid') update({ cells: bumpedCells(input, row, col) });
      }}
    />
  );
  const stepper = (
    <ClockStepper
      clock={clock}
      speed={state.speed}
      onSpeed={(speed) => update({ speed: speed as ConvolutionParams['speed'] })}
    />
  );

  return (
    <section className="explorable">
      {!framed && (
        <>
          <h1>The convolution operation</h1>
          <p className="explorable__lede">
            A small grid of weights, the <em>kernel</em>, slides over the input. At each position it multiplies the
            cells under it by its weights and adds the products (and a bias) into one output cell. Change the settings
            and watch the output size follow.
          </p>
        </>
      )}
      <ParamNotices notices={initial.notices} />
      {presenter ? (
        <div className="explorable__stage" data-stage>
          {form}
          {view}
          {stepper}
        </div>
      ) : (
        <>
          {form}
          {view}
        </>
      )}
      <KernelEditor kernel={kernel} onChange={(weights) => update({ preset: 'custom', weights })} />
      <p className="explorable__formula" data-testid="conv-formula">
        Output size: rows {outputSizeFormula(layout, 'rows')}; columns {outputSizeFormula(layout, 'cols')}.
      </p>
      <DilationNote kernel={state.kernel} dilation={state.dilation} />
      {state.pad === 'same' && <SamePaddingNote layout={layout} />}
      {!presenter && stepper}
    </section>
  );
}

interface ViewProps {
  input: Matrix;
  kernel: Matrix;
  output: Matrix;
  state: ConvolutionParams;
  layout: ReturnType<typeof convLayout>;
  step: number;
  /** Why no output exists, or null. */
  impossible: string | null;
  /** A click on an input cell (padding excluded), in input coordinates. */
  onInputClick: (row: number, col: number) => void;
}

function ConvolutionView({ input, kernel, output, state, layout, step, impossible, onInputClick }: ViewProps) {
  const padded = padMatrix(input, layout.pads);
  const { top, bottom, left, right } = layout.pads;
  const padNote =
    top + bottom + left + right > 0
      ? ` with zero-padding (top ${top}, bottom ${bottom}, left ${left}, right ${right})`
      : '';
  const current = impossible ? null : stepToCell(layout, Math.min(step, layout.outputRows * layout.outputCols - 1));
  const taps = current ? windowAt(layout, current.row, current.col) : [];
  const outputScale = scaleFor(output.flat());
  return (
    <>
      <StagePicture>
        <div className="explorable__grids">
          <NumberGrid
            testId="conv-input"
            label={`Input${state.input === 'digit' ? ` (MNIST test digit #${state.digit})` : ''}, ${layout.inputRows}×${layout.inputCols}${padNote}`}
            values={padded}
            cellSizePx={cellPx(padded.length)}
            paddedRing={layout.pads}
            highlight={taps.map(({ row, col }) => ({ row, col }))}
            highlightName="under the kernel"
            onCellClick={(row, col) => {
              const r = row - top;
              const c = col - left;
              if (r >= 0 && c >= 0 && r < layout.inputRows && c < layout.inputCols) onInputClick(r, c);
            }}
          />
          <span className="explorable__operator" aria-hidden="true">
            ∗
          </span>
          <NumberGrid
            testId="conv-kernel"
            label={`Kernel, ${state.kernel}×${state.kernel}`}
            values={kernel}
            cellSizePx={CELL_PX}
          />
          <span className="explorable__operator" aria-hidden="true">
            =
          </span>
          {current ? (
            <NumberGrid
              testId="conv-output"
              label={`Output, ${layout.outputRows}×${layout.outputCols}`}
              values={output}
              cellSizePx={cellPx(padded.length)}
              color={outputScale.color}
              accent={current}
              accentName="being written"
              hidden={(row, col) => row * layout.outputCols + col >= step}
            />
          ) : (
            <p role="alert" className="error" data-testid="conv-impossible">
              {impossible}
            </p>
          )}
        </div>
        {current && <ColorLegend {...outputScale} label="Output value" testId="conv-legend" />}
      </StagePicture>
      {current && (
        <>
          <Calculation
            padded={padded}
            kernel={kernel}
            taps={taps}
            current={current}
            terms={cellTerms(input, kernel, layout, current.row, current.col, state.bias)}
          />
        </>
      )}
    </>
  );
}

interface CalculationProps {
  padded: Matrix;
  kernel: Matrix;
  taps: ReturnType<typeof windowAt>;
  current: { row: number; col: number };
  terms: CellTerms;
}

/** The products under the kernel and their sum, written out for the cell being computed. */
function Calculation({ padded, kernel, taps, current, terms }: CalculationProps) {
  return (
    <p className="explorable__calculation" aria-live="polite" data-testid="conv-calculation">
      Output row {current.row + 1}, column {current.col + 1}:{' '}
      {taps.map((tap, i) => (
        <span
          key={`${tap.kr}-${tap.kc}`}
          className={tap.isPadding ? 'explorable__term explorable__term--padding' : 'explorable__term'}
        >
          {i > 0 && ' + '}
          {factor(padded[tap.row]![tap.col]!, formatCellValue)}·{factor(kernel[tap.kr]![tap.kc]!, formatCellValue)}
        </span>
      ))}{' '}
      = {formatCellValue(terms.sum)}
      {terms.bias !== 0 && ` + bias ${formatCellValue(terms.bias)} = ${formatCellValue(terms.value)}`}
    </p>
  );
}

/** What dilation does to the kernel's reach, with the current numbers. */
function DilationNote({ kernel, dilation }: { kernel: number; dilation: number }) {
  const span = dilation * (kernel - 1) + 1;
  return (
    <p className="hint" data-testid="conv-dilation-note">
      Dilation d spreads the kernel&apos;s taps d cells apart, so a k×k kernel spans d·(k − 1) + 1 cells per side, and
      the formula above subtracts that span. Here {dilation}·({kernel} − 1) + 1 = {span}
      {dilation === 1
        ? ': with dilation 1 the span is just the kernel size.'
        : ` cells, with ${dilation - 1} skipped ${dilation === 2 ? 'cell' : 'cells'} between neighbouring taps.`}
    </p>
  );
}

/** What 'same' padding promises, and where TensorFlow puts an odd zero. */
function SamePaddingNote({ layout }: { layout: ReturnType<typeof convLayout> }) {
  const { top, bottom, left, right } = layout.pads;
  const uneven = top !== bottom || left !== right;
  return (
    <p className="hint" data-testid="conv-same-note">
      “Same” padding adds just enough zeros for the output to have ⌈n / stride⌉ cells per side
      {layout.stride === 1
        ? `, so at stride 1 it keeps the input's ${layout.inputRows}×${layout.inputCols} size`
        : ''}.{' '}
      {uneven
        ? `Here the zeros needed are odd in number (${top + bottom} rows, ${left + right} columns), and TensorFlow puts the extra one after the input: ${top} above and ${bottom} below, ${left} left and ${right} right.`
        : `Here they split evenly: ${top} on every side.`}
    </p>
  );
}

/** One number field per kernel weight: editing any of them makes the kernel custom. */
function KernelEditor({ kernel, onChange }: { kernel: Matrix; onChange: (weights: number[]) => void }) {
  const k = kernel.length;
  return (
    <fieldset className="kernel-editor">
      <legend>Kernel weights (edit any; click an input cell to raise it by 1)</legend>
      <div className="kernel-editor__grid" style={{ gridTemplateColumns: `repeat(${k}, 4.5rem)` }}>
        {kernel.flatMap((row, r) =>
          row.map((value, c) => (
            <input
              key={`${r}-${c}`}
              type="number"
              step="any"
              min={CONVOLUTION_SCHEMA.weights.min}
              max={CONVOLUTION_SCHEMA.weights.max}
              aria-label={`Kernel row ${r + 1}, column ${c + 1}`}
              value={Number(value.toFixed(4))}
              onChange={(event) => {
                const next = Number(event.target.value);
                if (event.target.value === '' || !accepts(CONVOLUTION_SCHEMA.weights, next)) return;
                const weights = kernel.flat();
                weights[r * k + c] = next;
                onChange(weights);
              }}
            />
          )),
        )}
      </div>
    </fieldset>
  );
}

function ConvolutionSettings({
  state,
  update,
}: {
  state: ConvolutionParams;
  update: (changes: Partial<ConvolutionParams>) => void;
}) {
  const presetNames = CONVOLUTION_SCHEMA.preset.options.filter((name) => name !== 'custom');
  return (
    <form className="settings" onSubmit={(event) => event.preventDefault()} aria-label="Convolution settings">
      <ChoiceSelect
        label="Input"
        value={state.input}
        options={CONVOLUTION_SCHEMA.input.options}
        labelOf={(input) => INPUT_LABELS[input]}
        onChange={(input) => update({ input })}
      />
      {state.input === 'digit' && (
        <label>
          Test digit number{' '}
          <input
            type="number"
            min={CONVOLUTION_SCHEMA.digit.min}
            max={CONVOLUTION_SCHEMA.digit.max}
            value={state.digit}
            onChange={(event) => {
              const digit = Number(event.target.value);
              if (accepts(CONVOLUTION_SCHEMA.digit, digit)) update({ digit });
            }}
          />
        </label>
      )}
      {state.input === 'grid' && (
        <>
          <NumberSelect
            label="Input size"
            value={state.size}
            options={wholeNumbers(CONVOLUTION_SCHEMA.size)}
            onChange={(size) => update({ size, cells: [] })}
          />
          <button
            type="button"
            onClick={() => update({ ...nextRandomGrid(state, CONVOLUTION_SCHEMA.seed), cells: [] })}
          >
            New random input
          </button>
        </>
      )}
      <label>
        Kernel preset{' '}
        <select
          value={state.preset}
          onChange={(event) => update({ preset: event.target.value as ConvolutionParams['preset'], kernel: 3 })}
        >
          {presetNames.map((name) => (
            <option key={name} value={name}>
              {name === 'identity' ? 'Identity' : KERNEL_PRESETS[name].label}
            </option>
          ))}
          {state.preset === 'custom' && <option value="custom">Custom</option>}
        </select>
      </label>
      <NumberSelect
        label="Kernel size"
        value={state.kernel}
        options={wholeNumbers(CONVOLUTION_SCHEMA.kernel)}
        onChange={(kernel) => update(kernelSizeChange(state, kernel))}
      />
      <NumberSelect
        label="Stride"
        value={state.stride}
        options={wholeNumbers(CONVOLUTION_SCHEMA.stride)}
        onChange={(stride) => update({ stride })}
      />
      <ChoiceSelect
        label="Padding"
        value={state.pad}
        options={CONVOLUTION_SCHEMA.pad.options}
        labelOf={padLabel}
        onChange={(pad) => update({ pad })}
      />
      <NumberSelect
        label="Dilation"
        value={state.dilation}
        options={wholeNumbers(CONVOLUTION_SCHEMA.dilation)}
        onChange={(dilation) => update({ dilation })}
      />
      <label>
        Bias{' '}
        <input
          type="number"
          min={CONVOLUTION_SCHEMA.bias.min}
          max={CONVOLUTION_SCHEMA.bias.max}
          step={1}
          value={state.bias}
          onChange={(event) => {
            const bias = Number(event.target.value);
            if (accepts(CONVOLUTION_SCHEMA.bias, bias)) update({ bias });
          }}
        />
      </label>
    </form>
  );
}
