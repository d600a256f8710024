/**
 * The app's Content-Security-Policy and the other headers every response carries. Pure, with no
 * imports, because four places use it: the dev and preview servers (vite.config.ts), the service
 * worker (sw.ts), the `<meta>` tag of the built page, and the tests.
 *
 * A `<meta>` policy covers the page only. A worker loaded from a URL takes the policy of its own
 * response (measured here in Chromium: a worker served without the header fetched another host
 * while its page's `<meta>` policy forbade it), so the servers and the service worker send it as
 * a header on every response.
 *
 * Nothing may connect anywhere but the app's own origin, and no string is evaluated as script.
 * One path differs: `duckdb/worker.js` (public/duckdb/worker.js), from which every DuckDB worker
 * and pthread starts. DuckDB-Wasm's Emscripten runtime builds functions with `new Function`
 * (embind's method callers, needed to read a registered file: measured, the sample CSV did not
 * load without it), so that path allows 'unsafe-eval'; and when the user allowed a notebook to
 * reach remote hosts, its connect-src adds exactly the origins in its `connect` parameter, each
 * one checked. Its connect-src is otherwise 'self', like everything else.
 */

/** The path every DuckDB worker and pthread starts from (public/duckdb/worker.js). */
export const DUCKDB_WORKER_PATH = 'duckdb/worker.js';

/** A remote origin the policy may name: https, or http on this machine's loopback only. */
const ORIGIN = /^(https:\/\/[a-z0-9.-]+(:\d{1,5})?|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?)$/;

export function isPolicyOrigin(origin: string): boolean {
  return ORIGIN.test(origin);
}

function directives(connect: readonly string[], dev: boolean, duckdb: boolean): string[] {
  const extraConnect = connect.filter(isPolicyOrigin);
  return [
    "default-src 'self'",
    // wasm needs 'wasm-unsafe-eval'; only DuckDB's worker evaluates strings (see above).
    `script-src 'self' 'wasm-unsafe-eval'${duckdb ? " 'unsafe-eval'" : ''}`,
    // Monaco and Observable Plot set inline styles; no stylesheet may come from another host.
    // Markdown cannot add styles at all: ui/markdown.ts removes <style> and style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // The dev server's hot reload talks over a websocket to its own host.
    `connect-src 'self'${dev ? ' ws://localhost:* ws://127.0.0.1:*' : ''}${extraConnect.map((o) => ` ${o}`).join('')}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ];
}

/** The policy for the page, its workers and the service worker; `duckdb` for DuckDB's worker path only. */
export function contentSecurityPolicy(
  options: { connect?: readonly string[]; dev?: boolean; duckdb?: boolean } = {},
): string {
  return directives(options.connect ?? [], options.dev ?? false, options.duckdb ?? false).join('; ');
}

/** The origins a `duckdb/worker.js` URL asks to reach; anything not a plain https (or loopback) origin is dropped. */
export function remoteOrigins(search: string): string[] {
  const connect = new URLSearchParams(search).get('connect') ?? '';
  return connect.split(' ').filter(isPolicyOrigin);
}

/**
 * The security headers for a response at `pathname` (with its `search`). Cross-origin isolation
 * (COOP and COEP) lets DuckDB use threads; every asset is same-origin, so it costs nothing.
 */
export function securityHeaders(pathname: string, search: string, dev = false): Record<string, string> {
  const duckdb = pathname.endsWith(`/${DUCKDB_WORKER_PATH}`);
  const policy = contentSecurityPolicy({ connect: duckdb ? remoteOrigins(search) : [], dev, duckdb });
  return {
    'Content-Security-Policy': policy,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * The URL that starts the DuckDB script `src` (a same-origin path) with leave to reach `origins`.
 * A pthread's URL also names `main`, the main DuckDB script that Emscripten imports into it.
 */
export function duckdbWorkerUrl(base: string, src: string, origins: readonly string[], main?: string): string {
  const params = new URLSearchParams({
    src,
    ...(main ? { main } : {}),
    connect: origins.filter(isPolicyOrigin).join(' '),
  });
  return `${base}${DUCKDB_WORKER_PATH}?${params.toString()}`;
}
