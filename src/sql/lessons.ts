/**
 * One plain line for a learner beside the engine's own message (issue 13): the beginner's
 * mistakes that both engines report tersely, or not at all. Built from the engine's message
 * (as DuckDB-Wasm 1.4 and sql.js's SQLite word it), the failing statement's tokens, and the
 * tables the engine has. Nothing here runs SQL.
 *
 * | Mistake | DuckDB | SQLite |
 * |---|---|---|
 * | a column missing from GROUP BY | an error | accepted (a "bare column", from one row of each group): a note |
 * | an ambiguous column | an error | an error |
 * | a misspelt table or column | an error with candidates | an error: the nearest name is found here |
 * | double quotes around a string | an error (no such column) | accepted when no column has that name: a note |
 * | `= NULL` | no error, no rows: a note | the same |
 * | a missing FROM | an error | an error (no such column) |
 */
import { codeTokens, type Dialect, type Token } from './lexer';
import { tableReferences } from './references';

/** A table the engine has, with its column names. */
export interface KnownTable {
  readonly name: string;
  readonly columns: readonly string[];
}

/** Edit distance between two names, ignoring case. */
export function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++)
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    prev = row;
  }
  return prev[y.length] as number;
}

/** The name closest to `name`, when it is close enough to be a slip of the keyboard. */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestDistance && d > 0) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

const hasWord = (tokens: readonly Token[], word: string) => tokens.some((t) => t.kind === 'word' && t.upper === word);
const quotedList = (text: string): string[] => Array.from(text.matchAll(/"([^"]+)"/g), (m) => m[1] as string);

/** The columns of the tables the statement reads, as far as the engine's tables tell. */
function columnsRead(sql: string, dialect: Dialect, tables: readonly KnownTable[]): string[] {
  const read = new Set(tableReferences(sql, dialect).map((r) => r.name.toLowerCase()));
  return tables.filter((t) => read.has(t.name.toLowerCase())).flatMap((t) => t.columns);
}

function groupByLesson(column: string, tokens: readonly Token[]): string {
  return hasWord(tokens, 'GROUP')
    ? `Each result row stands for one group, so ${column} must be listed in GROUP BY, or summarised inside an aggregate such as max(${column}) or count(${column}).`
    : `An aggregate such as count(*) makes one row of the whole table, so ${column} has no single value there: add GROUP BY ${column} to get one row per ${column}.`;
}

function missingFromLesson(column: string, tables: readonly KnownTable[]): string {
  const owner = tables.find((t) => t.columns.some((c) => c.toLowerCase() === column.toLowerCase()));
  const example = owner ? `FROM ${owner.name} (it has a column ${column})` : 'FROM and the table that has it';
  return `A SELECT finds its columns in the tables named after FROM, and this one has no FROM: add ${example}.`;
}

function unknownColumnLesson(column: string, candidates: readonly string[], table?: string): string {
  const best = nearest(column, candidates);
  const where = table ? `${table} has no column ${column}` : `No table in FROM has a column ${column}`;
  if (best) return `${where}: did you mean ${table ? `${table}.` : ''}${best}? Check the spelling.`;
  return `${where}. Check the spelling against the sidebar's list of columns.`;
}

/** A double-quoted name in the statement with this text: a string written in double quotes. */
const quotedAs = (tokens: readonly Token[], text: string) => tokens.some((t) => t.kind === 'quoted' && t.text === text);

const stringLesson = (text: string) =>
  `"${text}" in double quotes names a column; a text value goes in single quotes: '${text.replace(/'/g, "''")}'.`;

/**
 * The line for a failed statement, or undefined when the message is not one of the mistakes
 * above. `sql` is the statement that failed; `tables` are the engine's tables.
 */
export function errorLesson(
  dialect: Dialect,
  sql: string,
  message: string,
  tables: readonly KnownTable[],
): string | undefined {
  const tokens = codeTokens(sql, dialect);
  let m = /column "([^"]+)" must appear in the GROUP BY clause/.exec(message);
  if (m) return groupByLesson(m[1] as string, tokens);

  m = /Ambiguous reference to column name "([^"]+)" \(use: "([^"]+)"/.exec(message);
  if (m) return `More than one table in FROM has a column ${m[1]}: say which one you mean, as in ${m[2]}.`;
  m = /^ambiguous column name: (.+)$/.exec(message);
  if (m) {
    const column = m[1] as string;
    const owners = tableReferences(sql, dialect)
      .map((r) => r.name)
      .filter((name) =>
        tables.some(
          (t) =>
            t.name.toLowerCase() === name.toLowerCase() &&
            t.columns.some((c) => c.toLowerCase() === column.toLowerCase()),
        ),
      );
    const example = owners.length >= 2 ? `${owners[0]}.${column} or ${owners[1]}.${column}` : `t.${column}`;
    return `More than one table in FROM has a column ${column}: say which one you mean, as in ${example}.`;
  }

  m = /Referenced column "([^"]+)" was not found because the FROM clause is missing/.exec(message);
  if (m) return missingFromLesson(m[1] as string, tables);

  m = /Referenced column "([^"]+)" not found in FROM clause!(?:\s*Candidate bindings: ([^\n]*))?/.exec(message);
  if (m) {
    const column = m[1] as string;
    if (quotedAs(tokens, column)) return stringLesson(column);
    return unknownColumnLesson(column, quotedList(m[2] ?? ''));
  }
  m = /Table "([^"]+)" does not have a column named "([^"]+)"(?:\s*Candidate bindings: :? ?([^\n]*))?/.exec(message);
  if (m) return unknownColumnLesson(m[2] as string, quotedList(m[3] ?? ''), m[1]);

  m = /^no such column: (.+)$/.exec(message);
  if (m) {
    const full = m[1] as string;
    const column = full.slice(full.lastIndexOf('.') + 1);
    if (!hasWord(tokens, 'FROM')) return missingFromLesson(column, tables);
    if (quotedAs(tokens, column)) return stringLesson(column);
    const table = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : undefined;
    return unknownColumnLesson(column, columnsRead(sql, dialect, tables), table);
  }

  m = /Table with name (\S+) does not exist!(?:\s*Did you mean "([^"]+)"\?)?/.exec(message);
  if (m) {
    const best =
      m[2] && !m[2].includes('.')
        ? m[2]
        : nearest(
            m[1] as string,
            tables.map((t) => t.name),
          );
    return best ? `There is no table ${m[1]}: did you mean ${best}? Check the spelling.` : undefined;
  }
  m = /^no such table: (.+)$/.exec(message);
  if (m) {
    const best = nearest(
      m[1] as string,
      tables.map((t) => t.name),
    );
    return best ? `There is no table ${m[1]} here: did you mean ${best}? Check the spelling.` : undefined;
  }
  return undefined;
}

const AGGREGATES = new Set([
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'TOTAL',
  'GROUP_CONCAT',
  'STRING_AGG',
  'MEDIAN',
  'ANY_VALUE',
]);
const CLAUSE_END = new Set([
  'FROM',
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'WINDOW',
  'UNION',
  'EXCEPT',
  'INTERSECT',
]);

/** The top-level SELECT list's items (tokens between SELECT and FROM, split at commas), and the GROUP BY items. */
function selectShape(tokens: readonly Token[]): { items: Token[][]; groupBy: Token[][] | null } | null {
  const start = tokens.findIndex((t) => t.kind === 'word' && t.upper === 'SELECT');
  if (start < 0) return null;
  const split = (from: number, stop: (t: Token) => boolean): { parts: Token[][]; end: number } => {
    const parts: Token[][] = [[]];
    let depth = 0;
    let i = from;
    for (; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.kind === 'punct' && t.text === '(') depth++;
      if (t.kind === 'punct' && t.text === ')') depth--;
      if (depth < 0 || (depth === 0 && stop(t))) break;
      if (depth === 0 && t.kind === 'punct' && t.text === ',') parts.push([]);
      else parts[parts.length - 1]?.push(t);
    }
    return { parts, end: i };
  };
  const isWord = (t: Token, words: Set<string>) => t.kind === 'word' && words.has(t.upper);
  const select = split(start + 1, (t) => isWord(t, CLAUSE_END) || (t.kind === 'punct' && t.text === ';'));
  let groupBy: Token[][] | null = null;
  let depth = 0;
  for (let i = select.end; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth === 0 && t.kind === 'word' && t.upper === 'GROUP' && tokens[i + 1]?.upper === 'BY') {
      groupBy = split(i + 2, (x) => isWord(x, new Set(['HAVING', 'ORDER', 'LIMIT', 'WINDOW', 'UNION']))).parts;
      break;
    }
  }
  return { items: select.parts, groupBy };
}

/** The column a SELECT item is, when it is a bare column (`name`, `t.name`, `name AS n`); else null. */
function bareColumn(item: readonly Token[]): string | null {
  const names = item.filter((t) => !(t.kind === 'word' && t.upper === 'AS'));
  const [first, dot, second] = names;
  const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
  if (isName(first) && dot?.kind === 'punct' && dot.text === '.' && isName(second) && names.length <= 4)
    return (second as Token).text;
  if (isName(first) && names.length <= 2 && !(dot && dot.kind !== 'word' && dot.kind !== 'quoted'))
    return (first as Token).text;
  return null;
}

/** Whether an item calls an aggregate of this query (one inside a subquery is the subquery's). */
function hasAggregate(item: readonly Token[]): boolean {
  for (let i = 0; i < item.length; i++) {
    const t = item[i] as Token;
    if (t.kind === 'punct' && t.text === '(' && item[i + 1]?.upper === 'SELECT') {
      for (let depth = 0; i < item.length; i++) {
        if (item[i]?.text === '(') depth++;
        if (item[i]?.text === ')' && --depth === 0) break;
      }
      continue;
    }
    if (t.kind === 'word' && AGGREGATES.has(t.upper) && item[i + 1]?.text === '(') return true;
  }
  return false;
}

/**
 * SQLite's "bare columns": a column neither grouped nor aggregated in a query that groups or
 * aggregates. SQLite takes it from one row of each group; DuckDB refuses the query.
 */
function bareColumnLessons(tokens: readonly Token[]): string[] {
  const shape = selectShape(tokens);
  if (!shape) return [];
  const aggregates = shape.items.some((item) => hasAggregate(item));
  if (!aggregates && !shape.groupBy) return [];
  const grouped = new Set<string>();
  for (const g of shape.groupBy ?? []) {
    const position = g.length === 1 && g[0]?.kind === 'number' ? Number(g[0].text) : NaN;
    const item = Number.isInteger(position) ? shape.items[position - 1] : g;
    const name = item ? bareColumn(item) : null;
    if (!name) continue;
    grouped.add(name.toLowerCase());
    // An alias in GROUP BY names the item it labels.
    for (const labelled of shape.items) {
      const alias = labelled[labelled.length - 1];
      const column = bareColumn(labelled);
      if (labelled.length > 1 && column && alias?.text.toLowerCase() === name.toLowerCase())
        grouped.add(column.toLowerCase());
    }
  }
  return shape.items.flatMap((item) => {
    const name = bareColumn(item);
    if (!name || name === '*' || grouped.has(name.toLowerCase())) return [];
    return [
      `${name} is neither in GROUP BY nor inside an aggregate: SQLite takes it from one row of each group, whichever it meets (DuckDB refuses this). List it in GROUP BY, or write max(${name}) or count(${name}).`,
    ];
  });
}

const COMPARISONS = new Set(['=', '==', '<>', '!=']);
const CLAUSES = new Set(['SELECT', 'WHERE', 'ON', 'HAVING', 'WHEN', 'SET', 'VALUES', 'QUALIFY']);
const BEFORE_VALUE = new Set(['=', '==', '<>', '!=', '<', '>', '<=', '>=']);

/** Text for the operand next to `at` (a name or a literal), for a lesson's example. */
function operand(t: Token | undefined): string {
  if (!t) return 'x';
  if (t.kind === 'quoted') return `"${t.text}"`;
  return t.kind === 'word' || t.kind === 'number' || t.kind === 'string' ? t.text : 'x';
}

/** Whether resultLessons may say more when it knows the tables: a SQLite statement with a double-quoted name. */
export function mayNeedTables(dialect: Dialect, sql: string): boolean {
  return dialect === 'sqlite' && codeTokens(sql, dialect).some((t) => t.kind === 'quoted');
}

/**
 * Lines for a statement that ran but probably does not mean what its writer meant: a
 * comparison with NULL (true for no row), and in SQLite a string in double quotes that worked
 * only because no column has that name.
 */
export function resultLessons(dialect: Dialect, sql: string, tables: readonly KnownTable[]): string[] {
  const tokens = codeTokens(sql, dialect);
  const out: string[] = [];
  let clause = '';
  const known = new Set(columnsRead(sql, dialect, tables).map((c) => c.toLowerCase()));
  tokens.forEach((t, i) => {
    if (t.kind === 'word' && CLAUSES.has(t.upper)) clause = t.upper;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (t.kind === 'op' && COMPARISONS.has(t.text) && clause !== 'SET') {
      const nullAfter = next?.kind === 'word' && next.upper === 'NULL';
      const nullBefore = prev?.kind === 'word' && prev.upper === 'NULL';
      if (nullAfter || nullBefore) {
        const other = operand(nullAfter ? prev : next);
        const is = t.text === '<>' || t.text === '!=' ? 'IS NOT NULL' : 'IS NULL';
        out.push(
          `${other} ${t.text} NULL is true for no row, since NULL means "unknown": to find missing values, write ${other} ${is}.`,
        );
      }
    }
    if (
      dialect === 'sqlite' &&
      t.kind === 'quoted' &&
      known.size > 0 &&
      !known.has(t.text.toLowerCase()) &&
      prev !== undefined &&
      ((prev.kind === 'op' && BEFORE_VALUE.has(prev.text)) || (prev.kind === 'word' && prev.upper === 'LIKE'))
    ) {
      out.push(
        `"${t.text}" worked as text only because no column is named ${t.text}; text goes in single quotes: '${t.text.replace(/'/g, "''")}' (DuckDB refuses the double quotes).`,
      );
    }
  });
  if (dialect === 'sqlite') out.push(...bareColumnLessons(tokens));
  return [...new Set(out)];
}
