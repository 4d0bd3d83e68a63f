import { useCallback, useEffect, useMemo, useState } from 'react';
import { OfflineError, type OfflineProgress } from './downloadPlan';
import type { OfflineManifest } from './offlineFiles';
import {
  browserEnvironment,
  fetchOfflineManifest,
  makeAvailableOffline,
  messageOf,
  offlineStatus,
} from './saveForOffline';
import { useServiceWorkerNews } from './serviceWorker';

/** Where Make available offline stands. `manifest` is null until the list of files has come (or when it cannot). */
export type OfflinePhase =
  | { kind: 'checking'; manifest: null }
  | { kind: 'idle'; manifest: OfflineManifest | null }
  | { kind: 'saving'; manifest: OfflineManifest; progress: OfflineProgress }
  | { kind: 'ready'; manifest: OfflineManifest }
  | { kind: 'failed'; manifest: OfflineManifest | null; message: string };

/** The offline download's state, checked against what the browser already holds, and the action that starts it. */
export function useOfflineDownload(): [OfflinePhase, () => void] {
  const env = useMemo(() => browserEnvironment(), []);
  const { unavailable } = useServiceWorkerNews();
  const [phase, setPhase] = useState<OfflinePhase>({ kind: 'checking', manifest: null });

  useEffect(() => {
    let live = true;
    (async () => {
      const manifest = await fetchOfflineManifest(env);
      const { precacheDone, cached } = await offlineStatus(manifest, env);
      const ready = precacheDone && cached.size === manifest.files.length;
      if (live) setPhase({ kind: ready ? 'ready' : 'idle', manifest });
    })().catch(() => {
      // No list (offline before any download, or a development server): the button still offers to try.
      if (live) setPhase({ kind: 'idle', manifest: null });
    });
    return () => {
      live = false;
    };
  }, [env]);

  const start = useCallback(() => {
    if (phase.kind === 'saving') return;
    const known = phase.manifest;
    void (async () => {
      try {
        if (unavailable) throw new OfflineError('no-service-worker');
        const manifest = known ?? (await fetchOfflineManifest(env));
        await makeAvailableOffline(manifest, env, (progress) => setPhase({ kind: 'saving', manifest, progress }));
        setPhase({ kind: 'ready', manifest });
      } catch (error) {
        setPhase({ kind: 'failed', manifest: known, message: messageOf(error) });
      }
    })();
  }, [env, phase, unavailable]);

  return [phase, start];
}
