/**
 * An Engine for unit tests of the session, in Node: it keeps cell results as tiny Arrow tables,
 * records what it was asked, and can be told to hold a query (to test queueing and Stop), to fail
 * it, or to crash as a dead worker does.
 */
import { tableFromArrays, tableToIPC, type Table } from 'apache-arrow';
import type { EngineId } from '../../../src/notebook/cells';
import { NotebookError } from '../../../src/sql/errors';
import { trapError } from '../../../src/engines/wasm-trap';
import { tableReferences } from '../../../src/sql/references';
import type { PlanNode } from '../../../src/engines/plans';
import type {
  MovedResult,
  BoundSql,
  Engine,
  EngineCapabilities,
  EngineInfo,
  EngineMemory,
  FolderEntry,
  EngineSetup,
  FileKind,
  FunctionInfo,
  QueryOptions,
  QueryResult,
  RegisteredFile,
  RegisterOptions,
  TableInfo,
  TablePeek,
} from '../../../src/engines/engine';

interface Held {
  readonly sql: string;
  readonly epoch: number;
  readonly resume: (outcome: 'go' | 'cancelled' | 'crashed') => void;
}

export class FakeEngine implements Engine {
  readonly capabilities: EngineCapabilities;
  epoch = 0;
  /** Every query's SQL, in the order the engine was given them. */
  readonly queries: string[] = [];
  /** Every file registration, across restarts: `${epoch}:${tableName}`. */
  readonly registrations: string[] = [];
  /** Results moved in from the other engine, by name. */
  readonly imports: string[] = [];
  /** Queries whose SQL contains this text wait until released, cancelled or crashed. */
  holdOn: string | null = null;
  private readonly held: Held[] = [];
  /** How many queries ran at once, at most. */
  maxRunning = 0;
  private running = 0;
  private readonly results = new Map<string, Table>();
  private readonly tables = new Set<string>();
  private setup: EngineSetup | null = null;
  private started = false;
  /** What memory() answers. */
  memoryAnswer: EngineMemory | null = null;
  /** How each file was placed, across restarts: `${tableName}:${placement}`. */
  readonly placements: string[] = [];
  /** File loads wait until their signal aborts. */
  holdLoads = false;

  constructor(readonly id: EngineId) {
    this.capabilities = { cancel: id === 'duckdb' ? 'interrupt' : 'restart', streams: false, setup: id === 'duckdb' };
  }

  async start(): Promise<void> {
    this.started = true;
  }

  configure(setup: EngineSetup): void {
    this.setup = setup;
  }

  info(): EngineInfo | null {
    return this.setup && this.started
      ? { database: { path: this.setup.path }, network: this.setup.network, extensionFailures: [] }
      : null;
  }

  /** Crashes the engine, as a dead worker would: what waits on it fails, and everything it held is gone. */
  restart(_reason: string): void {
    this.epoch++;
    this.results.clear();
    this.tables.clear();
    for (const h of this.held.splice(0)) h.resume('crashed');
  }

  dispose(): void {
    this.restart('disposed');
  }

  /** Lets every held query go on. */
  release(): void {
    for (const h of this.held.splice(0)) h.resume('go');
  }

  /** The queries waiting now. */
  waiting(): string[] {
    return this.held.map((h) => h.sql);
  }

  async query(sql: string, options: QueryOptions): Promise<QueryResult> {
    this.queries.push(sql);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.holdOn !== null && sql.includes(this.holdOn)) {
        const outcome = await new Promise<'go' | 'cancelled' | 'crashed'>((resume) =>
          this.held.push({ sql, epoch: this.epoch, resume }),
        );
        if (outcome === 'crashed')
          throw new NotebookError({ code: 'engine-crashed', message: `${this.id} stopped: the worker died.` });
        if (outcome === 'cancelled') throw new NotebookError({ code: 'cancelled', message: 'Cancelled.' });
      }
      // As DuckDbEngine does on a wasm trap: the instance is retired, and the error names the trap.
      if (sql.includes('TRAP')) {
        this.restart('crashed (null function)');
        throw trapError(this.id === 'duckdb' ? 'DuckDB' : 'SQLite', 'null function', new Error('null function'));
      }
      if (sql.includes('FAIL')) throw new NotebookError({ code: 'sql', message: 'Parser Error: FAIL' });
      for (const ref of tableReferences(sql, this.id)) {
        const name = ref.name.toLowerCase();
        if (!this.results.has(name) && !this.tables.has(name))
          throw new NotebookError({
            code: 'sql',
            message: `Catalog Error: Table with name ${ref.name} does not exist!`,
          });
      }
      const table = tableFromArrays({ n: Int32Array.from([this.queries.length]) });
      if (options.resultName) this.results.set(options.resultName.toLowerCase(), table);
      return { kind: 'rows', table, totalRows: 1, statementCount: 1, elapsedMs: 1 };
    } finally {
      this.running--;
    }
  }

  async cancel(): Promise<void> {
    for (const h of this.held.splice(0)) h.resume('cancelled');
  }

  async registerFile(
    file: File,
    kind: FileKind,
    tableName: string,
    options: RegisterOptions = {},
  ): Promise<RegisteredFile> {
    const signal = options.signal;
    if (this.holdLoads && signal)
      await new Promise<void>((_, fail) =>
        signal.addEventListener('abort', () =>
          fail(new NotebookError({ code: 'cancelled', message: `Loading ${file.name} was stopped.` })),
        ),
      );
    const placement = options.placement ?? 'table';
    this.registrations.push(`${this.epoch}:${tableName}`);
    this.placements.push(`${tableName}:${placement}`);
    this.tables.add(tableName.toLowerCase());
    return { fileName: file.name, kind, engine: this.id, tableName, placement, warnings: [] };
  }

  async describe(): Promise<TableInfo[]> {
    return [...this.tables].map((name) => ({ engine: this.id, schema: null, name, kind: 'table', columns: [] }));
  }

  async registerFolder(
    folder: string,
    entries: readonly FolderEntry[],
    kind: FileKind,
    tableName: string,
  ): Promise<RegisteredFile> {
    this.registrations.push(`${this.epoch}:${tableName}`);
    this.tables.add(tableName.toLowerCase());
    return {
      fileName: folder,
      kind,
      engine: this.id,
      tableName,
      placement: 'table',
      warnings: [`${entries.length} files`],
    };
  }

  async memory(): Promise<EngineMemory | null> {
    return this.memoryAnswer;
  }

  async functions(): Promise<FunctionInfo[]> {
    return [];
  }

  /** Every peek asked for: `${name}` or `${name}.${column}`. */
  readonly peeks: string[] = [];

  async peek(_schema: string | null, name: string, column: string | null): Promise<TablePeek> {
    this.peeks.push(column === null ? name : `${name}.${column}`);
    return { rows: 0, samples: [] };
  }

  async exportResult(name: string): Promise<MovedResult> {
    const t = this.results.get(name.toLowerCase());
    if (!t) throw new NotebookError({ code: 'sql', message: `no result ${name}` });
    return { ipc: tableToIPC(t, 'stream'), notes: [] };
  }

  async explain(sql: string): Promise<PlanNode[]> {
    return [{ name: `PLAN ${sql}`, detail: '', children: [] }];
  }

  async importResult(name: string, _ipc: Uint8Array): Promise<string[]> {
    this.imports.push(name);
    this.results.set(name.toLowerCase(), tableFromArrays({ n: Int32Array.from([0]) }));
    return ['n: moved from the other engine'];
  }

  async dropResult(name: string): Promise<void> {
    this.results.delete(name.toLowerCase());
  }

  async read(_query: BoundSql): Promise<Table> {
    return tableFromArrays({ n: Int32Array.from([0]) });
  }
}
