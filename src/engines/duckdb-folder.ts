/**
 * A folder of files of one kind into DuckDB as one table: columns matched by name, Hive
 * partition columns from the paths. See docs/architecture.md (Files, Folders).
 *
 * The table is built under a temporary name and swapped in at the end, in one transaction, so a
 * folder whose load fails leaves any table of that name as it was.
 */
import { NotebookError } from '../sql/errors';
import { quoteIdent, quoteString } from '../sql/quote';
import type { DuckdbHandle } from './duckdb-boot';
import { exec } from './duckdb-exec';
import { fileError, firstLine, registerHandleAt } from './duckdb-file-common';
import { loadArrow, loadJson, loadParquet } from './duckdb-ingest';
import { FILES_DIR, registeredPath } from './duckdb-network';
import { buildThenSwap, dropIfThere, type Relation } from './duckdb-swap';
import type { FileKind, FolderEntry, Placement, RegisterOptions } from './engine';
import { folderPartitions, partitionSelect, registeredFolderPath, type FolderPartitions } from './hive-partitions';

/** Runs work that reads registered file handles on one thread (`singleThreaded` in duckdb-files.ts). */
export type OneThread = <T>(work: () => Promise<T>) => Promise<T>;

interface FolderLoad {
  readonly h: DuckdbHandle;
  readonly folder: string;
  readonly entries: readonly FolderEntry[];
  readonly table: string;
  /** Where the table is built before it takes the name `table`. */
  readonly temp: string;
  /** Bytes read so far across all files. */
  readonly progress: (bytes: number) => void;
}

/** Loads `entries` (all of `kind`) as `table`. Returns non-fatal warnings (none yet). */
export async function loadFolder(
  h: DuckdbHandle,
  folder: string,
  entries: readonly FolderEntry[],
  kind: FileKind,
  table: string,
  options: RegisterOptions,
  oneThread: OneThread,
): Promise<string[]> {
  const placement = options.placement ?? 'table';
  if (kind === 'sqlite' || kind === 'duckdb')
    throw fileError(
      folder,
      `a folder of ${kind === 'sqlite' ? 'SQLite' : 'DuckDB'} databases cannot be opened as one table.`,
      'Open the databases one by one with Open files.',
    );
  if (placement === 'view' && kind !== 'csv' && kind !== 'tsv')
    throw fileError(folder, `a folder of ${kind} files can only be copied in, not read in place.`);
  if (placement === 'view' && h.threads > 1)
    throw fileError(
      folder,
      'cannot be read in place while DuckDB runs with threads: its threads cannot read files chosen in the page.',
      'Keep it on disk instead, or turn off “DuckDB threads” in the sidebar and reload.',
    );
  if (entries.length === 0) throw fileError(folder, 'the folder has no data files.');
  // Before anything is read: files partitioned by different keys are refused, naming two of them.
  const parts = folderPartitions(
    folder,
    entries.map((e) => e.path),
  );
  const total = entries.reduce((n, e) => n + e.file.size, 0);
  const progress = (bytes: number) => options.onProgress?.(Math.round(Math.min(bytes, total)), total);
  const stage = `_sqlnb_file_${table}`;
  // Left over by a tab that closed mid-load, in a kept database.
  await dropIfThere(h, stage);
  try {
    await buildThenSwap(h, folder, table, async (temp) => {
      const load: FolderLoad = { h, folder, entries, table, temp, progress };
      if (kind === 'csv' || kind === 'tsv') return oneThread(() => loadCsvFolder(load, kind, placement, total));
      if (kind === 'json' || kind === 'ndjson')
        return oneThread(() => loadByFile(load, kind, stage, parts, options.signal));
      return loadByFile(load, kind, stage, parts, options.signal);
    });
    return [];
  } finally {
    await dropIfThere(h, stage).catch(() => null);
  }
}

/**
 * CSV and TSV: every file registered under /files/<table>/<its path>, then one read_csv over the
 * list. DuckDB sniffs each file, matches columns by name (`union_by_name`) and reads the
 * partition columns from the registered paths (`hive_partitioning`; measured to work on
 * registered paths in DuckDB-Wasm 1.32), typing them itself (`hive_types_autocast`).
 */
async function loadCsvFolder(
  load: FolderLoad,
  kind: 'csv' | 'tsv',
  placement: Placement,
  total: number,
): Promise<Relation> {
  const { h, folder, entries, table, temp } = load;
  const paths: string[] = [];
  for (const e of entries) {
    const path = registeredFolderPath(table, e.path);
    await registerHandleAt(h, e.file, path);
    paths.push(path);
  }
  const what: Relation = placement === 'view' ? 'VIEW' : 'TABLE';
  const delim = kind === 'tsv' ? ", delim = '\\t'" : '';
  const list = `[${paths.map(quoteString).join(', ')}]`;
  const sql = `CREATE ${what} ${quoteIdent(temp)} AS SELECT * FROM read_csv(${list}, auto_detect = true, union_by_name = true, hive_partitioning = true${delim})`;
  try {
    // DuckDB's CSV reader reports how far through all the files it is: that fraction of their size is read.
    await h.progress.during(
      (fraction) => load.progress(fraction * total),
      () => exec(h.conn, sql),
    );
  } catch (err) {
    const reason = firstLine(err).split(`${FILES_DIR}${table}/`).join(`${folder}/`);
    throw fileError(folder, `could not be read as ${kind.toUpperCase()}: ${reason}`);
  }
  return what;
}

/**
 * Parquet, JSON, NDJSON and Arrow: each file through its own loader (duckdb-ingest.ts) into a
 * staging table, then into the folder's table by name. The first file makes the table; a column
 * a later file brings is added, and a column it lacks is NULL in its rows. Memory: the table so
 * far plus one file.
 */
async function loadByFile(
  load: FolderLoad,
  kind: 'parquet' | 'json' | 'ndjson' | 'arrow',
  stage: string,
  parts: FolderPartitions,
  signal: AbortSignal | undefined,
): Promise<Relation> {
  const { h, folder, entries } = load;
  let columns: Set<string> | null = null;
  let done = 0;
  for (const [i, e] of entries.entries()) {
    if (signal?.aborted)
      throw new NotebookError({ code: 'cancelled', file: folder, message: `Loading ${folder} was cancelled.` });
    const name = `${folder}/${e.path}`;
    const before = done;
    try {
      if (kind === 'parquet') await loadParquet(h, e.file, stage, (f) => load.progress(before + f * e.file.size));
      else if (kind === 'arrow') await loadArrow(h, e.file, stage);
      else {
        await loadJson(h, e.file, kind, stage);
        // The JSON is in the table now; an NDJSON file's converted copy would hold memory.
        await h.db.dropFile(registeredPath(stage, e.file.name)).catch(() => null);
      }
    } catch (err) {
      throw fileError(name, reasonOf(err, e.file.name));
    }
    try {
      columns = await mergeStage(load, stage, parts, i, columns);
    } catch (err) {
      throw fileError(name, `could not be added to the table of the other files: ${firstLine(err)}`);
    }
    done += e.file.size;
    load.progress(done);
  }
  return 'TABLE';
}

/** A loader's reason, without the file name it starts with (the folder's path to it replaces it). */
function reasonOf(err: unknown, fileName: string): string {
  const m = err instanceof NotebookError ? err.message : firstLine(err);
  return m.startsWith(`${fileName}: `) ? m.slice(fileName.length + 2) : m;
}

/**
 * Moves the staged file `i` into the folder's table, with its partition columns; returns the
 * table's columns (lower-cased). A partition key the file also holds as a column takes the
 * path's value, as in DuckDB.
 */
async function mergeStage(
  load: FolderLoad,
  stage: string,
  parts: FolderPartitions,
  i: number,
  columns: Set<string> | null,
): Promise<Set<string>> {
  const { h, temp } = load;
  const keys = new Set(parts.columns.map((c) => c.name.toLowerCase()));
  const described = (await h.conn.query(`DESCRIBE ${quoteIdent(stage)}`)).toArray() as {
    column_name: string;
    column_type: string;
  }[];
  const own = described
    .map((r) => ({ name: String(r.column_name), type: String(r.column_type) }))
    .filter((c) => !keys.has(c.name.toLowerCase()));
  const select = [...own.map((c) => quoteIdent(c.name)), ...partitionSelect(parts, i)].join(', ');
  const from = `FROM ${quoteIdent(stage)}`;
  if (columns === null) {
    await h.conn.query(`CREATE TABLE ${quoteIdent(temp)} AS SELECT ${select} ${from}`);
    columns = new Set([...own.map((c) => c.name.toLowerCase()), ...keys]);
  } else {
    for (const c of own.filter((c) => !columns?.has(c.name.toLowerCase()))) {
      await h.conn.query(`ALTER TABLE ${quoteIdent(temp)} ADD COLUMN ${quoteIdent(c.name)} ${c.type}`);
      columns.add(c.name.toLowerCase());
    }
    await h.conn.query(`INSERT INTO ${quoteIdent(temp)} BY NAME SELECT ${select} ${from}`);
  }
  await h.conn.query(`DROP TABLE ${quoteIdent(stage)}`);
  return columns;
}
