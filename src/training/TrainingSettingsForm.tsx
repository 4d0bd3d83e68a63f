import { OPTIMIZERS } from '../protocol/messages';
import { DEFAULT_TRAINING_PARAMS, TRAINING_SCHEMA, type TrainingParams } from '../state/trainingParams';
import { ChoiceSelect } from '../widgets/ChoiceSelect';
import { NumberSelect } from '../widgets/NumberSelect';
import './TrainingSettingsForm.css';

/** The optimizers, the default first. */
const OPTIMIZER_CHOICES = [
  DEFAULT_TRAINING_PARAMS.optimizer,
  ...OPTIMIZERS.filter((name) => name !== DEFAULT_TRAINING_PARAMS.optimizer),
];
const SEED = TRAINING_SCHEMA.seed;

/** The choices offered, with the current value added when the address asked for another one. */
function withValue(options: number[], value: number): number[] {
  return options.includes(value) ? options : [...options, value].sort((a, b) => a - b);
}

/** Hyperparameters; a change resets the model (training stops) so each run starts clean. */
export function TrainingSettingsForm({
  settings,
  onChange,
  disabled,
}: {
  settings: TrainingParams;
  onChange: (c: Partial<TrainingParams>) => void;
  disabled: boolean;
}) {
  return (
    <form className="settings" aria-label="Training settings" onSubmit={(event) => event.preventDefault()}>
      <fieldset disabled={disabled} className="settings__group">
        <ChoiceSelect
          label="Optimizer"
          value={settings.optimizer}
          options={OPTIMIZER_CHOICES}
          onChange={(optimizer) => onChange({ optimizer })}
        />
        <NumberSelect
          label="Learning rate"
          value={settings.lr}
          options={[0.0003, 0.001, 0.003, 0.004, 0.01, 0.03, 0.1, 0.3]}
          onChange={(lr) => onChange({ lr })}
        />
        <NumberSelect
          label="Decay per epoch"
          value={settings.lrDecay}
          options={[0.3, 0.55, 0.8, 1]}
          onChange={(lrDecay) => onChange({ lrDecay })}
        />
        <NumberSelect
          label="Batch size"
          value={settings.batch}
          options={[16, 32, 64, 128, 256]}
          onChange={(batch) => onChange({ batch })}
        />
        <NumberSelect
          label="Epochs"
          value={settings.epochs}
          options={[1, 2, 3, 5, 10, 20]}
          onChange={(epochs) => onChange({ epochs })}
        />
        <NumberSelect
          label="Training images"
          value={settings.trainSize}
          options={[1000, 10000, 60000]}
          onChange={(trainSize) => onChange({ trainSize })}
        />
        <label>
          Seed{' '}
          <input
            type="number"
            min={SEED.min}
            max={SEED.max}
            value={settings.seed}
            onChange={(event) => {
              const seed = Number(event.target.value);
              if (Number.isInteger(seed) && seed >= SEED.min && seed <= SEED.max) onChange({ seed });
            }}
          />
        </label>
      </fieldset>
      {/* Random changes to each training batch, so the network learns digits that move, turn and blur. */}
      <fieldset disabled={disabled} className="settings__group">
        <legend className="settings__legend">Augmentation</legend>
        <NumberSelect
          label="Shift (px)"
          value={settings.augShift}
          options={withValue([0, 1, 2, 3, 4, 6], settings.augShift)}
          onChange={(augShift) => onChange({ augShift })}
        />
        <NumberSelect
          label="Turn (°)"
          value={settings.augRotate}
          options={withValue([0, 5, 10, 15, 20, 30], settings.augRotate)}
          onChange={(augRotate) => onChange({ augRotate })}
        />
        <NumberSelect
          label="Zoom (±)"
          value={settings.augScale}
          options={withValue([0, 0.05, 0.1, 0.2, 0.3], settings.augScale)}
          onChange={(augScale) => onChange({ augScale })}
        />
        <NumberSelect
          label="Noise"
          value={settings.augNoise}
          options={withValue([0, 0.05, 0.1, 0.2, 0.3, 0.5], settings.augNoise)}
          onChange={(augNoise) => onChange({ augNoise })}
        />
      </fieldset>
    </form>
  );
}
