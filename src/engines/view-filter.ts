/**
 * The WHERE clause of a result view, and the pieces every view query is built
 * from. A filter's value is typed by the user and saved in files and links, so
 * it only ever reaches an engine as a bound parameter: the SQL text holds a `?`,
 * inside a cast to a type from a fixed list where the engine could not tell.
 */
import type { ColumnFilter, SortKey } from '../notebook/view-settings';
import { NotebookError } from '../sql/errors';
import type { BoundSql, SqlParam } from './engine';
import { quoteIdent } from '../sql/quote';

export type Dialect = 'duckdb' | 'sqlite';

/** What a column holds, as far as building SQL for it is concerned. */
export type ColumnKind = 'number' | 'text' | 'temporal' | 'boolean' | 'nested' | 'binary' | 'other';

export interface ViewColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** DuckDB's name for the column's type, where the engine said it: some types are read as their text (duckdb-types.ts). */
  readonly type?: string;
}

export interface ViewQuery {
  readonly sort?: readonly SortKey[];
  readonly filters?: readonly ColumnFilter[];
}

/** Joins pieces of SQL; each bound piece's params follow in order, as its placeholders do in the text. */
export function bound(...parts: readonly (string | BoundSql)[]): BoundSql {
  let sql = '';
  const params: SqlParam[] = [];
  for (const p of parts) {
    if (typeof p === 'string') sql += p;
    else {
      sql += p.sql;
      params.push(...p.params);
    }
  }
  return { sql, params };
}

/** A number the page computed, as SQL. NaN or an infinity would make wrong SQL, so they are refused. */
export function sqlNumber(n: number): string {
  if (!Number.isFinite(n)) {
    throw new NotebookError({ code: 'internal', message: `A view query was given ${n} where a number belongs.` });
  }
  // In parentheses when negative, so `x - -1` can never read as `x --1`, a comment.
  return n < 0 ? `(${n})` : String(n);
}

/** A whole number the page computed (a limit, a count of bins), as SQL. */
export function sqlInt(n: number): string {
  if (!Number.isSafeInteger(n)) {
    throw new NotebookError({ code: 'internal', message: `A view query was given ${n} where a whole number belongs.` });
  }
  return sqlNumber(n);
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const PLAIN = /^[-+]?(\d*)(?:\.(\d*))?$/;

const INT32 = 2n ** 31n;
const INT64 = 2n ** 63n;
const INT128 = 2n ** 127n;

/**
 * The type DuckDB gives `v` written as a literal, so the bound text compares as the
 * literal did: exactly, with the column widened where needed. Left to itself DuckDB
 * would cast the parameter to the column's type, and `> 1.5` on a BIGINT would
 * become `> 2`.
 */
function duckdbNumberType(v: string): string {
  const m = PLAIN.exec(v);
  // An exponent: DuckDB reads 1e3 as a DOUBLE.
  if (!m) return 'DOUBLE';
  const whole = (m[1] ?? '').replace(/^0+/, '');
  const fraction = m[2];
  if (fraction === undefined) {
    const n = BigInt(v);
    const size = n < 0n ? -n : n + 1n;
    if (size <= INT32) return 'INTEGER';
    if (size <= INT64) return 'BIGINT';
    return size <= INT128 ? 'HUGEINT' : 'DOUBLE';
  }
  const digits = whole.length + fraction.length;
  return digits > 38 ? 'DOUBLE' : `DECIMAL(${sqlInt(Math.max(1, digits))}, ${sqlInt(fraction.length)})`;
}

/**
 * DuckDB compares a UHUGEINT with an INTEGER or BIGINT by casting the column to BIGINT, which
 * fails past 2^63, and with a DECIMAL by casting it to DECIMAL(38), which fails past 10^38; with
 * a HUGEINT or a DOUBLE it compares every value (measured in DuckDB 1.5).
 */
function forColumn(literalType: string, columnType: string | undefined): string {
  if (columnType !== 'UHUGEINT') return literalType;
  return literalType === 'INTEGER' || literalType === 'BIGINT'
    ? 'HUGEINT'
    : literalType === 'HUGEINT'
      ? literalType
      : 'DOUBLE';
}

/** The right-hand side of a comparison with `value`, and its parameter. */
function operand(d: Dialect, value: string, kind: ColumnKind | undefined, type?: string): BoundSql {
  const v = value.trim();
  if (kind === 'number' && NUMBER.test(v)) {
    // SQLite: CAST … AS NUMERIC reads the text exactly, as an INTEGER when whole (64-bit), else a REAL.
    return {
      sql: d === 'duckdb' ? `CAST(? AS ${forColumn(duckdbNumberType(v), type)})` : 'CAST(? AS NUMERIC)',
      params: [v],
    };
  }
  if (kind === 'boolean' && /^(true|false)$/i.test(v)) {
    const yes = v.toLowerCase() === 'true';
    // SQLite has no booleans: true is 1.
    return d === 'duckdb'
      ? { sql: 'CAST(? AS BOOLEAN)', params: [yes ? 'true' : 'false'] }
      : { sql: '?', params: [yes ? 1 : 0] };
  }
  // Text: DuckDB casts it to the column's type (a date, a timestamp…), as it did a string literal.
  return { sql: '?', params: [v] };
}

function asText(d: Dialect, column: string): string {
  return `CAST(${quoteIdent(column)} AS ${d === 'duckdb' ? 'VARCHAR' : 'TEXT'})`;
}

type Comparison = Exclude<ColumnFilter['op'], 'contains' | 'is-null' | 'not-null'>;
const COMPARE: Record<Comparison, string> = { equals: '=', 'not-equals': '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** The operator from the fixed table; anything else (settings that skipped their check) is refused. */
function comparison(op: Comparison): string {
  if (!Object.hasOwn(COMPARE, op)) {
    throw new NotebookError({ code: 'internal', message: `A filter has an unknown operator.` });
  }
  return COMPARE[op];
}

export function filterSql(d: Dialect, f: ColumnFilter, kind: ColumnKind | undefined, type?: string): BoundSql {
  const col = quoteIdent(f.column);
  switch (f.op) {
    case 'is-null':
      return bound(`${col} IS NULL`);
    case 'not-null':
      return bound(`${col} IS NOT NULL`);
    case 'contains': {
      // instr/contains, not LIKE: a '%' or '_' the user types is meant literally.
      const haystack = `lower(${asText(d, f.column)})`;
      const sql = d === 'duckdb' ? `contains(${haystack}, lower(?))` : `instr(${haystack}, lower(?)) > 0`;
      return { sql, params: [f.value] };
    }
    default: {
      // Nested and binary values compare as their text; everything else compares natively.
      const lhs = kind === 'nested' || kind === 'binary' ? asText(d, f.column) : col;
      return bound(`${lhs} ${comparison(f.op)} `, operand(d, f.value, kind, type));
    }
  }
}

export function whereSql(
  d: Dialect,
  filters: readonly ColumnFilter[] | undefined,
  columns: readonly ViewColumn[],
): BoundSql {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const parts = (filters ?? [])
    .filter((f) => byName.has(f.column))
    .flatMap((f, i) => {
      const c = byName.get(f.column);
      return [i === 0 ? ' WHERE (' : ' AND (', filterSql(d, f, c?.kind, c?.type), ')'];
    });
  return bound(...parts);
}
