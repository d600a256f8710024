/**
 * The SQLite engine itself, free of workers and DOM so it runs in Node tests:
 * it takes an initialised sql.js and answers queries with Arrow IPC bytes.
 */
import {
  Binary, Field, Float64, Int64, Null, RecordBatch, Schema, Struct, Table, Utf8,
  makeBuilder, makeData, tableToIPC, type Data, type DataType,
} from 'apache-arrow';
import type { Database, SqlJsStatic, Statement as SqlJsStatement } from 'sql.js';
import { NotebookError, emptyCellError } from '../notebook/errors';
import { firstKeyword, splitStatements, type Statement } from '../notebook/statements';
import type { TableInfo } from './engine';
import { statementError } from './sql-error';
import { quoteIdent, quoteString } from './sql-quote';
import { fileReason, headerProblem, sqliteErrorHint, sqliteErrorOffset } from './sqlite-errors';

/** A value as sql.js returns it with BigInt support on: every INTEGER is a bigint, every REAL a number. */
export type SqliteValue = bigint | number | string | Uint8Array | null;

export type CoreResult =
  | { readonly kind: 'rows'; readonly ipc: Uint8Array; readonly totalRows: number; readonly statementCount: number }
  | { readonly kind: 'done'; readonly changes: number; readonly statementCount: number };

export interface AttachResult {
  /** Tables and views in the attached database. */
  readonly tables: readonly string[];
}

// @types/sql.js 1.4 predates get()'s config argument; sql.js 1.16 has it.
type GetWithConfig = (params: null, config: { useBigInt: boolean }) => SqliteValue[];

function readRow(stmt: SqlJsStatement): SqliteValue[] {
  return (stmt.get as unknown as GetWithConfig).call(stmt, null, { useBigInt: true });
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface Prepared {
  readonly stmt: SqlJsStatement;
  readonly statement: Statement;
  /** Index of the first split statement after this one. */
  readonly next: number;
}

export class SqliteCore {
  private readonly db: Database;
  /** Each attached file lives in a Database of its own: sql.js hides its file system, and this is the one public way to put bytes in it. */
  private readonly owners = new Map<string, Database>();

  constructor(private readonly SQL: SqlJsStatic) {
    this.db = new SQL.Database();
  }

  version(): string {
    return String(this.rows('SELECT sqlite_version()')[0]?.[0] ?? '');
  }

  /** Runs every statement of the cell in order; returns the last one's result. Throws NotebookError. */
  query(sql: string, maxRows: number): CoreResult {
    const parts = splitStatements(sql);
    if (parts.length === 0) {
      throw emptyCellError();
    }
    let count = 0;
    for (let i = 0; i < parts.length; ) {
      const p = this.prepareAt(sql, parts, i);
      count++;
      try {
        if (p.next >= parts.length) return this.finish(p.stmt, maxRows, count);
        while (p.stmt.step()) {
          // Earlier statements run for their effects; their rows are not kept.
        }
      } catch (err) {
        throw this.statementFailure(err, sql, p.statement, i, parts.length);
      } finally {
        p.stmt.free();
      }
      i = p.next;
    }
    throw new NotebookError({ code: 'internal', message: 'no statement was run' });
  }

  private prepareAt(sql: string, parts: readonly Statement[], i: number): Prepared {
    const first = parts[i];
    if (!first) throw new NotebookError({ code: 'internal', message: `no statement ${i}` });
    try {
      return { stmt: this.db.prepare(first.text), statement: first, next: i + 1 };
    } catch (err) {
      const merged = errorMessage(err) === 'incomplete input' ? this.prepareMerged(sql, parts, i) : null;
      if (merged) return merged;
      throw this.statementFailure(err, sql, first, i, parts.length);
    }
  }

  /** A trigger body holds ';'s that splitStatements cuts at; SQLite knows where the statement really ends. */
  private prepareMerged(sql: string, parts: readonly Statement[], i: number): Prepared | null {
    const start = parts[i]?.start ?? 0;
    for (let j = i + 1; j < parts.length; j++) {
      const end = parts[j]?.end ?? sql.length;
      const text = sql.slice(start, end);
      try {
        return { stmt: this.db.prepare(text), statement: { text, start, end }, next: j + 1 };
      } catch (err) {
        if (errorMessage(err) !== 'incomplete input') return null;
      }
    }
    return null;
  }

  private finish(stmt: SqlJsStatement, maxRows: number, statementCount: number): CoreResult {
    const names = stmt.getColumnNames();
    if (names.length === 0) {
      // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE, so DDL would report stale numbers.
      const before = this.totalChanges();
      while (stmt.step());
      const changes = this.totalChanges() === before ? 0 : this.db.getRowsModified();
      return { kind: 'done', changes, statementCount };
    }
    const window: SqliteValue[][] = [];
    let totalRows = 0;
    while (stmt.step()) {
      if (totalRows < maxRows) window.push(readRow(stmt));
      totalRows++;
    }
    return { kind: 'rows', ipc: rowsToIpc(names, window), totalRows, statementCount };
  }

  private totalChanges(): number {
    return Number(this.rows('SELECT total_changes()')[0]?.[0] ?? 0);
  }

  private statementFailure(err: unknown, cellSql: string, statement: Statement, index: number, count: number): NotebookError {
    if (err instanceof WebAssembly.RuntimeError) {
      return new NotebookError({ code: 'engine-crashed', message: `SQLite crashed: ${err.message}`, hint: 'The SQLite engine restarts on the next run; tables made in SQLite cells are gone.' }, { cause: err });
    }
    const message = errorMessage(err);
    // Some pragmas take effect while they are prepared, so never probe with pieces of one.
    const probe = firstKeyword(statement.text) === 'PRAGMA' ? undefined : (prefix: string, msg: string) => this.failsWith(prefix, msg);
    const offset = sqliteErrorOffset(message, statement.text, probe);
    const base = statementError({ cellSql, statement, index, count, message, offsetInStatement: offset });
    const hint = sqliteErrorHint(message);
    return new NotebookError({ ...base.toData(), ...(hint ? { hint } : {}) }, { cause: err });
  }

  private failsWith(sql: string, message: string): boolean {
    try {
      this.db.prepare(sql).free();
      return false;
    } catch (err) {
      return errorMessage(err) === message;
    }
  }

  /** Attaches a database file under `schema`, replacing one already there. Throws NotebookError code 'file'. */
  attach(bytes: Uint8Array, fileName: string, schema: string): AttachResult {
    const fail = (reason: string, cause?: unknown): NotebookError =>
      new NotebookError({ code: 'file', file: fileName, message: `${fileName}: ${reason}` }, { cause });
    if (/^(main|temp)$/i.test(schema)) throw fail(`"${schema}" is a reserved SQLite database name; choose another name.`);
    const problem = headerProblem(bytes);
    if (problem) throw fail(problem);
    const owner = new this.SQL.Database(bytes);
    let path: string;
    try {
      // Validate through the owner first, so a bad file never replaces a good one under the same name.
      listTables(owner, 'main');
      path = String(rowsOf(owner, 'PRAGMA database_list').find((r) => r[1] === 'main')?.[2] ?? '');
    } catch (err) {
      owner.close();
      throw fail(fileReason(errorMessage(err)), err);
    }
    try {
      this.detach(schema);
      this.db.run(`ATTACH ${quoteString(path)} AS ${quoteIdent(schema)}`);
      this.owners.set(schema.toLowerCase(), owner);
      return { tables: listTables(this.db, schema).map((t) => t.name) };
    } catch (err) {
      if (this.owners.get(schema.toLowerCase()) === owner) this.detach(schema);
      else owner.close();
      throw fail(fileReason(errorMessage(err)), err);
    }
  }

  /** Detaches `schema` if attached and frees its file. */
  detach(schema: string): void {
    if (this.databaseNames().some((n) => n.toLowerCase() === schema.toLowerCase())) this.db.run(`DETACH ${quoteIdent(schema)}`);
    this.owners.get(schema.toLowerCase())?.close();
    this.owners.delete(schema.toLowerCase());
  }

  /** Every table and view in main, temp and attached databases, with declared column types. */
  describe(): TableInfo[] {
    const out: TableInfo[] = [];
    for (const schema of this.databaseNames()) {
      let tables: TableEntry[];
      try {
        tables = listTables(this.db, schema);
      } catch {
        continue; // a database attached by hand from unreadable bytes; nothing to list
      }
      for (const t of tables) {
        out.push({ engine: 'sqlite', schema: schema === 'main' ? null : schema, name: t.name, kind: t.kind, columns: this.columnsOf(schema, t.name) });
      }
    }
    return out;
  }

  private columnsOf(schema: string, table: string): { name: string; type: string }[] {
    try {
      const rows = this.rows('SELECT name, type FROM pragma_table_info(?, ?) ORDER BY cid', [table, schema]);
      return rows.map((r) => ({ name: String(r[0]), type: String(r[1] ?? '') }));
    } catch {
      return []; // a view over a table that no longer exists
    }
  }

  private databaseNames(): string[] {
    return this.rows('PRAGMA database_list').map((r) => String(r[1]));
  }

  private rows(sql: string, params: (string | number)[] = []): SqliteValue[][] {
    return rowsOf(this.db, sql, params);
  }
}

type TableEntry = { name: string; kind: 'table' | 'view' };

function listTables(db: Database, schema: string): TableEntry[] {
  const sql = `SELECT name, type FROM ${quoteIdent(schema)}.sqlite_master
    WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`;
  return rowsOf(db, sql).map(([name, type]) => ({ name: String(name), kind: type === 'view' ? 'view' : 'table' }));
}

function rowsOf(db: Database, sql: string, params: (string | number)[] = []): SqliteValue[][] {
  const stmt = db.prepare(sql, params);
  try {
    const out: SqliteValue[][] = [];
    while (stmt.step()) out.push(readRow(stmt));
    return out;
  } finally {
    stmt.free();
  }
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
  const builder = makeBuilder({ type, nullValues: [null] });
  for (const v of values) builder.append(fn(v));
  return builder.finish().flush();
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
