import { useId, useMemo, useState } from 'react';
import {
  TEACHING_EXAMPLE,
  forwardBackward,
  gradientDescent,
  gradientDescentStep,
  teachingState,
  type TrainingState,
} from '../core/convBackprop';
import { padMatrix } from '../core/convolution';
import { signedScale } from '../render/colorScales';
import { NumberGrid, formatCellValue } from './NumberGrid';
import './StepperControls.css';
import './BackpropStepper.css';

export interface BackpropStepperProps {
  /** Learning rate selected at first (default {@link TEACHING_EXAMPLE}.learningRate); added to the choices if missing. */
  learningRate?: number;
  /** Side of one grid cell in CSS pixels (default 44). */
  cellSizePx?: number;
}

/**
 * Gradient descent on the kernel and bias of one convolution, one step at a time, on
 * {@link TEACHING_EXAMPLE}: the padded input x, the kernel k, the output y, the target t,
 * dL/dy and dL/dk as number grids (`bp-input`, `bp-kernel`, `bp-output`, `bp-target`, `bp-dy`,
 * `bp-dk`), the step (`bp-step`), the loss (`bp-loss`, announced politely), the bias (`bp-bias`)
 * and dL/db (`bp-db`), each with its exact number in `data-value`. The grids show the current state and the gradients the next
 * step will use.
 */
export function BackpropStepper({
  learningRate = TEACHING_EXAMPLE.learningRate,
  cellSizePx = 44,
}: BackpropStepperProps) {
  const uid = useId();
  const rateId = `${uid}-rate`;
  const [state, setState] = useState<TrainingState>(teachingState);
  const [rate, setRate] = useState(learningRate);
  const pass = useMemo(() => forwardBackward(state), [state]);

  const known = TEACHING_EXAMPLE.learningRates;
  const rates = known.includes(rate) ? known : [...known, rate].sort((a, b) => a - b);
  const p = state.settings.padding;
  const paddedInput = useMemo(() => padMatrix(state.input, { top: p, bottom: p, left: p, right: p }), [state.input, p]);
  // Output and target share one scale, so that matching colours mean matching values.
  const mapColor = useMemo(
    () => signedScale([...pass.output.flat(), ...state.target.flat()]).color,
    [pass.output, state.target],
  );
  const kernelColor = useMemo(() => signedScale(state.kernel.flat()).color, [state.kernel]);
  const dyColor = useMemo(() => signedScale(pass.dy.flat()).color, [pass.dy]);
  const dkColor = useMemo(() => signedScale(pass.dk.flat()).color, [pass.dk]);
  const [rows, cols] = [state.input.length, state.input[0]?.length ?? 0];
  const [kRows, kCols] = [state.kernel.length, state.kernel[0]?.length ?? 0];
  const cells = pass.output.length * (pass.output[0]?.length ?? 0);
  const grid = { cellSizePx };

  return (
    <section className="backprop" aria-label="Gradient descent on a convolution kernel">
      <div className="backprop__grids">
        <NumberGrid
          {...grid}
          testId="bp-input"
          label={p > 0 ? `Input x, ${rows}×${cols} with a ring of zero padding` : `Input x, ${rows}×${cols}`}
          values={paddedInput}
          paddedRing={p}
        />
        <NumberGrid
          {...grid}
          testId="bp-kernel"
          label={`Kernel k, ${kRows}×${kCols}`}
          values={state.kernel}
          color={kernelColor}
        />
        <NumberGrid {...grid} testId="bp-output" label="Output y = x ⋆ k + b" values={pass.output} color={mapColor} />
        <NumberGrid {...grid} testId="bp-target" label="Target t" values={state.target} color={mapColor} />
        <NumberGrid {...grid} testId="bp-dy" label={`dL/dy = 2(y − t)/${cells}`} values={pass.dy} color={dyColor} />
        <div className="backprop__dk">
          <NumberGrid {...grid} testId="bp-dk" label="dL/dk" values={pass.dk} color={dkColor} />
          <p className="backprop__caption">dL/dk is the input x (with its padding) correlated with dL/dy.</p>
        </div>
      </div>

      <dl className="backprop__numbers">
        <div>
          <dt>Step</dt>
          <dd data-testid="bp-step" data-value={state.step}>
            {state.step}
          </dd>
        </div>
        <div>
          <dt>Loss L (mean squared error)</dt>
          <dd data-testid="bp-loss" data-value={pass.loss} aria-live="polite">
            {formatLoss(pass.loss)}
          </dd>
        </div>
        <div>
          <dt>Bias b</dt>
          <dd data-testid="bp-bias" data-value={state.bias}>
            {formatCellValue(state.bias)}
          </dd>
        </div>
        <div>
          <dt>dL/db = Σ dL/dy</dt>
          <dd data-testid="bp-db" data-value={pass.db}>
            {formatCellValue(pass.db)}
          </dd>
        </div>
      </dl>

      <div className="stepper backprop__controls" role="group" aria-label="Gradient descent controls">
        <div className="stepper__buttons">
          <button
            type="button"
            className="stepper__button"
            onClick={() => setState((s) => gradientDescentStep(s, rate).state)}
          >
            Take one gradient step
          </button>
          <button
            type="button"
            className="stepper__button"
            onClick={() => setState((s) => gradientDescent(s, rate, 10))}
          >
            Take 10 steps
          </button>
          <button type="button" className="stepper__button" onClick={() => setState(teachingState())}>
            Start over
          </button>
        </div>
        <div className="stepper__speed">
          <label htmlFor={rateId}>Learning rate</label>
          <select id={rateId} value={String(rate)} onChange={(event) => setRate(Number(event.currentTarget.value))}>
            {rates.map((r) => (
              <option key={r} value={String(r)}>
                {r}
              </option>
            ))}
          </select>
        </div>
      </div>
    </section>
  );
}

/** Four decimals while that shows the change, then scientific notation; a typographic minus. */
function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  const text = loss === 0 || Math.abs(loss) >= 0.001 ? loss.toFixed(4) : loss.toExponential(2);
  return text.replace('-', '\u2212');
}
