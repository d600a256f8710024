/// <reference lib="webworker" />
/**
 * The offline app's service worker. It precaches every built file (wasm, workers, fonts, sample
 * data), so after one visit the app loads and runs queries with the network off, and it answers
 * with the app's security headers on every response (security/csp.ts): a static host that sends
 * no headers still gets the Content-Security-Policy, for the page and for each worker, and the
 * cross-origin isolation DuckDB's threads need, from the second visit on.
 */
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { securityHeaders } from './security/csp';

const sw = self as unknown as ServiceWorkerGlobalScope;

/** The response with the app's headers set: set, not added, so a cached header never narrows or widens them. */
function withSecurityHeaders(request: Request, response: Response): Response {
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(securityHeaders(url.pathname, url.search))) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

addPlugins([{ handlerWillRespond: async ({ request, response }) => withSecurityHeaders(request, response) }]);
// duckdb/worker.js is precached once; its parameters choose the script it runs and its policy.
// Written as `self.__WB_MANIFEST`: the build finds that text and puts the list of files there.
precacheAndRoute((self as unknown as { __WB_MANIFEST: (string | PrecacheEntry)[] }).__WB_MANIFEST, {
  ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^src$/, /^main$/, /^connect$/],
});
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// A new version waits until the page asks for it (ui/update-bar.tsx), after the library is saved.
sw.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});
