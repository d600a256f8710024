/**
 * Two engines' results of one query, compared (issue 13, "run in both engines"): which rows only
 * one side has, which values differ, which differ only in type (42 and 42.0), and whether the
 * same rows came in a different order. Values are compared as the grid shows them, numbers by
 * their value.
 */
import type { Table } from 'apache-arrow';
import { formatValue } from './format';
import { readCell } from './read-cell';

/** One value: its text as the grid shows it (exact), and whether it is a number. */
interface Cell {
  readonly text: string | null;
  readonly number: number | null;
}

export interface SideRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
}

export interface Comparison {
  readonly a: SideRows;
  readonly b: SideRows;
  /** Per row of each side: true where that row has no equal on the other side. */
  readonly onlyA: readonly boolean[];
  readonly onlyB: readonly boolean[];
  /** `row:column` of values that differ where both sides have the same rows in the same order. */
  readonly differs: ReadonlySet<string>;
  /** Plain sentences, the most important first; empty when the results are the same. */
  readonly summary: readonly string[];
  /** What kinds of difference there are, for the dialect notes. */
  readonly kinds: ReadonlySet<'columns' | 'rows' | 'values' | 'type' | 'order' | 'fraction'>;
}

function cellsOf(t: Table, limit: number): { columns: string[]; cells: Cell[][] } {
  const fields = t.schema.fields;
  const n = Math.min(t.numRows, limit);
  const cells: Cell[][] = [];
  for (let r = 0; r < n; r++)
    cells.push(
      fields.map((f, c) => {
        const v = readCell(t.getChildAt(c), r);
        const shown = formatValue(v, f);
        if (shown.isNull) return { text: null, number: null };
        const text = shown.full ?? shown.text;
        const number = typeof v === 'number' || typeof v === 'bigint' ? Number(v) : shown.numeric ? Number(text) : null;
        return { text, number: number !== null && Number.isFinite(number) ? number : null };
      }),
    );
  return { columns: fields.map((f) => f.name), cells };
}

/** One side's first rows as the grid shows them, for a side that has nothing to be compared with. */
export function sideRows(t: Table, limit: number): SideRows {
  const { columns, cells } = cellsOf(t, limit);
  return { columns, rows: cells.map((row) => row.map((c) => c.text)) };
}

/** A row's key with numbers by value (so 42 and 42.0 match), and its exact key. */
const looseKey = (row: readonly Cell[]) => JSON.stringify(row.map((c) => (c.number !== null ? c.number : c.text)));
const exactKey = (row: readonly Cell[]) => JSON.stringify(row.map((c) => c.text));

/** Marks, per row of `mine`, the rows with no equal left in `theirs` (a multiset difference). */
function unmatched(mine: readonly Cell[][], theirs: readonly Cell[][], key: (r: readonly Cell[]) => string): boolean[] {
  const left = new Map<string, number>();
  for (const r of theirs) left.set(key(r), (left.get(key(r)) ?? 0) + 1);
  return mine.map((r) => {
    const k = key(r);
    const n = left.get(k) ?? 0;
    if (n === 0) return true;
    left.set(k, n - 1);
    return false;
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Compares the first `limit` rows of each side. `ordered`: the query has an ORDER BY, so the
 * order of rows is part of the answer.
 */
export function compareResults(
  labels: readonly [string, string],
  a: Table,
  b: Table,
  ordered: boolean,
  limit = 1000,
): Comparison {
  const left = cellsOf(a, limit);
  const right = cellsOf(b, limit);
  const kinds = new Set<Comparison['kinds'] extends ReadonlySet<infer K> ? K : never>();
  const summary: string[] = [];
  const [la, lb] = labels;
  const sameNames =
    left.columns.length === right.columns.length &&
    left.columns.every((c, i) => c.toLowerCase() === right.columns[i]?.toLowerCase());
  if (left.columns.length !== right.columns.length) {
    kinds.add('columns');
    summary.push(
      `${la} gives ${plural(left.columns.length, 'column')}, ${lb} ${plural(right.columns.length, 'column')}.`,
    );
  } else if (!sameNames) {
    kinds.add('columns');
    summary.push(
      `The columns are named differently: ${left.columns.join(', ')} in ${la}; ${right.columns.join(', ')} in ${lb}.`,
    );
  }
  const onlyA = unmatched(left.cells, right.cells, looseKey);
  const onlyB = unmatched(right.cells, left.cells, looseKey);
  const differs = new Set<string>();
  const nA = onlyA.filter(Boolean).length;
  const nB = onlyB.filter(Boolean).length;
  if (left.cells.length !== right.cells.length) {
    kinds.add('rows');
    summary.push(`${la} gives ${plural(left.cells.length, 'row')}, ${lb} ${plural(right.cells.length, 'row')}.`);
  }
  if (nA > 0 || nB > 0) {
    // Rows in a known order (or one row), of the same shape: say which values differ, row by row.
    const sameShape = left.cells.length === right.cells.length && left.columns.length === right.columns.length;
    if (sameShape && (ordered || left.cells.length <= 1)) {
      let fraction = false;
      left.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          const other = right.cells[r]?.[c];
          if (!other) return;
          const same =
            cell.number !== null && other.number !== null ? cell.number === other.number : cell.text === other.text;
          if (same) return;
          differs.add(`${r}:${c}`);
          if (cell.number !== null && other.number !== null && Math.trunc(cell.number) === Math.trunc(other.number))
            fraction = true;
        }),
      );
      if (differs.size > 0) {
        kinds.add('values');
        if (fraction) kinds.add('fraction');
        const [first] = differs;
        const [r, c] = (first ?? '0:0').split(':').map(Number) as [number, number];
        summary.push(
          `${plural(differs.size, 'value differs', 'values differ')}; the first, row ${r + 1} ${left.columns[c]}: ` +
            `${left.cells[r]?.[c]?.text ?? 'NULL'} in ${la}, ${right.cells[r]?.[c]?.text ?? 'NULL'} in ${lb}.`,
        );
      }
    } else {
      kinds.add('rows');
      if (nA) summary.push(`${plural(nA, 'row')} only in ${la}.`);
      if (nB) summary.push(`${plural(nB, 'row')} only in ${lb}.`);
    }
  } else if (!kinds.has('rows')) {
    const exactA = unmatched(left.cells, right.cells, exactKey).filter(Boolean).length;
    if (exactA > 0) {
      kinds.add('type');
      summary.push(`The same values, but ${plural(exactA, 'row')} differ in type (such as 42 and 42.0).`);
    }
    const sameOrder = left.cells.every((row, r) => looseKey(row) === looseKey(right.cells[r] ?? []));
    if (ordered && !sameOrder) {
      kinds.add('order');
      summary.push('The same rows, in a different order.');
    }
  }
  const strings = (cells: Cell[][]) => cells.map((row) => row.map((c) => c.text));
  return {
    a: { columns: left.columns, rows: strings(left.cells) },
    b: { columns: right.columns, rows: strings(right.cells) },
    onlyA: left.cells.length === right.cells.length && differs.size > 0 ? onlyA.map(() => false) : onlyA,
    onlyB: left.cells.length === right.cells.length && differs.size > 0 ? onlyB.map(() => false) : onlyB,
    differs,
    summary,
    kinds,
  };
}
