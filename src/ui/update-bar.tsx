/// <reference types="vite-plugin-pwa/client" />
/**
 * The offline app's service worker, and the bar that announces a new version.
 * The new version waits: the open notebook keeps running the code it loaded
 * until the user chooses to reload (after the library has been saved).
 */
import { signal } from '@preact/signals';
import { registerSW } from 'virtual:pwa-register';

const updateReady = signal<((reload?: boolean) => Promise<void>) | null>(null);
/** Saves the library before the page reloads into the new version. */
let flushFirst: () => Promise<void> = () => Promise.resolve();
const offlineReady = signal(false);

/** Registers the service worker once the page is idle, so it never competes with the first paint or the first query. */
export function startServiceWorker(flush: () => Promise<void>): void {
  flushFirst = flush;
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const register = () => {
    const update = registerSW({
      onNeedRefresh: () => (updateReady.value = update),
      onOfflineReady: () => (offlineReady.value = true),
    });
  };
  addEventListener('load', () => requestIdleCallback(register, { timeout: 5000 }), { once: true });
  if (document.readyState === 'complete') requestIdleCallback(register, { timeout: 5000 });
}

export function UpdateBar() {
  const update = updateReady.value;
  if (!update) return null;
  return (
    <div class="update-bar" role="status">
      <span>A new version of SQL Notebook is ready. Your notebooks are saved.</span>
      <button type="button" onClick={() => void flushFirst().then(() => update(true))}>
        Reload to update
      </button>
      <button type="button" class="icon" aria-label="Later" onClick={() => (updateReady.value = null)}>
        ×
      </button>
    </div>
  );
}
