/// <reference lib="webworker" />
/**
 * The offline app's service worker. It precaches the app (scripts, styles, fonts, workers, the
 * SQLite and Parquet wasm, sample data), so after one visit the app loads and runs queries with
 * the network off, and it answers with the app's security headers on every response
 * (security/csp.ts): a static host that sends no headers still gets the Content-Security-Policy,
 * for the page and for each worker, and the cross-origin isolation DuckDB's threads need, from
 * the second visit on.
 *
 * DuckDB's two builds (eh and coi, 34 MB each) are not precached: a visit uses one of them, and
 * precaching both downloaded 68 MB beside the page's own download. Each is kept in ENGINE_CACHE
 * when it is first fetched: by DuckDB's worker itself on a first visit, which this worker does
 * not control yet (public/duckdb/worker.js puts the bytes it streams into the cache), and by the
 * route below afterwards. So a first visit downloads the build it runs once, and the other build
 * is downloaded the first time it is used (docs/architecture.md, Offline app).
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

/** Where DuckDB's wasm builds are kept; public/duckdb/worker.js writes to the same cache. */
const ENGINE_CACHE = 'sqlnb-engines';
/** Marks a response this worker served from ENGINE_CACHE, so DuckDB's worker does not store it again. */
const SERVED_HEADER = 'X-Sqlnb-Engine-Cache';
/** DuckDB's wasm builds: fetched when used, not precached. */
const ENGINE_WASM = /\/duckdb-(eh|coi|mvp)-[^/]*\.wasm$/;

/** The response with the app's headers set: set, not added, so a cached header never narrows or widens them. */
function withSecurityHeaders(request: Request, response: Response, extra: Record<string, string> = {}): Response {
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries({ ...securityHeaders(url.pathname, url.search), ...extra }))
    headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Written as `self.__WB_MANIFEST`: the build finds that text and puts the list of built files there.
const manifest = (self as unknown as { __WB_MANIFEST: (string | PrecacheEntry)[] }).__WB_MANIFEST;
const urlOf = (e: string | PrecacheEntry) => new URL(typeof e === 'string' ? e : e.url, sw.registration.scope).href;
const engineUrls = new Set(manifest.map(urlOf).filter((u) => ENGINE_WASM.test(u)));

addPlugins([{ handlerWillRespond: async ({ request, response }) => withSecurityHeaders(request, response) }]);
// duckdb/worker.js is precached once; its parameters choose the script it runs and its policy.
precacheAndRoute(
  manifest.filter((e) => !engineUrls.has(urlOf(e))),
  { ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^src$/, /^main$/, /^connect$/] },
);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// A DuckDB build: from ENGINE_CACHE, or else from the network, streamed to the page while it is stored.
registerRoute(
  ({ url }) => engineUrls.has(url.href),
  async ({ request, event }) => {
    const cache = await caches.open(ENGINE_CACHE);
    const hit = await cache.match(request.url);
    if (hit) return withSecurityHeaders(request, hit, { [SERVED_HEADER]: '1' });
    const response = await fetch(request.url, { credentials: 'same-origin' });
    if (response.ok && response.status === 200) {
      event.waitUntil(cache.put(request.url, response.clone()).catch(() => undefined));
      return withSecurityHeaders(request, response, { [SERVED_HEADER]: '1' });
    }
    return withSecurityHeaders(request, response);
  },
);

// Builds of older versions are dropped once this version runs.
sw.addEventListener('activate', (event: ExtendableEvent) => {
  event.waitUntil(
    caches.open(ENGINE_CACHE).then(async (cache) => {
      for (const req of await cache.keys()) if (!engineUrls.has(req.url)) await cache.delete(req);
    }),
  );
});

// A new version waits until the page asks for it (ui/update-bar.tsx), after the library is saved.
sw.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});
