/**
 * The 'backend' event that tells the page which backend trains and why. The engine sends it at
 * start-up and again when another backend takes over after a loss, so it is built in one place.
 */
import type { BackendName, BackendProbe, TrainerEvent } from '../protocol/messages';
import { webglRenderer } from './backends';
import { effectiveFloatPrecision } from './trainer';

/** The start-up choice's reason, with the GPU's name and any test flags appended. */
export function startupReason(reason: string, testFlags: string): string {
  const renderer = webglRenderer();
  if (renderer) reason += ` GPU: ${renderer}.`;
  if (testFlags) reason += ` Test flags: ${testFlags}.`;
  return reason;
}

/** The report for the backend now switched to, with the float precision it really computes in. */
export function backendEvent(
  backend: BackendName,
  thread: 'worker' | 'main',
  reason: string,
  probes: BackendProbe[],
): Extract<TrainerEvent, { type: 'backend' }> {
  return { type: 'backend', backend, thread, reason, probes, floatPrecision: effectiveFloatPrecision() };
}
