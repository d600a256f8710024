/**
 * Where the caret is, in SQL terms: after FROM/JOIN (a table goes here), after
 * `name.` (a member of that table or schema), in a clause that takes columns,
 * or somewhere only keywords fit. Built on the notebook's lexer and its
 * table-reference analysis, so strings and comments never confuse it.
 */
import { cteDefinitions, tableReferences } from '../../sql/references';
import { splitStatements } from '../../sql/statements';
import { codeTokens, type Token } from '../../sql/lexer';
import { isKeyword, type Dialect } from './dialect';

export type ContextKind = 'table' | 'member' | 'column' | 'keyword' | 'none';

/** A table the statement reads, with the alias it is known by there. */
export interface ScopeTable {
  readonly schema: string | null;
  readonly name: string;
  readonly alias: string | null;
}

export interface CompletionContext {
  readonly kind: ContextKind;
  /** The partial name before the caret, as typed (an opening quote included). */
  readonly prefix: string;
  /** Offset in the cell text where the prefix starts: completion replaces from here to the caret. */
  readonly from: number;
  /** For 'member': the names before the dot, unquoted (`s` in `s.`, `db`,`t` in `db.t.`). */
  readonly qualifier: readonly string[];
  /** Tables read by the statement around the caret, text after the caret included. */
  readonly scope: readonly ScopeTable[];
  /** Names the statement defines with WITH. */
  readonly ctes: readonly string[];
}

/** Words after which a table name comes. */
const TABLE_WORDS = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', 'DESCRIBE', 'SUMMARIZE', 'PIVOT', 'UNPIVOT']);
/** Words that open a clause; the nearest one before the caret says what the clause takes. */
const CLAUSES = new Set([
  'SELECT',
  'FROM',
  'JOIN',
  'WHERE',
  'ON',
  'USING',
  'GROUP',
  'ORDER',
  'BY',
  'HAVING',
  'QUALIFY',
  'SET',
  'VALUES',
  'LIMIT',
  'OFFSET',
  'WINDOW',
  'RETURNING',
  'INTO',
  'UPDATE',
  'TABLE',
  'WHEN',
  'THEN',
  'ELSE',
  'AND',
  'OR',
  'NOT',
]);
const COLUMN_CLAUSES = new Set([
  'SELECT',
  'WHERE',
  'ON',
  'USING',
  'BY',
  'HAVING',
  'QUALIFY',
  'SET',
  'RETURNING',
  'WHEN',
  'THEN',
  'ELSE',
  'AND',
  'OR',
  'NOT',
]);

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
const isPunct = (t: Token | undefined, p: string): boolean => t?.kind === 'punct' && t.text === p;

export function analyse(text: string, offset: number, dialect: Dialect): CompletionContext {
  const { start, end } = statementAround(text, offset, dialect);
  const statement = text.slice(start, end);
  const scope = scopeOf(statement, dialect);
  const ctes = cteDefinitions(codeTokens(statement, dialect));
  const before = text.slice(start, offset);
  const tokens = codeTokens(before, dialect);
  const last = tokens.at(-1);
  const none = { kind: 'none' as const, prefix: '', from: offset, qualifier: [], scope, ctes };
  if (insideCommentOrString(before, last)) return none;
  const typing = last !== undefined && last.end === before.length && isName(last);
  const prefix = typing ? before.slice(last.start) : '';
  const rest = typing ? tokens.slice(0, -1) : tokens;
  const base = { prefix, from: offset - prefix.length, scope, ctes };
  const prev = rest.at(-1);
  if (isPunct(prev, '.')) return { ...base, kind: 'member', qualifier: qualifierBefore(rest) };
  return { ...base, kind: kindAfter(rest), qualifier: [] };
}

/** The statement holding the caret: from after the previous ';' to the end of the statement. */
function statementAround(text: string, offset: number, dialect: Dialect): { start: number; end: number } {
  let start = 0;
  let end = text.length;
  for (const st of splitStatements(text, dialect)) {
    const semicolon = text.indexOf(';', st.end);
    const stop = semicolon < 0 ? text.length : semicolon;
    if (offset <= stop) {
      end = stop;
      break;
    }
    start = stop + 1;
  }
  return { start: Math.min(start, offset), end: Math.max(end, offset) };
}

function insideCommentOrString(before: string, last: Token | undefined): boolean {
  if (last?.kind === 'string' && last.end === before.length) {
    const raw = before.slice(last.start);
    if (raw.length === 1 || !raw.endsWith(raw[0] ?? "'")) return true;
  }
  const gap = before.slice(last?.end ?? 0);
  if (/--[^\n]*$/.test(gap)) return true;
  const open = gap.lastIndexOf('/*');
  return open >= 0 && !gap.slice(open).includes('*/');
}

function qualifierBefore(rest: readonly Token[]): string[] {
  const parts: string[] = [];
  let i = rest.length - 2;
  while (isName(rest[i])) {
    parts.unshift((rest[i] as Token).text);
    if (!isPunct(rest[i - 1], '.')) break;
    i -= 2;
  }
  return parts;
}

/** What fits after `rest`, the tokens before the caret (and before the word being typed). */
function kindAfter(rest: readonly Token[]): ContextKind {
  const prev = rest.at(-1);
  if (!prev || isPunct(prev, ';')) return 'keyword';
  if (prev.kind === 'word' && prev.upper === 'AS') return 'none';
  if (prev.kind === 'word' && TABLE_WORDS.has(prev.upper)) return 'table';
  const clause = clauseBefore(rest);
  if (clause === 'FROM' || clause === 'JOIN' || clause === 'INTO' || clause === 'UPDATE' || clause === 'TABLE') {
    // `FROM a, |` wants another table; `FROM a |` wants JOIN, WHERE, an alias …
    return isPunct(prev, ',') && clause === 'FROM' ? 'table' : 'keyword';
  }
  if (clause !== null && COLUMN_CLAUSES.has(clause)) return 'column';
  return isPunct(prev, '(') || isPunct(prev, ',') || prev.kind === 'op' ? 'column' : 'keyword';
}

/** The nearest clause word before the caret at the caret's nesting level or outside it. */
function clauseBefore(rest: readonly Token[]): string | null {
  let depth = 0;
  for (let i = rest.length - 1; i >= 0; i--) {
    const t = rest[i] as Token;
    if (isPunct(t, ')')) depth++;
    else if (isPunct(t, '(')) depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.kind === 'word' && CLAUSES.has(t.upper)) return t.upper;
  }
  return null;
}

/** Tables the statement reads, each with its alias when it has one. */
export function scopeOf(statement: string, dialect: Dialect): ScopeTable[] {
  const tokens = codeTokens(statement, dialect);
  return tableReferences(statement, dialect).map((ref) => {
    let i = tokens.findIndex((t) => t.start >= ref.end);
    if (i >= 0 && tokens[i]?.upper === 'AS' && tokens[i]?.kind === 'word') i++;
    const t = i >= 0 ? tokens[i] : undefined;
    const alias = isName(t) && !(t.kind === 'word' && isKeyword(t.text, dialect)) ? t.text : null;
    return { schema: ref.schema, name: ref.name, alias };
  });
}
