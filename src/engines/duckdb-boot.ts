/**
 * Starting DuckDB-Wasm: which build, which database, and the settings every start applies, the
 * network lockdown among them (duckdb-network.ts). The handle it returns is what the rest of the
 * DuckDB engine works with.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { ProgressSink } from './duckdb-exec';
import { pickDuckdbBundle, type DuckdbBundle } from './duckdb-bundle';
import { lockdownSettings } from './duckdb-network';
import { RESULTS_SCHEMA, type DatabaseOpened, type EngineSetup } from './engine';
import { connectOrigins, type NetworkAccess } from '../notebook/network';

export interface DuckdbHandle {
  readonly db: duckdb.AsyncDuckDB;
  readonly conn: duckdb.AsyncDuckDBConnection;
  /** Threads queries run with: 1 with the eh build, one per core with coi (duckdb-bundle.ts). */
  readonly threads: number;
  readonly worker: Worker;
  /** Receives DuckDB's query progress while a statement runs. */
  readonly progress: ProgressSink;
  readonly opened: DatabaseOpened;
  /** What this instance may reach; extensions that failed to load are not in it. */
  readonly network: NetworkAccess;
  /** Extensions the user allowed that could not be loaded, each with the reason. */
  readonly extensionFailures: readonly string[];
}

/** A DuckDB worker with its wasm instantiated, no database open yet. */
async function instantiate(bundle: DuckdbBundle): Promise<{ worker: Worker; db: duckdb.AsyncDuckDB }> {
  const worker = new Worker(bundle.worker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.wasm, bundle.pthreadWorker);
  return { worker, db };
}

function firstLine(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return (m.split('\n')[0] ?? m).trim();
}

/**
 * Loads the extensions the user allowed, while DuckDB may still fetch them: one at a time, so one
 * that fails (offline, say) costs only itself.
 */
async function loadExtensions(conn: duckdb.AsyncDuckDBConnection, names: readonly string[]): Promise<string[]> {
  const failures: string[] = [];
  for (const name of names) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) continue;
    try {
      await conn.query(`LOAD ${name}`);
    } catch (err) {
      failures.push(`${name} (${firstLine(err)})`);
    }
  }
  return failures;
}

export async function boot(setup: EngineSetup): Promise<DuckdbHandle> {
  const bundle = pickDuckdbBundle(undefined, connectOrigins(setup.network));
  let { worker, db } = await instantiate(bundle);
  // A pending query runs in slices of this many ms between round trips to the page. DuckDB-Wasm's
  // default slice is so short that a 50 MB CSV loaded ~60% slower than through query(); 400 ms
  // keeps that cost small while a cancel still lands well within a second.
  const config: duckdb.DuckDBConfig = {
    maximumThreads: bundle.threads,
    query: { castBigIntToDouble: false, queryPollingInterval: 400 },
  };
  let opened: DatabaseOpened = { path: null };
  if (setup.path) {
    try {
      await db.open({ ...config, path: setup.path, accessMode: duckdb.DuckDBAccessMode.READ_WRITE });
      opened = { path: setup.path };
    } catch (err) {
      // No OPFS (a private window, another tab holding the file): a fresh worker, in memory.
      await db.terminate().catch(() => undefined);
      worker.terminate();
      ({ worker, db } = await instantiate(bundle));
      opened = { path: null, fallback: opfsFailure(err) };
    }
  }
  if (!opened.path) await db.open(config);
  const conn = await db.connect();
  // Offline, a failed extension autoload can leave the instance broken; never try.
  await conn.query('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false');
  const extensionFailures = await loadExtensions(conn, setup.network.extensions);
  const network = {
    hosts: setup.network.hosts,
    extensions: setup.network.extensions.filter((x) => !extensionFailures.some((f) => f.startsWith(`${x} `))),
  };
  // One round trip for the rest: the worker is still cold, and every trip costs.
  await conn.query(
    [
      // From here on DuckDB reaches only the user's files and the hosts the user allowed.
      ...lockdownSettings(setup.network, opened.path),
      // Cell results live in their own schema, searched after main: a user's table always wins a name clash.
      // In a kept database they are recomputed on the next visit, so old ones are dropped.
      ...(opened.path ? [`DROP SCHEMA IF EXISTS ${RESULTS_SCHEMA} CASCADE`] : []),
      `CREATE SCHEMA IF NOT EXISTS ${RESULTS_SCHEMA}`,
      `SET search_path = 'main,${RESULTS_SCHEMA}'`,
      `SET threads = ${bundle.threads}`,
      ...(setup.memoryLimit && /^\d+(\.\d+)?\s*[KMGT]?i?B$/i.test(setup.memoryLimit)
        ? [`SET memory_limit = '${setup.memoryLimit}'`]
        : []),
      // DuckDB-Wasm's progress "display" posts progress from the worker (it prints nothing),
      // between polls of a pending query. From the start: a file load needs it at once, and
      // the page decides when a query has run long enough to show it.
      'SET enable_progress_bar = true',
      'SET progress_bar_time = 0',
    ].join(';\n'),
  );
  const progress = new ProgressSink();
  progress.attach(db);
  return { db, conn, threads: bundle.threads, worker, progress, opened, network, extensionFailures };
}

/** Why an OPFS database could not be opened, for people. */
function opfsFailure(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory)
    return 'this browser has no origin private file system (a private window may hide it)';
  if (/NoModificationAllowed|locked|Access Handle/i.test(m))
    return 'the database is open in another tab of this notebook';
  if (/quota/i.test(m)) return 'the browser\u2019s storage is full';
  return m.split('\n')[0] ?? m;
}
