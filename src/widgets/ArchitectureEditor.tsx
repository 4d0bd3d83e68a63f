import { MNIST_CLASSES } from '../core/classifierOutput';
import { useMemo, useState } from 'react';
import { PRESET_SPECS } from '../core/defaultSpec';
import {
  LAYER_ACTIVATIONS,
  LAYER_KINDS,
  PADDINGS,
  type Conv2dLayer,
  type DenseLayer,
  type LayerKind,
  type LayerSpec,
  type ModelSpec,
} from '../core/modelSpec';
import { formatFlops, specFlops } from '../core/flops';
import { analyzeSpec } from '../core/shapes';
import type { MeasuredSpeed } from '../core/trainingEstimate';
import {
  defaultInsertIndex,
  defaultLayer,
  insertLayer,
  moveLayer,
  removeLayer,
  replaceLayer,
} from './architectureEdits';
import { groupErrors, presetIdOf } from './architectureStatus';
import { NetworkCost } from './NetworkCost';
import './ArchitectureEditor.css';

const KIND_LABELS: Record<LayerKind, string> = {
  conv2d: 'convolution',
  maxPool: 'max pool',
  avgPool: 'average pool',
  flatten: 'flatten',
  dense: 'dense',
  dropout: 'dropout',
  inception: 'inception block',
  residual: 'residual block',
};

function formatShape(shape: number[]): string {
  return shape.length === 0 ? '—' : shape.join('×');
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

interface ArchitectureEditorProps {
  spec: ModelSpec;
  onChange: (spec: ModelSpec) => void;
  disabled?: boolean;
  /** The training speed measured here, for the expected speed of the edited network (see NetworkCost). */
  speed?: MeasuredSpeed | null;
  /** Training images per epoch (default: all of MNIST's 60,000). */
  examplesPerEpoch?: number;
  /** The classes the output layer must have (default: MNIST's 10 digits). */
  classes?: number;
}

/**
 * A table editor for a sequential model: one row per layer, with live shapes, parameters and errors,
 * and the network's cost in FLOPs with the speed to expect here.
 */
export function ArchitectureEditor({
  spec,
  onChange,
  disabled = false,
  speed = null,
  examplesPerEpoch = 60_000,
  classes = MNIST_CLASSES,
}: ArchitectureEditorProps) {
  const analysis = useMemo(() => analyzeSpec(spec, classes), [spec, classes]);
  const flops = useMemo(() => specFlops(spec), [spec]);
  const layers = spec.layers;
  const [addKind, setAddKind] = useState<LayerKind>('dense');
  const [insertAt, setInsertAt] = useState<number | null>(null);
  const position = insertAt !== null && insertAt <= layers.length ? insertAt : defaultInsertIndex(layers);

  const setLayers = (next: LayerSpec[]) => onChange({ ...spec, layers: next });
  const replace = (index: number, layer: LayerSpec) => setLayers(replaceLayer(layers, index, layer));
  const move = (index: number, delta: -1 | 1) => {
    const next = moveLayer(layers, index, delta);
    if (next !== layers) setLayers(next);
  };
  const addLayer = () => {
    setInsertAt(null);
    setLayers(insertLayer(layers, position, defaultLayer(addKind)));
  };

  const presetId = presetIdOf(spec);
  const { byLayer: errorsByLayer, model: modelErrors } = groupErrors(analysis.errors, layers.length);

  return (
    <div className="architecture-editor">
      <div className="architecture-editor__scroll">
        <table className="architecture-editor__table" data-testid="architecture">
          <caption>Architecture</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Kind</th>
              <th scope="col">Settings</th>
              <th scope="col">Output</th>
              <th scope="col">Parameters</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {layers.map((layer, index) => {
              const info = analysis.layers[index];
              const errors = errorsByLayer.get(index) ?? [];
              const n = index + 1;
              return (
                <tr key={index} className={errors.length > 0 ? 'architecture-editor__row--error' : undefined}>
                  <th scope="row">{n}</th>
                  <td>
                    <select
                      aria-label={`Layer ${n} kind`}
                      value={layer.kind}
                      disabled={disabled}
                      onChange={(event) => {
                        const kind = event.target.value as LayerKind;
                        if (kind !== layer.kind) replace(index, defaultLayer(kind, layer));
                      }}
                    >
                      {LAYER_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {KIND_LABELS[kind]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <div className="architecture-editor__settings">
                      <LayerSettings
                        key={layer.kind}
                        layer={layer}
                        n={n}
                        disabled={disabled}
                        onChange={(next) => replace(index, next)}
                      />
                    </div>
                    {errors.length > 0 && (
                      <div role="alert" className="architecture-editor__error" data-testid={`error-${index}`}>
                        {errors.map((error, i) => (
                          <p key={i}>{error.message}</p>
                        ))}
                      </div>
                    )}
                  </td>
                  <td className="architecture-editor__num" data-testid={`shape-${index}`}>
                    {formatShape(info?.outputShape ?? [])}
                  </td>
                  <td className="architecture-editor__num" data-testid={`params-${index}`}>
                    {formatCount(info?.params ?? 0)}
                  </td>
                  <td className="architecture-editor__actions">
                    <button
                      type="button"
                      aria-label={`Move layer ${n} up`}
                      title="Move up"
                      disabled={disabled || index === 0}
                      onClick={() => move(index, -1)}
                    >
                      ↑<span className="sr-only"> Move up</span>
                    </button>
                    <button
                      type="button"
                      aria-label={`Move layer ${n} down`}
                      title="Move down"
                      disabled={disabled || index === layers.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      ↓<span className="sr-only"> Move down</span>
                    </button>
                    <button
                      type="button"
                      aria-label={`Remove layer ${n}`}
                      title="Remove"
                      disabled={disabled}
                      onClick={() => setLayers(removeLayer(layers, index))}
                    >
                      ✕<span className="sr-only"> Remove</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Total parameters
              </th>
              <td className="architecture-editor__num" data-testid="total-params">
                {formatCount(analysis.totalParams)}
              </td>
              <td />
            </tr>
            <tr>
              <th scope="row" colSpan={4}>
                FLOPs per training example
              </th>
              <td className="architecture-editor__num" data-testid="total-flops" data-value={flops.training}>
                {flops.complete ? formatFlops(flops.training) : '—'}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {modelErrors.length > 0 && (
        <div role="alert" className="architecture-editor__error" data-testid="spec-errors">
          {modelErrors.map((error, i) => (
            <p key={i}>{error.message}</p>
          ))}
        </div>
      )}
      <NetworkCost flops={flops} speed={speed} examplesPerEpoch={examplesPerEpoch} />
      <form className="settings" aria-label="Change architecture" onSubmit={(event) => event.preventDefault()}>
        <label>
          New layer{' '}
          <select value={addKind} disabled={disabled} onChange={(event) => setAddKind(event.target.value as LayerKind)}>
            {LAYER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Position{' '}
          <select value={position} disabled={disabled} onChange={(event) => setInsertAt(Number(event.target.value))}>
            {layers.map((_, i) => (
              <option key={i} value={i}>
                before layer {i + 1}
              </option>
            ))}
            <option value={layers.length}>at the end</option>
          </select>
        </label>
        <button type="button" disabled={disabled} onClick={addLayer}>
          Add layer
        </button>
        <label>
          Preset{' '}
          <select
            value={presetId}
            disabled={disabled}
            onChange={(event) => {
              const preset = PRESET_SPECS[event.target.value];
              if (preset) onChange(structuredClone(preset.spec));
            }}
          >
            {Object.entries(PRESET_SPECS).map(([id, preset]) => (
              <option key={id} value={id}>
                {preset.label}
              </option>
            ))}
            {presetId === 'custom' && <option value="custom">Custom</option>}
          </select>
        </label>
      </form>
    </div>
  );
}

interface LayerSettingsProps<L extends LayerSpec = LayerSpec> {
  layer: L;
  n: number;
  disabled: boolean;
  onChange: (layer: L) => void;
}

function LayerSettings({ layer, n, disabled, onChange }: LayerSettingsProps) {
  const field = (name: string, label: string, value: number, set: (v: number) => void, step = 1) => (
    <NumberField
      label={label}
      ariaLabel={`Layer ${n} ${name}`}
      value={value}
      step={step}
      disabled={disabled}
      onChange={set}
    />
  );
  const activationChoice = (withActivation: Conv2dLayer | DenseLayer) => (
    <Choice
      label="activation"
      ariaLabel={`Layer ${n} activation`}
      value={withActivation.activation}
      options={LAYER_ACTIVATIONS}
      disabled={disabled}
      onChange={(activation) => onChange({ ...withActivation, activation })}
    />
  );
  switch (layer.kind) {
    case 'conv2d':
      return (
        <>
          {field('filters', 'filters', layer.filters, (filters) => onChange({ ...layer, filters }))}
          {field('kernel size', 'kernel', layer.kernelSize, (kernelSize) => onChange({ ...layer, kernelSize }))}
          {field('stride', 'stride', layer.stride, (stride) => onChange({ ...layer, stride }))}
          <Choice
            label="padding"
            ariaLabel={`Layer ${n} padding`}
            value={layer.padding}
            options={PADDINGS}
            disabled={disabled}
            onChange={(padding) => onChange({ ...layer, padding })}
          />
          {activationChoice(layer)}
        </>
      );
    case 'maxPool':
    case 'avgPool':
      return (
        <>
          {field('pool size', 'pool', layer.poolSize, (poolSize) => onChange({ ...layer, poolSize }))}
          {field('stride', 'stride', layer.stride, (stride) => onChange({ ...layer, stride }))}
        </>
      );
    case 'flatten':
      return <span className="architecture-editor__none">no settings</span>;
    case 'dense':
      return (
        <>
          {field('units', 'units', layer.units, (units) => onChange({ ...layer, units }))}
          {activationChoice(layer)}
        </>
      );
    case 'dropout':
      return field('dropout rate', 'rate', layer.rate, (rate) => onChange({ ...layer, rate }), 0.05);
    case 'inception':
      return (
        <>
          {field('filters 1×1', '1×1', layer.filters1x1, (filters1x1) => onChange({ ...layer, filters1x1 }))}
          {field('filters 3×3', '3×3', layer.filters3x3, (filters3x3) => onChange({ ...layer, filters3x3 }))}
          {field('filters 5×5', '5×5', layer.filters5x5, (filters5x5) => onChange({ ...layer, filters5x5 }))}
          {field('filters pool projection', 'pool 1×1', layer.poolProj, (poolProj) => onChange({ ...layer, poolProj }))}
        </>
      );
    case 'residual':
      return field('filters', 'filters', layer.filters, (filters) => onChange({ ...layer, filters }));
    default:
      return <span className="architecture-editor__none">unknown layer</span>;
  }
}

function Choice<T extends string>({
  label,
  ariaLabel,
  value,
  options,
  disabled,
  onChange,
}: {
  label: string;
  ariaLabel: string;
  value: T;
  options: readonly T[];
  disabled: boolean;
  onChange: (value: T) => void;
}) {
  return (
    <label>
      <span aria-hidden="true">{label} </span>
      <select
        aria-label={ariaLabel}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {!options.includes(value) && <option value={value}>{String(value)}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A number input that passes on any number typed (range checks are analyzeSpec's job) and
 * ignores text that is not a number, while letting the field be cleared mid-edit.
 */
function NumberField({
  label,
  ariaLabel,
  value,
  step,
  disabled,
  onChange,
}: {
  label: string;
  ariaLabel: string;
  value: number;
  step: number;
  disabled: boolean;
  onChange: (value: number) => void;
}) {
  // What the user typed, shown while it is not (yet) a number or still reads as `value` (e.g. "0.").
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft !== null && (!isNumber(draft) || Number(draft) === value) ? draft : String(value);
  return (
    <label>
      <span aria-hidden="true">{label} </span>
      <input
        type="number"
        aria-label={ariaLabel}
        step={step}
        value={shown}
        disabled={disabled}
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          if (isNumber(text)) onChange(Number(text));
        }}
        onBlur={() => setDraft(null)}
      />
    </label>
  );
}

function isNumber(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}
