/**
 * The SQLite engine itself, free of workers and DOM so it runs in Node tests:
 * it takes an initialised sql.js and answers queries with Arrow IPC bytes.
 */
export type { SqliteValue } from './sqlite-arrow';
export { inferKind, rowsToIpc, uniqueNames } from './sqlite-arrow';
import type { Database, SqlJsStatic, Statement as SqlJsStatement } from 'sql.js';
import { readRow, rowsToIpc, type SqliteValue } from './sqlite-arrow';
import { NotebookError, emptyCellError } from '../sql/errors';
import { firstKeyword, isQueryStatement, splitStatements, type Statement } from '../sql/statements';
import {
  allRows,
  attachResultsSchema,
  dropResult,
  exportResult,
  importResult,
  readResult,
  storeResult,
} from './sqlite-results';
import { RESULTS_SCHEMA, type MovedResult, type SqlParam, type TableInfo } from './engine';
import { statementError } from './sql-error';
import { sqliteFunctions, sqlitePeek } from './sqlite-introspect';
import { sqlitePlan, type PlanNode } from './plans';
import type { FunctionInfo, TablePeek } from './engine';
import { quoteIdent, quoteString } from '../sql/quote';
import { sqliteErrorOffset } from '../sql/positions';
import { fileReason, headerProblem, sqliteErrorHint } from './sqlite-errors';

export type CoreResult =
  | { readonly kind: 'rows'; readonly ipc: Uint8Array; readonly totalRows: number; readonly statementCount: number }
  | { readonly kind: 'done'; readonly changes: number; readonly statementCount: number };

export interface AttachResult {
  /** Tables and views in the attached database. */
  readonly tables: readonly string[];
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
    attachResultsSchema(this.db);
  }

  version(): string {
    return String(this.rows('SELECT sqlite_version()')[0]?.[0] ?? '');
  }

  /** Runs every statement of the cell in order; returns the last one's result. Throws NotebookError. */
  query(sql: string, maxRows: number, resultName?: string): CoreResult {
    const parts = splitStatements(sql, 'sqlite');
    if (parts.length === 0) {
      throw emptyCellError();
    }
    let count = 0;
    for (let i = 0; i < parts.length;) {
      const p = this.prepareAt(sql, parts, i);
      count++;
      try {
        if (p.next >= parts.length) return this.finishLast(p, maxRows, count, resultName);
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

  /** The last statement: a query with a result name is stored for other cells; anything else runs as it is. */
  private finishLast(p: Prepared, maxRows: number, statementCount: number, resultName: string | undefined): CoreResult {
    if (resultName === undefined) return this.finish(p.stmt, maxRows, statementCount);
    if (isQueryStatement(p.statement.text, 'sqlite') && p.stmt.getColumnNames().length > 0) {
      storeResult(this.db, resultName, p.statement.text);
      return { kind: 'rows', ...readResult(this.db, resultName, maxRows), statementCount };
    }
    dropResult(this.db, resultName);
    return this.finish(p.stmt, maxRows, statementCount);
  }

  explain(sql: string): PlanNode[] {
    const { rows } = allRows(this.db, `EXPLAIN QUERY PLAN ${sql}`);
    return sqlitePlan(rows.map((r) => [Number(r[0]), Number(r[1]), String(r[3] ?? '')] as const));
  }

  exportResult(name: string): MovedResult {
    return exportResult(this.db, name);
  }

  importResult(name: string, ipc: Uint8Array): string[] {
    return importResult(this.db, name, ipc);
  }

  dropResult(name: string): void {
    dropResult(this.db, name);
  }

  /**
   * A read-only view query over stored results (engines/view-sql.ts) with its parameters
   * bound, as Arrow IPC. Throws NotebookError.
   */
  read(sql: string, params: readonly SqlParam[] = []): Uint8Array {
    try {
      const stmt = this.db.prepare(sql);
      try {
        // sql.js binds strings as TEXT and whole numbers as INTEGER; the SQL casts where it must.
        stmt.bind([...params]);
        const rows: SqliteValue[][] = [];
        while (stmt.step()) rows.push(readRow(stmt));
        return rowsToIpc(stmt.getColumnNames(), rows);
      } finally {
        stmt.free();
      }
    } catch (err) {
      throw new NotebookError({ code: 'sql', message: errorMessage(err), sql }, { cause: err });
    }
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

  private statementFailure(
    err: unknown,
    cellSql: string,
    statement: Statement,
    index: number,
    count: number,
  ): NotebookError {
    if (err instanceof WebAssembly.RuntimeError) {
      return new NotebookError(
        {
          code: 'engine-crashed',
          message: `SQLite crashed: ${err.message}`,
          hint: 'The SQLite engine restarts on the next run; tables made in SQLite cells are gone.',
        },
        { cause: err },
      );
    }
    const message = errorMessage(err);
    // Some pragmas take effect while they are prepared, so never probe with pieces of one.
    const probe =
      firstKeyword(statement.text, 'sqlite') === 'PRAGMA'
        ? undefined
        : (prefix: string, msg: string) => this.failsWith(prefix, msg);
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
    if (/^(main|temp)$/i.test(schema))
      throw fail(`"${schema}" is a reserved SQLite database name; choose another name.`);
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
    if (this.databaseNames().some((n) => n.toLowerCase() === schema.toLowerCase()))
      this.db.run(`DETACH ${quoteIdent(schema)}`);
    this.owners.get(schema.toLowerCase())?.close();
    this.owners.delete(schema.toLowerCase());
  }

  /** Built-in and registered functions, for the editor's completion. */
  functions(): FunctionInfo[] {
    return sqliteFunctions(this.db);
  }

  /** Row count and a few values of one column, for the editor's hover. */
  peek(schema: string | null, name: string, column: string | null): TablePeek {
    return sqlitePeek(this.db, schema, name, column);
  }

  /** Every table and view in main, temp and attached databases, with declared column types. */
  describe(): TableInfo[] {
    const out: TableInfo[] = [];
    for (const schema of this.databaseNames().filter((d) => d !== RESULTS_SCHEMA)) {
      let tables: TableEntry[];
      try {
        tables = listTables(this.db, schema);
      } catch {
        continue; // a database attached by hand from unreadable bytes; nothing to list
      }
      for (const t of tables) {
        out.push({
          engine: 'sqlite',
          schema: schema === 'main' ? null : schema,
          name: t.name,
          kind: t.kind,
          columns: this.columnsOf(schema, t.name),
        });
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
