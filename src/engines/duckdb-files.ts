/** Makes local files queryable in DuckDB-Wasm, with no network: see docs/architecture.md. */
import type { DuckdbHandle } from './duckdb-boot';
import type { FileKind, FolderEntry, RegisterOptions } from './engine';
import { loadCsv } from './duckdb-csv';
import { fileError } from './duckdb-file-common';
import { loadFolder } from './duckdb-folder';
import { attachDuckdb, loadArrow, loadJson, loadParquet } from './duckdb-ingest';

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
  options: RegisterOptions,
): Promise<string[]> {
  const { onProgress, signal } = options;
  const placement = options.placement ?? 'table';
  if (placement === 'view' && kind !== 'csv' && kind !== 'tsv')
    throw fileError(file.name, `a ${kind} file can only be copied in, not read in place.`);
  // Engine facts: DuckDB's pthreads cannot read a file registered from the page, and a view reads
  // it on every query, from any thread.
  if (placement === 'view' && h.threads > 1)
    throw fileError(
      file.name,
      'cannot be read in place while DuckDB runs with threads: its threads cannot read a file chosen in the page.',
      'Keep it on disk instead, or turn off “DuckDB threads” in the sidebar and reload.',
    );
  const total = file.size;
  const bytes = onProgress ? (fraction: number) => onProgress(Math.round(fraction * total), total) : undefined;
  switch (kind) {
    case 'csv':
    case 'tsv':
      // DuckDB's CSV reader reports how far through the file it is: that fraction of the size is read.
      return singleThreaded(h, () =>
        h.progress.during(bytes, () => loadCsv(h, file, kind, tableName, placement, signal)),
      );
    case 'parquet':
      await loadParquet(h, file, tableName, bytes, signal);
      return [];
    case 'json':
    case 'ndjson':
      await singleThreaded(h, () => loadJson(h, file, kind, tableName, signal));
      return [];
    case 'arrow':
      await loadArrow(h, file, tableName, signal);
      return [];
    case 'duckdb':
      await singleThreaded(h, () => attachDuckdb(h, file, tableName));
      return [];
    case 'sqlite':
      throw fileError(file.name, 'SQLite databases open in the SQLite engine.');
  }
}

/**
 * Registers the files of one folder and creates `tableName` over all of them (duckdb-folder.ts);
 * loads that read registered file handles run on one thread.
 */
export async function registerDuckdbFolder(
  h: DuckdbHandle,
  folder: string,
  entries: readonly FolderEntry[],
  kind: FileKind,
  tableName: string,
  options: RegisterOptions,
): Promise<string[]> {
  return loadFolder(h, folder, entries, kind, tableName, options, (work) => singleThreaded(h, work));
}
