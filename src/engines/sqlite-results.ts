/**
 * Cell results in SQLite: stored as tables in an in-memory database attached
 * as `cells`, which SQLite searches after main for unqualified names. Results
 * from DuckDB arrive as Arrow and are written with one prepared INSERT.
 */
import { DataType, tableFromIPC, type Field, type Table } from 'apache-arrow';
import type { Database } from 'sql.js';
import { RESULTS_SCHEMA } from './engine';
import { quoteIdent } from './sql-quote';
import { readRow, rowsToIpc, type SqliteValue } from './sqlite-arrow';

const table = (name: string) => `${RESULTS_SCHEMA}.${quoteIdent(name)}`;

export function attachResultsSchema(db: Database): void {
  db.run(`ATTACH DATABASE ':memory:' AS ${RESULTS_SCHEMA}`);
}

export function dropResult(db: Database, name: string): void {
  db.run(`DROP TABLE IF EXISTS ${table(name)}`);
}

/** Stores the rows of `query` as the result `name`. Throws what SQLite throws for the query. */
export function storeResult(db: Database, name: string, query: string): void {
  dropResult(db, name);
  db.run(`CREATE TABLE ${table(name)} AS ${query}\n`);
}

export function allRows(db: Database, sql: string, limit = Number.POSITIVE_INFINITY): { names: string[]; rows: SqliteValue[][] } {
  const stmt = db.prepare(sql);
  try {
    const rows: SqliteValue[][] = [];
    while (rows.length < limit && stmt.step()) rows.push(readRow(stmt));
    return { names: stmt.getColumnNames(), rows };
  } finally {
    stmt.free();
  }
}

/** A window of a stored result, and its row count. */
export function readResult(db: Database, name: string, maxRows: number): { ipc: Uint8Array; totalRows: number } {
  const { names, rows } = allRows(db, `SELECT * FROM ${table(name)}`, maxRows);
  const count = allRows(db, `SELECT count(*) FROM ${table(name)}`).rows[0]?.[0];
  return { ipc: rowsToIpc(names, rows), totalRows: Number(count ?? 0) };
}

export function exportResult(db: Database, name: string): Uint8Array {
  const { names, rows } = allRows(db, `SELECT * FROM ${table(name)}`);
  return rowsToIpc(names, rows);
}

interface ColumnPlan {
  readonly sqlType: 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB';
  readonly convert: (v: unknown) => SqliteValue;
  readonly note?: string;
}

/** How an Arrow column is stored in SQLite, and what is lost on the way, if anything. */
export function planColumn(field: Field): ColumnPlan {
  const t = field.type;
  const n = `"${field.name}"`;
  if (DataType.isInt(t)) return { sqlType: 'INTEGER', convert: (v) => (v === null || v === undefined ? null : BigInt(v as number | bigint)) };
  if (DataType.isFloat(t)) return { sqlType: 'REAL', convert: (v) => (v === null || v === undefined ? null : Number(v)) };
  if (DataType.isBool(t)) return { sqlType: 'INTEGER', convert: (v) => (v === null || v === undefined ? null : v ? 1 : 0) };
  if (DataType.isDecimal(t)) {
    const scale = (t as unknown as { scale: number }).scale;
    const note = `${n}: ${String(t)} became REAL, since SQLite has no decimal type; values beyond 15 significant digits are rounded.`;
    return { sqlType: 'REAL', convert: (v) => (v === null || v === undefined ? null : Number(String(v)) / 10 ** scale), note };
  }
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return { sqlType: 'TEXT', convert: (v) => (v === null || v === undefined ? null : String(v)) };
  if (DataType.isBinary(t) || DataType.isLargeBinary(t) || DataType.isFixedSizeBinary(t)) return { sqlType: 'BLOB', convert: (v) => (v instanceof Uint8Array ? v : null) };
  if (DataType.isDate(t) || DataType.isTimestamp(t)) {
    const dateOnly = DataType.isDate(t) && (t as unknown as { unit: number }).unit === 0;
    return { sqlType: 'TEXT', convert: (v) => (v === null || v === undefined ? null : isoText(v, dateOnly)) };
  }
  const note = `${n}: ${String(t)} became JSON text, since SQLite has no such type.`;
  return { sqlType: 'TEXT', convert: (v) => (v === null || v === undefined ? null : JSON.stringify(plain(v), (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))), note };
}

function isoText(v: unknown, dateOnly: boolean): string {
  const ms = v instanceof Date ? v.getTime() : Number(v);
  const iso = new Date(ms).toISOString();
  return dateOnly ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
}

function plain(v: unknown): unknown {
  const x = v as { toJSON?: () => unknown };
  return typeof x.toJSON === 'function' ? x.toJSON() : v;
}

/** Writes an Arrow IPC stream as the result `name`. Returns notes on columns that could not map exactly. */
export function importResult(db: Database, name: string, ipc: Uint8Array): string[] {
  const t: Table = tableFromIPC(ipc);
  const fields = t.schema.fields;
  const plans = fields.map(planColumn);
  const columns = fields.map((f, i) => `${quoteIdent(f.name)} ${plans[i]?.sqlType ?? 'TEXT'}`).join(', ');
  dropResult(db, name);
  db.run(`CREATE TABLE ${table(name)} (${columns})`);
  if (fields.length === 0) return [];
  const insert = db.prepare(`INSERT INTO ${table(name)} VALUES (${fields.map(() => '?').join(', ')})`);
  const vectors = fields.map((_, i) => t.getChildAt(i));
  db.run('BEGIN');
  try {
    for (let r = 0; r < t.numRows; r++) insert.run(plans.map((p, c) => p.convert(vectors[c]?.get(r)) as never));
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  } finally {
    insert.free();
  }
  return plans.flatMap((p) => (p.note ? [p.note] : []));
}
