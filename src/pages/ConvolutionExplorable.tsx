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
import { gridOfSize } from '../core/sampleInputs';
import { useAnimationClock } from '../hooks/useAnimationClock';
import { useMnistDigit } from '../hooks/useMnistDigit';
import { useUrlState } from '../hooks/useUrlState';
import { scaleFor } from '../render/colorScales';
import {
  CONVOLUTION_SCHEMA,
  KERNEL_PRESET_NAMES,
  parseConvolutionParams,
  type ConvolutionParams,
} from '../state/explorableParams';
import { ColorLegend } from '../widgets/ColorLegend';
import { formatCellValue, NumberGrid } from '../widgets/NumberGrid';
import { NumberSelect } from '../widgets/NumberSelect';
import { ParamNotices } from '../widgets/ParamNotices';
import { ClockStepper } from '../widgets/StepperControls';
import type { ExplorableProps } from './explorableProps';
import './explorable.css';
import './ConvolutionExplorable.css';

const PATH = '/learn/convolution';
const CELL_PX = 56;

/** Big cells with numbers for small grids; a 28×28 digit gets small coloured cells. */
function cellPx(rows: number): number {
  return rows > 12 ? 12 : CELL_PX;
}
const STEPS_PER_SECOND = 1.5;

/** The kernel a page state asks for: a preset, an identity of another size, or custom weights. */
export function kernelOf(params: ConvolutionParams): Matrix {
  const k = params.kernel;
  if (params.preset === 'custom') return Array.from({ length: k }, (_, r) => params.weights.slice(r * k, r * k + k));
  if (params.preset !== 'identity') return KERNEL_PRESETS[params.preset].kernel.map((row) => [...row]);
  const centre = Math.floor((k - 1) / 2);
  return Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => (r === centre && c === centre ? 1 : 0)));
}

/** The input grid: the user's edited values, else the generated grid for the size and seed. */
function inputOf({ size, seed, cells }: Pick<ConvolutionParams, 'size' | 'seed' | 'cells'>): Matrix {
  if (cells.length === size * size) return Array.from({ length: size }, (_, r) => cells.slice(r * size, r * size + size));
  return gridOfSize(size, seed);
}

/** Cell values count up when clicked, wrapping after 9, so a grid can be edited with a pointer or keyboard. */
function bumped(value: number): number {
  return value >= 9 ? 0 : Math.floor(value) + 1;
}

/** `#/learn/convolution`: a kernel sliding over a grid, every product and sum on show. */
export default function ConvolutionExplorable({ params, path = PATH, framed = false }: ExplorableProps) {
  const initial = useMemo(() => parseConvolutionParams(params), [params]);
  const [state, update] = useUrlState(path, CONVOLUTION_SCHEMA, initial);
  const digit = useMnistDigit(state.digit, state.input === 'digit');
  const grid = useMemo(() => inputOf(state), [state]);
  const input = state.input === 'digit' && digit.status === 'ready' ? digit.pixels : grid;
  const kernel = useMemo(() => kernelOf(state), [state]);
  const padding = /^\d$/.test(state.pad) ? Number(state.pad) : (state.pad as 'valid' | 'same' | 'full');
  const settings = { stride: state.stride, padding, dilation: state.dilation };
  const layout = convLayout(input.length, input[0]!.length, state.kernel, state.kernel, settings);
  const impossible = impossibleReason(layout);
  const output = impossible ? [] : conv2d(input, kernel, settings, state.bias);
  const cells = impossible ? 0 : layout.outputRows * layout.outputCols;
  // Small grids step slowly enough to follow; a 28×28 digit sweeps in about 20 s at 1×.
  const stepsPerSecond = Math.max(STEPS_PER_SECOND, cells / 20) * state.speed;
  const clock = useAnimationClock({ steps: cells, stepsPerSecond, autoPlay: true });
  const waiting = state.input === 'digit' && digit.status !== 'ready';

  return (
    <section className="explorable">
      {!framed && (
        <>
          <h1>The convolution operation</h1>
          <p className="explorable__lede">
            A small grid of weights, the <em>kernel</em>, slides over the input. At each position it multiplies the cells under it by
            its weights and adds the products (and a bias) into one output cell. Change the settings and watch the output size follow.
          </p>
        </>
      )}
      <ParamNotices notices={initial.notices} />
      <ConvolutionSettings state={state} update={update} />
      {waiting ? (
        <p role={digit.status === 'error' ? 'alert' : 'status'} className={digit.status === 'error' ? 'error' : undefined} data-testid="conv-digit-status">
          {digit.status === 'error' ? `The MNIST digits could not be loaded: ${digit.message}` : 'Loading the MNIST test digits (1.6 MB)…'}
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
            if (state.input !== 'grid') return;
            const cells = input.flat();
            const index = row * state.size + col;
            cells[index] = bumped(cells[index]!);
            update({ cells });
          }}
        />
      )}
      <KernelEditor kernel={kernel} onChange={(weights) => update({ preset: 'custom', weights })} />
      <p className="explorable__formula" data-testid="conv-formula">
        Output size: rows {outputSizeFormula(layout, 'rows')}; columns {outputSizeFormula(layout, 'cols')}.
      </p>
      {state.pad === 'same' && <SamePaddingNote layout={layout} />}
      <ClockStepper clock={clock} speed={state.speed} onSpeed={(speed) => update({ speed: speed as ConvolutionParams['speed'] })} />
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
  const padNote = top + bottom + left + right > 0 ? ` with zero-padding (top ${top}, bottom ${bottom}, left ${left}, right ${right})` : '';
  const current = impossible ? null : stepToCell(layout, Math.min(step, layout.outputRows * layout.outputCols - 1));
  const taps = current ? windowAt(layout, current.row, current.col) : [];
  const outputScale = scaleFor(output.flat());
  return (
    <>
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
        <NumberGrid testId="conv-kernel" label={`Kernel, ${state.kernel}×${state.kernel}`} values={kernel} cellSizePx={CELL_PX} />
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
      {current && (
        <>
          <ColorLegend {...outputScale} label="Output value" testId="conv-legend" />
          <Calculation padded={padded} kernel={kernel} taps={taps} current={current} terms={cellTerms(input, kernel, layout, current.row, current.col, state.bias)} />
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
        <span key={`${tap.kr}-${tap.kc}`} className={tap.isPadding ? 'explorable__term explorable__term--padding' : 'explorable__term'}>
          {i > 0 && ' + '}
          {factor(padded[tap.row]![tap.col]!)}·{factor(kernel[tap.kr]![tap.kc]!)}
        </span>
      ))}{' '}
      = {formatCellValue(terms.sum)}
      {terms.bias !== 0 && ` + bias ${formatCellValue(terms.bias)} = ${formatCellValue(terms.value)}`}
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
      {layout.stride === 1 ? `, so at stride 1 it keeps the input's ${layout.inputRows}×${layout.inputCols} size` : ''}.{' '}
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
              min={-99}
              max={99}
              aria-label={`Kernel row ${r + 1}, column ${c + 1}`}
              value={Number(value.toFixed(4))}
              onChange={(event) => {
                const next = Number(event.target.value);
                if (event.target.value === '' || !Number.isFinite(next) || Math.abs(next) > 99) return;
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

/** A factor in a written product: negatives in parentheses, as on a blackboard. */
function factor(value: number): string {
  const text = formatCellValue(value);
  return value < 0 ? `(${text})` : text;
}

function ConvolutionSettings({ state, update }: { state: ConvolutionParams; update: (changes: Partial<ConvolutionParams>) => void }) {
  const presetNames = KERNEL_PRESET_NAMES.filter((name) => name !== 'custom');
  return (
    <form className="settings" onSubmit={(event) => event.preventDefault()} aria-label="Convolution settings">
      <label>
        Input{' '}
        <select value={state.input} onChange={(event) => update({ input: event.target.value as ConvolutionParams['input'] })}>
          <option value="grid">a small grid</option>
          <option value="digit">an MNIST digit (28×28)</option>
        </select>
      </label>
      {state.input === 'digit' && (
        <label>
          Test digit number{' '}
          <input
            type="number"
            min={0}
            max={9999}
            value={state.digit}
            onChange={(event) => {
              const digit = Number(event.target.value);
              if (Number.isInteger(digit) && digit >= 0 && digit <= 9999) update({ digit });
            }}
          />
        </label>
      )}
      {state.input === 'grid' && (
        <>
          <NumberSelect label="Input size" value={state.size} options={[3, 4, 5, 6, 7, 8, 9]} onChange={(size) => update({ size, cells: [] })} />
          <button type="button" onClick={() => update({ seed: (state.seed % 9999) + 1, size: state.size === 5 ? 6 : state.size, cells: [] })}>
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
        options={[1, 2, 3, 4, 5]}
        onChange={(kernel) => update({ kernel, preset: kernel === 3 && state.preset !== 'custom' ? state.preset : 'identity', weights: [] })}
      />
      <NumberSelect label="Stride" value={state.stride} options={[1, 2, 3, 4]} onChange={(stride) => update({ stride })} />
      <label>
        Padding{' '}
        <select value={state.pad} onChange={(event) => update({ pad: event.target.value as ConvolutionParams['pad'] })}>
          <option value="valid">valid (none)</option>
          <option value="same">same</option>
          <option value="full">full</option>
          {['0', '1', '2', '3'].map((p) => (
            <option key={p} value={p}>
              {p} on every side
            </option>
          ))}
        </select>
      </label>
      <NumberSelect label="Dilation" value={state.dilation} options={[1, 2, 3]} onChange={(dilation) => update({ dilation })} />
      <label>
        Bias{' '}
        <input
          type="number"
          min={-10}
          max={10}
          step={1}
          value={state.bias}
          onChange={(event) => {
            const bias = Number(event.target.value);
            if (Number.isFinite(bias) && bias >= -10 && bias <= 10) update({ bias });
          }}
        />
      </label>
    </form>
  );
}
