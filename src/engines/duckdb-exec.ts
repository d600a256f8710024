/**
 * Running one statement through DuckDB's pending-query path: it is what makes
 * a query cancellable, and between polls the worker reports the query's
 * progress (DuckDB's progress bar, turned on at boot without printing).
 */
import type * as duckdb from '@duckdb/duckdb-wasm';
import { Table, type RecordBatch } from 'apache-arrow';

/** Where DuckDB's progress reports go while a statement runs: at most one listener at a time. */
export class ProgressSink {
  private listener: ((fraction: number) => void) | null = null;

  /** Hooks the sink to the worker's progress messages (AsyncDuckDB keeps its listeners in a protected list). */
  attach(db: duckdb.AsyncDuckDB): void {
    const handlers = (db as unknown as { _onExecutionProgress?: ((p: duckdb.ProgressEntry) => void)[] })
      ._onExecutionProgress;
    handlers?.push((p) => this.report(p));
  }

  private report(p: duckdb.ProgressEntry): void {
    const pct = Number(p.percentage);
    // DuckDB reports -1 when it cannot estimate (e.g. over range()). A "completed" report can
    // belong to the statement before, so only reports of work in progress are passed on.
    if (this.listener && p.status === 'in-progress' && Number.isFinite(pct) && pct >= 0)
      this.listener(Math.min(1, pct / 100));
  }

  /** Runs `work` with `listener` receiving progress, 0 to 1. */
  async during<T>(listener: ((fraction: number) => void) | undefined, work: () => Promise<T>): Promise<T> {
    if (!listener) return work();
    const before = this.listener;
    this.listener = listener;
    try {
      return await work();
    } finally {
      this.listener = before;
    }
  }
}

/** Runs one statement through DuckDB's pending-query path and collects its rows. */
export async function exec(conn: duckdb.AsyncDuckDBConnection, text: string): Promise<Table> {
  const reader = await conn.send(text);
  const batches: RecordBatch[] = [];
  for await (const batch of reader) batches.push(batch);
  return batches.length > 0 ? new Table(batches) : new Table(reader.schema);
}
