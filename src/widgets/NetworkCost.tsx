import { formatFlops, type SpecFlops } from '../core/flops';
import {
  estimateSpeed,
  formatDuration,
  formatRate,
  slowEpochWarning,
  type MeasuredSpeed,
} from '../core/trainingEstimate';

interface Props {
  /** The network's FLOPs (core/flops specFlops). */
  flops: SpecFlops;
  /** The speed measured on the backend that trains here (null until measured). */
  speed: MeasuredSpeed | null;
  /** Training images per epoch. */
  examplesPerEpoch: number;
}

/**
 * What a network costs: FLOPs per training example, the examples/s to expect on the backend that
 * trains here (scaled from a measured speed by FLOPs), and a warning when an epoch would take hours.
 */
export function NetworkCost({ flops, speed, examplesPerEpoch }: Props) {
  if (!flops.complete) {
    return (
      <p className="network-cost" data-testid="network-cost">
        Cost per training example: known once the architecture is fixed.
      </p>
    );
  }
  const estimate = estimateSpeed(speed, flops.training, examplesPerEpoch);
  const warning = speed && slowEpochWarning(estimate, speed.backend);
  return (
    <div className="network-cost" data-testid="network-cost">
      <p data-testid="network-flops" data-value={flops.training}>
        Cost: <strong>{formatFlops(flops.training)} per training example</strong> (forward pass{' '}
        {formatFlops(flops.forward)}; the backward pass about twice that).
      </p>
      {speed && estimate ? (
        <p data-testid="speed-estimate" data-value={estimate.examplesPerSec}>
          Expected on {speed.backend}: about {formatRate(estimate.examplesPerSec)} examples/s, so an epoch of{' '}
          {examplesPerEpoch.toLocaleString('en')} images takes {formatDuration(estimate.secondsPerEpoch)}. An estimate:{' '}
          {speed.source === 'training' ? 'training measured' : 'the start-up test measured'}{' '}
          {formatRate(speed.examplesPerSec)} examples/s on a network of {formatFlops(speed.flopsPerExample)} per
          example, scaled by the ratio of FLOPs.
        </p>
      ) : (
        <p className="hint" data-testid="speed-estimate">
          Expected speed: shown once a speed has been measured on this device.
        </p>
      )}
      {warning && (
        <p role="alert" className="notice" data-testid="epoch-warning">
          {warning}
        </p>
      )}
    </div>
  );
}
