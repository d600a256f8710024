/** SQLite rows to Arrow: one Arrow type per column, inferred from the values, since SQLite columns have none. */
import {
  Binary,
  Field,
  Float64,
  Int64,
  Null,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeBuilder,
  makeData,
  tableToIPC,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { Statement as SqlJsStatement } from 'sql.js';

/** A value as sql.js returns it with BigInt support on: every INTEGER is a bigint, every REAL a number. */
export type SqliteValue = bigint | number | string | Uint8Array | null;

// @types/sql.js 1.4 predates get()'s config argument; sql.js 1.16 has it.
type GetWithConfig = (params: null, config: { useBigInt: boolean }) => SqliteValue[];

export function readRow(stmt: SqlJsStatement): SqliteValue[] {
  return (stmt.get as unknown as GetWithConfig).call(stmt, null, { useBigInt: true });
}

type ColumnKind = 'null' | 'int' | 'float' | 'text' | 'blob';

/** One type per column, from the values in the window: SQLite columns have no fixed type. */
export function inferKind(values: readonly SqliteValue[]): ColumnKind {
  let ints = false;
  let floats = false;
  let texts = false;
  let blobs = false;
  for (const v of values) {
    if (v === null) continue;
    if (typeof v === 'bigint') ints = true;
    else if (typeof v === 'number') floats = true;
    else if (typeof v === 'string') texts = true;
    else blobs = true;
  }
  if (texts || (blobs && (ints || floats))) return 'text';
  if (blobs) return 'blob';
  if (floats) return 'float';
  return ints ? 'int' : 'null';
}

const CLASS_NAMES = { int: 'INTEGER', float: 'REAL', text: 'TEXT', blob: 'BLOB' } as const;

/**
 * What a column of values loses when it becomes one Arrow (and DuckDB) type, or null when
 * nothing: values of mixed storage classes become text, and integers beyond 2^53 beside reals
 * are rounded.
 */
export function mixedNote(name: string, values: readonly SqliteValue[]): string | null {
  const present = new Set<keyof typeof CLASS_NAMES>();
  let wide = false;
  for (const v of values) {
    if (v === null) continue;
    if (typeof v === 'bigint') {
      present.add('int');
      if (v > MAX_DOUBLE_INT || v < -MAX_DOUBLE_INT) wide = true;
    } else if (typeof v === 'number') present.add('float');
    else if (typeof v === 'string') present.add('text');
    else present.add('blob');
  }
  const kind = inferKind(values);
  const classes = [...present].map((c) => CLASS_NAMES[c]).join(' and ');
  if (kind === 'text' && (present.size > 1 || !present.has('text')))
    return `${name}: ${classes} values → VARCHAR, each as SQLite's text of it`;
  if (kind === 'float' && wide) return `${name}: ${classes} values → DOUBLE, which rounds integers beyond 2^53`;
  return null;
}

const MAX_DOUBLE_INT = 2n ** 53n;

function toText(v: SqliteValue): string | null {
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  // SQLite prints an integral REAL as 1.0; do the same so it reads as a real.
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e15 ? v.toFixed(1) : String(v);
  return `x'${Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('')}'`;
}

function columnData(kind: ColumnKind, values: readonly SqliteValue[]): Data {
  const convert: Record<ColumnKind, [DataType, (v: SqliteValue) => unknown]> = {
    null: [new Null(), () => null],
    int: [new Int64(), (v) => v],
    float: [new Float64(), (v) => (v === null ? null : Number(v))],
    text: [new Utf8(), toText],
    blob: [new Binary(), (v) => v],
  };
  const [type, fn] = convert[kind];
  // Not `nullValues: [null]`: Arrow compiles that into a checker with `new Function`, which the
  // app's Content-Security-Policy forbids. The same check, as a plain function.
  const builder = makeBuilder({ type });
  builder.isValid = (value: unknown) => value !== null && value !== undefined;
  for (const v of values) builder.append(fn(v));
  return builder.finish().flush() as Data;
}

/** Arrow rejects duplicate field names when writing IPC, and `SELECT 1 a, 2 a` is legal SQL: a, a_2, … */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let out = name;
    for (let i = 2; taken.has(out); i++) out = `${name}_${i}`;
    taken.add(out);
    return out;
  });
}

/** The window as Arrow IPC stream bytes. Built from a Schema, not an object, so a column named "1" keeps its place. */
export function rowsToIpc(names: readonly string[], rows: readonly SqliteValue[][]): Uint8Array {
  const unique = uniqueNames(names);
  const fields: Field[] = [];
  const children: Data[] = [];
  unique.forEach((name, c) => {
    const values = rows.map((r) => r[c] ?? null);
    const data = columnData(inferKind(values), values);
    fields.push(new Field(name, data.type, true));
    children.push(data);
  });
  const struct = makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children });
  return tableToIPC(new Table([new RecordBatch(new Schema(fields), struct)]), 'stream');
}
