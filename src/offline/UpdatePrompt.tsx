import { reloadWithUpdate, useServiceWorkerNews } from './serviceWorker';
import './UpdatePrompt.css';

/** Tells the user a new deployment is ready; it applies on reload, so old and new files never mix. */
export function UpdatePrompt() {
  const { updateReady } = useServiceWorkerNews();
  if (!updateReady) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <p className="update-prompt__text">A new version of ConvScope is ready — reload to use it.</p>
      <button type="button" className="update-prompt__button" onClick={reloadWithUpdate}>
        Reload
      </button>
    </div>
  );
}
