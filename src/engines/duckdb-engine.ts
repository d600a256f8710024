/**
 * DuckDB-Wasm behind the Engine interface. AsyncDuckDB runs the database in
 * its own worker; results arrive here as Arrow IPC and are decoded by it.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import { exec } from './duckdb-exec';
import { boot, type DatabaseOpened, type DuckdbHandle } from './duckdb-boot';
import {
  IN_MEMORY_OFFLINE,
  explainRefusal,
  extensionCommand,
  installRefusal,
  type DuckdbSetup,
} from './duckdb-network';
import type { NetworkAccess } from '../notebook/network';
import { NotebookError, emptyCellError, toNotebookError } from '../sql/errors';
import { firstKeyword, isQueryStatement, splitStatements, type Statement } from '../sql/statements';
import { duckdbErrorPosition } from '../sql/positions';
import { duckdbErrorSummary, normalizeDuckdbError } from './duckdb-errors';
import { offsetOf, statementError } from './sql-error';
import { registerDuckdbFile } from './duckdb-files';
import {
  RESULTS_SCHEMA,
  type Engine,
  type FileKind,
  type IngestProgress,
  type QueryOptions,
  type QueryResult,
  type RegisteredFile,
  type TableInfo,
} from './engine';
import { quoteIdent } from '../sql/quote';
import { describeDuckdb } from './duckdb-catalog';
import { duckdbFunctions, duckdbPeek } from './duckdb-introspect';
import type { BoundSql, FunctionInfo, TablePeek } from './engine';

/** The hidden temp table for a result that has no name: only a window of it crosses to the page. */
export const RESULT_TABLE = '__nb_result';
const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
const CANCEL_GRACE_MS = 700;

/** Pieces of a streamed result are cut at about this size: bounded memory, few round trips. */
const STREAM_PIECE_BYTES = 4 * 1024 * 1024;

/** One IPC stream: the schema message, then record batch messages. */
function joinIpc(header: Uint8Array, batches: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(header.length + batches.reduce((a, b) => a + b.length, 0));
  out.set(header, 0);
  let at = header.length;
  for (const b of batches) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** Messages of a wasm trap: the instance cannot be trusted afterwards (see engine-facts.md). */
const TRAP =
  /RuntimeError|memory access out of bounds|unreachable|function signature mismatch|table index is out of bounds|Aborted\(/;

export class DuckdbEngine implements Engine {
  readonly id = 'duckdb' as const;
  private started: Promise<DuckdbHandle> | null = null;
  private running = false;
  private cancelRequested = false;
  private restarts = 0;
  /** What the next start opens (an OPFS database or memory) and may reach (nothing by default). */
  private setup: DuckdbSetup = IN_MEMORY_OFFLINE;
  /** What the current worker actually opened and may reach, after any fallback. */
  private current: DuckdbHandle | null = null;
  /** Rejects when the current worker dies, so nothing waits forever on a dead engine. */
  private death: { promise: Promise<never>; reject: (e: NotebookError) => void } | null = null;

  get epoch(): number {
    return this.restarts;
  }

  start(): Promise<void> {
    return this.handle().then(() => undefined);
  }

  /** Where the current database lives; null until started. */
  get database(): DatabaseOpened | null {
    return this.current?.opened ?? null;
  }

  /** What the running instance may reach, and the allowed extensions that failed to load; null until started. */
  get network(): Pick<DuckdbHandle, 'network' | 'extensionFailures'> | null {
    return this.current;
  }

  /**
   * Opens `setup.path` (an `opfs://` file) or memory (null), with `setup.network`, from now on.
   * A running engine restarts: its epoch moves, so the session registers files again.
   */
  reopen(setup: DuckdbSetup, reason = 'was restarted with another database'): void {
    this.setup = setup;
    if (this.started) this.crashed(reason, 'restarted');
  }

  handle(): Promise<DuckdbHandle> {
    this.started ??= boot(this.setup).then(
      (h) => {
        this.current = h;
        let reject: (e: NotebookError) => void = () => undefined;
        const promise = new Promise<never>((_, r) => (reject = r));
        promise.catch(() => undefined);
        this.death = { promise, reject };
        h.worker.addEventListener('error', (ev) => this.crashed(ev.message || 'the worker failed'));
        return h;
      },
      (err: unknown) => {
        this.started = null;
        throw toNotebookError(err, { code: 'engine-start' });
      },
    );
    return this.started;
  }

  /** Ends the worker as a crash would: for tests of recovery, through the page's debug hook. */
  kill(): void {
    this.crashed('the DuckDB worker was stopped');
  }

  private crashed(reason: string, code: 'engine-crashed' | 'cancelled' | 'restarted' = 'engine-crashed'): void {
    const started = this.started;
    if (!started) return;
    this.started = null;
    this.current = null;
    this.restarts++;
    const message =
      code === 'cancelled'
        ? `Cancelled. DuckDB ${reason}.`
        : code === 'restarted'
          ? `DuckDB ${reason}.`
          : `DuckDB stopped: ${reason}.`;
    // A planned restart ends whatever was waiting on the old worker as a crash would.
    this.death?.reject(new NotebookError({ code: code === 'cancelled' ? 'cancelled' : 'engine-crashed', message }));
    void started.then(
      (h) => h.worker.terminate(),
      () => undefined,
    );
  }

  /** Awaits engine work, unless the engine dies first; a wasm trap retires the instance. */
  private async guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await (this.death ? Promise.race([work, this.death.promise]) : work);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (TRAP.test(message)) this.crashed(message);
      throw err;
    }
  }

  async query(sql: string, options: QueryOptions): Promise<QueryResult> {
    const t0 = performance.now();
    const statements = splitStatements(sql, 'duckdb');
    if (statements.length === 0) throw emptyCellError();
    // Marked running before the first await, so a cancel that comes while the engine starts is not lost.
    this.running = true;
    this.cancelRequested = false;
    const target = options.resultName ? `${RESULTS_SCHEMA}.${quoteIdent(options.resultName)}` : RESULT_TABLE;
    try {
      const { conn, progress, opened, network } = await this.handle();
      const gated = statements.map((st, i) => gateExtensionCommand(st, i, statements.length, sql, network));
      const result = await progress.during(options.onProgress, () =>
        this.runStatements(conn, sql, gated, target, options, t0),
      );
      if (opened.path && !statements.every((st) => isQueryStatement(st.text, 'duckdb'))) await this.save(conn);
      return result;
    } finally {
      this.running = false;
    }
  }

  private async runStatements(
    conn: duckdb.AsyncDuckDBConnection,
    sql: string,
    statements: Statement[],
    target: string,
    options: QueryOptions,
    t0: number,
  ): Promise<QueryResult> {
    const n = statements.length;
    for (let i = 0; i < n - 1; i++) {
      const st = statements[i] as Statement;
      if (this.cancelRequested) this.fail(new Error('cancelled'), st.text, sql, st, i, n, 0);
      await this.guard(exec(conn, st.text)).catch((err: unknown) => this.fail(err, st.text, sql, st, i, n, 0));
    }
    const last = statements[n - 1] as Statement;
    const onError: OnError = (err, sent, shift) => this.fail(err, sent, sql, last, n - 1, n, shift);
    if (this.cancelRequested) onError(new Error('cancelled'), last.text, 0);
    const out = await this.guard(runLast(conn, last.text, target, options.maxRows, onError));
    // A cell whose last statement returns no rows has no result for others to read.
    if (out.kind === 'done' && options.resultName) await this.dropResult(options.resultName);
    return { ...out, statementCount: n, elapsedMs: performance.now() - t0 };
  }

  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelRequested = true;
    // The multi-threaded build can take many seconds to reach the interrupt; past the
    // promised second, restart the worker instead (the session registers files again).
    setTimeout(() => {
      if (this.running && this.cancelRequested) this.crashed('was restarted to stop the query', 'cancelled');
    }, CANCEL_GRACE_MS);
    const started = this.started;
    if (started) await (await started).conn.cancelSent();
  }

  /**
   * Writes a kept database to its OPFS file now. DuckDB-Wasm may otherwise hold
   * changes in memory, and a database reopened without a checkpoint can come
   * back empty (duckdb-wasm #2236).
   */
  private async save(conn: duckdb.AsyncDuckDBConnection): Promise<void> {
    try {
      await this.guard(conn.query('CHECKPOINT'));
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      const full = /quota|space|full/i.test(reason ?? '');
      throw new NotebookError({
        code: 'storage',
        message: `The change was made, but this notebook\u2019s DuckDB database could not be saved in the browser: ${full ? 'its storage is full' : reason}.`,
        hint: full
          ? 'Free space (Notebooks → Storage), or turn off “Keep DuckDB tables” in the Notebook menu.'
          : 'It is kept in memory until the tab closes.',
      });
    }
  }

  async registerFile(
    file: File,
    kind: FileKind,
    tableName: string,
    onProgress?: IngestProgress,
  ): Promise<RegisteredFile> {
    const handle = await this.handle();
    const warnings = await this.guard(registerDuckdbFile(handle, file, kind, tableName, onProgress));
    if (handle.opened.path) await this.save(handle.conn);
    return { fileName: file.name, kind, engine: 'duckdb', tableName, warnings };
  }

  async describe(): Promise<TableInfo[]> {
    const { conn } = await this.handle();
    return this.guard(describeDuckdb(conn, RESULT_TABLE));
  }

  async functions(): Promise<FunctionInfo[]> {
    const { conn } = await this.handle();
    return duckdbFunctions(conn);
  }

  async peek(schema: string | null, name: string, column: string | null): Promise<TablePeek> {
    const { conn } = await this.handle();
    return duckdbPeek(conn, schema, name, column);
  }

  async exportResult(name: string): Promise<Uint8Array> {
    const { conn } = await this.handle();
    // runQuery hands back the IPC bytes as DuckDB wrote them: nothing is decoded on this thread.
    return this.guard(
      conn.useUnsafe((db, id) => db.runQuery(id, `SELECT * FROM ${RESULTS_SCHEMA}.${quoteIdent(name)}`)),
    );
  }

  async importResult(name: string, ipc: Uint8Array): Promise<string[]> {
    const { conn } = await this.handle();
    await this.dropResult(name);
    await this.guard(conn.insertArrowFromIPCStream(ipc, { name, schema: RESULTS_SCHEMA, create: true }));
    return [];
  }

  /** View queries use a connection of their own, so a page can be read while a cell's query streams on the main one. */
  private viewConns = new WeakMap<DuckdbHandle, Promise<duckdb.AsyncDuckDBConnection>>();

  /** Prepares only when there are parameters: a page without filters stays one round trip. */
  async read({ sql, params }: BoundSql): Promise<Table> {
    const handle = await this.handle();
    let conn = this.viewConns.get(handle);
    if (!conn) {
      conn = handle.db.connect().then(async (c) => {
        await c.query(`SET search_path = 'main,${RESULTS_SCHEMA}'`);
        return c;
      });
      this.viewConns.set(handle, conn);
    }
    const c = await conn;
    try {
      if (params.length === 0) return await this.guard(c.query(sql));
      const stmt = await this.guard(c.prepare(sql));
      try {
        // DuckDB-Wasm sends the values as JSON: strings arrive as VARCHAR, cast where the SQL says.
        return await this.guard(stmt.query(...params));
      } finally {
        await stmt.close().catch(() => undefined);
      }
    } catch (err) {
      throw toNotebookError(err, { code: 'sql' });
    }
  }

  /**
   * Streams `sql` on a connection of its own (the view connection stays free for the grid):
   * DuckDB produces the rows as they are fetched, and the IPC messages are passed on as they
   * come, a few MB at a time, with the schema message in front of each piece.
   */
  async *readStream({ sql, params }: BoundSql): AsyncGenerator<Uint8Array> {
    const handle = await this.handle();
    const conn = await handle.db.connect();
    const [db, id] = conn.useUnsafe((b, c) => [b, c] as const);
    let stmt: number | null = null;
    try {
      let header: Uint8Array | null;
      if (params.length === 0) {
        header = await this.guard(db.startPendingQuery(id, sql, true));
        while (!header) header = await this.guard(db.pollPendingQuery(id));
      } else {
        // A prepared statement's result streams the same way.
        stmt = await this.guard(db.createPrepared(id, sql));
        header = await this.guard(db.sendPrepared(id, stmt, [...params]));
      }
      // null: not ready yet, ask again. An empty buffer ends the stream.
      const next = async (): Promise<Uint8Array> => {
        for (;;) {
          const b = await this.guard(db.fetchQueryResults(id));
          if (b) return b;
        }
      };
      let parts: Uint8Array[] = [];
      let size = 0;
      let sent = false;
      for (let b = await next(); b.length > 0; b = await next()) {
        parts.push(b);
        size += b.length;
        if (size >= STREAM_PIECE_BYTES) {
          yield joinIpc(header, parts);
          sent = true;
          parts = [];
          size = 0;
        }
      }
      // An empty result still yields its schema, so a file can say what its columns are.
      if (parts.length > 0 || !sent) yield joinIpc(header, parts);
    } catch (err) {
      throw toNotebookError(err, { code: 'sql' });
    } finally {
      if (stmt !== null) await db.closePrepared(id, stmt).catch(() => undefined);
      await conn.close().catch(() => undefined);
    }
  }

  async dropResult(name: string): Promise<void> {
    const { conn } = await this.handle();
    await conn.query(`DROP TABLE IF EXISTS ${RESULTS_SCHEMA}.${quoteIdent(name)}`);
  }

  private fail(
    err: unknown,
    sent: string,
    cellSql: string,
    statement: Statement,
    index: number,
    count: number,
    shift: number,
  ): never {
    if (err instanceof NotebookError && (err.code === 'engine-crashed' || err.code === 'cancelled')) throw err;
    if (this.cancelRequested)
      throw new NotebookError({ code: 'cancelled', message: 'Cancelled.', sql: statement.text, statementIndex: index });
    return fail(err, sent, cellSql, statement, index, count, shift);
  }
}

type OnError = (err: unknown, sent: string, shift: number) => never;

/**
 * DuckDB answers INSTALL with "success" when it may not fetch anything, having done nothing. An
 * INSTALL of an extension this notebook was not allowed is refused here instead, saying why; one
 * that was allowed was loaded when DuckDB started, so it becomes a LOAD (no request).
 */
function gateExtensionCommand(
  st: Statement,
  index: number,
  count: number,
  cellSql: string,
  network: NetworkAccess,
): Statement {
  const cmd = extensionCommand(st.text);
  if (cmd?.verb !== 'INSTALL') return st;
  if (network.extensions.includes(cmd.name)) return { ...st, text: `LOAD ${cmd.name}` };
  const { message, hint } = installRefusal(cmd.name);
  throw statementError({
    cellSql,
    statement: st,
    index,
    count,
    message,
    offsetInStatement: null,
    code: 'network',
    hint,
  });
}
type RowsOrDone =
  | Omit<Extract<QueryResult, { kind: 'rows' }>, 'statementCount' | 'elapsedMs'>
  | Omit<Extract<QueryResult, { kind: 'done' }>, 'statementCount' | 'elapsedMs'>;

async function runOrExplain(
  conn: duckdb.AsyncDuckDBConnection,
  text: string,
  onError: (err: unknown, sent: string) => never,
): Promise<Table> {
  try {
    return await exec(conn, text);
  } catch (err) {
    return onError(err, text);
  }
}

/** A query is materialised in the engine, then only a window and the count come back. */
async function runLast(
  conn: duckdb.AsyncDuckDBConnection,
  text: string,
  target: string,
  maxRows: number,
  onError: OnError,
): Promise<RowsOrDone> {
  if (isQueryStatement(text, 'duckdb')) {
    const prefix = `CREATE OR REPLACE ${target === RESULT_TABLE ? 'TEMP ' : ''}TABLE ${target} AS `;
    const wrapped = prefix + text;
    let totalRows: number;
    try {
      // CREATE TABLE … AS reports the number of rows it stored, so no separate count is needed.
      const created = await exec(conn, wrapped);
      totalRows = Number(created.getChildAt(0)?.get(0) ?? 0);
    } catch (err) {
      // A syntax error is reported against the user's own text, so run it unwrapped for the message.
      if (!/^Parser Error/.test(errorMessage(err))) onError(err, wrapped, prefix.length);
      return fromRawTable(await runOrExplain(conn, text, (e, s) => onError(e, s, 0)), text, maxRows);
    }
    const window = await conn.query(`SELECT * FROM ${target} LIMIT ${maxRows}`);
    return { kind: 'rows', table: window, totalRows };
  }
  return fromRawTable(await runOrExplain(conn, text, (e, s) => onError(e, s, 0)), text, maxRows);
}

function fromRawTable(table: Table, text: string, maxRows: number): RowsOrDone {
  const keyword = firstKeyword(text, 'duckdb');
  const names = table.schema.fields.map((f) => f.name);
  if (DML.has(keyword) && names.length === 1 && names[0] === 'Count') {
    return { kind: 'done', changes: Number(table.getChildAt(0)?.get(0) ?? 0) };
  }
  if (
    names.length === 0 ||
    (names.length === 1 && names[0] === 'Count' && table.numRows <= 1 && !isQueryStatement(text, 'duckdb'))
  ) {
    return { kind: 'done', changes: null };
  }
  return { kind: 'rows', table: table.numRows > maxRows ? table.slice(0, maxRows) : table, totalRows: table.numRows };
}

function errorMessage(err: unknown): string {
  return normalizeDuckdbError(err instanceof Error ? err.message : String(err)).text;
}

function fail(
  err: unknown,
  sent: string,
  cellSql: string,
  statement: Statement,
  index: number,
  count: number,
  shift: number,
): never {
  const { text: message, offset } = normalizeDuckdbError(err instanceof Error ? err.message : String(err));
  const pos = duckdbErrorPosition(message, sent);
  let offsetInStatement: number | null = /at end of input/.test(message) ? statement.text.length : null;
  const offsetInSent = pos ? offsetOf(sent, pos.line, pos.column) : offset;
  if (offsetInSent !== null) offsetInStatement = Math.max(0, Math.min(statement.text.length, offsetInSent - shift));
  // A refusal of network or file access is said for people, with how to allow it.
  const refusal = explainRefusal(message);
  if (refusal)
    throw statementError({ cellSql, statement, index, count, offsetInStatement, code: 'network', ...refusal });
  throw statementError({ cellSql, statement, index, count, message: duckdbErrorSummary(message), offsetInStatement });
}
