import { useMemo } from 'react';
import { ACTIVATIONS, applyActivation, LEAKY_ALPHA } from '../core/activations';
import { KERNEL_PRESETS } from '../core/convolution';
import { useUrlState } from '../hooks/useUrlState';
import { useClassroomMode } from '../hooks/presenter';
import { scaleFor } from '../render/colorScales';
import { ACTIVATION_SCHEMA, parseActivationParams, type ActivationParams } from '../state/activationParams';
import { featureMapOf } from '../state/activationSettings';
import { accepts } from '../state/formBounds';
import { ColorLegend, formatLegendValue } from '../widgets/ColorLegend';
import { FunctionPlot } from '../widgets/FunctionPlot';
import { Histogram } from '../widgets/Histogram';
import { NumberGrid } from '../widgets/NumberGrid';
import { ParamNotices } from '../widgets/ParamNotices';
import { ChoiceSelect } from '../widgets/ChoiceSelect';
import type { ExplorableProps } from './explorableProps';
import { StagePicture } from './StagePicture';
import './explorable.css';

const PATH = '/learn/activation';
const GRID_CELL_PX = 56;
const IMAGE_CELL_PX = 8;
const SOURCE_LABELS: Record<ActivationParams['source'], string> = {
  grid: '5×5 example grid',
  image: '32×32 test image',
};

/** `#/learn/activation`: an activation function applied to every cell of a feature map. */
export default function ActivationExplorable({ params, path = PATH, framed = false }: ExplorableProps) {
  const initial = useMemo(() => parseActivationParams(params), [params]);
  const [state, update] = useUrlState(path, ACTIVATION_SCHEMA, initial);
  const activation = ACTIVATIONS[state.fn];
  const before = useMemo(() => featureMapOf(state), [state]);
  const after = useMemo(() => applyActivation(before, state.fn), [before, state.fn]);
  const beforeValues = useMemo(() => before.flat(), [before]);
  const afterValues = useMemo(() => after.flat(), [after]);
  const beforeScale = useMemo(() => scaleFor(beforeValues), [beforeValues]);
  const afterScale = useMemo(() => scaleFor(afterValues), [afterValues]);
  const isGrid = state.source === 'grid';
  const rows = before.length;
  const cols = before[0]?.length ?? 0;
  const cellPx = isGrid ? GRID_CELL_PX : IMAGE_CELL_PX;
  const negative = beforeValues.filter((v) => v < 0).length;

  // Presenter view puts the settings, the function and the two maps on one screen, the rest below.
  const { on: presenter } = useClassroomMode();
  const form = <ActivationSettings state={state} update={update} />;
  const formula = (
    <p className="explorable__formula" data-testid="act-formula">
      {activation.label}: f(x) = {activation.formula}. Outputs range from {activation.range}.
    </p>
  );
  const plot = (
    <FunctionPlot
      fn={activation.fn}
      label={`${activation.label}, f(x) = ${activation.formula}`}
      points={beforeValues}
      testId="act-plot"
    />
  );
  const summary = (
    <p data-testid="act-summary" aria-live="polite">
      The feature map below is the {SOURCE_LABELS[state.source]} convolved with the “
      {KERNEL_PRESETS[state.kernel].label}” kernel (same padding)
      {state.bias !== 0 && `, plus a bias of ${formatLegendValue(state.bias)}`}. {negative} of its {beforeValues.length}{' '}
      cells are negative
      {negative > 0 && state.fn === 'relu' && '; ReLU turns each of them into 0'}
      {negative > 0 && state.fn === 'leakyRelu' && `; leaky ReLU multiplies each of them by ${LEAKY_ALPHA}`}.
    </p>
  );
  const grids = (
    <>
      <div className="explorable__grids explorable__grids--top">
        <div className="explorable__column">
          <NumberGrid
            testId="act-before"
            label={`Before: feature map, ${rows}×${cols}`}
            values={before}
            cellSizePx={cellPx}
            showValues={isGrid}
            color={beforeScale.color}
          />
          <ColorLegend {...beforeScale} label="Value before" testId="act-legend-before" widthPx={200} />
        </div>
        <span className="explorable__operator explorable__operator--middle" aria-hidden="true">
          →
        </span>
        <div className="explorable__column">
          <NumberGrid
            testId="act-after"
            label={`After ${activation.label}, ${rows}×${cols}`}
            values={after}
            cellSizePx={cellPx}
            showValues={isGrid}
            color={afterScale.color}
          />
          <ColorLegend {...afterScale} label="Value after" testId="act-legend-after" widthPx={200} />
        </div>
      </div>
    </>
  );
  const note = (
    <>
      {state.fn === 'leakyRelu' && (
        <p className="hint" data-testid="act-leaky-note">
          The slope below zero is a constant someone chose, not something learned: {LEAKY_ALPHA} here, as in tfjs&apos;s
          leakyRelu; PyTorch&apos;s LeakyReLU uses 0.01 and Keras&apos;s LeakyReLU layer 0.3 unless told otherwise.
        </p>
      )}
    </>
  );

  return (
    <section className="explorable">
      {!framed && (
        <>
          <h1>Activation functions</h1>
          <p className="explorable__lede">
            After a convolution, a network passes every number of the feature map through a simple function, the{' '}
            <em>activation</em>. It works on each cell on its own: it bends the straight line of the weighted sum, so
            that layers stacked on top of each other can learn more than one big weighted sum could. ReLU, the most
            common one, keeps positive responses and turns negative ones into 0.
          </p>
        </>
      )}
      <ParamNotices notices={initial.notices} />
      {presenter ? (
        <>
          <div className="explorable__stage" data-stage>
            {form}
            <StagePicture>
              {plot}
              {grids}
            </StagePicture>
            {formula}
          </div>
          {summary}
          {note}
        </>
      ) : (
        <>
          {form}
          {formula}
          {plot}
          {summary}
          {note}
          {grids}
        </>
      )}
      <h2>How the values are spread</h2>
      <p>
        Each bar counts the cells whose value falls in its range. Compare the two:{' '}
        {state.fn === 'relu' && 'ReLU piles every negative value onto 0.'}
        {state.fn === 'leakyRelu' && 'leaky ReLU squeezes the negative values towards 0 but keeps them apart.'}
        {state.fn === 'sigmoid' && 'sigmoid squeezes every value into the range between 0 and 1.'}
        {state.fn === 'tanh' && 'tanh squeezes every value into the range between −1 and 1, keeping its sign.'}
      </p>
      <div className="explorable__grids explorable__grids--top">
        <Histogram
          values={beforeValues}
          label="Before the activation"
          testId="act-hist-before"
          color={beforeScale.color}
        />
        <Histogram
          values={afterValues}
          label={`After ${activation.label}`}
          testId="act-hist-after"
          color={afterScale.color}
        />
      </div>
    </section>
  );
}

function ActivationSettings({
  state,
  update,
}: {
  state: ActivationParams;
  update: (changes: Partial<ActivationParams>) => void;
}) {
  return (
    <form className="settings" onSubmit={(event) => event.preventDefault()} aria-label="Activation settings">
      <ChoiceSelect
        label="Function"
        value={state.fn}
        options={ACTIVATION_SCHEMA.fn.options}
        labelOf={(name) => ACTIVATIONS[name].label}
        onChange={(fn) => update({ fn })}
      />
      <ChoiceSelect
        label="Source"
        value={state.source}
        options={ACTIVATION_SCHEMA.source.options}
        labelOf={(source) => SOURCE_LABELS[source]}
        onChange={(source) => update({ source })}
      />
      <ChoiceSelect
        label="Kernel"
        value={state.kernel}
        options={ACTIVATION_SCHEMA.kernel.options}
        labelOf={(name) => KERNEL_PRESETS[name].label}
        onChange={(kernel) => update({ kernel })}
      />
      <label>
        Bias{' '}
        <input
          type="number"
          min={ACTIVATION_SCHEMA.bias.min}
          max={ACTIVATION_SCHEMA.bias.max}
          step={0.5}
          value={state.bias}
          onChange={(event) => {
            const bias = Number(event.target.value);
            if (event.target.value !== '' && accepts(ACTIVATION_SCHEMA.bias, bias)) update({ bias });
          }}
        />
      </label>
    </form>
  );
}
