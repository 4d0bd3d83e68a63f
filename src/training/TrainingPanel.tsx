import type { TrainerView } from './trainerView';
import { number, percent, trainingFigures, type TrainingFigure } from './trainingFigures';
import type { TrainConfig, TrainerCommand } from '../protocol/messages';
import { describeAugmentation, isAugmenting } from '../core/augment';
import { megabytes } from '../offline/downloadPlan';
import { TrainingAnnouncer } from './TrainingAnnouncer';
import './TrainingPanel.css';

interface Props {
  view: TrainerView;
  config: TrainConfig;
  send: (command: TrainerCommand) => void;
  /** Why training cannot start now (e.g. an invalid architecture), or null. */
  blockedReason?: string | null;
}

/** The whole training panel, in reading order: status, controls, live figures and the evaluations. */
export function TrainingPanel(props: Props) {
  return (
    <div className="training-panel">
      <DataStatus view={props.view} />
      <BackendStatus view={props.view} />
      <TrainingControls {...props} />
      <TrainingStats view={props.view} config={props.config} />
      <EvaluationTable view={props.view} />
    </div>
  );
}

/** Train (or Resume), Pause, Step and Reset, with why training cannot start or stopped. */
export function TrainingControls({ view, send, blockedReason = null }: Props) {
  const { state } = view;
  const running = state === 'training';
  // While the network starts or MNIST downloads, there is nothing to train.
  const notReady = state === 'loading' || state === 'done' || state === 'error' || blockedReason !== null;
  return (
    <>
      <div
        className="training-panel__controls"
        role="group"
        aria-label="Training controls (keys: Space train or pause, S step, R reset, [ and ] move the timeline)"
      >
        <button
          type="button"
          onClick={() => send({ type: state === 'paused' ? 'resume' : 'start' })}
          disabled={running || notReady}
        >
          {state === 'paused' ? 'Resume' : 'Train'}
        </button>
        <button type="button" onClick={() => send({ type: 'pause' })} disabled={!running}>
          Pause
        </button>
        <button type="button" onClick={() => send({ type: 'step' })} disabled={running || notReady}>
          Step
        </button>
        <button type="button" onClick={() => send({ type: 'reset' })} disabled={state === 'loading' && !view.error}>
          Reset
        </button>
      </div>
      {blockedReason && (
        <p role="alert" className="notice" data-testid="training-blocked">
          {blockedReason}
        </p>
      )}
      {view.error && (
        <p role="alert" className="error" data-testid="training-error">
          {view.error}{' '}
          {!view.data && (
            // Nothing trained is lost: without the data no training has happened, and the settings are in the address.
            <button type="button" onClick={() => window.location.reload()}>
              Try again
            </button>
          )}
        </p>
      )}
    </>
  );
}

/**
 * The live figures, spoken by the announcer rather than read aloud at every batch. `part` picks
 * the main figures (for a first screen beside the chart), the others, or all of them.
 */
export function TrainingStats({
  view,
  config,
  part = 'all',
}: {
  view: TrainerView;
  config: TrainConfig;
  part?: 'main' | 'more' | 'all';
}) {
  const figures = trainingFigures(view, config).filter((f) => part === 'all' || f.main === (part === 'main'));
  const { lastBatch } = view;
  return (
    <>
      {/* The stats change with every batch, too often to read aloud: the announcer speaks instead. */}
      {part !== 'more' && <TrainingAnnouncer view={view} epochs={config.epochs} />}
      <dl className={part === 'more' ? 'more-stats' : 'stats'}>
        {figures.map((f) => (
          <Stat key={f.id} {...f} />
        ))}
      </dl>
      {part !== 'main' && (
        <p className="hint">
          Batch {config.batchSize}, {config.optimizer} at learning rate {config.learningRate}
          {config.lrDecayPerEpoch !== 1 &&
            ` (×${config.lrDecayPerEpoch} per epoch, now ${lastBatch ? lastBatch.learningRate.toPrecision(2) : config.learningRate})`}
          , {number(config.trainSize)} training images, seed {config.seed}
          {isAugmenting(config.augmentation) && `, augmented: ${describeAugmentation(config.augmentation)}`}.
        </p>
      )}
    </>
  );
}

function Stat({ id, label, value, text }: TrainingFigure) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={`stat-${id}`} data-value={value ?? ''}>
        {text}
      </dd>
    </div>
  );
}

/** The MNIST download: what it will cost, its progress, and the images training has so far. */
export function DataStatus({ view }: { view: TrainerView }) {
  if (view.data) {
    return (
      <p data-testid="data-status">
        MNIST ready: {number(view.data.trainCount)} training images (loaded in {number(view.data.loadMs / 1000, 1)} s)
        {view.testCount === null
          ? '; the 10,000 test images follow for the first evaluation.'
          : ` and ${number(view.testCount)} test images.`}
      </p>
    );
  }
  const progress = view.dataProgress;
  if (!progress && view.state === 'loading') return <p data-testid="data-status">Getting the network ready…</p>;
  if (!progress) {
    const size = view.dataSize === null ? '' : ` (${megabytes(view.dataSize)})`;
    return (
      <p data-testid="data-status" data-loaded="false">
        The network is shown on test digits #0–#99. Training first downloads MNIST&apos;s 60,000 training images{size},
        then its 10,000 test images for the first evaluation.
      </p>
    );
  }
  return (
    <div data-testid="data-status">
      <p>
        <label>
          Downloading MNIST
          {progress ? `: ${megabytes(progress.loadedBytes)} of ${megabytes(progress.totalBytes)}` : '…'}{' '}
          <progress
            className="training-panel__progress"
            max={progress?.totalBytes ?? 1}
            value={progress?.loadedBytes ?? 0}
          />
        </label>
      </p>
      {(progress.images ?? 0) > 0 && view.lastBatch && (
        <p data-testid="data-partial" data-images={progress.images}>
          Training on the {number(progress.images!)} training images that have arrived so far; the rest join the first
          epoch as they come.
        </p>
      )}
      {progress?.retrying && !view.error && (
        <p className="notice" role="status" data-testid="data-retrying">
          {progress.retrying}
        </p>
      )}
    </div>
  );
}

/** Which compute backend trains, where and why. */
export function BackendStatus({ view }: { view: TrainerView }) {
  const info = view.backend;
  return (
    <div data-testid="backend-status">
      {view.fallbackReason && (
        <p className="notice" role="status">
          Training runs on the main thread, so the page may stutter while it trains. Why: {view.fallbackReason}
        </p>
      )}
      <p>
        {info ? (
          <>
            Training with the <strong data-testid="backend-name">{info.backend}</strong> backend{' '}
            {info.thread === 'worker' ? 'in a background worker' : 'on the main thread'}. {info.reason}
          </>
        ) : (
          'Choosing a compute backend: timing a few training steps of this network on each one this browser offers (at most about 3 s)…'
        )}
      </p>
      {info && webglFailed(info) && (
        <p className="notice" role="status" data-testid="no-webgl">
          WebGL could not start in this browser ({webglFailed(info)}), so training runs on the CPU with the{' '}
          {info.backend} backend: slower for big networks, but everything works.
        </p>
      )}
      {view.backendLost && (
        <p className="notice" role="alert" data-testid="backend-lost">
          {view.backendLost}
        </p>
      )}
      {info && info.floatPrecision < 32 && (
        <p className="notice" role="status" data-testid="half-float">
          This GPU computes in {info.floatPrecision}-bit (half-precision) floats: training uses a larger epsilon so the
          loss stays finite, and accuracy may end a little lower than on other devices.
        </p>
      )}
    </div>
  );
}

/** Why WebGL could not run its start-up test, or null when it ran, ran out of time, or was not timed or tried. */
function webglFailed(info: NonNullable<TrainerView['backend']>): string | null {
  const probe = info.probes.find((p) => p.backend === 'webgl');
  return probe && probe.examplesPerSec === null && probe.overBudgetMs === undefined && !probe.notTimed
    ? (probe.error ?? 'unavailable')
    : null;
}

/** Every evaluation so far: the whole test set at epoch ends, the quick checks between. */
export function EvaluationTable({ view }: { view: TrainerView }) {
  if (view.evaluations.length === 0) return null;
  return (
    <table className="training-panel__evaluations" data-testid="evaluations">
      <caption>
        Test-set evaluations: all test images at each epoch&apos;s end, a fixed fifth in the quick checks
      </caption>
      <thead>
        <tr>
          <th scope="col">Epoch</th>
          <th scope="col">Step</th>
          <th scope="col">Test accuracy</th>
          <th scope="col">Test loss</th>
          <th scope="col">Training time</th>
          <th scope="col">Live tensors</th>
          <th scope="col">Test images</th>
        </tr>
      </thead>
      <tbody>
        {view.evaluations.map((e) => (
          <tr key={`${e.step}-${e.wholeSet}`} data-epoch-end={e.atEpochEnd} data-whole-set={e.wholeSet}>
            <td>{e.atEpochEnd ? e.epoch : `${e.epoch} (${e.wholeSet ? 'mid-epoch' : 'quick check'})`}</td>
            <td>{number(e.step)}</td>
            <td data-value={e.testAccuracy}>{percent(e.testAccuracy)}</td>
            <td>{number(e.testLoss, 4)}</td>
            <td>{number(e.elapsedMs / 1000, 1)} s</td>
            <td data-testid="eval-tensors" data-value={e.numTensors}>
              {e.numTensors}
            </td>
            <td>{number(e.testImages)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
