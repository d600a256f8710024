/**
 * Splits a cell's SQL into statements at the lexer's `;` tokens, so a ';'
 * inside a string, quoted name, comment or dollar quote never splits. Both
 * engines get one statement at a time, which lets an error name the statement
 * that failed and its position in the cell. Each statement's tokens are handed
 * to the lexer's cache, so reading a statement's keyword afterwards lexes nothing.
 */
import { codeTokens, sharePart, tokenize, type Dialect, type Token } from './lexer';

export interface Statement {
  /** The statement text, without the trailing ';'. */
  readonly text: string;
  /** Offset of `text` in the cell source. */
  readonly start: number;
  readonly end: number;
}

const isSemicolon = (t: Token): boolean => t.kind === 'punct' && t.text === ';';

export function splitStatements(sql: string, dialect: Dialect): Statement[] {
  const tokens = tokenize(sql, dialect);
  const out: Statement[] = [];
  let from = 0;
  let first = 0;
  for (let k = 0; k <= tokens.length; k++) {
    const t = tokens[k];
    if (t && !isSemicolon(t)) continue;
    const to = t ? t.start : sql.length;
    const inside = tokens.slice(first, k);
    // A piece of comments alone is no statement.
    if (inside.some((x) => x.kind !== 'comment')) {
      const raw = sql.slice(from, to);
      const lead = raw.length - raw.trimStart().length;
      const text = raw.trim();
      out.push({ text, start: from + lead, end: from + lead + text.length });
      sharePart(text, dialect, inside, from + lead);
    }
    from = to + 1;
    first = k + 1;
  }
  return out;
}

/** The first keyword of a statement, upper-cased, skipping comments and opening parentheses. */
export function firstKeyword(statement: string, dialect: Dialect): string {
  const t = codeTokens(statement, dialect).find((x) => !(x.kind === 'punct' && x.text === '('));
  const m = t?.kind === 'word' ? /^[A-Za-z_]+/.exec(t.text) : null;
  return m?.[0].toUpperCase() ?? '';
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
export function isQueryStatement(statement: string, dialect: Dialect): boolean {
  return QUERY_KEYWORDS.has(firstKeyword(statement, dialect));
}

/** Converts an offset in `text` into a 1-based line and column. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
