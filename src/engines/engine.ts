/** The one narrow interface both engines satisfy. */
import type { Table } from 'apache-arrow';
import type { EngineId } from '../notebook/cells';
import { NO_NETWORK, type NetworkAccess } from '../notebook/network';

/** The kinds of local file the notebook opens. */
export type FileKind = 'csv' | 'tsv' | 'parquet' | 'json' | 'ndjson' | 'arrow' | 'sqlite' | 'duckdb';

export interface ColumnInfo {
  readonly name: string;
  readonly type: string;
}

export interface TableInfo {
  readonly engine: EngineId;
  /** The schema or attached database; null for the default one. */
  readonly schema: string | null;
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly ColumnInfo[];
}

/** One function of an engine, for completion: its overloads' signatures and a one-line description. */
export interface FunctionInfo {
  readonly name: string;
  readonly kind: 'scalar' | 'aggregate' | 'window' | 'table' | 'macro';
  /** e.g. `substr(string, start, length) → VARCHAR`; one per overload, possibly none. */
  readonly signatures: readonly string[];
  readonly description: string;
}

/** A glance at a table for the editor's hover: its row count and a few values of one column. */
export interface TablePeek {
  readonly rows: number;
  readonly samples: readonly string[];
}

export interface QueryOptions {
  /** How many rows of the result to bring to the main thread. */
  readonly maxRows: number;
  /**
   * Keep the last statement's rows in the engine as this table, in the
   * `cells` schema, so later cells (and paging) can read it by name.
   */
  readonly resultName?: string;
  /**
   * Keep the result as a table only when it has at most this many rows; a bigger one is kept as a
   * view, which every read runs again, so a `SELECT *` over a file bigger than memory copies
   * nothing (DuckDB; see docs/architecture.md, Data bigger than memory). Unset: always a table.
   */
  readonly storeAtMost?: number;
  /**
   * Called now and then while the query runs with how far it has got, 0 to 1,
   * where the engine can tell (DuckDB's query progress). Never called by
   * engines that cannot.
   */
  readonly onProgress?: (fraction: number) => void;
  /**
   * Told what the engine is busy with when the query must wait for its turn, and null when its turn
   * comes (DuckDB, whose main connection takes one piece of work at a time). Never called by engines
   * that cannot tell.
   */
  readonly onWait?: (ahead: EngineHold | null) => void;
}

/** What holds an engine while a query waits: a file's load, another query, or the app's own reads. */
export type EngineHold =
  { readonly kind: 'file'; readonly name: string } | { readonly kind: 'query' } | { readonly kind: 'other' };

/** Bytes of a file read so far while it loads; `total` is the file's size. */
export type IngestProgress = (bytesRead: number, total: number) => void;

/**
 * Where a file's rows live once it is open: copied into the database (`table`: in memory, or on
 * disk when the database is an OPFS file), or read from the file on every query (`view`).
 */
export type Placement = 'table' | 'view';

export interface RegisterOptions {
  readonly onProgress?: IngestProgress;
  /** `table` unless said; `view` is for CSV and TSV only. */
  readonly placement?: Placement;
  /** Stops the load; it then rejects with code 'cancelled' and leaves any table of that name as it was. */
  readonly signal?: AbortSignal;
}

/** One file of a folder opened as one table: the file, and its path inside the folder ('year=2024/a.csv'). */
export interface FolderEntry {
  readonly file: File;
  readonly path: string;
}

/** DuckDB's memory in use and its limit, in bytes. */
export interface EngineMemory {
  readonly usedBytes: number;
  readonly limitBytes: number;
}

/**
 * A value bound to a `?` placeholder, never spliced into the SQL text. DuckDB-Wasm binds a
 * string as VARCHAR (cast to what the placeholder's context wants) and a number as DOUBLE;
 * sql.js binds a string as TEXT and a whole number as INTEGER.
 */
export type SqlParam = string | number;

/** SQL with `?` placeholders and the values bound to them, in the placeholders' order. */
export interface BoundSql {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

/** The schema both engines keep cell results in; it is on the search path, after the user's own tables. */
export const RESULTS_SCHEMA = 'cells';

/** A file a statement wrote inside the engine (DuckDB's `COPY … TO`), for the page to hand to the user. */
export interface WrittenFile {
  /** The file's name as the statement gave it (its last path segment). */
  readonly name: string;
  /** Where the engine keeps it (see `Engine.readWritten`). */
  readonly path: string;
  readonly format: 'csv' | 'parquet' | 'json';
  /** Its size; null when the engine could not tell. */
  readonly bytes: number | null;
  /** Set when the statement wrote a folder of this many files (PARTITION_BY), which is not handed out. */
  readonly files?: number;
}

export type QueryResult =
  | {
      readonly kind: 'rows';
      /** The first `maxRows` rows at most: a bounded window, never the whole result. */
      readonly table: Table;
      /** Rows in the whole result; null for a result kept as a view, counted later by whoever needs it. */
      readonly totalRows: number | null;
      readonly statementCount: number;
      readonly elapsedMs: number;
      readonly written?: readonly WrittenFile[];
    }
  | {
      /** The last statement returned no rows (DDL, INSERT, SET …). */
      readonly kind: 'done';
      /** Rows changed by the last statement, when the engine reports it. */
      readonly changes: number | null;
      /** What happened, where "Done." would not say it (an extension command). */
      readonly message?: string;
      readonly statementCount: number;
      readonly elapsedMs: number;
      readonly written?: readonly WrittenFile[];
    };

export interface RegisteredFile {
  readonly fileName: string;
  readonly kind: FileKind;
  /** Where its rows live: copied in (`table`) or read in place (`view`). */
  readonly placement: Placement;
  readonly engine: EngineId;
  /** The quoted-safe name the file is known by in SQL (a table, view or attached database). */
  readonly tableName: string;
  /** Non-fatal problems, e.g. ragged CSV rows that were padded. */
  readonly warnings: readonly string[];
}

/** What an engine can do, so that callers never test for methods or cast to reach them. */
export interface EngineCapabilities {
  /** How Stop reaches a running query: interrupted in place, or by ending and restarting the worker. */
  readonly cancel: 'interrupt' | 'restart';
  /** `readStream` reads a whole view in one pass; otherwise exports read it in pages with `read`. */
  readonly streams: boolean;
  /** `configure` takes a database file and network access; otherwise it is ignored. */
  readonly setup: boolean;
}

/** What an engine opens and may reach when it starts. */
export interface EngineSetup {
  /** The database file in OPFS (`opfs://…`), or null for an in-memory database. */
  readonly path: string | null;
  /** What the user allowed the open notebook to reach; nothing by default. */
  readonly network: NetworkAccess;
  /** DuckDB's memory limit (e.g. '256MB'); its own default when absent. Tests lower it through the debug hook. */
  readonly memoryLimit?: string;
}

export const IN_MEMORY_OFFLINE: EngineSetup = { path: null, network: NO_NETWORK };

/** The database a start opened: the OPFS file asked for, or memory (and why, when a file was asked for). */
export interface DatabaseOpened {
  readonly path: string | null;
  /** Why the file asked for could not be used, so memory was used instead. */
  readonly fallback?: string;
}

/** What a running engine opened and may reach. */
export interface EngineInfo {
  readonly database: DatabaseOpened;
  /** What it may reach; allowed extensions that failed to load are not in it. */
  readonly network: NetworkAccess;
  /** Allowed extensions that could not be loaded, each with the reason. */
  readonly extensionFailures: readonly string[];
}

import type { PlanNode } from './plans';

/** A stored result on its way to the other engine (`Engine.exportResult`). */
export interface MovedResult {
  readonly ipc: Uint8Array;
  /** One per column that changed on the way: `name: TYPE → what it became`. */
  readonly notes: readonly string[];
}

export interface Engine {
  readonly id: EngineId;
  readonly capabilities: EngineCapabilities;
  /**
   * Counts restarts. When it changes, everything the engine held (opened
   * files, cell results) is gone and must be registered or computed again.
   */
  readonly epoch: number;
  /** Starts the engine once; every caller shares the same promise. */
  start(): Promise<void>;
  /**
   * Uses `setup` from the next start on. A running engine restarts at once (its epoch moves, and
   * whatever waited on it fails with `reason`); an engine whose capabilities say no setup ignores it.
   */
  configure(setup: EngineSetup, reason?: string): void;
  /** What the running engine opened and may reach; null until it has started, and for engines with no setup. */
  info(): EngineInfo | null;
  /** Ends the worker as a crash would (whatever waits fails with `reason`); the next call starts a new one. */
  restart(reason: string): void;
  /** Ends the worker for good. */
  dispose(): void;
  /** Runs every statement of `sql` in order and returns the last one's result. Rejects with NotebookError. */
  query(sql: string, options: QueryOptions): Promise<QueryResult>;
  /** Makes a local file queryable under `tableName`. Rejects with NotebookError (code 'file'). */
  registerFile(file: File, kind: FileKind, tableName: string, options?: RegisterOptions): Promise<RegisteredFile>;
  /**
   * Makes the files of one folder (all of `kind`) queryable as one table `tableName`: columns
   * matched by name, and Hive partition columns (`year=2024/…`) taken from the paths. Rejects with
   * NotebookError (code 'file') naming the folder, or the file, that failed.
   */
  registerFolder(
    folder: string,
    entries: readonly FolderEntry[],
    kind: FileKind,
    tableName: string,
    options?: RegisterOptions,
  ): Promise<RegisteredFile>;
  /** Memory in use and the limit; null for an engine that cannot tell (SQLite) or has not started. */
  memory(): Promise<EngineMemory | null>;
  /** Every table and view, with columns. */
  describe(): Promise<TableInfo[]>;
  /** The engine's functions, for completion. */
  functions(): Promise<FunctionInfo[]>;
  /** Row count and up to five distinct values of `column` (none when null). */
  peek(schema: string | null, name: string, column: string | null): Promise<TablePeek>;
  /** Cancels the running query, if any; it rejects with code 'cancelled'. */
  cancel(): Promise<void>;
  /**
   * The whole stored result `name` as an Arrow IPC stream, in the form the other engine stores
   * exactly (to move it there), with a note for each column whose type or form changed.
   */
  exportResult(name: string): Promise<MovedResult>;
  /** Stores an Arrow IPC stream as the result `name`. Returns notes on types that could not map exactly. */
  importResult(name: string, ipc: Uint8Array): Promise<string[]>;
  /**
   * The plan of one query statement, as a tree: DuckDB runs it under EXPLAIN ANALYZE (times and
   * rows measured), SQLite gives EXPLAIN QUERY PLAN (its steps). Waits for a running cell.
   */
  explain(sql: string): Promise<PlanNode[]>;
  /** Forgets the stored result `name`, if there is one. */
  dropResult(name: string): Promise<void>;
  /** The bytes of a file a statement wrote (a `WrittenFile`'s path); only engines that write files have it. */
  readWritten?(path: string): Promise<Uint8Array>;
  /**
   * Runs one read-only query over stored results (built by view-sql.ts: a
   * page, a count, a profile, chart data) with its parameters bound, and returns
   * its rows. The SQL bounds how many. It does not wait for a running cell, and
   * does not cancel it.
   */
  read(query: BoundSql): Promise<Table>;
  /**
   * One read-only query's whole result in a single pass, as Arrow IPC streams
   * of a few MB each, not decoded on the page (exports). Optional: without it,
   * exports read pages with `read`. Present when `capabilities.streams`.
   */
  readStream?(query: BoundSql): AsyncGenerator<Uint8Array>;
}

export const DEFAULT_MAX_ROWS = 1000;
