/**
 * The scanner behind lexer.ts: SQL text to tokens, following each engine where
 * the dialects differ (measured with native DuckDB 1.5 and sql.js's SQLite):
 *
 * | what                | DuckDB                               | SQLite                            |
 * |---------------------|--------------------------------------|-----------------------------------|
 * | `/* … *\/`          | nests: `/* a /* b *\/ c *\/` is one   | ends at the first `*\/`           |
 * | a `--` comment ends | at `\n` or `\r`                      | at `\n`                           |
 * | `[x]`               | punctuation (a list)                 | a quoted name, no escapes         |
 * | backticks           | an operator character                | a quoted name, doubled to escape  |
 * | `$tag$ … $tag$`     | a string (the tag a name, or empty)  | not a quote: `$tag$` is a param   |
 * | parameters          | `$1`, `$name`, `$"name"`             | `$x`, `:x`, `@x`, `#x` (and more) |
 * | `E'a\'b'`           | a string with backslash escapes      | the word E, then a string         |
 *
 * Both: `'…'` strings and `"…"` names with doubled quotes, `$` inside a word
 * (`a$b`, `a$$`) is part of the word, and `?` is an operator token. Never throws: an unclosed string,
 * name or comment runs to the end of the text (`closed: false`).
 */
export type Dialect = 'duckdb' | 'sqlite';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'op' | 'comment';

export interface Token {
  readonly kind: TokenKind;
  /** A quoted name's text without quotes (quotes unescaped); the raw text for other kinds. */
  readonly text: string;
  /** Upper-cased text for bare words, to compare with keywords; the text for other kinds. */
  readonly upper: string;
  readonly start: number;
  readonly end: number;
  /** False for a string, quoted name or comment that runs to the end of the text unclosed. */
  readonly closed: boolean;
}

const SPACE = /\s/;
const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const NUMBER = /[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.?/y;
const OP = /[-+*/<>=~!@#%^&|?:]/;
/** A dollar-quote delimiter: `$$` or `$tag$`, the tag following identifier rules (`$1$` is not one). */
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const DUCKDB_PARAM = /\$(?:[0-9]+|[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)/y;

export function scan(sql: string, dialect: Dialect): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    if (SPACE.test(sql[i] as string)) {
      i++;
      continue;
    }
    const t = readToken(sql, i, dialect);
    out.push(t);
    i = t.end;
  }
  return out;
}

function token(kind: TokenKind, sql: string, start: number, end: number, closed = true, text?: string): Token {
  const t = text ?? sql.slice(start, end);
  return { kind, text: t, upper: kind === 'word' ? t.toUpperCase() : t, start, end, closed };
}

function readToken(sql: string, i: number, d: Dialect): Token {
  const ch = sql[i] as string;
  const next = sql[i + 1];
  if (ch === '-' && next === '-') return lineComment(sql, i, d);
  if (ch === '/' && next === '*') return blockComment(sql, i, d);
  if (ch === "'") return quoted(sql, i, i + 1, "'", 'string', false);
  if (ch === '"') return quoted(sql, i, i + 1, '"', 'quoted', false);
  if (d === 'sqlite' && ch === '`') return quoted(sql, i, i + 1, '`', 'quoted', false);
  if (d === 'sqlite' && ch === '[') return quoted(sql, i, i + 1, ']', 'quoted', false);
  if (d === 'duckdb' && (ch === 'E' || ch === 'e') && next === "'") return quoted(sql, i, i + 2, "'", 'string', true);
  const variable = d === 'duckdb' ? duckdbDollar(sql, i) : sqliteVariable(sql, i);
  if (variable) return variable;
  if (WORD_START.test(ch)) {
    // A whole word at once, so a `$` inside it never opens a dollar quote.
    let j = i + 1;
    while (j < sql.length && WORD_PART.test(sql[j] as string)) j++;
    return token('word', sql, i, j);
  }
  if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(next ?? ''))) {
    NUMBER.lastIndex = i;
    return token('number', sql, i, i + (NUMBER.exec(sql)?.[0].length ?? 1));
  }
  if ('(),;.'.includes(ch) || (d === 'duckdb' && (ch === '[' || ch === ']'))) return token('punct', sql, i, i + 1);
  return operator(sql, i, d);
}

function operator(sql: string, i: number, d: Dialect): Token {
  const isOp = (c: string) => OP.test(c) || (d === 'duckdb' && c === '`');
  let j = i + 1;
  // An operator never holds `--` or `/*`: they start a comment, even right after one (`=--`, `*/*`).
  // In SQLite it never holds the start of a parameter either (`=:x`).
  const more = (k: number) =>
    isOp(sql[k] as string) &&
    !sql.startsWith('--', k) &&
    !sql.startsWith('/*', k) &&
    !(d === 'sqlite' && sqliteVariable(sql, k));
  if (isOp(sql[i] as string)) while (j < sql.length && more(j)) j++;
  return token('op', sql, i, j);
}

function lineComment(sql: string, i: number, d: Dialect): Token {
  let j = i + 2;
  while (j < sql.length && sql[j] !== '\n' && !(d === 'duckdb' && sql[j] === '\r')) j++;
  return token('comment', sql, i, j);
}

function blockComment(sql: string, i: number, d: Dialect): Token {
  let depth = 1;
  let j = i + 2;
  while (j < sql.length) {
    if (sql.startsWith('*/', j)) {
      j += 2;
      if (--depth === 0) return token('comment', sql, i, j);
    } else if (d === 'duckdb' && sql.startsWith('/*', j)) {
      depth++;
      j += 2;
    } else j++;
  }
  return token('comment', sql, i, sql.length, false);
}

/**
 * A string or quoted name from `from` (just past the opening quote) to its closing `close`;
 * a doubled closing quote is an escaped one (not in SQLite's [brackets]), and with
 * `backslash` a backslash escapes the next character.
 */
function quoted(
  sql: string,
  i: number,
  from: number,
  close: string,
  kind: 'quoted' | 'string',
  backslash: boolean,
): Token {
  let text = '';
  let j = from;
  for (;;) {
    const k = sql.indexOf(close, j);
    if (backslash) {
      const b = sql.indexOf('\\', j);
      if (b >= 0 && (k < 0 || b < k)) {
        text += sql.slice(j, b + 2);
        j = b + 2;
        continue;
      }
    }
    if (k < 0) {
      text += sql.slice(j);
      return token(kind, sql, i, sql.length, false, kind === 'string' ? undefined : text);
    }
    text += sql.slice(j, k);
    if (close !== ']' && sql[k + 1] === close) {
      text += close;
      j = k + 2;
      continue;
    }
    return token(kind, sql, i, k + 1, true, kind === 'string' ? undefined : text);
  }
}

/** DuckDB: `$tag$…$tag$` and `$$…$$` strings, `$1` and `$name` (or `$"name"`) parameters; null for a lone `$`. */
function duckdbDollar(sql: string, i: number): Token | null {
  if (sql[i] !== '$') return null;
  DOLLAR_TAG.lastIndex = i;
  const tag = DOLLAR_TAG.exec(sql)?.[0];
  if (tag !== undefined) {
    const close = sql.indexOf(tag, i + tag.length);
    return close < 0 ? token('string', sql, i, sql.length, false) : token('string', sql, i, close + tag.length);
  }
  if (sql[i + 1] === '"') {
    const name = quoted(sql, i + 1, i + 2, '"', 'quoted', false);
    return token('param', sql, i, name.end, name.closed);
  }
  DUCKDB_PARAM.lastIndex = i;
  const param = DUCKDB_PARAM.exec(sql)?.[0];
  return param === undefined ? null : token('param', sql, i, i + param.length);
}

/**
 * SQLite's variables, as its tokenizer reads them: `$`, `:`, `@` or `#`, then name
 * characters (`$` included), `::` pairs, and an optional `(…)` suffix up to white space.
 */
function sqliteVariable(sql: string, i: number): Token | null {
  if (!'$:@#'.includes(sql[i] as string)) return null;
  let n = 0;
  let j = i + 1;
  for (; j < sql.length; j++) {
    const c = sql[j] as string;
    if (WORD_PART.test(c)) n++;
    else if (c === '(' && n > 0) {
      do j++;
      while (j < sql.length && !SPACE.test(sql[j] as string) && sql[j] !== ')');
      if (sql[j] === ')') j++;
      break;
    } else if (c === ':' && sql[j + 1] === ':') j++;
    else break;
  }
  return n > 0 ? token('param', sql, i, j) : null;
}
