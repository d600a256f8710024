/** The one narrow interface both engines satisfy. */
import type { Table } from 'apache-arrow';
import type { EngineId } from '../notebook/cells';

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

export interface QueryOptions {
  /** How many rows of the result to bring to the main thread. */
  readonly maxRows: number;
}

export type QueryResult =
  | {
      readonly kind: 'rows';
      /** The first `maxRows` rows at most: a bounded window, never the whole result. */
      readonly table: Table;
      readonly totalRows: number;
      readonly statementCount: number;
      readonly elapsedMs: number;
    }
  | {
      /** The last statement returned no rows (DDL, INSERT, SET …). */
      readonly kind: 'done';
      /** Rows changed by the last statement, when the engine reports it. */
      readonly changes: number | null;
      readonly statementCount: number;
      readonly elapsedMs: number;
    };

export interface RegisteredFile {
  readonly fileName: string;
  readonly kind: FileKind;
  readonly engine: EngineId;
  /** The quoted-safe name the file is known by in SQL (a table, view or attached database). */
  readonly tableName: string;
  /** Non-fatal problems, e.g. ragged CSV rows that were padded. */
  readonly warnings: readonly string[];
}

export interface Engine {
  readonly id: EngineId;
  /** Starts the engine once; every caller shares the same promise. */
  start(): Promise<void>;
  /** Runs every statement of `sql` in order and returns the last one's result. Rejects with NotebookError. */
  query(sql: string, options: QueryOptions): Promise<QueryResult>;
  /** Makes a local file queryable under `tableName`. Rejects with NotebookError (code 'file'). */
  registerFile(file: File, kind: FileKind, tableName: string): Promise<RegisteredFile>;
  /** Every table and view, with columns. */
  describe(): Promise<TableInfo[]>;
}

export const DEFAULT_MAX_ROWS = 1000;
