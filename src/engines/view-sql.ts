/**
 * SQL for viewing a stored cell result: pages, counts, profiles, chart data
 * and export chunks, each wrapped around `cells."<name>"`. Pure text building,
 * dialect-aware where DuckDB and SQLite differ; the engines only run it.
 */
import type { ChartAggregate, ColumnFilter, SortKey } from '../notebook/view-settings';
import { RESULTS_SCHEMA } from './engine';
import { quoteIdent, quoteString } from './sql-quote';

export type Dialect = 'duckdb' | 'sqlite';

/** What a column holds, as far as building SQL for it is concerned. */
export type ColumnKind = 'number' | 'text' | 'temporal' | 'boolean' | 'nested' | 'binary' | 'other';

export interface ViewColumn {
  readonly name: string;
  readonly kind: ColumnKind;
}

export interface ViewQuery {
  readonly sort?: readonly SortKey[];
  readonly filters?: readonly ColumnFilter[];
}

export function resultRef(name: string): string {
  return `${RESULTS_SCHEMA}.${quoteIdent(name)}`;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A filter value as a literal: a number stays a number for numeric columns, anything else is a string. */
function literal(value: string, kind: ColumnKind | undefined): string {
  const v = value.trim();
  if (kind === 'number' && NUMBER.test(v)) return v;
  if (kind === 'boolean' && /^(true|false)$/i.test(v)) return v.toLowerCase();
  return quoteString(v);
}

function asText(d: Dialect, column: string): string {
  return `CAST(${quoteIdent(column)} AS ${d === 'duckdb' ? 'VARCHAR' : 'TEXT'})`;
}

const COMPARE = { equals: '=', 'not-equals': '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

export function filterSql(d: Dialect, f: ColumnFilter, kind: ColumnKind | undefined): string {
  const col = quoteIdent(f.column);
  switch (f.op) {
    case 'is-null':
      return `${col} IS NULL`;
    case 'not-null':
      return `${col} IS NOT NULL`;
    case 'contains': {
      // instr/contains, not LIKE: a '%' or '_' the user types is meant literally.
      const needle = `lower(${quoteString(f.value)})`;
      return d === 'duckdb'
        ? `contains(lower(${asText(d, f.column)}), ${needle})`
        : `instr(lower(${asText(d, f.column)}), ${needle}) > 0`;
    }
    default: {
      // Nested and binary values compare as their text; everything else compares natively.
      const lhs = kind === 'nested' || kind === 'binary' ? asText(d, f.column) : col;
      return `${lhs} ${COMPARE[f.op]} ${literal(f.value, kind)}`;
    }
  }
}

export function whereSql(
  d: Dialect,
  filters: readonly ColumnFilter[] | undefined,
  columns: readonly ViewColumn[],
): string {
  const kinds = new Map(columns.map((c) => [c.name, c.kind]));
  const parts = (filters ?? [])
    .filter((f) => kinds.has(f.column))
    .map((f) => `(${filterSql(d, f, kinds.get(f.column))})`);
  return parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '';
}

/** ORDER BY with NULLs last either way, and rowid as a tiebreak so pages of tied rows never overlap. */
export function orderSql(sort: readonly SortKey[] | undefined, columns: readonly ViewColumn[]): string {
  const names = new Set(columns.map((c) => c.name));
  const keys = (sort ?? []).filter((k) => names.has(k.column));
  if (keys.length === 0) return '';
  const parts = keys.map((k) => `${quoteIdent(k.column)} ${k.desc ? 'DESC' : 'ASC'} NULLS LAST`);
  if (!names.has('rowid')) parts.push('rowid');
  return ` ORDER BY ${parts.join(', ')}`;
}

function limitSql(offset: number, limit: number): string {
  return ` LIMIT ${Math.max(0, Math.floor(limit))}${offset > 0 ? ` OFFSET ${Math.floor(offset)}` : ''}`;
}

/** The whole result as the user has it sorted and filtered (an export reads it in one pass). */
export function viewSql(d: Dialect, name: string, q: ViewQuery, columns: readonly ViewColumn[]): string {
  return `SELECT * FROM ${resultRef(name)}${whereSql(d, q.filters, columns)}${orderSql(q.sort, columns)}`;
}

/** One page of the result as the user has it sorted and filtered. */
export function pageSql(
  d: Dialect,
  name: string,
  q: ViewQuery,
  columns: readonly ViewColumn[],
  offset: number,
  limit: number,
): string {
  return `SELECT * FROM ${resultRef(name)}${whereSql(d, q.filters, columns)}${orderSql(q.sort, columns)}${limitSql(offset, limit)}`;
}

export function countSql(d: Dialect, name: string, q: ViewQuery, columns: readonly ViewColumn[]): string {
  return `SELECT count(*) AS n FROM ${resultRef(name)}${whereSql(d, q.filters, columns)}`;
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
export function profileSql(d: Dialect, name: string, q: ViewQuery, columns: readonly ViewColumn[]): string {
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
  return `SELECT ${parts.join(', ')} FROM ${resultRef(name)}${whereSql(d, q.filters, columns)}`;
}

/** The bin (0 … bins-1) of a numeric value between lo and hi. */
export function binSql(d: Dialect, column: string, lo: number, hi: number, bins: number): string {
  const width = hi > lo ? (hi - lo) / bins : 1;
  const raw = `(CAST(${quoteIdent(column)} AS DOUBLE) - ${lo}) / ${width}`;
  // Values are at least lo, so SQLite's truncating cast is a floor; DuckDB's cast would round.
  const floor = d === 'duckdb' ? `CAST(floor(${raw}) AS BIGINT)` : `CAST(${raw} AS INTEGER)`;
  return d === 'duckdb' ? `least(${bins - 1}, ${floor})` : `min(${bins - 1}, ${floor})`;
}

/** Only finite numbers are binned: NaN and infinities have no bin (and DuckDB cannot floor them to an integer). */
function finiteSql(d: Dialect, column: string): string {
  const col = `CAST(${quoteIdent(column)} AS DOUBLE)`;
  return d === 'duckdb' ? `isfinite(${col})` : `${col} BETWEEN -1.7976931348623157e308 AND 1.7976931348623157e308`;
}

function andWhere(where: string, cond: string): string {
  return where ? `${where} AND ${cond}` : ` WHERE ${cond}`;
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
): string {
  const cond = andWhere(whereSql(d, q.filters, columns), finiteSql(d, column));
  return `SELECT ${binSql(d, column, lo, hi, bins)} AS bin, count(*) AS n FROM ${resultRef(name)}${cond} GROUP BY 1 ORDER BY 1`;
}

/** The k most frequent values of a column, as text. */
export function topKSql(
  d: Dialect,
  name: string,
  q: ViewQuery,
  columns: readonly ViewColumn[],
  column: string,
  k: number,
): string {
  const cond = andWhere(whereSql(d, q.filters, columns), `${quoteIdent(column)} IS NOT NULL`);
  return `SELECT ${asText(d, column)} AS value, count(*) AS n FROM ${resultRef(name)}${cond} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${k}`;
}

/** min and max of a numeric column as doubles, for binning. */
export function rangeSql(
  d: Dialect,
  name: string,
  q: ViewQuery,
  columns: readonly ViewColumn[],
  column: string,
): string {
  const col = `CAST(${quoteIdent(column)} AS DOUBLE)`;
  const cond = andWhere(whereSql(d, q.filters, columns), finiteSql(d, column));
  return `SELECT min(${col}) AS lo, max(${col}) AS hi FROM ${resultRef(name)}${cond}`;
}

export function aggregateSql(agg: ChartAggregate, column: string | undefined): string {
  if (agg === 'count' || !column) return 'count(*)';
  if (agg === 'none') return quoteIdent(column);
  return `${agg}(${quoteIdent(column)})`;
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
): string {
  const select = g.keys.map((k, i) => `${k} AS k${i}`);
  select.push(`${g.value} AS value`);
  if (g.color) select.push(`${quoteIdent(g.color)} AS color`);
  const groups = g.keys.map((_, i) => String(i + 1));
  if (g.color) groups.push(String(g.keys.length + 2));
  return `SELECT ${select.join(', ')} FROM ${resultRef(name)}${whereSql(d, q.filters, columns)} GROUP BY ${groups.join(', ')} ORDER BY ${groups.join(', ')} LIMIT ${g.limit}`;
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
): string {
  const where = whereSql(d, q.filters, columns);
  const stride = step > 1 ? andWhere(where, `rowid % ${Math.floor(step)} = 0`) : where;
  return `SELECT ${pick.map(quoteIdent).join(', ')} FROM ${resultRef(name)}${stride} LIMIT ${limit}`;
}
