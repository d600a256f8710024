/**
 * Where in a statement an engine's error points. Neither engine gives an offset
 * directly:
 *
 * - DuckDB prints the offending line with a caret under the error
 *   (`LINE 1: SELECT * FRM t` / `^`), in a window of a long line that may start
 *   with "...", so the column is found by locating the snippet in the real line.
 * - SQLite (through sql.js) names a token or an object: `near "SELEC": syntax
 *   error`, `unrecognized token: "'abc"`, `incomplete input`, `no such table:
 *   main.foo`, `no such column: t.x`, … so the offset is found by searching the
 *   statement for it, in code only: the lexer's tokens say what is a comment, a
 *   string or a quoted name.
 */
import type { TextPosition } from './errors';
import { tokenize, type Token } from './lexer';

/** 1-based line and column within the statement text that was sent. */
export type StatementPosition = TextPosition;

export function duckdbErrorPosition(message: string, sentText: string): StatementPosition | null {
  const lines = message.split('\n');
  const at = lines.findIndex((l) => /^LINE \d+: /.test(l));
  if (at < 0) return null;
  const head = /^LINE (\d+): /.exec(lines[at] ?? '');
  const caretLine = lines[at + 1] ?? '';
  const caret = caretLine.indexOf('^');
  if (!head || caret < 0) return null;
  const lineNo = Number(head[1]);
  const prefix = head[0].length;
  let snippet = (lines[at] ?? '').slice(prefix);
  let caretInSnippet = caret - prefix;
  if (snippet.startsWith('...')) {
    snippet = snippet.slice(3);
    caretInSnippet -= 3;
  }
  snippet = snippet.replace(/\.\.\.$/, '');
  const real = sentText.split('\n')[lineNo - 1] ?? '';
  const found = real.indexOf(snippet.slice(0, Math.max(1, Math.min(snippet.length, 40))));
  const column = (found >= 0 ? found : 0) + Math.max(0, caretInSnippet) + 1;
  return { line: lineNo, column: Math.min(column, real.length + 1) };
}

/** Tells whether preparing `sqlPrefix` fails with exactly `message`; lets the caller resolve repeated tokens. */
export type SyntaxProbe = (sqlPrefix: string, message: string) => boolean;

/** Offset (0-based, in `statement`) a SQLite message points at, or null when it names nothing locatable. */
export function sqliteErrorOffset(message: string, statement: string, probe?: SyntaxProbe): number | null {
  const msg = message.trim();
  if (msg === 'incomplete input') return statement.length;
  const near = /^near "([\s\S]*)": syntax error$/.exec(msg);
  if (near?.[1] !== undefined) return nearTokenOffset(near[1], msg, statement, probe);
  const token = /^unrecognized token: "([\s\S]*)"$/.exec(msg);
  if (token?.[1] !== undefined) return tokenCandidates(statement, token[1])[0] ?? null;
  const name = namedObject(msg);
  return name === null ? null : nameOffset(statement, name);
}

/**
 * The error token may occur several times ("near ")"" in `max(a), min(b))`).
 * SQLite parses left to right, so the failing occurrence is the first one where
 * the statement cut just after it already fails with the same message.
 */
function nearTokenOffset(token: string, message: string, statement: string, probe?: SyntaxProbe): number | null {
  const candidates = tokenCandidates(statement, token);
  if (probe && candidates.length > 1) {
    const hit = candidates.find((at) => probe(statement.slice(0, at + token.length), message));
    if (hit !== undefined) return hit;
  }
  return candidates[0] ?? null;
}

const NAME_PATTERNS: readonly RegExp[] = [
  /^no such (?:table|column|function|view|index|trigger|module|database|collation sequence): (.+?)(?: - should this be a string literal in single-quotes\?)?$/,
  /^ambiguous column name: (.+)$/,
  /^(?:table|index|view|trigger) (.+) already exists$/,
  /^table (.+) has \d+ columns but \d+ values were supplied$/,
  /^wrong number of arguments to function (.+)\(\)$/,
  /^misuse of (?:aggregate|window)(?: function)?:? (.+)\(\)$/,
];

/** The table, column or function name a SQLite message is about. */
export function namedObject(message: string): string | null {
  for (const re of NAME_PATTERNS) {
    const m = re.exec(message);
    if (m?.[1]) return /^"(.*)"$/.exec(m[1])?.[1] ?? m[1];
  }
  return null;
}

/** Where a (possibly dotted) name is written: `t.x`, `"t"."x"` or just `x`. */
function nameOffset(statement: string, name: string): number | null {
  const parts = name.split('.');
  const last = parts[parts.length - 1] ?? name;
  const hits = identifierCandidates(statement, last);
  if (parts.length > 1) {
    const qualifier = parts.slice(0, -1).join('.');
    const qualified = hits
      .map((at) => qualifierStart(statement, at, qualifier))
      .find((start): start is number => start !== null);
    if (qualified !== undefined) return qualified;
  }
  // A name with a dot in it may also be one quoted identifier: "my.table".
  return hits[0] ?? identifierCandidates(statement, name)[0] ?? null;
}

/** If `qualifier.` (optionally quoted, with spaces) is written right before `at`, its start. */
function qualifierStart(statement: string, at: number, qualifier: string): number | null {
  const before = statement.slice(0, at);
  const escaped = qualifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:"${escaped}"|\`${escaped}\`|\\[${escaped}\\]|${escaped})\\s*\\.\\s*["\`[]?$`, 'i').exec(
    before,
  );
  return m ? m.index : null;
}

/** Offsets where `token` starts a token in code (not inside a comment or string). */
function tokenCandidates(statement: string, token: string): number[] {
  if (token === '') return [];
  const tokens = tokenize(statement, 'sqlite');
  const wordy = isIdentChar(token[0] ?? '') && isIdentChar(token[token.length - 1] ?? '');
  return occurrences(statement, token, false).filter(
    (at) => charClass(tokens, at) === 'code' && (!wordy || atWordBoundary(statement, at, token.length)),
  );
}

/** Offsets where an identifier is written, bare or inside a quoted identifier, matched case-insensitively. */
function identifierCandidates(statement: string, name: string): number[] {
  if (name === '') return [];
  const tokens = tokenize(statement, 'sqlite');
  return occurrences(statement, name, true).filter((at) => {
    const cls = charClass(tokens, at);
    return (cls === 'code' || cls === 'ident') && atWordBoundary(statement, at, name.length);
  });
}

function occurrences(text: string, needle: string, ignoreCase: boolean): number[] {
  const hay = ignoreCase ? text.toLowerCase() : text;
  const pin = ignoreCase ? needle.toLowerCase() : needle;
  const out: number[] = [];
  for (let at = hay.indexOf(pin); at >= 0 && out.length < 64; at = hay.indexOf(pin, at + 1)) out.push(at);
  return out;
}

function isIdentChar(ch: string): boolean {
  return /[\p{L}\p{N}_$]/u.test(ch);
}

function atWordBoundary(text: string, at: number, length: number): boolean {
  return !isIdentChar(text[at - 1] ?? ' ') && !isIdentChar(text[at + length] ?? ' ');
}

export type CharClass = 'code' | 'comment' | 'string' | 'ident';

/**
 * What the character at `at` is part of, from SQLite tokens (one-character quotes).
 * Quote characters count as code, so a token such as `'abc'` starts in code.
 */
export function charClass(tokens: readonly Token[], at: number): CharClass {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid] as Token;
    if (at < t.start) hi = mid - 1;
    else if (at >= t.end) lo = mid + 1;
    else return classIn(t, at);
  }
  return 'code';
}

function classIn(t: Token, at: number): CharClass {
  if (t.kind === 'comment') return 'comment';
  if (t.kind !== 'string' && t.kind !== 'quoted') return 'code';
  const inside = at > t.start && at < (t.closed ? t.end - 1 : t.end);
  return inside ? (t.kind === 'string' ? 'string' : 'ident') : 'code';
}
