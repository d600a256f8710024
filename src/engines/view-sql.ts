/**
 * SQL for viewing a stored cell result: pages, counts, profiles, chart data
 * and export chunks, each wrapped around `cells."<name>"`. Pure text building,
 * dialect-aware where DuckDB and SQLite differ; the engines only run it.
 *
 * View settings come from files and links, so nothing in them is pasted into
 * SQL: column and result names go through `quoteIdent`, filter values are bound
 * parameters (view-filter.ts), and everything else is a word from a fixed table
 * or a number the page computed, checked to be finite.
 */
import type { ChartAggregate, SortKey } from '../notebook/view-settings';
import { RESULTS_SCHEMA, type BoundSql } from './engine';
import { quoteIdent } from '../sql/quote';
import { castsToText, type WireUse } from './duckdb-types';
import {
  bound,
  sqlInt,
  sqlNumber,
  whereSql,
  type ColumnKind,
  type Dialect,
  type ViewColumn,
  type ViewQuery,
} from './view-filter';

export { filterSql, whereSql } from './view-filter';
export type { ColumnKind, Dialect, ViewColumn, ViewQuery } from './view-filter';

export function resultRef(name: string): string {
  return `${RESULTS_SCHEMA}.${quoteIdent(name)}`;
}

function asText(d: Dialect, column: string): string {
  return `CAST(${quoteIdent(column)} AS ${d === 'duckdb' ? 'VARCHAR' : 'TEXT'})`;
}

/**
 * ORDER BY with NULLs last either way, and rowid as a tiebreak so pages of tied rows never overlap.
 * With `from`, names are qualified by it: ORDER BY would otherwise take a select-list alias, and
 * sort a column read as text (see `readList`) as text.
 */
export function orderSql(sort: readonly SortKey[] | undefined, columns: readonly ViewColumn[], from?: string): string {
  const names = new Set(columns.map((c) => c.name));
  const keys = (sort ?? []).filter((k) => names.has(k.column));
  if (keys.length === 0) return '';
  const q = from ? `${from}.` : '';
  const parts = keys.map((k) => `${q}${quoteIdent(k.column)} ${k.desc ? 'DESC' : 'ASC'} NULLS LAST`);
  if (!names.has('rowid')) parts.push(`${q}rowid`);
  return ` ORDER BY ${parts.join(', ')}`;
}

/** The stored result's alias in a view query that reads some columns as text. */
const STORED = '__stored';

/**
 * The select list that reads a DuckDB result for `use`: columns whose values Arrow would carry
 * wrongly are cast to VARCHAR under their own names (duckdb-types.ts). Null when none is, so
 * the query stays `SELECT *`.
 */
export function readList(columns: readonly ViewColumn[], use: WireUse): string | null {
  if (!columns.some((c) => c.type !== undefined && castsToText(c.type, use))) return null;
  return columns.map((c) => readExpr(c, use)).join(', ');
}

/** One column of a read: as it is, or cast to VARCHAR under its own name where Arrow would carry it wrongly. */
export function readExpr(c: ViewColumn, use: WireUse): string {
  const col = quoteIdent(c.name);
  return c.type !== undefined && castsToText(c.type, use) ? `CAST(${col} AS VARCHAR) AS ${col}` : col;
}

function limitSql(offset: number, limit: number): string {
  const skip = sqlInt(Math.max(0, Math.floor(offset)));
  return ` LIMIT ${sqlInt(Math.max(0, Math.floor(limit)))}${skip === '0' ? '' : ` OFFSET ${skip}`}`;
}

/**
 * The whole result as the user has it sorted and filtered (an export reads it in one pass), its
 * columns read for `use`. Filters and sorts run on the stored columns, whatever is read as text.
 */
export function viewSql(
  d: Dialect,
  name: string,
  q: ViewQuery,
  columns: readonly ViewColumn[],
  use: WireUse = 'show',
): BoundSql {
  const list = readList(columns, use);
  const where = whereSql(d, q.filters, columns);
  if (list === null) return bound(`SELECT * FROM ${resultRef(name)}`, where, orderSql(q.sort, columns));
  return bound(`SELECT ${list} FROM ${resultRef(name)} AS ${STORED}`, where, orderSql(q.sort, columns, STORED));
}

/** One page of the result as the user has it sorted and filtered. */
export function pageSql(
  d: Dialect,
  name: string,
  q: ViewQuery,
  columns: readonly ViewColumn[],
  offset: number,
  limit: number,
): BoundSql {
  return bound(viewSql(d, name, q, columns), limitSql(offset, limit));
}

export function countSql(d: Dialect, name: string, q: ViewQuery, columns: readonly ViewColumn[]): BoundSql {
  return bound(`SELECT count(*) AS n FROM ${resultRef(name)}`, whereSql(d, q.filters, columns));
}

/** Min/max/mean only where they mean something; nested and binary columns get counts only. */
function hasRange(kind: ColumnKind): boolean {
  return kind === 'number' || kind === 'text' || kind === 'temporal' || kind === 'boolean';
}

/**
 * One row with, per column i: n, nulls_i, distinct_i, min_i, max_i, mean_i.
 * Distinct is approximate in DuckDB (HyperLogLog) and exact in SQLite.
 * Min and max come back as text so one column can hold any type.
 */
export function profileSql(d: Dialect, name: string, q: ViewQuery, columns: readonly ViewColumn[]): BoundSql {
  const text = d === 'duckdb' ? 'VARCHAR' : 'TEXT';
  const parts = ['count(*) AS n'];
  columns.forEach((c, i) => {
    const col = quoteIdent(c.name);
    parts.push(`count(*) - count(${col}) AS nulls_${i}`);
    const distinctOf = c.kind === 'nested' && d === 'duckdb' ? `CAST(${col} AS VARCHAR)` : col;
    parts.push(
      d === 'duckdb'
        ? `approx_count_distinct(${distinctOf}) AS distinct_${i}`
        : `count(DISTINCT ${col}) AS distinct_${i}`,
    );
    parts.push(hasRange(c.kind) ? `CAST(min(${col}) AS ${text}) AS min_${i}` : `NULL AS min_${i}`);
    parts.push(hasRange(c.kind) ? `CAST(max(${col}) AS ${text}) AS max_${i}` : `NULL AS max_${i}`);
    parts.push(c.kind === 'number' ? `avg(${col}) AS mean_${i}` : `NULL AS mean_${i}`);
  });
  return bound(`SELECT ${parts.join(', ')} FROM ${resultRef(name)}`, whereSql(d, q.filters, columns));
}

/** The bin (0 … bins-1) of a numeric value between lo and hi. */
export function binSql(d: Dialect, column: string, lo: number, hi: number, bins: number): string {
  const width = hi > lo ? (hi - lo) / bins : 1;
  const raw = `(CAST(${quoteIdent(column)} AS DOUBLE) - ${sqlNumber(lo)}) / ${sqlNumber(width)}`;
  // Values are at least lo, so SQLite's truncating cast is a floor; DuckDB's cast would round.
  const floor = d === 'duckdb' ? `CAST(floor(${raw}) AS BIGINT)` : `CAST(${raw} AS INTEGER)`;
  const last = sqlInt(bins - 1);
  return d === 'duckdb' ? `least(${last}, ${floor})` : `min(${last}, ${floor})`;
}

/** The lower edge of a value's bin, as a number (heatmap keys). */
export function binStartSql(d: Dialect, column: string, lo: number, hi: number, bins: number): string {
  const width = hi > lo ? (hi - lo) / bins : 1;
  return `${sqlNumber(lo)} + ${sqlNumber(width)} * ${binSql(d, column, lo, hi, bins)}`;
}

/** Only finite numbers are binned: NaN and infinities have no bin (and DuckDB cannot floor them to an integer). */
function finiteSql(d: Dialect, column: string): string {
  const col = `CAST(${quoteIdent(column)} AS DOUBLE)`;
  return d === 'duckdb' ? `isfinite(${col})` : `${col} BETWEEN -1.7976931348623157e308 AND 1.7976931348623157e308`;
}

/** A WHERE clause with one more condition (which has no parameters of its own). */
function andWhere(where: BoundSql, cond: string): BoundSql {
  return where.sql ? bound(where, ` AND ${cond}`) : bound(` WHERE ${cond}`);
}

/** Counts per bin of a numeric column; bins without rows are absent. */
export function histogramSql(
  d: Dialect,
  name: string,
  q: ViewQuery,
  columns: readonly ViewColumn[],
  column: string,
  lo: number,
  hi: number,
  bins: number,
): BoundSql {
  const cond = andWhere(whereSql(d, q.filters, columns), finiteSql(d, column));
  return bound(
    `SELECT ${binSql(d, column, lo, hi, bins)} AS bin, count(*) AS n FROM ${resultRef(name)}`,
    cond,
    ' GROUP BY 1 ORDER BY 1',
  );
}

/** The k most frequent values of a column, as text. */
export function topKSql(
  d: Dialect,
  name: string,
  q: ViewQuery,
  columns: readonly ViewColumn[],
  column: string,
  k: number,
): BoundSql {
  const cond = andWhere(whereSql(d, q.filters, columns), `${quoteIdent(column)} IS NOT NULL`);
  return bound(
    `SELECT ${asText(d, column)} AS value, count(*) AS n FROM ${resultRef(name)}`,
    cond,
    ` GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${sqlInt(k)}`,
  );
}

/** min and max of a numeric column as doubles, for binning. */
export function rangeSql(
  d: Dialect,
  name: string,
  q: ViewQuery,
  columns: readonly ViewColumn[],
  column: string,
): BoundSql {
  const col = `CAST(${quoteIdent(column)} AS DOUBLE)`;
  const cond = andWhere(whereSql(d, q.filters, columns), finiteSql(d, column));
  return bound(`SELECT min(${col}) AS lo, max(${col}) AS hi FROM ${resultRef(name)}`, cond);
}

/** Each aggregate's SQL, from a fixed table: a value outside it can never reach the SQL, even unchecked. */
const AGGREGATES: Record<ChartAggregate, (col: string) => string> = {
  none: (col) => col,
  count: () => 'count(*)',
  sum: (col) => `sum(${col})`,
  avg: (col) => `avg(${col})`,
  min: (col) => `min(${col})`,
  max: (col) => `max(${col})`,
};

export function aggregateSql(agg: ChartAggregate, column: string | undefined): string {
  const of = Object.hasOwn(AGGREGATES, agg) ? AGGREGATES[agg] : undefined;
  if (!of || agg === 'count' || !column) return 'count(*)';
  return of(quoteIdent(column));
}

export interface GroupedChart {
  /** Expressions for x (and y, for a heatmap), already binned where wanted. */
  readonly keys: readonly string[];
  readonly value: string;
  readonly color?: string;
  readonly limit: number;
}

/** Aggregated chart data: one row per group, columns k0, k1…, value, color. */
export function groupedChartSql(
  d: Dialect,
  name: string,
  q: ViewQuery,
  columns: readonly ViewColumn[],
  g: GroupedChart,
): BoundSql {
  const select = g.keys.map((k, i) => `${k} AS k${i}`);
  select.push(`${g.value} AS value`);
  if (g.color) select.push(`${quoteIdent(g.color)} AS color`);
  const groups = g.keys.map((_, i) => String(i + 1));
  if (g.color) groups.push(String(g.keys.length + 2));
  return bound(
    `SELECT ${select.join(', ')} FROM ${resultRef(name)}`,
    whereSql(d, q.filters, columns),
    ` GROUP BY ${groups.join(', ')} ORDER BY ${groups.join(', ')} LIMIT ${sqlInt(g.limit)}`,
  );
}

/** Raw points for a scatter plot: every `step`-th row, so a 10M-row result draws a few thousand marks. */
export function sampleSql(
  d: Dialect,
  name: string,
  q: ViewQuery,
  columns: readonly ViewColumn[],
  pick: readonly string[],
  step: number,
  limit: number,
): BoundSql {
  const where = whereSql(d, q.filters, columns);
  const stride = step > 1 ? andWhere(where, `rowid % ${sqlInt(Math.floor(step))} = 0`) : where;
  // Read as the grid reads them: a TIME_NS cannot cross as it is, and a UHUGEINT would be bytes.
  const list = pick.map((p) => readExpr(columns.find((c) => c.name === p) ?? { name: p, kind: 'other' }, 'show'));
  return bound(`SELECT ${list.join(', ')} FROM ${resultRef(name)}`, stride, ` LIMIT ${sqlInt(limit)}`);
}
