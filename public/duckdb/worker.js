// Starts a DuckDB-Wasm worker, or one of its pthreads, under the policy of this path.
//
// Why a wrapper: a worker takes the Content-Security-Policy of its own response, and DuckDB's
// needs two things the rest of the app is denied (src/security/csp.ts). Its Emscripten runtime
// builds functions with `new Function` ('unsafe-eval'); and a notebook whose user allowed remote
// hosts must reach them (connect-src adds the origins in `connect`, checked one by one). So the
// servers, the service worker and a static host's rules give this one path that policy, and the
// DuckDB script runs here through importScripts, under it.
//
// Parameters: `src`, the DuckDB script to run; for a pthread also `main`, the main DuckDB script,
// which Emscripten imports a second time into the pthread through this same file; `connect`, the
// origins (read by the servers, not here).
'use strict';
(function () {
  const params = new URL(self.location.href).searchParams;
  const again = self.__sqlNotebookDuckdbStarted === true;
  self.__sqlNotebookDuckdbStarted = true;
  const src = params.get(again ? 'main' : 'src') || '';
  // Only a script of this app: a same-origin path, never a URL with a scheme or a host.
  if (!/^\/[A-Za-z0-9_@./-]+\.js$/.test(src) || src.includes('//') || src.includes('..')) {
    throw new Error('duckdb/worker.js: not a DuckDB script of this app: ' + src);
  }
  if (!again) keepWasm();
  self.importScripts(src);

  // DuckDB's wasm (34 MB) is not precached by the service worker (src/sw.ts): on a first visit,
  // before the service worker controls the page, the bytes this worker downloads are put into the
  // service worker's cache as they stream in, so the app starts offline next time without
  // downloading them twice. A response the service worker served from its cache is left alone.
  function keepWasm() {
    const cacheName = 'sqlnb-engines';
    const served = 'x-sqlnb-engine-cache';
    const fetch = self.fetch.bind(self);
    if (typeof caches === 'undefined') return;
    self.fetch = async function (input, init) {
      const response = await fetch(input, init);
      try {
        const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
        const method = (init && init.method) || (input instanceof Request ? input.method : 'GET');
        if (
          url.origin !== self.location.origin ||
          !/\/duckdb-(eh|coi|mvp)-[^/]*\.wasm$/.test(url.pathname) ||
          method !== 'GET' ||
          response.status !== 200 ||
          !response.body ||
          response.headers.has(served)
        )
          return response;
        const [mine, kept] = response.body.tee();
        const headers = new Headers(response.headers);
        caches
          .open(cacheName)
          .then((cache) => cache.put(url.href, new Response(kept, { status: 200, headers })))
          .catch(() => undefined);
        return new Response(mine, { status: 200, statusText: response.statusText, headers });
      } catch {
        return response;
      }
    };
  }
})();
