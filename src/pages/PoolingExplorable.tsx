import { useMemo } from 'react';
import type { Matrix } from '../core/convolution';
import { stepsPerSecond } from '../core/playback';
import { impossiblePoolReason, pool2d, poolFormula, poolLayout, poolWindowAt, type PoolLayout } from '../core/pooling';
import { gridOfSize, syntheticImage } from '../core/sampleInputs';
import { useAnimationClock } from '../hooks/useAnimationClock';
import { useClassroomMode } from '../hooks/presenter';
import { useUrlState } from '../hooks/useUrlState';
import { scaleFor } from '../render/colorScales';
import { plain } from '../render/numberFormat';
import { parsePoolingParams, POOLING_SCHEMA, type PoolingParams } from '../state/explorableParams';
import { wholeNumbers } from '../state/formBounds';
import { cellAtStep, FEATURE_FILTERS, featureMaps, poolSettingsOf } from '../state/poolingSettings';
import { nextRandomGrid } from '../state/reseed';
import { ColorLegend } from '../widgets/ColorLegend';
import { NumberSelect } from '../widgets/NumberSelect';
import { NumberGrid } from '../widgets/NumberGrid';
import { ParamNotices } from '../widgets/ParamNotices';
import { ClockStepper } from '../widgets/StepperControls';
import { ChoiceSelect } from '../widgets/ChoiceSelect';
import type { ExplorableProps } from './explorableProps';
import { StagePicture } from './StagePicture';
import './explorable.css';
import './PoolingExplorable.css';

const PATH = '/learn/pooling';
const CELL_PX = 56;
const MAP_CELL_PX = 6;
const IMAGE_SIZE = 32;
const SOURCE_LABELS: Record<PoolingParams['source'], string> = { grid: 'One grid', maps: '10 feature maps' };
const POOL_LABELS: Record<PoolingParams['pool'], string> = { max: 'max', avg: 'average' };

/** `#/learn/pooling`: max or average pooling, one window at a time or over 10 feature maps at once. */
export default function PoolingExplorable({ params, path = PATH, framed = false }: ExplorableProps) {
  const initial = useMemo(() => parsePoolingParams(params), [params]);
  const [state, update] = useUrlState(path, POOLING_SCHEMA, initial);
  const isGrid = state.source === 'grid';
  const input = useMemo(() => gridOfSize(state.size, state.seed), [state.size, state.seed]);
  const layout = poolLayout(state.size, state.size, poolSettingsOf(state));
  const impossible = impossiblePoolReason(layout);
  const result = useMemo(
    () => pool2d(input, poolSettingsOf({ pool: state.pool, window: state.window, stride: state.stride })),
    [input, state.pool, state.window, state.stride],
  );
  const cells = !isGrid || impossible ? 0 : layout.outputRows * layout.outputCols;
  const clock = useAnimationClock({ steps: cells, stepsPerSecond: stepsPerSecond(state.speed), autoPlay: true });
  // Presenter view puts the settings, the picture and the stepper on one screen, the rest below.
  const { on: presenter } = useClassroomMode();
  const form = <PoolingSettings state={state} update={update} />;
  const gridView = (
    <GridView
      input={input}
      output={result.output}
      winners={result.winners}
      state={state}
      layout={layout}
      step={clock.step}
      impossible={impossible}
    />
  );
  const formula = (
    <p className="explorable__formula" data-testid="pool-formula">
      Output size: rows {poolFormula(layout, 'rows')}; columns {poolFormula(layout, 'cols')}.
    </p>
  );
  const stepper = (
    <ClockStepper
      clock={clock}
      speed={state.speed}
      onSpeed={(speed) => update({ speed: speed as PoolingParams['speed'] })}
    />
  );

  return (
    <section className="explorable">
      {!framed && (
        <>
          <h1>Pooling</h1>
          <p className="explorable__lede">
            Pooling slides a small window over a feature map and keeps one number per window: the strongest response (
            <em>max pooling</em>) or the average of the responses (<em>average pooling</em>). With a stride as large as
            the window, the map shrinks, here to a quarter of its cells, while the strong responses survive.
          </p>
        </>
      )}
      <ParamNotices notices={initial.notices} />
      {isGrid ? (
        presenter ? (
          <>
            <div className="explorable__stage" data-stage>
              {form}
              {gridView}
              {stepper}
            </div>
            {formula}
          </>
        ) : (
          <>
            {form}
            {gridView}
            {formula}
            {stepper}
          </>
        )
      ) : presenter ? (
        <div className="explorable__stage" data-stage>
          {form}
          <MapsView state={state} />
        </div>
      ) : (
        <>
          {form}
          <MapsView state={state} />
        </>
      )}
    </section>
  );
}

interface GridViewProps {
  input: Matrix;
  output: Matrix;
  winners: { row: number; col: number }[][] | null;
  state: PoolingParams;
  layout: PoolLayout;
  step: number;
  impossible: string | null;
}

function GridView({ input, output, winners, state, layout, step, impossible }: GridViewProps) {
  const current = impossible ? null : cellAtStep(layout, step);
  const window = current ? poolWindowAt(layout, current.row, current.col) : [];
  const winner = current && winners ? (winners[current.row]?.[current.col] ?? null) : null;
  const scale = scaleFor(input.flat());
  const isMax = state.pool === 'max';
  return (
    <>
      <StagePicture>
        <div className="explorable__grids">
          <NumberGrid
            testId="pool-input"
            label={`Input, ${layout.inputRows}×${layout.inputCols}`}
            values={input}
            cellSizePx={CELL_PX}
            color={scale.color}
            highlight={window}
            highlightName="in the pool window"
            accent={winner}
            accentName="the maximum"
          />
          <span className="explorable__operator" aria-hidden="true">
            →
          </span>
          {current ? (
            <NumberGrid
              testId="pool-output"
              label={`${isMax ? 'Max' : 'Average'}-pooled output, ${layout.outputRows}×${layout.outputCols}`}
              values={output}
              cellSizePx={CELL_PX}
              color={scale.color}
              accent={current}
              accentName="being written"
              hidden={(row, col) => row * layout.outputCols + col >= step}
            />
          ) : (
            <p role="alert" className="error" data-testid="pool-impossible">
              {impossible}
            </p>
          )}
        </div>
        {current && <ColorLegend {...scale} label="Value" testId="pool-legend" />}
      </StagePicture>
      {current && (
        <>
          <p className="explorable__calculation" aria-live="polite" data-testid="pool-calculation">
            Output row {current.row + 1}, column {current.col + 1}: {POOL_LABELS[state.pool]}(
            {window.map((cell) => plain(input[cell.row]?.[cell.col] ?? 0)).join(', ')}) ={' '}
            {plain(output[current.row]?.[current.col] ?? 0)}
          </p>
        </>
      )}
    </>
  );
}

function MapsView({ state }: { state: PoolingParams }) {
  const maps = useMemo(() => featureMaps(syntheticImage(IMAGE_SIZE)), []);
  const settings = poolSettingsOf(state);
  const pooled = useMemo(
    () =>
      maps.map(
        (map) => pool2d(map, poolSettingsOf({ pool: state.pool, window: state.window, stride: state.stride })).output,
      ),
    [maps, state.pool, state.window, state.stride],
  );
  const layout = poolLayout(IMAGE_SIZE, IMAGE_SIZE, settings);
  const scale = useMemo(() => scaleFor([...maps.flat(2), ...pooled.flat(2)]), [maps, pooled]);
  const n = maps.length;
  const first = poolWindowAt(layout, 0, 0);
  return (
    <>
      <h2 data-testid="pool-maps-heading">
        {n} feature maps, {IMAGE_SIZE}×{IMAGE_SIZE}×{n} → {layout.outputRows}×{layout.outputCols}×{n}
      </h2>
      <p>
        Each map is the ReLU response of one 3×3 filter to a 32×32 test image. Pooling works on every map on its own, so
        the number of maps stays {n}; only their height and width shrink ({POOL_LABELS[state.pool]} pooling, window{' '}
        {state.window}, stride {state.stride}).
      </p>
      <p className="explorable__formula" data-testid="pool-formula">
        Output size: rows {poolFormula(layout, 'rows')}; columns {poolFormula(layout, 'cols')}.
      </p>
      <ColorLegend {...scale} label="Response" testId="pool-legend" />
      <StagePicture>
        <ul className="pooling-explorable__maps">
          {maps.map((map, i) => (
            <li key={FEATURE_FILTERS[i]!.label} className="pooling-explorable__map">
              <NumberGrid
                testId={`pool-map-input-${i}`}
                label={`${FEATURE_FILTERS[i]!.label}, ${IMAGE_SIZE}×${IMAGE_SIZE}`}
                values={map}
                cellSizePx={MAP_CELL_PX}
                showValues={false}
                color={scale.color}
                highlight={first}
                highlightName="first pool window"
              />
              <span className="explorable__operator" aria-hidden="true">
                →
              </span>
              <NumberGrid
                testId={`pool-map-output-${i}`}
                label={`Pooled, ${layout.outputRows}×${layout.outputCols}`}
                values={pooled[i]!}
                cellSizePx={MAP_CELL_PX * state.stride}
                showValues={false}
                color={scale.color}
              />
            </li>
          ))}
        </ul>
      </StagePicture>
    </>
  );
}

function PoolingSettings({
  state,
  update,
}: {
  state: PoolingParams;
  update: (changes: Partial<PoolingParams>) => void;
}) {
  return (
    <form className="settings" onSubmit={(event) => event.preventDefault()} aria-label="Pooling settings">
      <ChoiceSelect
        label="Source"
        value={state.source}
        options={POOLING_SCHEMA.source.options}
        labelOf={(source) => SOURCE_LABELS[source]}
        onChange={(source) => update({ source })}
      />
      <ChoiceSelect
        label="Pool"
        value={state.pool}
        options={POOLING_SCHEMA.pool.options}
        labelOf={(pool) => POOL_LABELS[pool]}
        onChange={(pool) => update({ pool })}
      />
      <NumberSelect
        label="Window size"
        value={state.window}
        options={wholeNumbers(POOLING_SCHEMA.window)}
        onChange={(window) => update({ window })}
      />
      <NumberSelect
        label="Stride"
        value={state.stride}
        options={wholeNumbers(POOLING_SCHEMA.stride)}
        onChange={(stride) => update({ stride })}
      />
      {state.source === 'grid' && (
        <>
          <NumberSelect
            label="Input size"
            value={state.size}
            options={wholeNumbers(POOLING_SCHEMA.size)}
            onChange={(size) => update({ size })}
          />
          <button type="button" onClick={() => update(nextRandomGrid(state, POOLING_SCHEMA.seed))}>
            New random input
          </button>
        </>
      )}
    </form>
  );
}
