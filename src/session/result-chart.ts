/**
 * Chart data for a stored result, aggregated or binned in its engine so a
 * chart over 10M rows draws at most a few thousand marks.
 */
import type { Table } from 'apache-arrow';
import {
  countSql,
  aggregateSql,
  binStartSql,
  groupedChartSql,
  histogramSql,
  rangeSql,
  sampleSql,
  type ViewQuery,
} from '../engines/view-sql';
import { quoteIdent } from '../sql/quote';
import { castsToText } from '../engines/duckdb-types';
import type { ChartSettings } from '../notebook/view-settings';
import { dialectOf, firstNumber, readView, type ResultTarget } from './result-view';

export const MAX_GROUPS = 2000;
export const MAX_POINTS = 5000;
const HIST_BINS = 40;
const HEAT_BINS = 24;

export type ChartValue = number | string | Date | null;

export interface ChartRow {
  readonly x: ChartValue;
  readonly y: ChartValue;
  readonly x2?: number;
  readonly color?: ChartValue;
  readonly value?: number | null;
}

export interface ChartData {
  readonly rows: readonly ChartRow[];
  /** Said under the chart, e.g. that only a sample or the first groups are drawn. */
  readonly note: string | null;
}

function kindOf(target: ResultTarget, column: string | undefined): string {
  return target.columns.find((c) => c.name === column)?.kind ?? 'other';
}

/** Arrow values as Plot wants them: numbers, strings, Dates. */
function plain(t: Table, column: string, row: number, temporal: boolean): ChartValue {
  let v: unknown;
  try {
    v = t.getChild(column)?.get(row);
  } catch {
    return null;
  }
  if (v === null || v === undefined) return null;
  if (temporal && typeof v === 'number') return new Date(v);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Date) return v;
  return String(v);
}

/** A key expression: numbers as doubles (decimals and 64-bit integers would not plot), others as they are. */
/** A column as a chart's group key: numbers as DOUBLE, and what Arrow cannot carry (a TIME_NS) as DuckDB's text. */
function keyExpr(target: ResultTarget, column: string): string {
  if (kindOf(target, column) === 'number') return `CAST(${quoteIdent(column)} AS DOUBLE)`;
  const type = target.columns.find((c) => c.name === column)?.type;
  return type !== undefined && castsToText(type, 'show')
    ? `CAST(${quoteIdent(column)} AS VARCHAR)`
    : quoteIdent(column);
}

async function range(target: ResultTarget, q: ViewQuery, column: string): Promise<{ lo: number; hi: number } | null> {
  const t = await readView(target, rangeSql(dialectOf(target), target.name, q, target.columns, column));
  const lo = firstNumber(t, 0);
  const hi = firstNumber(t, 1);
  return lo === null || hi === null ? null : { lo, hi };
}

export async function chartData(
  target: ResultTarget,
  q: ViewQuery,
  s: ChartSettings,
  totalRows: number | null,
): Promise<ChartData> {
  if (!s.x) return { rows: [], note: 'Pick a column for x.' };
  if (s.type === 'histogram') return histogram(target, q, s.x);
  if (s.type === 'heatmap') return heatmap(target, q, s);
  if (s.type === 'scatter' || s.aggregate === 'none') return sample(target, q, s, totalRows);
  return grouped(target, q, s);
}

async function histogram(target: ResultTarget, q: ViewQuery, x: string): Promise<ChartData> {
  if (kindOf(target, x) !== 'number') return { rows: [], note: 'A histogram needs a numeric column for x.' };
  const r = await range(target, q, x);
  if (!r) return { rows: [], note: 'No finite values to bin.' };
  const t = await readView(
    target,
    histogramSql(dialectOf(target), target.name, q, target.columns, x, r.lo, r.hi, HIST_BINS),
  );
  const w = r.hi > r.lo ? (r.hi - r.lo) / HIST_BINS : 1;
  const rows: ChartRow[] = [];
  for (let i = 0; i < t.numRows; i++) {
    const bin = Number(t.getChild('bin')?.get(i));
    rows.push({ x: r.lo + bin * w, x2: r.lo + (bin + 1) * w, y: Number(t.getChild('n')?.get(i)) });
  }
  return { rows, note: null };
}

async function grouped(target: ResultTarget, q: ViewQuery, s: ChartSettings): Promise<ChartData> {
  const x = s.x as string;
  const agg = s.aggregate ?? (s.y ? 'sum' : 'count');
  const value = `CAST(${aggregateSql(agg, s.y)} AS DOUBLE)`;
  const sql = groupedChartSql(dialectOf(target), target.name, q, target.columns, {
    keys: [keyExpr(target, x)],
    value,
    ...(s.color ? { color: s.color } : {}),
    limit: MAX_GROUPS + 1,
  });
  const t = await readView(target, sql);
  const temporal = kindOf(target, x) === 'temporal';
  const rows: ChartRow[] = [];
  for (let i = 0; i < Math.min(t.numRows, MAX_GROUPS); i++) {
    rows.push({
      x: plain(t, 'k0', i, temporal),
      y: plain(t, 'value', i, false),
      ...(s.color ? { color: plain(t, 'color', i, kindOf(target, s.color) === 'temporal') } : {}),
    });
  }
  return {
    rows,
    note: t.numRows > MAX_GROUPS ? `Only the first ${MAX_GROUPS.toLocaleString('en-US')} groups are drawn.` : null,
  };
}

async function sample(
  target: ResultTarget,
  q: ViewQuery,
  s: ChartSettings,
  totalRows: number | null,
): Promise<ChartData> {
  const pick = [s.x as string, ...(s.y ? [s.y] : []), ...(s.color ? [s.color] : [])];
  const n =
    totalRows ?? firstNumber(await readView(target, countSql(dialectOf(target), target.name, q, target.columns))) ?? 0;
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const t = await readView(
    target,
    sampleSql(dialectOf(target), target.name, q, target.columns, pick, step, MAX_POINTS),
  );
  const rows: ChartRow[] = [];
  const names = t.schema.fields.map((f) => f.name);
  const tx = kindOf(target, s.x) === 'temporal';
  for (let i = 0; i < t.numRows; i++) {
    const y = s.y ? plain(t, names[1] ?? '', i, kindOf(target, s.y) === 'temporal') : null;
    const color = s.color ? plain(t, names[names.length - 1] ?? '', i, false) : undefined;
    rows.push({
      x: plain(t, names[0] ?? '', i, tx),
      y: typeof y === 'string' && kindOf(target, s.y) === 'number' ? Number(y) : y,
      ...(color !== undefined ? { color } : {}),
    });
  }
  return {
    rows,
    note:
      step > 1
        ? `A sample of ${rows.length.toLocaleString('en-US')} rows (every ${step.toLocaleString('en-US')}th) is drawn.`
        : null,
  };
}

/** x by y, each binned when numeric, filled with a count or an aggregate of the colour column. */
async function heatmap(target: ResultTarget, q: ViewQuery, s: ChartSettings): Promise<ChartData> {
  if (!s.y) return { rows: [], note: 'A heatmap needs columns for x and y.' };
  const d = dialectOf(target);
  const keys: string[] = [];
  for (const col of [s.x as string, s.y]) {
    if (kindOf(target, col) !== 'number') keys.push(keyExpr(target, col));
    else {
      const r = await range(target, q, col);
      keys.push(r ? binStartSql(d, col, r.lo, r.hi, HEAT_BINS) : quoteIdent(col));
    }
  }
  const agg = s.color ? (s.aggregate && s.aggregate !== 'none' ? s.aggregate : 'avg') : 'count';
  const value = `CAST(${aggregateSql(agg, s.color)} AS DOUBLE)`;
  const t = await readView(
    target,
    groupedChartSql(d, target.name, q, target.columns, { keys, value, limit: MAX_GROUPS + 1 }),
  );
  const rows: ChartRow[] = [];
  for (let i = 0; i < Math.min(t.numRows, MAX_GROUPS); i++) {
    const v = plain(t, 'value', i, false);
    rows.push({
      x: plain(t, 'k0', i, kindOf(target, s.x) === 'temporal'),
      y: plain(t, 'k1', i, kindOf(target, s.y) === 'temporal'),
      value: typeof v === 'number' ? v : null,
    });
  }
  return {
    rows,
    note: t.numRows > MAX_GROUPS ? `Only the first ${MAX_GROUPS.toLocaleString('en-US')} cells are drawn.` : null,
  };
}
