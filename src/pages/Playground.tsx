import { useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import { formatFlops, specFlops } from '../core/flops';
import { analyzeSpec } from '../core/shapes';
import { pretrainedSource, useModelFiles } from '../training/useModelFiles';
import { useTrainer, type TrainerView } from '../training/useTrainer';
import { measuredSpeed } from '../training/measuredSpeed';
import { encodeSpec } from '../core/specCodec';
import {
  replacePlaygroundParams,
  specFromParams,
  withPageQuery,
  withSettings,
  withSpec,
} from '../state/playgroundAddress';
import { parseTrainingParams, trainConfigOf, type TrainingParams } from '../state/trainingParams';
import { ArchitectureEditor } from '../widgets/ArchitectureEditor';
import { ModelPanel } from '../training/ModelPanel';
import { InsideTheNetwork } from '../training/InsideTheNetwork';
import { NetworkStage } from '../training/NetworkStage';
import { ParamNotices } from '../widgets/ParamNotices';
import { TrainingChart } from '../widgets/TrainingChart';
import { EvaluationPanel } from '../training/EvaluationPanel';
import { BackendStatus, DataStatus, EvaluationTable, TrainingControls, TrainingStats } from '../training/TrainingPanel';
import { stageHeightPx } from '../training/stageHeight';
import { useClassroomMode } from '../hooks/presenter';
import { useViewportHeight } from '../hooks/useViewportHeight';
import { TrainingSettingsForm } from '../training/TrainingSettingsForm';
import { useTrainingShortcuts } from '../training/useTrainingShortcuts';
import { useReplay } from '../training/useReplay';
import { MakeOffline } from '../offline/MakeOffline';
import { AugmentPreview, type PreviewImage } from '../widgets/AugmentPreview';
import { isAugmenting } from '../core/augment';
import { MNIST_CLASSES, specForClasses } from '../core/classifierOutput';
import { classNaming } from '../core/classNaming';
import type { OwnData } from '../data/ownData';
import { digitFromExample, EXAMPLE_PIXELS } from '../core/dataSet';
import { ClassNamingContext } from '../hooks/useClassNaming';
import { OwnDataLink, OwnDataStatus } from '../training/OwnDataStatus';
import { useOwnData } from '../training/useOwnData';
import { parseDataParam } from '../state/dataParam';
import './Playground.css';

interface Props {
  params: URLSearchParams;
}

/** `#/playground`: train a CNN on MNIST, or on a data set of your own (`data=`), and watch every layer learn. */
export default function Playground({ params }: Props) {
  const { choice, notice } = useMemo(() => parseDataParam(params), [params]);
  const data = useOwnData(choice);
  if (data.status === 'mnist') return <PlaygroundOn params={params} own={null} dataNotice={notice} />;
  if (data.status === 'ready') return <PlaygroundOn key="own" params={params} own={data.own} />;
  return (
    <section className="playground">
      <h1>Playground</h1>
      {data.status === 'loading' ? (
        <p role="status">Reading your data set…</p>
      ) : (
        <div className="notice" role="alert" data-testid="data-unusable">
          <p>{data.message}</p>
          <p>
            <a href="#/data">Open the data set editor</a> or <a href="#/playground">train on MNIST</a>.
          </p>
        </div>
      )}
    </section>
  );
}

/** The playground training on `own`, a user's data set, or on MNIST when null. */
function PlaygroundOn({ params, own, dataNotice = null }: Props & { own: OwnData | null; dataNotice?: string | null }) {
  const classes = own ? own.classNames.length : MNIST_CLASSES;
  const naming = useMemo(() => classNaming(own?.classNames ?? null), [own]);
  const previewOwn = useMemo(() => own && previewImages(own), [own]);
  const { value: initialSettings, notices: paramNotices } = useMemo(
    () => parseTrainingParams(withPageQuery(params, window.location.search)),
    [params],
  );
  const [settings, setSettings] = useState(initialSettings);
  const initialSpec = useMemo(() => fittedSpecFromParams(params, classes), [params, classes]);
  // On a user's set the output is resized to its classes as a matter of course: said beside the set, not as an address problem.
  const addressNotices = [initialSpec.addressNotice, dataNotice, own ? null : initialSpec.fitNotice];
  const notices = [...paramNotices, ...addressNotices.filter((n) => n !== null)];
  // The output layer always has one unit per class: an edit that changes it is undone, with this note.
  const [outputNotice, setOutputNotice] = useState<string | null>(null);
  // `draft` is what the editor shows; `applied` is what the engine trains (the last valid draft).
  const [draft, setDraft] = useState(initialSpec.spec);
  const [applied, setApplied] = useState(initialSpec.spec);
  const analysis = useMemo(() => analyzeSpec(draft, classes), [draft, classes]);
  const flops = useMemo(() => specFlops(draft), [draft]);
  const configOf = (next: TrainingParams) => trainConfigOf(own ? onOwnData(next, own) : next, applied);
  const config = configOf(settings);
  // The default network starts from the pretrained weights, so it recognises digits before any training.
  const pretrained =
    !own && initialSettings.weights === 'pretrained' && encodeSpec(initialSpec.spec) === encodeSpec(DEFAULT_SPEC);
  const model = pretrained ? pretrainedSource() : undefined;
  const [view, send] = useTrainer({
    backend: initialSettings.backend,
    config,
    model,
    data: own ?? undefined,
    timeBackendsEarly: true,
  });
  const modelFiles = useModelFiles(view, send);
  const replay = useReplay(view);
  useTrainingShortcuts(view, send, replay.stepTimeline);
  useLoadedArchitecture(view, (spec) => {
    setDraft(spec);
    setApplied(spec);
    replacePlaygroundParams((current) => withSpec(current, spec));
  });
  const firstError = analysis.errors[0];
  const changeSpec = (edited: ModelSpec) => {
    const { spec, notice } = specForClasses(edited, classes);
    setOutputNotice(notice && `The output layer keeps ${classes} units, one per class of the data.`);
    setDraft(spec);
    replacePlaygroundParams((current) => withSpec(current, spec));
    if (analyzeSpec(spec, classes).errors.length > 0) return;
    setApplied(spec);
    send({ type: 'reset', config: { spec } });
  };
  const changeSettings = (changes: Partial<TrainingParams>) => {
    const next = { ...settings, ...changes };
    setSettings(next);
    replacePlaygroundParams((current) => withSettings(current, next));
    send({ type: 'reset', config: configOf(next) });
  };
  const presenter = useClassroomMode().on;
  const stageHeight = stageHeightPx(useViewportHeight(), presenter ? PRESENTER_RESERVED_PX : RESERVED_PX);
  const blockedReason = firstError ? `Fix the architecture before training: ${firstError.message}` : null;
  return (
    <ClassNamingContext.Provider value={naming}>
      <section className="playground">
        {/* The first screen: controls, the network, the chart and the figures, together. */}
        <div className="playground__bar">
          <h1>Playground</h1>
          <OwnDataLink own={own} />
          <TrainingControls view={view} config={config} send={send} blockedReason={blockedReason} />
          <details className="playground__settings" open={!presenter && wideScreen()}>
            <summary>
              Settings: {settings.optimizer} at {settings.lr}, batch {settings.batch}, {settings.epochs} epochs
            </summary>
            <TrainingSettingsForm settings={settings} onChange={changeSettings} disabled={view.state === 'training'} />
          </details>
        </div>
        <ParamNotices notices={notices} />
        <div className="playground__first">
          {replay.snapshot && (
            <NetworkStage snapshot={replay.snapshot} spec={applied} heightPx={stageHeight} timeline={replay.timeline} />
          )}
          <div className="playground__side">
            <section aria-labelledby="charts-heading" className="playground__chart">
              <h2 id="charts-heading" className="sr-only">
                Loss and accuracy
              </h2>
              {view.history.length > 0 || replay.previousRun ? (
                <TrainingChart
                  batches={view.history}
                  evaluations={view.evaluations}
                  cursorStep={replay.cursorStep}
                  previousRun={replay.previousRun}
                  onClearPrevious={replay.clearPreviousRun}
                  widthPx={CHART_WIDTH_PX}
                  heightPx={presenter ? PRESENTER_CHART_HEIGHT_PX : CHART_HEIGHT_PX}
                />
              ) : (
                <p className="playground__chart-placeholder">
                  The loss and accuracy curves draw here as the network trains.
                </p>
              )}
            </section>
            {/* The download's progress belongs beside the chart it feeds; once done it moves down. */}
            {!view.data && !own && <DataStatus view={view} />}
            <TrainingStats view={view} config={config} part="main" />
          </div>
        </div>
        {own ? <OwnDataStatus own={own} note={initialSpec.fitNotice} /> : view.data && <DataStatus view={view} />}
        <TrainingStats view={view} config={config} part="more" />
        <BackendStatus view={view} />
        <EvaluationTable view={view} />
        <details className="architecture" open>
          <summary>
            Network: {analysis.layers.length} layers, {analysis.totalParams.toLocaleString('en')} parameters
            {flops.complete && `, ${formatFlops(flops.training)} per training example`}
          </summary>
          <ArchitectureEditor
            spec={draft}
            onChange={changeSpec}
            disabled={view.state === 'training'}
            speed={measuredSpeed(view, applied)}
            examplesPerEpoch={config.trainSize}
            classes={classes}
          />
          {outputNotice && (
            <p className="notice" role="status" data-testid="output-notice">
              {outputNotice}
            </p>
          )}
        </details>
        {isAugmenting(config.augmentation) && (
          <AugmentPreview augmentation={config.augmentation} seed={settings.seed} images={previewOwn ?? undefined} />
        )}
        <InsideTheNetwork view={view} config={config} send={send} />
        <EvaluationPanel view={view} send={send} testSplit={own?.test} />
        <ModelPanel
          files={modelFiles}
          origin={view.origin}
          seed={settings.seed}
          stepsTrained={view.lastBatch?.step ?? 0}
          busy={view.state === 'training' || view.state === 'loading'}
        />
        {/* Last: preparing a class offline comes before or after a lesson, never in the picture's way. */}
        <MakeOffline compact />
      </section>
    </ClassNamingContext.Provider>
  );
}

/** Screen height the first screen's other rows take (site header, bar, timeline, chart row), normal and presenter view. */
const RESERVED_PX = 310;
const PRESENTER_RESERVED_PX = 320;
/** Each of the two small charts (loss, accuracy) on the first screen. */
const CHART_WIDTH_PX = 380;
const CHART_HEIGHT_PX = 110;
const PRESENTER_CHART_HEIGHT_PX = 95;

/** Whether the screen is wide enough to show the settings open on the first screen (not a phone). */
function wideScreen(): boolean {
  return matchMedia('(min-width: 640px)').matches;
}

/**
 * The settings as they apply to a user's set: an epoch is the whole set at most, and no quick
 * checks between epochs, since the epoch's evaluation already runs on every held-out example.
 */
function onOwnData(settings: TrainingParams, own: OwnData): TrainingParams {
  return { ...settings, trainSize: Math.min(settings.trainSize, own.train.count), evalEvery: 0 };
}

/** Up to three of a user's classes, one training example each, for the augmentation preview. */
function previewImages(own: OwnData): PreviewImage[] {
  return own.classNames.slice(0, 3).flatMap((name, label) => {
    const index = own.train.labels.indexOf(label);
    if (index < 0) return [];
    const example = own.train.images.subarray(index * EXAMPLE_PIXELS, (index + 1) * EXAMPLE_PIXELS);
    return [{ name: `An example of “${name}”`, pixels: digitFromExample(example) }];
  });
}

/** The architecture the address names, with its output layer sized to the data's classes, and what was wrong with it. */
function fittedSpecFromParams(
  params: URLSearchParams,
  classes: number,
): { spec: ModelSpec; addressNotice: string | null; fitNotice: string | null } {
  const named = specFromParams(params);
  const fitted = specForClasses(named.spec, classes);
  return { spec: fitted.spec, addressNotice: named.notice, fitNotice: fitted.notice };
}

/** A loaded model brings its own architecture: the editor, the trainer's config and the link follow it. */
function useLoadedArchitecture(view: TrainerView, onSpec: (spec: ModelSpec) => void): void {
  const handled = useRef(view.origin);
  useEffect(() => {
    if (view.origin === handled.current) return;
    handled.current = view.origin;
    if (view.origin) onSpec(view.origin.spec);
  });
}
