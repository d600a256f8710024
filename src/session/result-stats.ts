/**
 * Column profiles of a stored result, computed in its engine: one pass for
 * counts, distinct counts (approximate in DuckDB), min, max and mean, then a
 * histogram per numeric column and the top values of the others.
 */
import type { Table } from 'apache-arrow';
import { histogramSql, profileSql, rangeSql, topKSql, type ViewQuery } from '../engines/view-sql';
import { dialectOf, firstNumber, readView, type ResultTarget } from './result-view';

export const HISTOGRAM_BINS = 24;
/** Histograms and top values are computed for this many columns at most; the rest get the counts only. */
const DETAIL_COLUMNS = 60;

export interface ColumnProfile {
  readonly rows: number;
  readonly nulls: number;
  readonly distinct: number | null;
  readonly min: string | null;
  readonly max: string | null;
  readonly mean: number | null;
  readonly histogram?: { readonly lo: number; readonly hi: number; readonly counts: readonly number[] };
  readonly top?: readonly { readonly value: string; readonly n: number }[];
}

function cellText(t: Table, column: string): string | null {
  const v: unknown = t.getChild(column)?.get(0);
  return v === null || v === undefined ? null : String(v);
}

function cellNumber(t: Table, column: string): number | null {
  const v: unknown = t.getChild(column)?.get(0);
  return v === null || v === undefined ? null : Number(v);
}

/** Counts, distinct, min, max and mean of every column, in one query. */
export async function baseProfile(target: ResultTarget, q: ViewQuery): Promise<ColumnProfile[]> {
  const t = await readView(target, profileSql(dialectOf(target), target.name, q, target.columns));
  const rows = cellNumber(t, 'n') ?? 0;
  return target.columns.map((_, i) => ({
    rows,
    nulls: cellNumber(t, `nulls_${i}`) ?? 0,
    distinct: cellNumber(t, `distinct_${i}`),
    min: cellText(t, `min_${i}`),
    max: cellText(t, `max_${i}`),
    mean: cellNumber(t, `mean_${i}`),
  }));
}

async function histogram(target: ResultTarget, q: ViewQuery, column: string): Promise<ColumnProfile['histogram']> {
  const d = dialectOf(target);
  const range = await readView(target, rangeSql(d, target.name, q, target.columns, column));
  const lo = firstNumber(range, 0);
  const hi = firstNumber(range, 1);
  if (lo === null || hi === null) return undefined;
  const t = await readView(target, histogramSql(d, target.name, q, target.columns, column, lo, hi, HISTOGRAM_BINS));
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  const bins = t.getChild('bin');
  const ns = t.getChild('n');
  for (let i = 0; i < t.numRows; i++) {
    const b = Number(bins?.get(i));
    if (b >= 0 && b < HISTOGRAM_BINS) counts[b] = Number(ns?.get(i) ?? 0);
  }
  return { lo, hi, counts };
}

async function topValues(target: ResultTarget, q: ViewQuery, column: string): Promise<ColumnProfile['top']> {
  const t = await readView(target, topKSql(dialectOf(target), target.name, q, target.columns, column, 3));
  const out: { value: string; n: number }[] = [];
  for (let i = 0; i < t.numRows; i++)
    out.push({ value: String(t.getChild('value')?.get(i) ?? ''), n: Number(t.getChild('n')?.get(i) ?? 0) });
  return out;
}

/** Adds the histogram or top values of each column, calling `update` as each arrives. */
export async function detailProfile(
  target: ResultTarget,
  q: ViewQuery,
  base: ColumnProfile[],
  update: (col: number, p: ColumnProfile) => void,
  stopped: () => boolean,
): Promise<void> {
  const n = Math.min(target.columns.length, DETAIL_COLUMNS);
  for (let i = 0; i < n && !stopped(); i++) {
    const c = target.columns[i];
    const p = base[i];
    if (!c || !p || p.rows === p.nulls) continue;
    if (c.kind === 'number') update(i, { ...p, histogram: await histogram(target, q, c.name) });
    else if (c.kind === 'text' || c.kind === 'boolean' || c.kind === 'temporal')
      update(i, { ...p, top: await topValues(target, q, c.name) });
  }
}
