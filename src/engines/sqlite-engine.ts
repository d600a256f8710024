/**
 * The SQLite engine on the main thread: a lazily started worker running
 * sql.js, spoken to through the typed protocol.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { NotebookError } from '../sql/errors';
import type {
  MovedResult,
  BoundSql,
  Engine,
  EngineCapabilities,
  EngineInfo,
  EngineMemory,
  RegisterOptions,
  FileKind,
  FunctionInfo,
  IngestProgress,
  QueryOptions,
  QueryResult,
  RegisteredFile,
  TableInfo,
  TablePeek,
} from './engine';
import { RpcClient } from './protocol';
import type { PlanNode } from './plans';
import { trapError, wasmTrap } from './wasm-trap';
import type { SqliteApi } from './sqlite.worker';

interface Running {
  readonly worker: Worker;
  readonly rpc: RpcClient<SqliteApi>;
}

export class SqliteEngine implements Engine {
  readonly id = 'sqlite' as const;
  /** sql.js cannot be interrupted (Stop restarts the worker), streams nothing, and opens no database file of its own. */
  readonly capabilities: EngineCapabilities = { cancel: 'restart', streams: false, setup: false };
  private running: Promise<Running> | null = null;
  private busy = 0;
  private restarts = 0;

  get epoch(): number {
    return this.restarts;
  }
  private sqliteVersion: string | null = null;

  /** The SQLite version, known once started. */
  get version(): string | null {
    return this.sqliteVersion;
  }

  start(): Promise<void> {
    return this.connect().then(() => undefined);
  }

  /** SQLite opens no database file and reaches no network: there is nothing to set up. */
  configure(): void {}

  info(): EngineInfo | null {
    return null;
  }

  async query(sql: string, options: QueryOptions): Promise<QueryResult> {
    const t0 = performance.now();
    // Counted as busy before the worker is even up, so a cancel during start-up is not lost.
    this.busy++;
    const r = await this.connect()
      .then(({ rpc }) => this.guard(rpc.call('query', [sql, options.maxRows, options.resultName])))
      .finally(() => this.busy--);
    if (r.kind === 'done') {
      return { kind: 'done', changes: r.changes, statementCount: r.statementCount, elapsedMs: performance.now() - t0 };
    }
    const table = tableFromIPC(r.ipc);
    return {
      kind: 'rows',
      table,
      totalRows: r.totalRows,
      statementCount: r.statementCount,
      elapsedMs: performance.now() - t0,
    };
  }

  /** Attaches a SQLite database file as the schema `tableName`; its tables are queryable with or without that prefix. */
  async registerFile(
    file: File,
    kind: FileKind,
    tableName: string,
    options: RegisterOptions = {},
  ): Promise<RegisteredFile> {
    const { onProgress } = options;
    if (kind !== 'sqlite') {
      throw new NotebookError({
        code: 'file',
        file: file.name,
        message: `${file.name}: SQLite cells open only SQLite databases, not ${kind} files.`,
        hint: 'Open this file in a DuckDB cell instead.',
      });
    }
    let bytes: Uint8Array;
    try {
      bytes = await readAll(file, onProgress);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new NotebookError(
        { code: 'file', file: file.name, message: `${file.name}: the file could not be read (${reason}).` },
        { cause: err },
      );
    }
    return this.attachBytes(bytes, file.name, tableName);
  }

  /**
   * Attaches database bytes (e.g. a bundled sample fetched from the app's origin) as `schema`.
   * The bytes' buffer is transferred to the worker, so it is unusable here afterwards.
   */
  async attachBytes(bytes: Uint8Array, fileName: string, schema: string): Promise<RegisteredFile> {
    const { rpc } = await this.connect();
    const { tables } = await this.guard(rpc.call('attach', [bytes, fileName, schema], [bytes.buffer]));
    const warnings = tables.length === 0 ? [`${fileName} has no tables or views.`] : [];
    return { fileName, kind: 'sqlite', engine: 'sqlite', tableName: schema, placement: 'table', warnings };
  }

  /** Folders open in DuckDB: SQLite databases are opened one file at a time. */
  async registerFolder(folder: string): Promise<RegisteredFile> {
    throw new NotebookError({
      code: 'file',
      file: folder,
      message: `${folder}: a folder of SQLite databases cannot be opened as one table; open the databases one by one.`,
    });
  }

  /** sql.js keeps everything in its own heap and reports no limit. */
  async memory(): Promise<EngineMemory | null> {
    return null;
  }

  async describe(): Promise<TableInfo[]> {
    const { rpc } = await this.connect();
    return this.guard(rpc.call('describe', []));
  }

  async functions(): Promise<FunctionInfo[]> {
    const { rpc } = await this.connect();
    return this.guard(rpc.call('functions', []));
  }

  async peek(schema: string | null, name: string, column: string | null): Promise<TablePeek> {
    const { rpc } = await this.connect();
    return this.guard(rpc.call('peek', [schema, name, column]));
  }

  /**
   * sql.js has no interrupt, so a running query is stopped by ending its
   * worker; the next call starts a fresh engine (a new epoch) that the
   * session fills again with the opened files.
   */
  async cancel(): Promise<void> {
    const running = this.running;
    if (!running || this.busy === 0) return;
    const { worker, rpc } = await running;
    this.running = null;
    this.restarts++;
    worker.terminate();
    rpc.failAll('Cancelled. SQLite was restarted to stop the query.', 'cancelled');
  }

  async exportResult(name: string): Promise<MovedResult> {
    const { rpc } = await this.connect();
    return this.guard(rpc.call('exportResult', [name]));
  }

  async explain(sql: string): Promise<PlanNode[]> {
    const { rpc } = await this.connect();
    return this.guard(rpc.call('explain', [sql]));
  }

  async importResult(name: string, ipc: Uint8Array): Promise<string[]> {
    const { rpc } = await this.connect();
    return this.guard(rpc.call('importResult', [name, ipc], [ipc.buffer]));
  }

  async read({ sql, params }: BoundSql): Promise<Table> {
    const { rpc } = await this.connect();
    return tableFromIPC(await this.guard(rpc.call('read', [sql, params])));
  }

  async dropResult(name: string): Promise<void> {
    const { rpc } = await this.connect();
    await this.guard(rpc.call('dropResult', [name]));
  }

  /** Ends the worker as a crash would; the next call starts a fresh, empty engine (a new epoch). */
  restart(reason: string): void {
    const running = this.running;
    if (!running) return;
    this.running = null;
    this.restarts++;
    void running.then(
      (r) => {
        r.worker.terminate();
        r.rpc.failAll(`SQLite stopped: ${reason}.`);
      },
      () => undefined,
    );
  }

  dispose(): void {
    this.restart('it was closed');
  }

  /** One shared start; a failed start is forgotten so the next call can retry. */
  private connect(): Promise<Running> {
    this.running ??= this.boot().catch((err: unknown) => {
      this.running = null;
      throw err;
    });
    return this.running;
  }

  private async boot(): Promise<Running> {
    const worker = new Worker(new URL('./sqlite.worker.ts', import.meta.url), { type: 'module', name: 'sqlite' });
    const rpc = new RpcClient<SqliteApi>(worker);
    // A dead worker cannot be revived; drop it so the next call starts a new one.
    worker.addEventListener('error', () => this.forget(worker));
    try {
      this.sqliteVersion = (await rpc.call('start', [])).version;
    } catch (err) {
      worker.terminate();
      throw err;
    }
    return { worker, rpc };
  }

  /** Rejections pass through; a crash inside sql.js (a dead worker, a wasm trap) also retires the worker. */
  private async guard<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (err) {
      if (err instanceof NotebookError && err.code === 'engine-crashed') this.restart('its worker failed');
      const trap = err instanceof NotebookError && err.code !== 'engine-crashed' ? wasmTrap(err.message) : null;
      if (trap === null) throw err;
      this.restart(`crashed (${trap})`);
      throw trapError('SQLite', trap, err);
    }
  }

  private forget(worker: Worker): void {
    void this.running?.then(
      (r) => {
        if (r.worker === worker) this.restart('its worker failed');
      },
      () => undefined,
    );
  }
}

/** The whole file in memory (sql.js opens databases from bytes), reporting bytes read as it goes. */
async function readAll(file: File, onProgress?: IngestProgress): Promise<Uint8Array> {
  if (!onProgress) return new Uint8Array(await file.arrayBuffer());
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, read);
    read += value.byteLength;
    onProgress(read, file.size);
  }
  return read === out.byteLength ? out : out.subarray(0, read);
}
