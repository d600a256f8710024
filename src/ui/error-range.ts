/**
 * Where in a cell's text to draw an engine's error: the word at the position
 * the engine reported, or, when it gave none, the whole statement that failed.
 */
import type { ErrorData, TextPosition } from '../sql/errors';
import type { Dialect } from '../sql/lexer';
import { positionAt, splitStatements } from '../sql/statements';

export interface ErrorRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
  readonly message: string;
  /** 'word' when the engine named a position, 'statement' when only the failing statement is known. */
  readonly scope: 'word' | 'statement';
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;

export function errorRange(source: string, error: ErrorData | null | undefined, dialect: Dialect): ErrorRange | null {
  if (!error || (error.code !== 'sql' && error.code !== 'cancelled')) return null;
  const message = error.hint ? `${error.message}\n${error.hint}` : error.message;
  if (error.position) {
    const [from, to] = wordAt(source, offsetAt(source, error.position));
    return { start: positionAt(source, from), end: positionAt(source, to), message, scope: 'word' };
  }
  const span = statementSpan(source, error, dialect);
  if (!span) return null;
  return { start: positionAt(source, span[0]), end: positionAt(source, span[1]), message, scope: 'statement' };
}

function offsetAt(source: string, p: TextPosition): number {
  const lines = source.split('\n');
  let offset = 0;
  for (let i = 0; i < p.line - 1 && i < lines.length; i++) offset += (lines[i]?.length ?? 0) + 1;
  const lineLength = lines[Math.min(p.line, lines.length) - 1]?.length ?? 0;
  return offset + Math.min(Math.max(0, p.column - 1), lineLength);
}

/** The identifier or number at `offset`; a single character otherwise; the last character at the very end. */
function wordAt(source: string, offset: number): [number, number] {
  if (source.length === 0) return [0, 0];
  let at = Math.min(offset, source.length);
  // A position on white space means the next token; past the end ("at end of input") means the last one.
  while (at < source.length && /\s/.test(source[at] ?? '')) at++;
  if (at >= source.length) at = Math.max(0, source.trimEnd().length - 1);
  let from = at;
  let to = at;
  while (from > 0 && WORD.test(source[from - 1] ?? '') && WORD.test(source[at] ?? '')) from--;
  while (to < source.length && WORD.test(source[to] ?? '')) to++;
  return to > from ? [from, to] : [at, Math.min(source.length, at + 1)];
}

function statementSpan(source: string, error: ErrorData, dialect: Dialect): [number, number] | null {
  const statements = splitStatements(source, dialect);
  const byIndex =
    error.statementIndex !== undefined
      ? statements[error.statementIndex]
      : statements.length === 1
        ? statements[0]
        : undefined;
  if (byIndex && (error.sql === undefined || byIndex.text === error.sql.trim())) return [byIndex.start, byIndex.end];
  if (error.sql) {
    const i = source.indexOf(error.sql.trim());
    if (i >= 0) return [i, i + error.sql.trim().length];
  }
  return byIndex ? [byIndex.start, byIndex.end] : null;
}
