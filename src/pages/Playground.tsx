import { useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_SPEC } from '../core/defaultSpec';
import type { ModelSpec } from '../core/modelSpec';
import { analyzeSpec } from '../core/shapes';
import { useMnistTestSplit } from '../hooks/useMnistDigit';
import { pretrainedSource, useModelFiles } from '../training/useModelFiles';
import { useTrainer, type BackendInfo, type TrainerView } from '../training/useTrainer';
import type { TrainerCommand } from '../protocol/messages';
import { routeHash } from '../state/route';
import { decodeSpec, encodeSpec } from '../core/specCodec';
import {
  DEFAULT_TRAINING_PARAMS,
  parseTrainingParams,
  trainConfigOf,
  serializeTrainingParams,
  type TrainingParams,
} from '../state/trainingParams';
import { NumberSelect } from '../widgets/NumberSelect';
import { ArchitectureEditor } from '../widgets/ArchitectureEditor';
import { ConfusionMatrix } from '../widgets/ConfusionMatrix';
import { DigitCanvas } from '../widgets/DigitCanvas';
import { ModelPanel } from '../training/ModelPanel';
import { InsideTheNetwork } from '../training/InsideTheNetwork';
import { ParamNotices } from '../widgets/ParamNotices';
import { TrainingChart } from '../widgets/TrainingChart';
import { TrainingPanel } from '../training/TrainingPanel';
import './Playground.css';

interface Props {
  params: URLSearchParams;
  onBackend: (info: BackendInfo | null) => void;
}

/** The architecture in the address (`arch=`), or the default with a notice when it cannot be read. */
function specFromUrl(params: URLSearchParams): { spec: ModelSpec; notice: string | null } {
  const text = params.get('arch');
  if (text === null) return { spec: DEFAULT_SPEC, notice: null };
  const decoded = decodeSpec(text);
  if ('spec' in decoded) return { spec: decoded.spec, notice: null };
  return { spec: DEFAULT_SPEC, notice: `arch: ${decoded.error}; using the default network.` };
}

/** Writes the architecture into the address without a navigation, so the link always shares it. */
function writeSpecToUrl(spec: ModelSpec): void {
  const hash = window.location.hash;
  const params = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  const text = encodeSpec(spec);
  if (text === encodeSpec(DEFAULT_SPEC)) params.delete('arch');
  else params.set('arch', text);
  window.history.replaceState(null, '', routeHash('/playground', params));
}

/** Writes training settings into the address (keeping the other parameters) without a navigation. */
function writeSettingsToUrl(settings: TrainingParams): void {
  const hash = window.location.hash;
  const params = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  const written = serializeTrainingParams(settings);
  for (const key of Object.keys(DEFAULT_TRAINING_PARAMS)) {
    const value = written.get(key);
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  window.history.replaceState(null, '', routeHash('/playground', params));
}

/** `#/playground`: train a CNN on MNIST and watch every layer learn. */
export default function Playground({ params, onBackend }: Props) {
  const { value: initialSettings, notices: paramNotices } = useMemo(() => parseTrainingParams(withPageQuery(params)), [params]);
  const [settings, setSettings] = useState(initialSettings);
  const initialSpec = useMemo(() => specFromUrl(params), [params]);
  const notices = initialSpec.notice ? [...paramNotices, initialSpec.notice] : paramNotices;
  // `draft` is what the editor shows; `applied` is what the engine trains (the last valid draft).
  const [draft, setDraft] = useState(initialSpec.spec);
  const [applied, setApplied] = useState(initialSpec.spec);
  const analysis = useMemo(() => analyzeSpec(draft), [draft]);
  const config = trainConfigOf(settings, applied);
  // The default network starts from the pretrained weights, so it recognises digits before any training.
  const pretrained = initialSettings.weights === 'pretrained' && encodeSpec(initialSpec.spec) === encodeSpec(DEFAULT_SPEC);
  const model = pretrained ? pretrainedSource() : undefined;
  const [view, send] = useTrainer({ backend: initialSettings.backend, config, model, onBackend });
  const modelFiles = useModelFiles(view, send);
  useTrainingShortcuts(view, send);
  useLoadedArchitecture(view, (spec) => {
    setDraft(spec);
    setApplied(spec);
    writeSpecToUrl(spec);
  });
  const firstError = analysis.errors[0];
  const changeSpec = (spec: ModelSpec) => {
    setDraft(spec);
    writeSpecToUrl(spec);
    if (analyzeSpec(spec).errors.length > 0) return;
    setApplied(spec);
    send({ type: 'reset', config: { spec } });
  };
  const changeSettings = (changes: Partial<TrainingParams>) => {
    const next = { ...settings, ...changes };
    setSettings(next);
    writeSettingsToUrl(next);
    send({ type: 'reset', config: trainConfigOf(next, applied) });
  };
  return (
    <section className="playground">
      <h1>Playground</h1>
      <ParamNotices notices={notices} />
      <details className="architecture" open>
        <summary>
          Network: {analysis.layers.length} layers, {analysis.totalParams.toLocaleString('en')} parameters
        </summary>
        <ArchitectureEditor spec={draft} onChange={changeSpec} disabled={view.state === 'training'} />
      </details>
      <SettingsForm settings={settings} onChange={changeSettings} disabled={view.state === 'training'} />
      <TrainingPanel
        view={view}
        config={config}
        send={send}
        blockedReason={firstError ? `Fix the architecture before training: ${firstError.message}` : null}
      />
      {view.history.length > 0 && (
        <section aria-labelledby="charts-heading">
          <h2 id="charts-heading">Loss and accuracy</h2>
          <TrainingChart batches={view.history} evaluations={view.evaluations} />
        </section>
      )}
      <InsideTheNetwork view={view} config={config} send={send} />
      <Evaluation view={view} send={send} />
      <ModelPanel
        files={modelFiles}
        origin={view.origin}
        seed={settings.seed}
        stepsTrained={view.lastBatch?.step ?? 0}
        busy={view.state === 'training' || view.state === 'loading'}
      />
    </section>
  );
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

const GALLERY_SIZE = 24;

/** Confusion matrix of the latest evaluation, the digits behind a cell, and the most confident mistakes. */
function Evaluation({ view, send }: { view: TrainerView; send: (c: TrainerCommand) => void }) {
  const latest = view.evaluations.at(-1);
  const split = useMnistTestSplit(latest !== undefined);
  const [cell, setCell] = useState<{ label: number; predicted: number } | null>(null);
  const predictions = view.predictions;
  const gallery = useMemo(() => {
    if (!split || !predictions) return [];
    const indices = Array.from({ length: split.count }, (_, i) => i);
    const chosen = cell
      ? indices.filter((i) => split.labels[i] === cell.label && predictions.predicted[i] === cell.predicted)
      : indices.filter((i) => split.labels[i] !== predictions.predicted[i]).sort((a, b) => predictions.confidence[b]! - predictions.confidence[a]!);
    return chosen.slice(0, GALLERY_SIZE);
  }, [split, predictions, cell]);
  if (!latest) return null;
  return (
    <section aria-labelledby="evaluation-heading" className="evaluation">
      <h2 id="evaluation-heading">How the network does on the 10,000 test digits</h2>
      <div className="evaluation__layout">
        <ConfusionMatrix confusion={latest.confusion} selected={cell} onSelect={(label, predicted) => setCell({ label, predicted })} />
        <div>
          <h3>
            {cell ? `${cell.label}s answered as ${cell.predicted}` : 'The most confident mistakes'}{' '}
            {cell && (
              <button type="button" onClick={() => setCell(null)}>
                Show the most confident mistakes
              </button>
            )}
          </h3>
          {!split ? (
            <p role="status">Loading the test digits…</p>
          ) : (
            <ul className="evaluation__gallery" data-testid="digit-gallery">
              {gallery.map((index) => (
                <li key={index}>
                  <button type="button" onClick={() => send({ type: 'setSample', index })} data-index={index}>
                    <DigitCanvas pixels={pixelsOf(split.images, index)} label={`Test digit #${index}, a ${split.labels[index]}`} sizePx={56} />
                    <span>
                      {split.labels[index]} → {predictions?.predicted[index]} ({Math.round((predictions?.confidence[index] ?? 0) * 100)}%)
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {split && gallery.length === 0 && <p>None.</p>}
        </div>
      </div>
    </section>
  );
}

function pixelsOf(images: Uint8Array, index: number): Float32Array {
  return Float32Array.from(images.subarray(index * 784, (index + 1) * 784), (v) => v / 255);
}

/** `?backend=wasm` may also sit in the page's query string, before the hash. */
function withPageQuery(params: URLSearchParams): URLSearchParams {
  const merged = new URLSearchParams(window.location.search);
  params.forEach((value, key) => merged.set(key, value));
  return merged;
}

const OPTIMIZERS: TrainingParams['optimizer'][] = ['adam', 'sgd', 'momentum', 'rmsprop'];

/** Hyperparameters; a change resets the model (training stops) so each run starts clean. */
function SettingsForm({ settings, onChange, disabled }: { settings: TrainingParams; onChange: (c: Partial<TrainingParams>) => void; disabled: boolean }) {
  return (
    <form className="settings" aria-label="Training settings" onSubmit={(event) => event.preventDefault()}>
      <fieldset disabled={disabled} className="settings__group">
        <label>
          Optimizer{' '}
          <select value={settings.optimizer} onChange={(event) => onChange({ optimizer: event.target.value as TrainingParams['optimizer'] })}>
            {OPTIMIZERS.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <NumberSelect label="Learning rate" value={settings.lr} options={[0.0003, 0.001, 0.003, 0.004, 0.01, 0.03, 0.1, 0.3]} onChange={(lr) => onChange({ lr })} />
        <NumberSelect label="Decay per epoch" value={settings.lrDecay} options={[0.3, 0.55, 0.8, 1]} onChange={(lrDecay) => onChange({ lrDecay })} />
        <NumberSelect label="Batch size" value={settings.batch} options={[16, 32, 64, 128, 256]} onChange={(batch) => onChange({ batch })} />
        <NumberSelect label="Epochs" value={settings.epochs} options={[1, 2, 3, 5, 10, 20]} onChange={(epochs) => onChange({ epochs })} />
        <NumberSelect label="Training images" value={settings.trainSize} options={[1000, 10000, 60000]} onChange={(trainSize) => onChange({ trainSize })} />
        <label>
          Seed{' '}
          <input
            type="number"
            min={0}
            value={settings.seed}
            onChange={(event) => {
              const seed = Number(event.target.value);
              if (Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31) onChange({ seed });
            }}
          />
        </label>
      </fieldset>
    </form>
  );
}

/** Space trains or pauses, S (or →) steps, R resets — unless focus is in a field or on a control that uses the key. */
function useTrainingShortcuts(view: TrainerView, send: (c: TrainerCommand) => void): void {
  const state = useRef(view.state);
  const sender = useRef(send);
  useEffect(() => {
    state.current = view.state;
    sender.current = send;
  });
  useEffect(() => {
    const send = (command: TrainerCommand) => sender.current(command);
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement;
      if (target.closest('input, select, textarea, button, [role="group"], dialog, canvas')) return;
      const key = event.key.toLowerCase();
      const current = state.current;
      if (key === ' ') {
        event.preventDefault();
        if (current === 'training') send({ type: 'pause' });
        else if (current === 'idle' || current === 'paused') send({ type: current === 'paused' ? 'resume' : 'start' });
      } else if ((key === 's' || key === 'arrowright') && (current === 'idle' || current === 'paused')) send({ type: 'step' });
      else if (key === 'r' && current !== 'loading') send({ type: 'reset' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
