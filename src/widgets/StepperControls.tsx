import { useId, type KeyboardEvent, type ReactNode } from 'react';
import './StepperControls.css';

import type { AnimationClock } from '../hooks/useAnimationClock';
import { usePresenterTarget } from '../hooks/presenter';
import { SPEEDS } from '../core/playback';

interface StepperControlsProps {
  /** Current step, 0..steps (`steps` = everything revealed). */
  step: number;
  steps: number;
  playing: boolean;
  /** Speed multiplier, one of {@link SPEEDS}. */
  speed: number;
  /** Go to this step (already clamped to 0..steps). */
  onStep: (step: number) => void;
  onPlaying: (playing: boolean) => void;
  onSpeed: (speed: number) => void;
  /** Accessible name of the group (default "Animation controls"). */
  label?: string;
  /** Text of a step for the slider's aria-valuetext and the visible counter (default "step 4 of 9"). */
  stepText?: (step: number, steps: number) => string;
  testId?: string;
}

const defaultStepText = (step: number, steps: number) => `step ${step} of ${steps}`;

/**
 * Play/pause, step back/forward, restart, a step slider and a speed select for an explorable.
 * Keys work only while focus is inside the controls: Space plays or pauses, ←/→ step,
 * Home/End go to the first/last step (the slider and select keep their own arrow keys, and a
 * focused button keeps Space). Restart calls `onStep(0)` and then, if it was playing,
 * `onPlaying(true)`, so it keeps playing with a clock whose `setStep` pauses.
 */
function StepperControls({
  step,
  steps,
  playing,
  speed,
  onStep,
  onPlaying,
  onSpeed,
  label = 'Animation controls',
  stepText = defaultStepText,
  testId,
}: StepperControlsProps) {
  const uid = useId();
  const sliderId = `${uid}-step`;
  const speedId = `${uid}-speed`;
  const hintId = `${uid}-keys`;
  const last = Math.max(0, steps);
  const current = Math.min(last, Math.max(0, step));
  const atStart = current === 0;
  const atEnd = current === last;

  const go = (next: number) => {
    const clamped = Math.min(last, Math.max(0, next));
    if (clamped !== current) onStep(clamped);
  };
  const restart = () => {
    const wasPlaying = playing;
    onStep(0);
    if (wasPlaying) onPlaying(true);
  };
  const toggle = () => {
    if (last > 0) onPlaying(!playing);
  };
  // In classroom mode these keys work from anywhere on the page.
  usePresenterTarget({ toggle, step: (delta) => go(current + delta) });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const tag = (event.target as HTMLElement).tagName;
    // The slider and the select move with arrows and Home/End by themselves.
    const ownsArrows = tag === 'INPUT' || tag === 'SELECT';
    const actions: Record<string, () => void> = ownsArrows
      ? {}
      : { ArrowLeft: () => go(current - 1), ArrowRight: () => go(current + 1), Home: () => go(0), End: () => go(last) };
    if (event.key === ' ' && tag !== 'BUTTON' && tag !== 'SELECT') actions[' '] = toggle;
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const known: readonly number[] = SPEEDS;
  const speeds = known.includes(speed) ? known : [...known, speed].sort((a, b) => a - b);

  return (
    // The group only handles keys from the controls inside it; it is not focusable itself.
    <div
      className="stepper"
      role="group"
      aria-label={label}
      aria-describedby={hintId}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <p id={hintId} className="sr-only">
        Keys: Space plays or pauses, left and right arrows step, Home and End go to the first and last step.
      </p>
      <div className="stepper__buttons">
        <StepperButton label="Restart" icon={<RestartIcon />} onClick={restart} disabled={atStart && !playing} />
        <StepperButton label="Step back" icon={<StepBackIcon />} onClick={() => go(current - 1)} disabled={atStart} />
        <button
          type="button"
          className="stepper__button stepper__button--play"
          aria-pressed={playing}
          aria-disabled={last === 0 ? true : undefined}
          onClick={toggle}
        >
          <PlayIcon />
          <span>Play</span>
        </button>
        <StepperButton
          label="Step forward"
          icon={<StepForwardIcon />}
          onClick={() => go(current + 1)}
          disabled={atEnd}
        />
      </div>
      <div className="stepper__scrub">
        <label htmlFor={sliderId}>Step</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={last}
          step={1}
          value={current}
          aria-valuetext={stepText(current, last)}
          onChange={(event) => go(Number(event.currentTarget.value))}
        />
        <output htmlFor={sliderId} className="stepper__count">
          {capitalise(stepText(current, last))}
        </output>
      </div>
      <div className="stepper__speed">
        <label htmlFor={speedId}>Speed</label>
        <select id={speedId} value={String(speed)} onChange={(event) => onSpeed(Number(event.currentTarget.value))}>
          {speeds.map((s) => (
            <option key={s} value={String(s)}>
              {s}×
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A button that stays focusable when it cannot act (aria-disabled rather than disabled), so
 * keyboard focus is not lost when stepping reaches either end.
 */
function StepperButton({
  label,
  icon,
  onClick,
  disabled,
}: {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  disabled: boolean;
}) {
  return (
    <button
      type="button"
      className="stepper__button"
      aria-disabled={disabled ? true : undefined}
      onClick={disabled ? undefined : onClick}
    >
      {icon}
      <span>{label}</span>
    </button>
  );
}

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="stepper__icon" viewBox="0 0 20 20" width={20} height={20} aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

/** The play button keeps one name and icon; its pressed state (aria-pressed, filled look) says it is playing. */
function PlayIcon() {
  return (
    <Icon>
      <path d="M5 3l12 7-12 7z" fill="currentColor" />
    </Icon>
  );
}

function StepBackIcon() {
  return (
    <Icon>
      <path d="M4 3h3v14H4zM17 3L8 10l9 7z" fill="currentColor" />
    </Icon>
  );
}

function StepForwardIcon() {
  return (
    <Icon>
      <path d="M13 3h3v14h-3zM3 3l9 7-9 7z" fill="currentColor" />
    </Icon>
  );
}

function RestartIcon() {
  return (
    <Icon>
      <path d="M10 3a7 7 0 1 1-6.6 4.7" fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinecap="round" />
      <path d="M1.5 3.5l2 5 5-2z" fill="currentColor" />
    </Icon>
  );
}

/** StepperControls driven by an animation clock, counting output cells: how the explorables use them. */
export function ClockStepper({
  clock,
  speed,
  onSpeed,
}: {
  clock: AnimationClock;
  speed: number;
  onSpeed: (speed: number) => void;
}) {
  return (
    <StepperControls
      step={clock.step}
      steps={clock.steps}
      playing={clock.playing}
      speed={speed}
      onStep={clock.setStep}
      onPlaying={clock.setPlaying}
      onSpeed={onSpeed}
      stepText={(step, steps) => `${step} of ${steps} output cells written`}
    />
  );
}
