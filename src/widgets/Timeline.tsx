import { useId } from 'react';
// The stepper's buttons: the same look, pressed state and forced-colours rules.
import './StepperControls.css';
import './Timeline.css';

export interface TimelineProps {
  /** The training step at each position: the kept snapshots, then the live one last. */
  steps: readonly number[];
  /** The position shown, 0 to steps.length - 1 (the last is live). */
  index: number;
  /** The training step of the snapshot drawn. */
  shownStep: number;
  /** Whether the replay is stepping through the kept snapshots. */
  playing: boolean;
  /** How many snapshots are kept, and the bytes their arrays hold. */
  kept: number;
  bytes: number;
  onIndex: (index: number) => void;
  onTogglePlay: () => void;
  onLive: () => void;
}

const formatStep = (step: number) => step.toLocaleString('en');

/** Bytes as megabytes with one decimal ("3.4 MB"), or kilobytes under a megabyte. */
export function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;
}

/**
 * The replay timeline: a range over the kept training snapshots and the live one, a Replay
 * toggle that steps through them, Live to follow training again, the step shown and the
 * memory the kept snapshots hold. Plain data in, callbacks out.
 */
export function Timeline({
  steps,
  index,
  shownStep,
  playing,
  kept,
  bytes,
  onIndex,
  onTogglePlay,
  onLive,
}: TimelineProps) {
  const statusId = useId();
  const last = Math.max(0, steps.length - 1);
  const live = index >= last;
  const liveStep = steps[last] ?? shownStep;
  const status = live
    ? `Step ${formatStep(shownStep)}, live`
    : `Step ${formatStep(shownStep)}, live at ${formatStep(liveStep)}`;
  return (
    <div className="timeline" role="group" aria-label="Replay training (keys: [ and ] step back and forward)">
      <button
        type="button"
        className="stepper__button"
        aria-pressed={playing}
        onClick={onTogglePlay}
        disabled={last === 0}
      >
        Replay
      </button>
      <input
        type="range"
        className="timeline__range"
        data-testid="timeline"
        aria-label="Training timeline"
        aria-describedby={statusId}
        aria-valuetext={status}
        aria-keyshortcuts="[ ]"
        min={0}
        max={last}
        step={1}
        value={Math.min(index, last)}
        data-step={shownStep}
        data-live={live}
        onChange={(event) => onIndex(Number(event.currentTarget.value))}
      />
      <button type="button" className="stepper__button" aria-pressed={live} onClick={onLive}>
        Live
      </button>
      {/* The step shown over the memory kept: one short column, so the timeline stays one row. */}
      <span className="timeline__readout">
        <span id={statusId} className="timeline__status" data-testid="timeline-status">
          {status}
        </span>
        <span className="timeline__memory" data-testid="timeline-memory" data-bytes={bytes} data-kept={kept}>
          {kept} {kept === 1 ? 'snapshot' : 'snapshots'} kept, {formatBytes(bytes)}
        </span>
      </span>
    </div>
  );
}
