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
  self.importScripts(src);
})();
