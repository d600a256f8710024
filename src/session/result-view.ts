/**
 * A cell's result as the grid sees it: rows fetched from the engine in pages
 * of SQL wrapped around `cells."<name>"` (engines/view-sql.ts), kept in a
 * small LRU, so the page never holds more than a few thousand rows of a
 * result of any size. Sorting and filtering make a new source; the engine
 * does the work.
 */
import { signal } from '@preact/signals';
import type { Table } from 'apache-arrow';
import type { EngineId } from '../notebook/cells';
import { toNotebookError } from '../sql/errors';
import type { BoundSql } from '../engines/engine';
import { countSql, pageSql, type ViewColumn, type ViewQuery } from '../engines/view-sql';
import { withDuckdbTypes } from '../engines/duckdb-types';

export const PAGE_ROWS = 256;
/** 64 pages of 256 rows: about 16,000 rows, whatever the result's size. */
const MAX_PAGES = 64;

/** Which stored result to read, and how its columns are treated. */
export interface ResultTarget {
  readonly engine: EngineId;
  /** Runs a view query in that engine (the session's engines; a fake in tests). */
  readonly read: (query: BoundSql) => Promise<Table>;
  /** Streams a whole view query as IPC pieces, where the engine can (its capabilities say so). */
  readonly stream?: (query: BoundSql) => AsyncGenerator<Uint8Array>;
  readonly name: string;
  readonly columns: readonly ViewColumn[];
}

export function hasView(q: ViewQuery): boolean {
  return (q.sort?.length ?? 0) > 0 || (q.filters?.length ?? 0) > 0;
}

/** Runs one view query in the target's engine; failures are NotebookErrors. */
export async function readView(target: ResultTarget, query: BoundSql): Promise<Table> {
  try {
    return await target.read(query);
  } catch (err) {
    throw toNotebookError(err, { code: 'sql' });
  }
}

export function firstNumber(t: Table, column = 0): number | null {
  const v: unknown = t.getChildAt(column)?.get(0);
  return v === null || v === undefined ? null : Number(v);
}

/** Where row `i` is: a table and the row's index in it. */
export interface RowRef {
  readonly table: Table;
  readonly index: number;
}

export class PagedRows {
  /** Bumped whenever pages arrive, so views re-render. */
  readonly version = signal(0);
  /** Row count of the sorted, filtered view; null while it is being counted. */
  readonly total = signal<number | null>(null);
  readonly error = signal<string | null>(null);
  private readonly pages = new Map<number, Table>();
  private wanted = { first: 0, last: -1 };
  private busy = false;
  private disposed = false;

  constructor(
    private readonly target: ResultTarget | null,
    private readonly query: ViewQuery,
    /** The result's rows; null when the engine kept it as a view and did not count it. */
    totalRows: number | null,
    /** Rows 0… as the cell run returned them; only valid without sort or filter. */
    private readonly seed: Table | null,
  ) {
    if (!query.filters?.length && totalRows !== null) this.total.value = totalRows;
    else void this.count();
  }

  dispose(): void {
    this.disposed = true;
  }

  row(i: number): RowRef | null {
    if (this.seed && i < this.seed.numRows) return { table: this.seed, index: i };
    const p = Math.floor(i / PAGE_ROWS);
    const page = this.pages.get(p);
    if (!page) return null;
    // Touching a page moves it to the young end of the LRU.
    this.pages.delete(p);
    this.pages.set(p, page);
    const index = i - p * PAGE_ROWS;
    return index < page.numRows ? { table: page, index } : null;
  }

  /** The rows on screen (plus a margin); missing pages are fetched one at a time, newest wish first. */
  want(first: number, last: number): void {
    this.wanted = { first, last };
    void this.pump();
  }

  /** Rows this source can ever get: without an engine result, only the seed. */
  get pageable(): boolean {
    return this.target !== null;
  }

  private missing(): number | null {
    const { first, last } = this.wanted;
    const total = this.total.value;
    if (total === null || !this.target) return null;
    const end = Math.min(last, total - 1);
    for (let p = Math.floor(first / PAGE_ROWS); p * PAGE_ROWS <= end; p++) {
      const start = p * PAGE_ROWS;
      if (this.seed && start + PAGE_ROWS <= this.seed.numRows) continue;
      if (!this.pages.has(p)) return p;
    }
    return null;
  }

  /** Fetches the page holding `row` now, e.g. to copy a range that is off screen. */
  async load(row: number): Promise<void> {
    if (!this.target || this.row(row)) return;
    await this.fetch(Math.floor(row / PAGE_ROWS));
  }

  private async fetch(p: number): Promise<void> {
    if (!this.target) return;
    const { columns } = this.target;
    const read = await readView(
      this.target,
      pageSql(dialectOf(this.target), this.target.name, this.query, columns, p * PAGE_ROWS, PAGE_ROWS),
    );
    // Pages say their columns' DuckDB types as the first rows did, so their cells are shown alike.
    const t = withDuckdbTypes(
      read,
      columns.map((c) => c.type),
    );
    this.pages.set(p, t);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
    this.version.value++;
  }

  private async pump(): Promise<void> {
    if (this.busy || !this.target) return;
    this.busy = true;
    try {
      for (let p = this.missing(); p !== null && !this.disposed; p = this.missing()) await this.fetch(p);
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy = false;
    }
  }

  private async count(): Promise<void> {
    if (!this.target) return;
    try {
      const t = await readView(
        this.target,
        countSql(dialectOf(this.target), this.target.name, this.query, this.target.columns),
      );
      this.total.value = firstNumber(t) ?? 0;
      void this.pump();
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    const e = toNotebookError(err, { code: 'sql' });
    // A missing table means the engine restarted or the cell was renamed since it ran.
    this.error.value = /does not exist|no such table/i.test(e.message)
      ? 'This result is no longer in the engine: run the cell again to page, sort or filter it.'
      : e.message;
  }
}

export function dialectOf(target: ResultTarget): 'duckdb' | 'sqlite' {
  return target.engine;
}

/** The whole view (sorted and filtered) in chunks, for exports: never more than `rows` rows on the page at once. */
export async function* viewChunks(target: ResultTarget, query: ViewQuery, rows: number): AsyncGenerator<Table> {
  for (let offset = 0; ; offset += rows) {
    const t = await readView(target, pageSql(dialectOf(target), target.name, query, target.columns, offset, rows));
    if (t.numRows > 0 || offset === 0) yield t;
    if (t.numRows < rows) return;
  }
}
