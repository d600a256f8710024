/**
 * Splits a cell's SQL into statements with a small lexer that knows strings,
 * quoted identifiers, comments and dollar quotes, so a ';' inside any of them
 * never splits. Both engines get one statement at a time, which lets an error
 * name the statement that failed and its position in the cell.
 */
export interface Statement {
  /** The statement text, without the trailing ';'. */
  readonly text: string;
  /** Offset of `text` in the cell source. */
  readonly start: number;
  readonly end: number;
}

export function splitStatements(sql: string): Statement[] {
  const out: Statement[] = [];
  let start = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i];
    if (ch === ';') {
      pushStatement(sql, start, i, out);
      start = i + 1;
      i++;
    } else {
      i = skipToken(sql, i);
    }
  }
  pushStatement(sql, start, n, out);
  return out;
}

/** Identifiers as sql-tokens.ts reads them: `$` may continue one (`a$$` is a name, as in DuckDB and SQLite). */
const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const NUMBER = /[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.?/y;

/** Returns the index just past the token starting at i (or i + 1 for plain characters). */
function skipToken(sql: string, i: number): number {
  const ch = sql[i];
  const next = sql[i + 1];
  if (ch !== undefined && WORD_START.test(ch) && !/\s/.test(ch)) {
    // A whole word at once, so a `$` inside it never opens a dollar quote.
    let j = i + 1;
    while (j < sql.length && WORD_PART.test(sql[j] as string)) j++;
    return j;
  }
  if (/[0-9]/.test(ch ?? '') || (ch === '.' && /[0-9]/.test(next ?? ''))) {
    // A number at once, as sql-tokens.ts reads it: the `e3` of `1.5e3` is not a word.
    NUMBER.lastIndex = i;
    return i + (NUMBER.exec(sql)?.[0].length ?? 1);
  }
  if (ch === '-' && next === '-') return endOf(sql, '\n', i + 2);
  if (ch === '/' && next === '*') return endOf(sql, '*/', i + 2);
  if (ch === "'" || ch === '"' || ch === '`') return endOfQuoted(sql, ch, i + 1);
  if (ch === '$') {
    // Tags follow identifier rules ($tag1$ is valid); $1 is a parameter, not a quote.
    const m = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
    if (m) return endOf(sql, m[0], i + m[0].length);
  }
  return i + 1;
}

function endOf(sql: string, close: string, from: number): number {
  const j = sql.indexOf(close, from);
  return j < 0 ? sql.length : j + close.length;
}

/** Quotes are escaped by doubling them, in both dialects. */
function endOfQuoted(sql: string, quote: string, from: number): number {
  let j = from;
  for (;;) {
    const k = sql.indexOf(quote, j);
    if (k < 0) return sql.length;
    if (sql[k + 1] === quote) {
      j = k + 2;
      continue;
    }
    return k + 1;
  }
}

function pushStatement(sql: string, from: number, to: number, out: Statement[]): void {
  const raw = sql.slice(from, to);
  if (stripComments(raw).trim() === '') return;
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  out.push({ text, start: from + lead, end: from + lead + text.length });
}

/** Removes comments (not strings), used to decide whether a chunk holds any SQL. */
export function stripComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if ((ch === '-' && next === '-') || (ch === '/' && next === '*')) {
      i = skipToken(sql, i);
      out += ' ';
      continue;
    }
    const j = skipToken(sql, i);
    out += sql.slice(i, j);
    i = j;
  }
  return out;
}

/** The first keyword of a statement, upper-cased, skipping comments and opening parentheses. */
export function firstKeyword(statement: string): string {
  const m = /^[\s(]*([A-Za-z_]+)/.exec(stripComments(statement));
  return m?.[1]?.toUpperCase() ?? '';
}

const QUERY_KEYWORDS = new Set([
  'SELECT',
  'WITH',
  'FROM',
  'VALUES',
  'TABLE',
  'SUMMARIZE',
  'DESCRIBE',
  'SHOW',
  'PIVOT',
  'UNPIVOT',
]);

/** True when a statement is a plain query whose rows can be wrapped in another query. */
export function isQueryStatement(statement: string): boolean {
  return QUERY_KEYWORDS.has(firstKeyword(statement));
}

/** Converts an offset in `text` into a 1-based line and column. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
