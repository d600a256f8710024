/**
 * Which tables a SQL cell reads: names after FROM and JOIN (including
 * comma-separated FROM lists), and after statements such as SUMMARIZE or
 * DESCRIBE. Built on the lexer (lexer.ts), so names inside strings or
 * comments are never references; CTE names, table functions, and FROM inside
 * EXTRACT/SUBSTRING/TRIM or IS DISTINCT FROM are not either.
 */
import { codeTokens, type Dialect, type Token } from './lexer';

export interface TableRef {
  /** The schema or database prefix, when the name is qualified. */
  readonly schema: string | null;
  readonly name: string;
  /** Offsets of the (possibly qualified) name in the SQL. */
  readonly start: number;
  readonly end: number;
}

const FROM_FUNCTIONS = new Set(['EXTRACT', 'SUBSTRING', 'TRIM', 'OVERLAY', 'POSITION']);
const TABLE_STATEMENTS = new Set(['SUMMARIZE', 'DESCRIBE', 'PIVOT', 'UNPIVOT', 'TABLE']);
const SKIP_BEFORE_NAME = new Set(['LATERAL', 'ONLY']);
const NOT_ALIAS = new Set(
  (
    'WHERE GROUP ORDER LIMIT JOIN LEFT RIGHT INNER OUTER FULL CROSS NATURAL ON USING UNION EXCEPT INTERSECT HAVING ' +
    'WINDOW QUALIFY SELECT SET VALUES RETURNING AS LATERAL POSITIONAL ASOF ANTI SEMI OFFSET FETCH PIVOT UNPIVOT ' +
    'TABLESAMPLE SAMPLE INDEXED NOT WITH FROM INTO DO BY AND OR'
  ).split(' '),
);

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
const isPunct = (t: Token | undefined, p: string) => t?.kind === 'punct' && t.text === p;

/** References per token list: the lexer's lists are cached per text, so an unchanged cell is analysed once. */
const memo = new WeakMap<readonly Token[], readonly TableRef[]>();

export function tableReferences(sql: string, dialect: Dialect): readonly TableRef[] {
  const tokens = codeTokens(sql, dialect);
  let refs = memo.get(tokens);
  if (!refs) {
    refs = Object.freeze(referencesIn(tokens));
    memo.set(tokens, refs);
  }
  return refs;
}

function referencesIn(tokens: readonly Token[]): TableRef[] {
  const ctes = cteNames(tokens);
  const refs: TableRef[] = [];
  const parens: boolean[] = []; // true where the parenthesis belongs to EXTRACT(… FROM …) and friends
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const prev = tokens[i - 1];
    if (isPunct(t, '(')) parens.push(prev?.kind === 'word' && FROM_FUNCTIONS.has(prev.upper));
    else if (isPunct(t, ')')) parens.pop();
    else if (t.kind !== 'word') continue;
    else if ((t.upper === 'FROM' && !parens.at(-1) && prev?.upper !== 'DISTINCT') || t.upper === 'JOIN')
      readTableList(tokens, i + 1, t.upper === 'FROM', refs);
    else if (TABLE_STATEMENTS.has(t.upper) && (prev === undefined || isPunct(prev, ';') || isPunct(prev, '(')))
      readTableList(tokens, i + 1, false, refs);
  }
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.schema?.toLowerCase() ?? ''}.${r.name.toLowerCase()}`;
    if ((r.schema === null && ctes.has(r.name.toLowerCase())) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reads `name [alias] [, name [alias] …]` starting at tokens[i]. */
function readTableList(tokens: readonly Token[], i: number, list: boolean, refs: TableRef[]): void {
  for (;;) {
    while (tokens[i]?.kind === 'word' && SKIP_BEFORE_NAME.has((tokens[i] as Token).upper)) i++;
    const first = tokens[i];
    if (!isName(first) || (first.kind === 'word' && NOT_ALIAS.has(first.upper))) return;
    const parts: Token[] = [first];
    i++;
    while (isPunct(tokens[i], '.') && isName(tokens[i + 1])) {
      parts.push(tokens[i + 1] as Token);
      i += 2;
    }
    if (isPunct(tokens[i], '(')) return; // a table function such as read_csv(…)
    const name = parts[parts.length - 1] as Token;
    const schema =
      parts.length > 1
        ? parts
            .slice(0, -1)
            .map((p) => p.text)
            .join('.')
        : null;
    refs.push({ schema, name: name.text, start: first.start, end: name.end });
    i = skipAlias(tokens, i);
    if (!list || !isPunct(tokens[i], ',')) return;
    i++;
  }
}

function skipAlias(tokens: readonly Token[], i: number): number {
  if (tokens[i]?.upper === 'AS') i++;
  const t = tokens[i];
  if (isName(t) && !(t.kind === 'word' && NOT_ALIAS.has(t.upper))) {
    i++;
    if (isPunct(tokens[i], '(')) i = skipParens(tokens, i);
  }
  return i;
}

/** Returns the index after the parenthesis group opening at tokens[i]. */
function skipParens(tokens: readonly Token[], i: number): number {
  let depth = 0;
  for (; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i + 1;
  }
  return i;
}

/** Names defined by WITH clauses, as written: `WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (…) [, …]`. */
export function cteDefinitions(tokens: readonly Token[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.upper !== 'WITH' || tokens[i]?.kind !== 'word') continue;
    let j = i + 1;
    if (tokens[j]?.upper === 'RECURSIVE') j++;
    for (;;) {
      const name = tokens[j];
      if (!isName(name)) break;
      j++;
      if (isPunct(tokens[j], '(')) j = skipParens(tokens, j);
      if (tokens[j]?.upper !== 'AS') break;
      names.push(name.text);
      j++;
      while (tokens[j]?.upper === 'NOT' || tokens[j]?.upper === 'MATERIALIZED') j++;
      if (!isPunct(tokens[j], '(')) break;
      j = skipParens(tokens, j);
      if (!isPunct(tokens[j], ',')) break;
      j++;
    }
  }
  return names;
}

function cteNames(tokens: readonly Token[]): Set<string> {
  return new Set(cteDefinitions(tokens).map((n) => n.toLowerCase()));
}
