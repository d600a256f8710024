/**
 * Cell results in SQLite: stored as tables in an in-memory database attached
 * as `cells`, which SQLite searches after main for unqualified names. Results
 * from DuckDB arrive as Arrow and are written with one prepared INSERT.
 */
import { DataType, tableFromIPC, type Field, type Table, type Vector } from 'apache-arrow';
import type { Database } from 'sql.js';
import { RESULTS_SCHEMA, type MovedResult } from './engine';
import { quoteIdent } from '../sql/quote';
import { mixedNote, readRow, rowsToIpc, type SqliteValue } from './sqlite-arrow';

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

export function allRows(
  db: Database,
  sql: string,
  limit = Number.POSITIVE_INFINITY,
): { names: string[]; rows: SqliteValue[][] } {
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

export function exportResult(db: Database, name: string): MovedResult {
  const { names, rows } = allRows(db, `SELECT * FROM ${table(name)}`);
  const notes = names.flatMap(
    (n, c) =>
      mixedNote(
        n,
        rows.map((r) => r[c] ?? null),
      ) ?? [],
  );
  return { ipc: rowsToIpc(names, rows), notes };
}

interface ColumnPlan {
  readonly sqlType: 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB';
  readonly convert: (v: unknown) => SqliteValue;
  /** A faster reader over the column's value buffer (fixed-width types); `slow` reads one value through Arrow. */
  readonly fromValues?: (
    values: ArrayLike<number | bigint>,
    offset: number,
    type: DataType,
    slow: Reader,
  ) => Reader | null;
  readonly note?: string;
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** A 64-bit integer as a JS number when that is exact (bound as a number); else as a bigint (bound as text, stored as INTEGER). */
function int64Value(v: bigint): SqliteValue {
  return v <= MAX_EXACT && v >= -MAX_EXACT ? Number(v) : v;
}

/** Decimals whose unscaled value fits in 53 bits, read from their 32-bit words; others through Arrow. */
function decimalReader(words: ArrayLike<number | bigint>, offset: number, type: DataType, slow: Reader): Reader | null {
  if (!(words instanceof Uint32Array)) return null;
  const t = type as unknown as { scale: number; bitWidth?: number };
  const stride = (t.bitWidth ?? 128) / 32;
  const div = 10 ** t.scale;
  return (i) => {
    const at = (offset + i) * stride;
    const lo = words[at] as number;
    const hi = (words[at + 1] as number) | 0;
    const ext = hi < 0 ? 0xffffffff : 0;
    for (let w = 2; w < stride; w++) if (words[at + w] !== ext) return slow(i);
    const unscaled = hi * 4294967296 + lo;
    return Number.isSafeInteger(unscaled) ? unscaled / div : slow(i);
  };
}

/** How an Arrow column is stored in SQLite, and what is lost on the way, if anything. */
export function planColumn(field: Field): ColumnPlan {
  const t: DataType = field.type as DataType;
  const n = `"${field.name}"`;
  if (DataType.isInt(t)) {
    return {
      sqlType: 'INTEGER',
      convert: (v) => (v === null || v === undefined ? null : typeof v === 'bigint' ? int64Value(v) : Number(v)),
      fromValues: (values, offset) =>
        values instanceof BigInt64Array || values instanceof BigUint64Array
          ? (i) => int64Value(values[offset + i] as bigint)
          : (i) => values[offset + i] as number,
    };
  }
  if (DataType.isFloat(t)) {
    // Half floats are stored as 16-bit words; read those through Arrow.
    const half = (t as unknown as { precision: number }).precision === 0;
    const convert = (v: unknown): SqliteValue => (v === null || v === undefined ? null : Number(v));
    return half
      ? { sqlType: 'REAL', convert }
      : { sqlType: 'REAL', convert, fromValues: (values, offset) => (i) => values[offset + i] as number };
  }
  if (DataType.isBool(t))
    return { sqlType: 'INTEGER', convert: (v) => (v === null || v === undefined ? null : v ? 1 : 0) };
  if (DataType.isDecimal(t)) {
    const scale = (t as unknown as { scale: number }).scale;
    const note = `${n}: ${String(t)} became REAL, since SQLite has no decimal type; values beyond 15 significant digits are rounded.`;
    const convert = (v: unknown): SqliteValue =>
      v === null || v === undefined ? null : Number(String(v)) / 10 ** scale;
    return { sqlType: 'REAL', convert, note, fromValues: decimalReader };
  }
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t))
    return { sqlType: 'TEXT', convert: (v) => (v === null || v === undefined ? null : String(v)) };
  if (DataType.isBinary(t) || DataType.isLargeBinary(t) || DataType.isFixedSizeBinary(t))
    return { sqlType: 'BLOB', convert: (v) => (v instanceof Uint8Array ? v : null) };
  if (DataType.isDate(t) || DataType.isTimestamp(t)) {
    const dateOnly = DataType.isDate(t) && (t as unknown as { unit: number }).unit === 0;
    return { sqlType: 'TEXT', convert: (v) => (v === null || v === undefined ? null : isoText(v, dateOnly)) };
  }
  const note = `${n}: ${String(t)} became JSON text, since SQLite has no such type.`;
  return {
    sqlType: 'TEXT',
    convert: (v) =>
      v === null || v === undefined
        ? null
        : JSON.stringify(plain(v), (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)),
    note,
  };
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

/** Rows per INSERT: many rows per statement means far fewer calls into the wasm module. */
const ROWS_PER_INSERT = 64;

/**
 * Writes an Arrow IPC stream as the result `name`, batch by batch, reading
 * each column's values straight from its buffers where it can. Returns notes
 * on columns that could not map exactly.
 */
export function importResult(db: Database, name: string, ipc: Uint8Array): string[] {
  const t: Table = tableFromIPC(ipc);
  const fields = t.schema.fields;
  const plans = fields.map(planColumn);
  const columns = fields.map((f, i) => `${quoteIdent(f.name)} ${plans[i]?.sqlType ?? 'TEXT'}`).join(', ');
  dropResult(db, name);
  db.run(`CREATE TABLE ${table(name)} (${columns})`);
  const width = fields.length;
  if (width === 0) return [];
  // SQLite allows 32,766 parameters per statement; stay well below.
  const perInsert = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(30000 / width)));
  const row = `(${fields.map(() => '?').join(', ')})`;
  const many = db.prepare(
    `INSERT INTO ${table(name)} VALUES ${Array.from({ length: perInsert }, () => row).join(', ')}`,
  );
  const one = db.prepare(`INSERT INTO ${table(name)} VALUES ${row}`);
  const params: SqliteValue[] = new Array<SqliteValue>(perInsert * width);
  const single: SqliteValue[] = new Array<SqliteValue>(width);
  db.run('BEGIN');
  try {
    for (const batch of t.batches) {
      const readers = plans.map((p, c) => columnReader(p, batch.getChildAt(c)));
      const rows = batch.numRows;
      let r = 0;
      for (; r + perInsert <= rows; r += perInsert) {
        let k = 0;
        for (let i = r; i < r + perInsert; i++) for (let c = 0; c < width; c++) params[k++] = (readers[c] as Reader)(i);
        many.run(params as never);
      }
      for (; r < rows; r++) {
        for (let c = 0; c < width; c++) single[c] = (readers[c] as Reader)(r);
        one.run(single as never);
      }
    }
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  } finally {
    many.free();
    one.free();
  }
  return plans.flatMap((p) => (p.note ? [p.note] : []));
}

type Reader = (row: number) => SqliteValue;

/** Reads one column of one batch: typed-array values directly where the plan allows it, else through Arrow. */
function columnReader(plan: ColumnPlan, vector: Vector | null): Reader {
  if (!vector) return () => null;
  const data = vector.data[0];
  const slow: Reader = (i) => plan.convert(vector.get(i));
  const direct =
    data && plan.fromValues
      ? plan.fromValues(data.values as ArrayLike<number | bigint>, data.offset, data.type as DataType, slow)
      : null;
  if (!direct || !data) return slow;
  if (data.nullCount === 0) return direct;
  return (i) => (vector.isValid(i) ? direct(i) : null);
}
