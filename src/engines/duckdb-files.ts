/** Makes local files queryable in DuckDB-Wasm, with no network: see docs/architecture.md. */
import * as duckdb from '@duckdb/duckdb-wasm';
import { NotebookError } from '../sql/errors';
import { quoteIdent, quoteString } from '../sql/quote';
import { RpcClient } from './protocol';
import type { IngestApi } from './ingest.worker';
import type { DuckdbHandle } from './duckdb-boot';
import type { FileKind, IngestProgress } from './engine';
import { exec } from './duckdb-exec';
import { registeredPath } from './duckdb-network';

let ingest: RpcClient<IngestApi> | null = null;
function ingestWorker(): RpcClient<IngestApi> {
  ingest ??= new RpcClient<IngestApi>(new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' }));
  return ingest;
}

function fileError(file: string, reason: string, hint?: string): NotebookError {
  return new NotebookError({ code: 'file', file, message: `${file}: ${reason}`, ...(hint ? { hint } : {}) });
}

function firstLine(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.split('\n')[0]?.trim() ?? m;
}

const readersInFlight = new WeakMap<DuckdbHandle, number>();

/**
 * Runs `work` with DuckDB on one thread. With the threaded (coi) build, a file
 * registered as BROWSER_FILEREADER is known only to DuckDB's own worker: read
 * from a pthread it fails ("No HTML5 file registered", docs/engine-facts.md).
 * So reading the file happens on one thread; queries over the loaded
 * in-memory table then use every thread. Counted, so overlapping loads
 * restore the threads only when the last one ends.
 */
async function singleThreaded<T>(h: DuckdbHandle, work: () => Promise<T>): Promise<T> {
  if (h.threads <= 1) return work();
  const before = readersInFlight.get(h) ?? 0;
  readersInFlight.set(h, before + 1);
  if (before === 0) await h.conn.query('SET threads = 1');
  try {
    return await work();
  } finally {
    const left = (readersInFlight.get(h) ?? 1) - 1;
    readersInFlight.set(h, left);
    if (left === 0) await h.conn.query(`SET threads = ${h.threads}`);
  }
}

/** Registers `file` and creates `tableName` from it. Returns non-fatal warnings. */
export async function registerDuckdbFile(
  h: DuckdbHandle,
  file: File,
  kind: FileKind,
  tableName: string,
  onProgress?: IngestProgress,
): Promise<string[]> {
  const total = file.size;
  const bytes = onProgress ? (fraction: number) => onProgress(Math.round(fraction * total), total) : undefined;
  switch (kind) {
    case 'csv':
    case 'tsv':
      // DuckDB's CSV reader reports how far through the file it is: that fraction of the size is read.
      return singleThreaded(h, () => h.progress.during(bytes, () => loadCsv(h, file, kind, tableName)));
    case 'parquet':
      await loadParquet(h, file, tableName, bytes);
      return [];
    case 'json':
    case 'ndjson':
      await singleThreaded(h, () => loadJson(h, file, kind, tableName));
      return [];
    case 'arrow':
      await loadArrow(h, file, tableName);
      return [];
    case 'duckdb':
      await singleThreaded(h, () => attachDuckdb(h, file, tableName));
      return [];
    case 'sqlite':
      throw fileError(file.name, 'SQLite databases open in the SQLite engine.');
  }
}

/** Files are registered under FILES_DIR, the one local directory DuckDB may read (duckdb-network.ts). */
async function registerHandle(h: DuckdbHandle, file: File, table: string): Promise<string> {
  const path = registeredPath(table, file.name);
  await h.db.dropFile(path).catch(() => null);
  await h.db.registerFileHandle(path, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  return path;
}

async function registerBuffer(h: DuckdbHandle, file: File, table: string): Promise<string> {
  const path = registeredPath(table, file.name);
  await h.db.dropFile(path).catch(() => null);
  await h.db.registerFileBuffer(path, new Uint8Array(await file.arrayBuffer()));
  return path;
}

async function loadCsv(h: DuckdbHandle, file: File, kind: 'csv' | 'tsv', table: string): Promise<string[]> {
  const path = await registerHandle(h, file, table);
  const create = (options: string) =>
    exec(
      h.conn,
      `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT * FROM read_csv(${quoteString(path)}, auto_detect = true${options})`,
    );
  const header = (await file.slice(0, 65536).text()).split(/\r?\n/)[0] ?? '';
  const delim = kind === 'tsv' ? '\t' : likelyDelimiter(header);
  let reason: string;
  try {
    await create(kind === 'tsv' ? ", delim = '\\t'" : '');
    const cols = await h.conn.query(`SELECT * FROM ${quoteIdent(table)} LIMIT 0`);
    // The sniffer falls back to one column when rows disagree on their field count.
    if (cols.numCols > 1 || delim === null) return [];
    reason = 'rows do not all have the same number of fields';
  } catch (err) {
    reason = firstLine(err);
    if (delim === null) throw fileError(file.name, `could not be read as ${kind.toUpperCase()}: ${reason}`);
  }
  return loadRagged(file, kind, delim, reason, create);
}

/** Loads a CSV whose rows disagree on their field count: short rows padded with NULL, rows that still fail skipped. */
async function loadRagged(
  file: File,
  kind: 'csv' | 'tsv',
  delim: string,
  reason: string,
  create: (options: string) => Promise<unknown>,
): Promise<string[]> {
  const base = `, delim = ${quoteString(delim)}, header = true, null_padding = true`;
  for (const extra of ['', ', ignore_errors = true']) {
    try {
      await create(base + extra);
      const skipped = extra ? ' Rows that still did not fit were skipped.' : '';
      return [
        `${file.name}: ${reason}. Missing fields were filled with NULL, and extra fields went into extra columns.${skipped}`,
      ];
    } catch {
      // Try the more lenient reading next.
    }
  }
  throw fileError(file.name, `could not be read as ${kind.toUpperCase()}: ${reason}`);
}

/** The most frequent common delimiter in the header line, or null when there is none. */
export function likelyDelimiter(headerLine: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = headerLine.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

async function loadParquet(
  h: DuckdbHandle,
  file: File,
  table: string,
  onProgress?: (fraction: number) => void,
): Promise<void> {
  const worker = ingestWorker();
  const { handle, rowGroups } = await worker.call('parquetOpen', [file]);
  const read = (g: number) => worker.call('parquetRead', [handle, g, file.name]);
  let next: Promise<Uint8Array> | null = null;
  try {
    await h.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    // One row group at a time, so memory is bounded by a row group, not the file. The next row
    // group is decoded (in the ingest worker) while DuckDB inserts this one (in its own worker):
    // two row groups in flight at most.
    const first = rowGroups === 0 ? -1 : 0;
    next = read(first);
    for (let g = first; next; g++) {
      const ipc: Uint8Array = await next;
      next = g + 1 < rowGroups ? read(g + 1) : null;
      await h.conn.insertArrowFromIPCStream(ipc, { name: table, create: g <= 0 });
      onProgress?.(rowGroups > 0 ? (g + 1) / rowGroups : 1);
    }
  } catch (err) {
    await h.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`).catch(() => null);
    if (err instanceof NotebookError) throw err;
    throw fileError(file.name, `could not be loaded: ${firstLine(err)}`);
  } finally {
    // A read still in flight (the insert before it failed) finishes before the file is closed.
    await next?.catch(() => null);
    await worker.call('parquetClose', [handle]);
  }
}

async function loadJson(h: DuckdbHandle, file: File, kind: 'json' | 'ndjson', table: string): Promise<void> {
  await h.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  try {
    let path: string;
    if (kind === 'ndjson') {
      const bytes = await ingestWorker().call('ndjsonToArray', [file]);
      path = registeredPath(table, file.name);
      await h.db.dropFile(path).catch(() => null);
      await h.db.registerFileBuffer(path, bytes);
    } else {
      path = await registerHandle(h, file, table);
    }
    await h.conn.insertJSONFromPath(path, { name: table });
  } catch (err) {
    if (err instanceof NotebookError) throw err;
    throw fileError(
      file.name,
      `could not be read as JSON: ${firstLine(err)}`,
      'The file must be an array of objects, or one object per line.',
    );
  }
}

async function loadArrow(h: DuckdbHandle, file: File, table: string): Promise<void> {
  const ipc = await ingestWorker().call('arrowToStream', [file]);
  await h.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  try {
    await h.conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
  } catch (err) {
    throw fileError(file.name, `could not be loaded: ${firstLine(err)}`);
  }
}

async function attachDuckdb(h: DuckdbHandle, file: File, name: string): Promise<void> {
  // An attached database is read lazily, by every query and so from pthreads too: with threads,
  // its bytes go into DuckDB's own memory, which every thread shares, instead of a file handle.
  const path = h.threads > 1 ? await registerBuffer(h, file, name) : await registerHandle(h, file, name);
  await h.conn.query(`DETACH DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => null);
  try {
    await h.conn.query(`ATTACH ${quoteString(path)} AS ${quoteIdent(name)} (READ_ONLY)`);
  } catch (err) {
    throw fileError(file.name, `could not be attached as a DuckDB database: ${firstLine(err)}`);
  }
}
