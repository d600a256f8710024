/**
 * Which DuckDB-Wasm build to start. A cross-origin isolated page gets the
 * multi-threaded "coi" build with one thread per core; anywhere else (no
 * SharedArrayBuffer) the single-threaded "eh" build. Every file is bundled by
 * Vite (`?url`), so all of them load from the app's own origin. The worker and
 * its pthreads start from `duckdb/worker.js`, whose response carries the
 * policy DuckDB needs (security/csp.ts).
 */
import { duckdbWorkerUrl } from '../security/csp';
import coiWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthreadWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export interface DuckdbBundle {
  readonly name: 'coi' | 'eh';
  readonly wasm: string;
  readonly worker: string;
  readonly pthreadWorker: string | null;
  /** The threads queries run with. */
  readonly threads: number;
}

/** Where the user's choice of the threaded build is kept (read at DuckDB start). */
export const THREADS_SETTING = 'sqlnb:duckdb-threads';

/** Whether the user turned threads on; off by default (see below). */
export function threadsWanted(): boolean {
  try {
    return localStorage.getItem(THREADS_SETTING) === 'on';
  } catch {
    return false;
  }
}

/**
 * The single-threaded eh build is the default. Measured side by side here, the
 * coi build loaded a 1e7-row CSV about 3× slower (31.6 s vs 9.7 s), inserted
 * Arrow about 4× slower, started 2-3× slower, and took seconds to honour a
 * cancel; it only wins on long queries. So threads are opt-in (a setting in the
 * sidebar), and only where the page is cross-origin isolated.
 */
export function pickDuckdbBundle(wantThreads = threadsWanted(), connect: readonly string[] = []): DuckdbBundle {
  const isolated =
    typeof crossOriginIsolated === 'boolean' && crossOriginIsolated && typeof SharedArrayBuffer === 'function';
  const base = import.meta.env.BASE_URL;
  if (!isolated || !wantThreads) {
    const worker = duckdbWorkerUrl(base, ehWorkerUrl, connect);
    return { name: 'eh', wasm: ehWasmUrl, worker, pthreadWorker: null, threads: 1 };
  }
  const cores = Math.max(1, Math.min(16, navigator.hardwareConcurrency || 1));
  return {
    name: 'coi',
    wasm: coiWasmUrl,
    worker: duckdbWorkerUrl(base, coiWorkerUrl, connect),
    // Emscripten imports the main script into each pthread too: the wrapper needs its name.
    pthreadWorker: duckdbWorkerUrl(base, coiPthreadWorkerUrl, connect, coiWorkerUrl),
    threads: cores,
  };
}
