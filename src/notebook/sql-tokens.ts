/**
 * A small SQL lexer for both dialects: identifiers (bare, "quoted", `quoted`,
 * [quoted]), strings, numbers, punctuation and operators. Comments and white
 * space are dropped. It never throws: an unterminated string or identifier
 * runs to the end of the text.
 */
export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'op';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier text without quotes (quotes unescaped); the raw text for other kinds. */
  readonly text: string;
  /** Upper-cased text for bare words, to compare with keywords. */
  readonly upper: string;
  readonly start: number;
  readonly end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const OP = /[-+*/<>=~!@#%^&|?:]/;

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(ch)) i++;
    else if (ch === '-' && next === '-') i = skipTo(sql, '\n', i + 2);
    else if (ch === '/' && next === '*') i = skipTo(sql, '*/', i + 2);
    else {
      const t = readToken(sql, i);
      out.push(t);
      i = t.end;
    }
  }
  return out;
}

function skipTo(sql: string, close: string, from: number): number {
  const j = sql.indexOf(close, from);
  return j < 0 ? sql.length : j + close.length;
}

function token(kind: TokenKind, text: string, start: number, end: number): Token {
  return { kind, text, upper: kind === 'word' ? text.toUpperCase() : text, start, end };
}

function readToken(sql: string, i: number): Token {
  const ch = sql[i] as string;
  if (ch === '"' || ch === '`') return readQuoted(sql, i, ch, ch, 'quoted');
  if (ch === '[') return readQuoted(sql, i, '[', ']', 'quoted');
  if (ch === "'") return readQuoted(sql, i, "'", "'", 'string');
  if (ch === '$') {
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
    if (m) {
      const end = skipTo(sql, m[0], i + m[0].length);
      return token('string', sql.slice(i, end), i, end);
    }
  }
  if (WORD_START.test(ch)) {
    let j = i + 1;
    while (j < sql.length && WORD_PART.test(sql[j] as string)) j++;
    return token('word', sql.slice(i, j), i, j);
  }
  if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
    const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|^[0-9]+\.?/.exec(sql.slice(i));
    const end = i + (m?.[0].length ?? 1);
    return token('number', sql.slice(i, end), i, end);
  }
  if ('(),;.'.includes(ch)) return token('punct', ch, i, i + 1);
  let j = i + 1;
  // An operator never holds `--` or `/*`: they start a comment, even right after one (`=--`, `*/*`).
  const more = (k: number) => OP.test(sql[k] as string) && !sql.startsWith('--', k) && !sql.startsWith('/*', k);
  if (OP.test(ch)) while (j < sql.length && more(j)) j++;
  return token('op', sql.slice(i, j), i, j);
}

/** Reads a quoted identifier or string; a doubled closing quote is an escaped quote. */
function readQuoted(sql: string, i: number, open: string, close: string, kind: 'quoted' | 'string'): Token {
  let j = i + open.length;
  let text = '';
  for (;;) {
    const k = sql.indexOf(close, j);
    if (k < 0) {
      text += sql.slice(j);
      j = sql.length;
      break;
    }
    text += sql.slice(j, k);
    if (close !== ']' && sql[k + 1] === close) {
      text += close;
      j = k + 2;
      continue;
    }
    j = k + 1;
    break;
  }
  return token(kind, kind === 'string' ? sql.slice(i, j) : text, i, j);
}
