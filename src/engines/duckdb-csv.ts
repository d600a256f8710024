/** CSV and TSV files into DuckDB, read through a file handle by DuckDB's own CSV reader. */
import { quoteIdent, quoteString } from '../sql/quote';
import type { DuckdbHandle } from './duckdb-boot';
import { exec } from './duckdb-exec';
import { fileError, firstLine, registerHandle } from './duckdb-file-common';
import type { Placement } from './engine';

/**
 * Loads a CSV or TSV as `table`: copied into the database (`table` placement), or as a view that
 * DuckDB reads from the file on every query (`view`), for files too big to copy.
 */
export async function loadCsv(
  h: DuckdbHandle,
  file: File,
  kind: 'csv' | 'tsv',
  table: string,
  placement: Placement,
): Promise<string[]> {
  const path = await registerHandle(h, file, table);
  const name = quoteIdent(table);
  // A table and a view cannot replace each other: whatever the name held before goes first.
  await h.conn.query(placement === 'view' ? `DROP TABLE IF EXISTS ${name}` : `DROP VIEW IF EXISTS ${name}`);
  const what = placement === 'view' ? 'VIEW' : 'TABLE';
  const create = (options: string) =>
    exec(
      h.conn,
      `CREATE OR REPLACE ${what} ${name} AS SELECT * FROM read_csv(${quoteString(path)}, auto_detect = true${options})`,
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
export async function loadRagged(
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
