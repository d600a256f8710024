/**
 * A DuckDB result moved to SQLite: the SQL that reads it in a form SQLite stores exactly, and a
 * note for each column whose type or form changed. SQLite has five storage classes, so a
 * DuckDB type either maps to one of them value for value, or becomes text by a fixed rule:
 *
 * | DuckDB | SQLite | Note |
 * |---|---|---|
 * | BOOLEAN, integers up to BIGINT, UTINYINT…UINTEGER | INTEGER | – |
 * | UBIGINT, HUGEINT, UHUGEINT | INTEGER when every value fits 64 bits, else TEXT (its digits) | when TEXT |
 * | DECIMAL(w,s) | REAL when every value has at most 15 digits, else TEXT (its digits) | when TEXT |
 * | FLOAT, DOUBLE | REAL | when NaN became NULL |
 * | VARCHAR, ENUM, UUID | TEXT | – |
 * | BLOB | BLOB | – |
 * | DATE, TIME, TIME_NS, TIMESTAMP (any unit) | TEXT as DuckDB prints it (`2024-01-01 12:00:00.003003`, `infinity`) | – |
 * | TIMESTAMPTZ, TIMETZ | TEXT, ISO-8601 with its offset (`…+00:00`) | yes |
 * | INTERVAL | TEXT, an ISO-8601 duration (`P1210Y9M`) | yes |
 * | BIT | TEXT of its bits | yes |
 * | UNION | TEXT of its value | yes |
 * | LIST, ARRAY, STRUCT, MAP | TEXT holding JSON | yes |
 *
 * Which rule a column takes may depend on its values (does every UBIGINT fit 64 bits?); those
 * questions are asked in one aggregate query first (`moveChecks`).
 */
import { quoteIdent } from '../sql/quote';
import { parseDuckdbType, type DuckType } from './duckdb-types';

/** A column of the stored result, as DESCRIBE gives it. */
export interface MoveColumn {
  readonly name: string;
  readonly type: string;
}

/** What the check query found for a column (keyed by the column's position). */
export type MoveFacts = ReadonlyMap<number, number | boolean>;

const SMALL_INTS = new Set([
  'BOOLEAN',
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
]);
const WIDE_INTS = new Set(['UBIGINT', 'HUGEINT', 'UHUGEINT']);
const FLOATS = new Set(['FLOAT', 'DOUBLE']);
const AS_TEXT = new Set([
  'VARCHAR',
  'ENUM',
  'UUID',
  'DATE',
  'TIME',
  'TIME_NS',
  'TIMESTAMP',
  'TIMESTAMP_S',
  'TIMESTAMP_MS',
  'TIMESTAMP_NS',
]);
const NESTED = new Set(['LIST', 'ARRAY', 'STRUCT', 'MAP']);
/** Leaves that JSON writes as numbers: DuckDB's text of them is a valid JSON number. */
const JSON_NUMBERS = new Set([...SMALL_INTS, ...WIDE_INTS, 'DECIMAL'].filter((t) => t !== 'BOOLEAN'));
/** The most digits a REAL keeps: any decimal of at most 15 significant digits reads back the same. */
const REAL_DIGITS = 15;
const INT64_MAX = '9223372036854775807';

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** DECIMAL(w,s)'s width and scale (DuckDB always writes both). */
function decimalShape(typeText: string): { width: number; scale: number } {
  const m = /DECIMAL\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)/i.exec(typeText);
  return { width: Number(m?.[1] ?? 18), scale: Number(m?.[2] ?? 3) };
}

/**
 * The aggregate each column needs answered before its rule is known, or null: does every
 * value fit 64 bits, does every decimal have at most 15 digits, how many NaN.
 */
function checkOf(col: MoveColumn): string | null {
  const c = quoteIdent(col.name);
  const { base } = parseDuckdbType(col.type);
  if (base === 'UBIGINT' || base === 'UHUGEINT') return `coalesce(bool_and(${c} <= ${INT64_MAX}), true)`;
  if (base === 'HUGEINT') return `coalesce(bool_and(${c} BETWEEN -${INT64_MAX} - 1 AND ${INT64_MAX}), true)`;
  if (base === 'DECIMAL') {
    const { width, scale } = decimalShape(col.type);
    if (width <= REAL_DIGITS) return null;
    return `coalesce(max(abs(${c})) < 1e${REAL_DIGITS - scale}, true)`;
  }
  if (FLOATS.has(base)) return `count(*) FILTER (WHERE isnan(${c}))`;
  return null;
}

/** The check query over `from` (a qualified table name), or null when no column needs one. */
export function moveChecks(columns: readonly MoveColumn[], from: string): string | null {
  const parts = columns.flatMap((col, i) => {
    const check = checkOf(col);
    return check ? [`${check} AS c${i}`] : [];
  });
  return parts.length ? `SELECT ${parts.join(', ')} FROM ${from}` : null;
}

/** The facts of a check query's one row, keyed by column position. */
export function readFacts(row: Readonly<Record<string, unknown>> | undefined): MoveFacts {
  const facts = new Map<number, number | boolean>();
  for (const [key, value] of Object.entries(row ?? {})) {
    const i = Number(key.slice(1));
    facts.set(i, typeof value === 'boolean' ? value : Number(value));
  }
  return facts;
}

/** A JSON string of SQL text `s`: quotes, backslashes and control characters escaped. */
function jsonString(s: string, depth: number): string {
  const ch = `ch${depth}`;
  const escaped =
    `array_to_string(list_transform(string_split(${s}, ''), ${ch} -> CASE WHEN ${ch} = '"' THEN '\\"' ` +
    `WHEN ${ch} = '\\' THEN '\\\\' WHEN ord(${ch}) < 32 THEN '\\u' || lpad(lower(to_hex(ord(${ch}))), 4, '0') ` +
    `ELSE ${ch} END), '')`;
  return `'"' || CASE WHEN regexp_matches(${s}, '[\\x00-\\x1f"\\\\]') THEN ${escaped} ELSE ${s} END || '"'`;
}

/** A list of JSON texts joined between brackets; array_to_string gives NULL for an empty list. */
function joined(e: string, list: string, open: string, close: string): string {
  return `CASE WHEN ${e} IS NULL THEN NULL ELSE '${open}' || coalesce(array_to_string(${list}, ','), '') || '${close}' END`;
}

/** SQL for the JSON text of `e`, of type `t`; NULL when `e` is NULL. */
export function jsonOf(e: string, t: DuckType, depth = 0): string {
  const x = `x${depth}`;
  const orNull = (inner: string) => `coalesce(${inner}, 'null')`;
  if (t.base === 'LIST' || t.base === 'ARRAY') {
    const child = t.children[0] ?? { base: 'VARCHAR', children: [] };
    return joined(e, `list_transform(${e}, ${x} -> ${orNull(jsonOf(x, child, depth + 1))})`, '[', ']');
  }
  if (t.base === 'STRUCT') {
    const members = t.children.map((child, i) => {
      const name = t.names?.[i] ?? '';
      const value = jsonOf(`struct_extract(${e}, ${sqlString(name)})`, child, depth + 1);
      return `${sqlString(`${i ? ',' : ''}${JSON.stringify(name)}:`)} || ${orNull(value)}`;
    });
    // A NULL struct is NULL, not an object of nulls.
    return `CASE WHEN ${e} IS NULL THEN NULL ELSE '{' || ${members.join(' || ')} || '}' END`;
  }
  if (t.base === 'MAP') {
    // JSON keys are strings: a key is written as DuckDB's text of it, in entry order.
    const value = t.children[1] ?? { base: 'VARCHAR', children: [] };
    const keyText = jsonString(`CAST(${x}.key AS VARCHAR)`, depth + 1);
    const entry = `${keyText} || ':' || ${orNull(jsonOf(`${x}.value`, value, depth + 1))}`;
    return joined(e, `list_transform(map_entries(${e}), ${x} -> ${entry})`, '{', '}');
  }
  if (t.base === 'BOOLEAN') return `CAST(${e} AS VARCHAR)`;
  if (JSON_NUMBERS.has(t.base)) return `CAST(${e} AS VARCHAR)`;
  if (FLOATS.has(t.base)) {
    // JSON has no NaN or infinity: those are written as DuckDB's text of them, in a string.
    return `CASE WHEN isnan(${e}) OR isinf(${e}) THEN '"' || CAST(${e} AS VARCHAR) || '"' ELSE CAST(${e} AS VARCHAR) END`;
  }
  if (t.base === 'NULL') return 'NULL';
  return jsonString(`CAST(${e} AS VARCHAR)`, depth);
}

/** `-12` and `+05:30` at the end of DuckDB's text of a time with a zone, as ISO-8601's `-12:00`. */
const isoOffset = (e: string) => `regexp_replace(CAST(${e} AS VARCHAR), '([+-]\\d\\d)$', '\\1:00')`;

/** An INTERVAL as an ISO-8601 duration: P1Y2M3DT4H5M6.000007S, zero parts left out, PT0S when all are zero. */
function isoDuration(e: string): string {
  const part = (unit: string, letter: string) =>
    `CASE WHEN datepart('${unit}', ${e}) <> 0 THEN datepart('${unit}', ${e}) || '${letter}' ELSE '' END`;
  const micros = `datepart('microseconds', ${e})`;
  const seconds = `CASE WHEN ${micros} <> 0 THEN rtrim(rtrim(printf('%.6f', ${micros} / 1000000), '0'), '.') || 'S' ELSE '' END`;
  const date = [part('year', 'Y'), part('month', 'M'), part('day', 'D')].join(' || ');
  const time = [part('hour', 'H'), part('minute', 'M'), seconds].join(' || ');
  return (
    `CASE WHEN ${e} IS NULL THEN NULL WHEN ${e} = INTERVAL 0 SECOND THEN 'PT0S' ` +
    `ELSE 'P' || ${date} || CASE WHEN (${time}) <> '' THEN 'T' || ${time} ELSE '' END END`
  );
}

/** The select list that reads the result for SQLite, and a note per column that changed. */
export function moveSelect(columns: readonly MoveColumn[], facts: MoveFacts): { select: string; notes: string[] } {
  const notes: string[] = [];
  const exprs = columns.map((col, i) => {
    const c = quoteIdent(col.name);
    const t = parseDuckdbType(col.type);
    const note = (what: string) => notes.push(`${col.name}: ${col.type} → ${what}`);
    const as = (e: string) => `${e} AS ${c}`;
    if (SMALL_INTS.has(t.base) || t.base === 'BLOB' || t.base === 'NULL') return c;
    if (WIDE_INTS.has(t.base)) {
      if (facts.get(i) !== false) return as(`CAST(${c} AS BIGINT)`);
      note(`TEXT, since some values pass SQLite's 64-bit INTEGER (largest ${INT64_MAX})`);
      return as(`CAST(${c} AS VARCHAR)`);
    }
    if (t.base === 'DECIMAL') {
      if (facts.get(i) !== false) return as(`CAST(${c} AS DOUBLE)`);
      note(`TEXT, since some values have more than ${REAL_DIGITS} digits, which REAL would round`);
      return as(`CAST(${c} AS VARCHAR)`);
    }
    if (FLOATS.has(t.base)) {
      const nan = Number(facts.get(i) ?? 0);
      if (nan > 0) note(`REAL, and its ${nan === 1 ? 'NaN' : `${nan} NaN values`} became NULL (SQLite has no NaN)`);
      return as(`CAST(${c} AS DOUBLE)`);
    }
    if (AS_TEXT.has(t.base)) return as(`CAST(${c} AS VARCHAR)`);
    if (t.base === 'TIMESTAMP WITH TIME ZONE') {
      note('TEXT in UTC, ISO-8601 with its offset, e.g. 2024-01-01 07:00:00+00:00');
      return as(isoOffset(c));
    }
    if (t.base === 'TIME WITH TIME ZONE') {
      note('TEXT, ISO-8601 with its offset, e.g. 02:30:00-12:00');
      return as(isoOffset(c));
    }
    if (t.base === 'INTERVAL') {
      note('TEXT, an ISO-8601 duration, e.g. P1Y2M3DT4H5M6S');
      return as(isoDuration(c));
    }
    if (t.base === 'BIT') {
      note('TEXT of its bits');
      return as(`CAST(${c} AS VARCHAR)`);
    }
    if (NESTED.has(t.base)) {
      note('TEXT holding JSON (read it with json_extract or json_each)');
      return as(jsonOf(c, t));
    }
    note(`TEXT, as DuckDB prints it`);
    return as(`CAST(${c} AS VARCHAR)`);
  });
  return { select: exprs.join(', ') || '*', notes };
}
