/**
 * The service worker's registration and its news for the page: whether it could register, and
 * whether a new deployment is installed and waiting. Registration goes through vite-plugin-pwa's
 * module (no inline script, which the Content-Security-Policy forbids); where service workers are
 * missing or blocked nothing happens and the site works online as before.
 */
import { useSyncExternalStore } from 'react';

export interface ServiceWorkerNews {
  /** A new version is installed and waits for the page's go-ahead (a reload). */
  updateReady: boolean;
  /** Registration failed or was refused: nothing will be kept for offline use. */
  unavailable: boolean;
}

let news: ServiceWorkerNews = { updateReady: false, unavailable: false };
const listeners = new Set<() => void>();
let applyUpdate: ((reloadPage?: boolean) => Promise<void>) | null = null;

function publish(change: Partial<ServiceWorkerNews>) {
  news = { ...news, ...change };
  for (const listener of listeners) listener();
}

let started = false;

/**
 * Registers the service worker (once, from main.tsx). Its code (workbox-window) loads on its own,
 * after the page's: it only matters once the page has loaded, and chapter pages stay lighter.
 */
export async function startServiceWorker(): Promise<void> {
  if (started) return;
  started = true;
  let supported = false;
  try {
    supported = 'serviceWorker' in navigator && Boolean(navigator.serviceWorker);
  } catch {
    // Touching navigator.serviceWorker throws in some sandboxed frames.
  }
  if (!supported) {
    publish({ unavailable: true });
    return;
  }
  let registerSW: typeof import('virtual:pwa-register').registerSW;
  try {
    ({ registerSW } = await import('virtual:pwa-register'));
  } catch {
    publish({ unavailable: true });
    return;
  }
  applyUpdate = registerSW({
    onNeedRefresh: () => publish({ updateReady: true }),
    onRegisteredSW: (_url, registration) => registration && watchForUpdates(registration),
    onRegisterError: () => publish({ unavailable: true }),
  });
}

/**
 * Also catches an update that the page's own load started installing before the library listened
 * (it would not hear of it), and looks for a new deployment whenever the page is shown again, so a
 * tab left open in class finds it too.
 */
function watchForUpdates(registration: ServiceWorkerRegistration): void {
  const waitingUpdate = () => {
    if (registration.waiting && registration.active) publish({ updateReady: true });
  };
  const follow = (worker: ServiceWorker | null) => worker?.addEventListener('statechange', waitingUpdate);
  follow(registration.installing);
  registration.addEventListener('updatefound', () => follow(registration.installing));
  waitingUpdate();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
}

/**
 * Lets the waiting version take over, then reloads the page with it (the library reloads once the
 * new worker controls the page; the timer is a fallback should that event never come).
 */
export function reloadWithUpdate(): void {
  try {
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  } catch {
    // No service worker after all: the timer reloads.
  }
  void applyUpdate?.(true);
  setTimeout(() => window.location.reload(), 5_000);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The service worker's news, kept current. */
export function useServiceWorkerNews(): ServiceWorkerNews {
  return useSyncExternalStore(
    subscribe,
    () => news,
    () => news,
  );
}
