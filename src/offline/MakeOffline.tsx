import { useId } from 'react';
import { megabytes, percentOf, totalBytesOf } from './downloadPlan';
import { useOfflineDownload } from './useOfflineDownload';
import './MakeOffline.css';

interface Props {
  /** One line, no heading: for a page whose own content comes first (the playground). */
  compact?: boolean;
}

/**
 * **Make available offline**: saves every page, the MNIST files and the WebAssembly backend in
 * this browser, showing the total size before and the progress during, and says when the site is
 * ready offline, or what went wrong and what to do.
 */
export function MakeOffline({ compact = false }: Props) {
  const [phase, start] = useOfflineDownload();
  const headingId = useId();
  const total = phase.manifest ? totalBytesOf(phase.manifest) : null;
  const saving = phase.kind === 'saving';
  return (
    <section
      className={compact ? 'make-offline make-offline--compact' : 'make-offline'}
      data-testid="make-offline"
      {...(compact ? { 'aria-label': 'Offline use' } : { 'aria-labelledby': headingId })}
    >
      {!compact && (
        <h2 id={headingId} className="make-offline__title">
          Use ConvScope offline
        </h2>
      )}
      <p className="make-offline__text">
        {compact
          ? 'Keep the whole site in this browser for use without a network'
          : 'Save every page, the MNIST digits and the WebAssembly backend in this browser: for a class on an unreliable network, or a student about to lose the connection'}
        {total !== null && <> ({megabytes(total)} in all)</>}.
      </p>
      <button type="button" className="make-offline__button" onClick={start} disabled={saving}>
        Make available offline
      </button>
      {saving && (
        <label className="make-offline__progress" data-testid="offline-progress">
          Saving for offline use: {megabytes(phase.progress.loadedBytes)} of {megabytes(phase.progress.totalBytes)} (
          {percentOf(phase.progress)}%) <progress max={phase.progress.totalBytes} value={phase.progress.loadedBytes} />
        </label>
      )}
      <div role="status">
        {phase.kind === 'ready' && (
          <p className="make-offline__ready" data-testid="offline-ready">
            ConvScope is ready offline: every page, the training data and the WebAssembly backend are saved in this
            browser.
          </p>
        )}
      </div>
      {phase.kind === 'failed' && (
        <p className="error make-offline__error" role="alert" data-testid="offline-error">
          {phase.message}
        </p>
      )}
    </section>
  );
}
