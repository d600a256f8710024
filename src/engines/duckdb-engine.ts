/**
 * DuckDB-Wasm behind the Engine interface. AsyncDuckDB runs the database in
 * its own worker; results arrive here as Arrow IPC and are decoded by it.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { emptyCellError, toNotebookError } from '../notebook/errors';
import { firstKeyword, isQueryStatement, splitStatements, type Statement } from '../notebook/statements';
import { duckdbErrorPosition, duckdbErrorSummary } from './duckdb-errors';
import { offsetOf, statementError } from './sql-error';
import { registerDuckdbFile } from './duckdb-files';
import type { Engine, FileKind, QueryOptions, QueryResult, RegisteredFile, TableInfo } from './engine';
import { describeDuckdb } from './duckdb-catalog';

/** The hidden table that holds the last query's full result, so only a window crosses to the page. */
export const RESULT_TABLE = '__nb_result';
const WRAP_PREFIX = `CREATE OR REPLACE TEMP TABLE ${RESULT_TABLE} AS `;
const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

export interface DuckdbHandle {
  readonly db: duckdb.AsyncDuckDB;
  readonly conn: duckdb.AsyncDuckDBConnection;
}

export class DuckdbEngine implements Engine {
  readonly id = 'duckdb' as const;
  private started: Promise<DuckdbHandle> | null = null;

  start(): Promise<void> {
    return this.handle().then(() => undefined);
  }

  handle(): Promise<DuckdbHandle> {
    this.started ??= boot().catch((err: unknown) => {
      this.started = null;
      throw toNotebookError(err, { code: 'engine-start' });
    });
    return this.started;
  }

  async query(sql: string, options: QueryOptions): Promise<QueryResult> {
    const t0 = performance.now();
    const statements = splitStatements(sql);
    if (statements.length === 0) throw emptyCellError();
    const { conn } = await this.handle();
    const n = statements.length;
    for (let i = 0; i < n - 1; i++) {
      const st = statements[i] as Statement;
      await runOrExplain(conn, st.text, (err, sent) => fail(err, sent, sql, st, i, n, 0));
    }
    const last = statements[n - 1] as Statement;
    const onError = (err: unknown, sent: string, shift: number) => fail(err, sent, sql, last, n - 1, n, shift);
    const out = await runLast(conn, last.text, options.maxRows, onError);
    return { ...out, statementCount: n, elapsedMs: performance.now() - t0 } as QueryResult;
  }

  async registerFile(file: File, kind: FileKind, tableName: string): Promise<RegisteredFile> {
    const handle = await this.handle();
    const warnings = await registerDuckdbFile(handle, file, kind, tableName);
    return { fileName: file.name, kind, engine: 'duckdb', tableName, warnings };
  }

  async describe(): Promise<TableInfo[]> {
    const { conn } = await this.handle();
    return describeDuckdb(conn, RESULT_TABLE);
  }
}

async function boot(): Promise<DuckdbHandle> {
  const worker = new Worker(ehWorkerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(ehWasmUrl);
  await db.open({ query: { castBigIntToDouble: false } });
  const conn = await db.connect();
  // Offline, a failed extension autoload can leave the instance broken; never try.
  await conn.query('SET autoinstall_known_extensions = false');
  await conn.query('SET autoload_known_extensions = false');
  return { db, conn };
}

type OnError = (err: unknown, sent: string, shift: number) => never;
type RowsOrDone = Omit<Extract<QueryResult, { kind: 'rows' }>, 'statementCount' | 'elapsedMs'> | Omit<Extract<QueryResult, { kind: 'done' }>, 'statementCount' | 'elapsedMs'>;

async function runOrExplain(conn: duckdb.AsyncDuckDBConnection, text: string, onError: (err: unknown, sent: string) => never): Promise<Table> {
  try {
    return await conn.query(text);
  } catch (err) {
    return onError(err, text);
  }
}

/** A query is materialised in the engine, then only a window and the count come back. */
async function runLast(conn: duckdb.AsyncDuckDBConnection, text: string, maxRows: number, onError: OnError): Promise<RowsOrDone> {
  if (isQueryStatement(text)) {
    const wrapped = WRAP_PREFIX + text;
    let totalRows: number;
    try {
      // CREATE TABLE … AS reports the number of rows it stored, so no separate count is needed.
      const created = await conn.query(wrapped);
      totalRows = Number(created.getChildAt(0)?.get(0) ?? 0);
    } catch (err) {
      // A syntax error is reported against the user's own text, so run it unwrapped for the message.
      if (!/^Parser Error/.test(errorMessage(err))) onError(err, wrapped, WRAP_PREFIX.length);
      return fromRawTable(await runOrExplain(conn, text, (e, s) => onError(e, s, 0)), text, maxRows);
    }
    const window = await conn.query(`SELECT * FROM ${RESULT_TABLE} LIMIT ${maxRows}`);
    return { kind: 'rows', table: window, totalRows };
  }
  return fromRawTable(await runOrExplain(conn, text, (e, s) => onError(e, s, 0)), text, maxRows);
}

function fromRawTable(table: Table, text: string, maxRows: number): RowsOrDone {
  const keyword = firstKeyword(text);
  const names = table.schema.fields.map((f) => f.name);
  if (DML.has(keyword) && names.length === 1 && names[0] === 'Count') {
    return { kind: 'done', changes: Number(table.getChildAt(0)?.get(0) ?? 0) };
  }
  if (names.length === 0 || (names.length === 1 && names[0] === 'Count' && table.numRows <= 1 && !isQueryStatement(text))) {
    return { kind: 'done', changes: null };
  }
  return { kind: 'rows', table: table.numRows > maxRows ? table.slice(0, maxRows) : table, totalRows: table.numRows };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function fail(err: unknown, sent: string, cellSql: string, statement: Statement, index: number, count: number, shift: number): never {
  const message = errorMessage(err);
  const pos = duckdbErrorPosition(message, sent);
  let offsetInStatement: number | null = /at end of input/.test(message) ? statement.text.length : null;
  if (pos) {
    const offsetInSent = offsetOf(sent, pos.line, pos.column);
    offsetInStatement = Math.max(0, Math.min(statement.text.length, offsetInSent - shift));
  }
  throw statementError({ cellSql, statement, index, count, message: duckdbErrorSummary(message), offsetInStatement });
}
