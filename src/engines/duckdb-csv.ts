/**
 * CSV and TSV files into DuckDB, read through a file handle by DuckDB's own CSV reader. Built
 * under a temporary name and swapped in when complete (duckdb-swap.ts). The ragged-row fallback
 * runs only when DuckDB says a row has another number of fields than the header; every other
 * failure is said as it is, naming the file (load-errors.ts).
 */
import { NotebookError } from '../sql/errors';
import { quoteIdent, quoteString } from '../sql/quote';
import type { DuckdbHandle } from './duckdb-boot';
import { exec } from './duckdb-exec';
import { registerHandle } from './duckdb-file-common';
import { buildThenSwap, type Relation } from './duckdb-swap';
import type { Placement } from './engine';
import { countFields, firstLineTooLong, likelyDelimiter, oneColumnError, readFirstLine } from './csv-checks';
import {
  classifyLoadError,
  fieldCountReason,
  loadError,
  loadErrorFrom,
  messageOf,
  stopIfAborted,
  type LoadFailure,
} from './load-errors';

/** The File last loaded at each registered path, so a failed reload can put it back for a view that reads it. */
const loadedFiles = new WeakMap<DuckdbHandle, Map<string, File>>();

interface CsvLoad {
  readonly h: DuckdbHandle;
  readonly file: File;
  readonly as: 'CSV' | 'TSV';
  readonly path: string;
  readonly what: Relation;
  readonly header: { readonly fields: number; readonly delim: string | null };
  readonly signal: AbortSignal | undefined;
}

/**
 * Loads a CSV or TSV as `table`: copied into the database (`table` placement), or as a view that
 * DuckDB reads from the file on every query (`view`), for files too big to copy. Returns warnings.
 */
export async function loadCsv(
  h: DuckdbHandle,
  file: File,
  kind: 'csv' | 'tsv',
  table: string,
  placement: Placement,
  signal?: AbortSignal,
): Promise<string[]> {
  const as = kind === 'tsv' ? 'TSV' : 'CSV';
  stopIfAborted(file.name, signal);
  const first = await readFirstLine(file).catch((err: unknown) => {
    throw loadErrorFrom(file.name, err, { as });
  });
  if (!first.ok) throw firstLineTooLong(file.name, first.length, as);
  const delim = kind === 'tsv' ? '\t' : likelyDelimiter(first.text);
  const header = { fields: delim === null ? 1 : countFields(first.text, delim), delim };
  stopIfAborted(file.name, signal);
  const path = await registerHandle(h, file, table);
  const loaded = loadedFiles.get(h) ?? new Map<string, File>();
  loadedFiles.set(h, loaded);
  const load: CsvLoad = { h, file, as, path, what: placement === 'view' ? 'VIEW' : 'TABLE', header, signal };
  let warnings: string[] = [];
  try {
    await buildThenSwap(h, file.name, table, async (temp) => {
      warnings = await readInto(load, temp, kind === 'tsv' ? ", delim = '\\t'" : '');
      return load.what;
    });
  } catch (err) {
    // The path now reads the new file: a view left from before reads the old one again.
    const before = loaded.get(path);
    if (before) await registerHandle(h, before, table).catch(() => null);
    throw err;
  }
  loaded.set(path, file);
  return warnings;
}

/**
 * Creates `temp` from the file: as DuckDB detects it, then, only when rows disagree on their
 * number of fields, with short rows padded. Returns warnings; throws the load's error.
 */
async function readInto(load: CsvLoad, temp: string, options: string): Promise<string[]> {
  const { file, header } = load;
  let failure: Extract<LoadFailure, { kind: 'field-count' }> | null = null;
  try {
    const columns = await create(load, temp, options);
    // Measured: when no dialect fits every row within its sample, DuckDB's sniffer reads each line
    // as one column and says nothing. A delimited header makes that a field-count problem.
    if (!oneColumnError(file.name, header, columns)) return [];
  } catch (err) {
    const f = classifyLoadError(messageOf(err));
    if (f.kind !== 'field-count' || header.delim === null) throw failed(load, f);
    failure = f;
  }
  if (header.delim === null) throw failed(load, { kind: 'other', reason: 'no delimiter in its first line' });
  return readRagged(load, temp, header.delim, failure);
}

/**
 * Reads a file whose rows disagree on their number of fields: short rows padded with NULL, and,
 * when rows with more fields than the header still fail, those skipped.
 */
async function readRagged(
  load: CsvLoad,
  temp: string,
  delim: string,
  seen: Extract<LoadFailure, { kind: 'field-count' }> | null,
): Promise<string[]> {
  const { file, header } = load;
  const padded = `, delim = ${quoteString(delim)}, header = true, null_padding = true`;
  let failure = seen;
  for (const skip of [false, true]) {
    let columns: number;
    try {
      columns = await create(load, temp, padded + (skip ? ', ignore_errors = true' : ''));
    } catch (err) {
      const f = classifyLoadError(messageOf(err));
      if (f.kind !== 'field-count' || skip) throw failed(load, f);
      failure = f;
      continue;
    }
    const wrong = oneColumnError(file.name, header, columns);
    if (wrong) throw wrong;
    const which = failure ? ` (${fieldCountReason(failure)})` : '';
    const extra = columns > header.fields ? ', and extra fields went into extra columns' : '';
    const skipped = skip ? ' Rows with more fields than that were skipped.' : '';
    return [
      `${file.name}: rows do not all have the same number of fields${which}. Missing fields were filled with NULL${extra}.${skipped}`,
    ];
  }
  throw failed(load, failure ?? { kind: 'other', reason: 'rows do not all have the same number of fields' });
}

/** Creates (or replaces) `temp` with these read_csv options; returns its number of columns. */
async function create(load: CsvLoad, temp: string, options: string): Promise<number> {
  const { h, path, what, signal } = load;
  stopIfAborted(load.file.name, signal);
  const sql = `CREATE OR REPLACE ${what} ${quoteIdent(temp)} AS SELECT * FROM read_csv(${quoteString(path)}, auto_detect = true${options})`;
  // A Cancel interrupts DuckDB's pending query; it then fails with "query was canceled".
  const cancel = () => void h.conn.cancelSent().catch(() => null);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    await exec(h.conn, sql);
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  stopIfAborted(load.file.name, signal);
  return (await h.conn.query(`SELECT * FROM ${quoteIdent(temp)} LIMIT 0`)).numCols;
}

function failed(load: CsvLoad, failure: LoadFailure): NotebookError {
  if (load.signal?.aborted) failure = { kind: 'cancelled' };
  return loadError(load.file.name, failure, { as: load.as, headerFields: load.header.fields });
}
