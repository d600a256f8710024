/**
 * A load builds its table under a temporary name and gives it the real name only when it is
 * complete, in one transaction: a load that fails, or is cancelled, leaves whatever had the name
 * (and the cells reading it) as it was, and no partial table anywhere.
 */
import { NotebookError } from '../sql/errors';
import { quoteIdent, quoteString } from '../sql/quote';
import type { DuckdbHandle } from './duckdb-boot';
import { messageOf } from './load-errors';

export type Relation = 'TABLE' | 'VIEW';

/** Where `table` is built while it loads; one left by a tab closed mid-load is dropped by the next load. */
export function loadingName(table: string): string {
  return `_sqlnb_loading_${table}`;
}

/** Whether `name` is a table or a view of the main schema now. */
export async function relationOf(h: DuckdbHandle, name: string): Promise<Relation | null> {
  const n = quoteString(name.toLowerCase());
  const where = `database_name = current_database() AND schema_name = 'main'`;
  const t = await h.conn.query(
    `SELECT 'VIEW' AS kind FROM duckdb_views() WHERE ${where} AND NOT internal AND lower(view_name) = ${n}
     UNION ALL SELECT 'TABLE' FROM duckdb_tables() WHERE ${where} AND lower(table_name) = ${n}`,
  );
  const kind: unknown = t.getChildAt(0)?.get(0);
  return kind === 'TABLE' || kind === 'VIEW' ? kind : null;
}

export async function dropIfThere(h: DuckdbHandle, name: string): Promise<void> {
  const kind = await relationOf(h, name);
  if (kind) await h.conn.query(`DROP ${kind} ${quoteIdent(name)}`);
}

/** Gives the finished `temp` the name `table`, replacing whatever had it (a table or a view), in one transaction. */
async function swapIn(h: DuckdbHandle, file: string, temp: string, made: Relation, table: string): Promise<void> {
  const old = await relationOf(h, table);
  const statements = [
    'BEGIN TRANSACTION',
    ...(old ? [`DROP ${old} ${quoteIdent(table)}`] : []),
    `ALTER ${made} ${quoteIdent(temp)} RENAME TO ${quoteIdent(table)}`,
    'COMMIT',
  ];
  try {
    await h.conn.query(statements.join(';\n'));
  } catch (err) {
    await h.conn.query('ROLLBACK').catch(() => null);
    const reason = (messageOf(err).split('\n')[0] ?? '').trim();
    throw new NotebookError({
      code: 'file',
      file,
      message: `${file}: the table "${table}" could not be replaced: ${reason}`,
    });
  }
}

/**
 * Runs `build`, which makes the relation it returns under the temporary name it is given, then
 * swaps it in as `table`. On any failure the temporary relation is dropped and `table` is untouched.
 */
export async function buildThenSwap(
  h: DuckdbHandle,
  file: string,
  table: string,
  build: (temp: string) => Promise<Relation>,
): Promise<void> {
  const temp = loadingName(table);
  await dropIfThere(h, temp);
  try {
    const made = await build(temp);
    await swapIn(h, file, temp, made, table);
  } catch (err) {
    await dropIfThere(h, temp).catch(() => null);
    throw err;
  }
}
