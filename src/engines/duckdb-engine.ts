/**
 * DuckDB-Wasm behind the Engine interface: the worker's lifecycle (start, setup, crash, restart)
 * and the guard every call into it goes through, so nothing waits forever on a dead worker.
 * Starting is in duckdb-boot.ts, running a cell in duckdb-run.ts, reading results in
 * duckdb-read.ts, files in duckdb-files.ts.
 */
import type * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import { NotebookError, emptyCellError, toNotebookError } from '../sql/errors';
import { quoteIdent } from '../sql/quote';
import { isQueryStatement, splitStatements, type Statement } from '../sql/statements';
import { boot, type DuckdbHandle } from './duckdb-boot';
import { describeDuckdb } from './duckdb-catalog';
import { isWrittenPath, writtenFile } from './duckdb-copy';
import { moveChecks, moveSelect, readFacts } from './duckdb-move';
import { duckdbPlan, type PlanNode } from './plans';
import { exec } from './duckdb-exec';
import { registerDuckdbFile, registerDuckdbFolder } from './duckdb-files';
import { duckdbFunctions, duckdbMemory, duckdbPeek } from './duckdb-introspect';
import { readBound, streamBound } from './duckdb-read';
import { TurnQueue } from './turn-queue';
import { trapError, wasmTrap } from './wasm-trap';
import { RESULT_TABLE, dropRelation, planStatements, runLast, statementFailure, type StatementAt } from './duckdb-run';
import {
  IN_MEMORY_OFFLINE,
  RESULTS_SCHEMA,
  type BoundSql,
  type Engine,
  type EngineCapabilities,
  type EngineInfo,
  type EngineSetup,
  type FileKind,
  type FunctionInfo,
  type EngineMemory,
  type EngineHold,
  type FolderEntry,
  type MovedResult,
  type RegisterOptions,
  type QueryOptions,
  type QueryResult,
  type RegisteredFile,
  type TableInfo,
  type TablePeek,
} from './engine';

export { RESULT_TABLE } from './duckdb-run';

const CANCEL_GRACE_MS = 700;
const QUERY_HOLD: EngineHold = { kind: 'query' };
const OTHER_HOLD: EngineHold = { kind: 'other' };

/** A second connection per instance, for questions asked while the main one runs something. */
const sideConnections = new WeakMap<DuckdbHandle, Promise<duckdb.AsyncDuckDBConnection>>();

export class DuckdbEngine implements Engine {
  readonly id = 'duckdb' as const;
  readonly capabilities: EngineCapabilities = { cancel: 'interrupt', streams: true, setup: true };
  private started: Promise<DuckdbHandle> | null = null;
  private running = false;
  private cancelRequested = false;
  private restarts = 0;
  /** What the next start opens (an OPFS database or memory) and may reach (nothing by default). */
  private setup: EngineSetup = IN_MEMORY_OFFLINE;
  /** What the current worker actually opened and may reach, after any fallback. */
  private current: DuckdbHandle | null = null;
  /** Rejects when the current worker dies, so nothing waits forever on a dead engine. */
  private death: { promise: Promise<never>; reject: (e: NotebookError) => void } | null = null;
  /** View queries use a connection of their own, so a page can be read while a cell's query streams on the main one. */
  private viewConns = new WeakMap<DuckdbHandle, Promise<duckdb.AsyncDuckDBConnection>>();
  /** The main connection's queue (see oneAtATime). */
  private readonly turns = new TurnQueue();
  /** Whether a cell's query holds the main connection now, so that a Cancel may interrupt what runs on it. */
  private queryHasTurn = false;

  get epoch(): number {
    return this.restarts;
  }

  start(): Promise<void> {
    return this.handle().then(() => undefined);
  }

  info(): EngineInfo | null {
    const h = this.current;
    return h ? { database: h.opened, network: h.network, extensionFailures: h.extensionFailures } : null;
  }

  configure(setup: EngineSetup, reason = 'was restarted with another database'): void {
    this.setup = setup;
    if (this.started) this.crashed(reason, 'restarted');
  }

  restart(reason: string): void {
    this.crashed(reason);
  }

  dispose(): void {
    this.crashed('was closed', 'restarted');
  }

  private handle(): Promise<DuckdbHandle> {
    this.started ??= boot(this.setup).then(
      (h) => {
        this.current = h;
        let reject: (e: NotebookError) => void = () => undefined;
        const promise = new Promise<never>((_, r) => (reject = r));
        promise.catch(() => undefined);
        this.death = { promise, reject };
        h.worker.addEventListener('error', (ev) => {
          const trap = ev.message ? wasmTrap(ev.message) : null;
          if (trap) this.crashed(`crashed (${trap})`, 'engine-crashed', trapError('DuckDB', trap, ev.message));
          else this.crashed(ev.message || 'the worker failed');
        });
        return h;
      },
      (err: unknown) => {
        this.started = null;
        throw toNotebookError(err, { code: 'engine-start' });
      },
    );
    return this.started;
  }

  private crashed(
    reason: string,
    code: 'engine-crashed' | 'cancelled' | 'restarted' = 'engine-crashed',
    error?: NotebookError,
  ): void {
    const started = this.started;
    if (!started) return;
    this.started = null;
    this.current = null;
    this.restarts++;
    // Work for the next instance does not wait behind work on this one (which now fails).
    this.turns.reset();
    const message =
      code === 'cancelled'
        ? `Cancelled. DuckDB ${reason}.`
        : code === 'restarted'
          ? `DuckDB ${reason}.`
          : `DuckDB stopped: ${reason}.`;
    // A planned restart ends whatever was waiting on the old worker as a crash would.
    // A trap seen by one call fails every other call with the same words (whichever saw it first).
    this.death?.reject(
      error ?? new NotebookError({ code: code === 'cancelled' ? 'cancelled' : 'engine-crashed', message }),
    );
    void started.then(
      (h) => h.worker.terminate(),
      () => undefined,
    );
  }

  /** Awaits engine work, unless the engine dies first; a wasm trap retires the instance. */
  private readonly guard = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await (this.death ? Promise.race([work, this.death.promise]) : work);
    } catch (err) {
      throw this.trapped(err) ?? err;
    }
  };

  /**
   * When `err` is a wasm trap (see engine-facts.md: the instance cannot be trusted afterwards, and
   * the next query hung), retires this instance and returns the crash error that names the trap.
   */
  private trapped(err: unknown): NotebookError | null {
    if (err instanceof NotebookError && err.code === 'engine-crashed') return err;
    const trap = wasmTrap(err instanceof Error ? err.message : String(err));
    if (trap === null) return null;
    const error = trapError('DuckDB', trap, err);
    this.crashed(`crashed (${trap})`, 'engine-crashed', error);
    return error;
  }

  async query(sql: string, options: QueryOptions): Promise<QueryResult> {
    const t0 = performance.now();
    const statements = splitStatements(sql, 'duckdb');
    if (statements.length === 0) throw emptyCellError();
    // Marked running before the first await, so a cancel that comes while the engine starts is not lost.
    this.running = true;
    this.cancelRequested = false;
    const target = options.resultName ? `${RESULTS_SCHEMA}.${quoteIdent(options.resultName)}` : RESULT_TABLE;
    const at = (statement: Statement, index: number): StatementAt => ({
      cellSql: sql,
      statement,
      index,
      count: statements.length,
    });
    try {
      return await this.oneAtATime(
        () => this.runQuery(statements, options, t0, target, at),
        QUERY_HOLD,
        options.onWait,
      );
    } finally {
      this.running = false;
    }
  }

  /**
   * Runs `work` once the main connection is free. Measured in DuckDB-Wasm 1.32: a second query sent
   * on a connection while one is pending ends the first with an empty error, and progress reports
   * have one listener; so a cell's run, a file's load, a hover's peek each wait their turn (a
   * cell's query goes after a load of minutes, instead of killing it).
   */
  private oneAtATime<T>(
    work: () => Promise<T>,
    holder: EngineHold = OTHER_HOLD,
    onWait?: (ahead: EngineHold | null) => void,
  ): Promise<T> {
    return this.turns.run(work, holder, onWait);
  }

  private async runQuery(
    statements: readonly Statement[],
    options: QueryOptions,
    t0: number,
    target: string,
    at: (statement: Statement, index: number) => StatementAt,
  ): Promise<QueryResult> {
    this.queryHasTurn = true;
    try {
      const { conn, progress, opened, network, extensionFailures } = await this.handle();
      const plan = planStatements(
        statements.map((st, i) => at(st, i)),
        network.extensions,
        extensionFailures,
      );
      const gated = plan.statements;
      const out = await progress.during(options.onProgress, async () => {
        for (let i = 0; i < gated.length - 1; i++) {
          const st = gated[i] as Statement;
          this.stopIfCancelled(at(st, i));
          // An error shows the statement as the user wrote it (COPY's target was pointed elsewhere).
          const mine = at(statements[i] as Statement, i);
          await this.guard(exec(conn, st.text)).catch((err: unknown) => this.fail(err, mine, st.text, 0));
        }
        const n = gated.length - 1;
        const last = gated[n] as Statement;
        this.stopIfCancelled(at(last, n));
        return this.guard(
          runLast(
            conn,
            last.text,
            target,
            options.maxRows,
            (err, sent, shift) => this.fail(err, at(statements[n] as Statement, n), sent, shift),
            options.storeAtMost,
          ),
        );
      });
      // A cell whose last statement returns no rows has no result for others to read.
      if (out.kind === 'done' && options.resultName) await this.dropResultNow(options.resultName);
      if (opened.path && !statements.every((st) => isQueryStatement(st.text, 'duckdb'))) await this.save(conn);
      const written = await Promise.all(plan.writes.map((w) => writtenFile(conn, w)));
      const said = out.kind === 'done' && plan.message ? { ...out, message: plan.message } : out;
      return {
        ...said,
        ...(written.length > 0 ? { written } : {}),
        statementCount: statements.length,
        elapsedMs: performance.now() - t0,
      };
    } finally {
      this.queryHasTurn = false;
    }
  }

  private stopIfCancelled(at: StatementAt): void {
    if (this.cancelRequested)
      throw new NotebookError({
        code: 'cancelled',
        message: 'Cancelled.',
        sql: at.statement.text,
        statementIndex: at.index,
      });
  }

  private fail(err: unknown, at: StatementAt, sent: string, shift: number): never {
    if (err instanceof NotebookError && (err.code === 'engine-crashed' || err.code === 'cancelled')) throw err;
    const trap = this.trapped(err);
    if (trap) throw trap;
    this.stopIfCancelled(at);
    throw statementFailure(err, at, sent, shift);
  }

  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelRequested = true;
    // A query still waiting for its turn stops before its first statement; the load or query that
    // holds the connection is not touched.
    if (!this.queryHasTurn) return;
    // The multi-threaded build can take many seconds to reach the interrupt; past the
    // promised second, restart the worker instead (the session registers files again).
    setTimeout(() => {
      if (this.running && this.cancelRequested) this.crashed('was restarted to stop the query', 'cancelled');
    }, CANCEL_GRACE_MS);
    const started = this.started;
    if (started) await this.guard(started.then((h) => h.conn.cancelSent()));
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

  registerFile(file: File, kind: FileKind, tableName: string, options: RegisterOptions = {}): Promise<RegisteredFile> {
    return this.load(file.name, kind, tableName, options, (h, o) => registerDuckdbFile(h, file, kind, tableName, o));
  }

  registerFolder(
    folder: string,
    entries: readonly FolderEntry[],
    kind: FileKind,
    tableName: string,
    options: RegisterOptions = {},
  ): Promise<RegisteredFile> {
    return this.load(folder, kind, tableName, options, (h, o) =>
      registerDuckdbFolder(h, folder, entries, kind, tableName, o),
    );
  }

  /** A file's or folder's load, in the main connection's turn; a kept database is saved after it. */
  private load(
    fileName: string,
    kind: FileKind,
    tableName: string,
    options: RegisterOptions,
    run: (h: DuckdbHandle, options: RegisterOptions) => Promise<string[]>,
  ): Promise<RegisteredFile> {
    return this.oneAtATime(
      async () => {
        const handle = await this.handle();
        const placement = options.placement ?? 'table';
        const warnings = await this.guard(run(handle, { ...options, placement }));
        if (handle.opened.path) await this.save(handle.conn);
        return { fileName, kind, engine: 'duckdb', tableName, placement, warnings };
      },
      { kind: 'file', name: fileName },
    );
  }

  async memory(): Promise<EngineMemory | null> {
    if (!this.current) return null;
    const h = await this.handle();
    // Asked while a load or a query runs: on a connection of its own, since a second query on the
    // running one ends the running one (with an empty error).
    const side = sideConnections.get(h) ?? h.db.connect();
    sideConnections.set(h, side);
    const conn = await side;
    return this.guard(duckdbMemory(conn));
  }

  /** Work on the main connection (it sees the session's temporary tables), in its turn. */
  private onMain<T>(work: (conn: duckdb.AsyncDuckDBConnection) => Promise<T>): Promise<T> {
    return this.oneAtATime(async () => this.guard(work((await this.handle()).conn)));
  }

  describe(): Promise<TableInfo[]> {
    return this.onMain((conn) => describeDuckdb(conn, RESULT_TABLE));
  }

  functions(): Promise<FunctionInfo[]> {
    return this.onMain((conn) => duckdbFunctions(conn));
  }

  peek(schema: string | null, name: string, column: string | null): Promise<TablePeek> {
    return this.onMain((conn) => duckdbPeek(conn, schema, name, column));
  }

  exportResult(name: string): Promise<MovedResult> {
    return this.onMain(async (conn) => {
      const from = `${RESULTS_SCHEMA}.${quoteIdent(name)}`;
      const described = await conn.query(`SELECT column_name, column_type FROM (DESCRIBE ${from})`);
      const columns = described.toArray().map((r: { column_name: string; column_type: string }) => ({
        name: r.column_name,
        type: r.column_type,
      }));
      const checks = moveChecks(columns, from);
      const facts = readFacts(checks ? (await conn.query(checks)).get(0)?.toJSON() : undefined);
      const { select, notes } = moveSelect(columns, facts);
      // runQuery hands back the IPC bytes as DuckDB wrote them: nothing is decoded on this thread.
      const ipc = await conn.useUnsafe((db, id) => db.runQuery(id, `SELECT ${select} FROM ${from}`));
      return { ipc, notes };
    });
  }

  importResult(name: string, ipc: Uint8Array): Promise<string[]> {
    return this.oneAtATime(async () => {
      await this.dropResultNow(name);
      const { conn } = await this.handle();
      await this.guard(conn.insertArrowFromIPCStream(ipc, { name, schema: RESULTS_SCHEMA, create: true }));
      return [];
    });
  }

  explain(sql: string): Promise<PlanNode[]> {
    return this.oneAtATime(async () => {
      const { conn } = await this.handle();
      const t = await this.guard(conn.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`));
      return duckdbPlan(String(t.getChild('explain_value')?.get(0) ?? '{}'));
    });
  }

  dropResult(name: string): Promise<void> {
    return this.oneAtATime(() => this.dropResultNow(name));
  }

  /** The bytes of a file COPY wrote (a WrittenFile's path); DuckDB keeps it in its memory until it restarts. */
  async readWritten(path: string): Promise<Uint8Array> {
    if (!isWrittenPath(path)) throw new NotebookError({ code: 'file', message: `${path} is not a file COPY wrote.` });
    const { db } = await this.handle();
    return this.guard(db.copyFileToBuffer(path));
  }

  private async dropResultNow(name: string): Promise<void> {
    const { conn } = await this.handle();
    await this.guard(dropRelation(conn, `${RESULTS_SCHEMA}.${quoteIdent(name)}`));
  }

  private async viewConnection(): Promise<duckdb.AsyncDuckDBConnection> {
    const handle = await this.handle();
    let conn = this.viewConns.get(handle);
    if (!conn) {
      conn = handle.db.connect().then(async (c) => {
        await c.query(`SET search_path = 'main,${RESULTS_SCHEMA}'`);
        return c;
      });
      this.viewConns.set(handle, conn);
    }
    return this.guard(conn);
  }

  async read(query: BoundSql): Promise<Table> {
    return readBound(await this.viewConnection(), query, this.guard);
  }

  async *readStream(query: BoundSql): AsyncGenerator<Uint8Array> {
    const handle = await this.handle();
    yield* streamBound(await this.guard(handle.db.connect()), query, this.guard);
  }
}
