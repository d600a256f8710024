/**
 * Why DuckDB and SQLite can answer one query differently, in a sentence each (issue 13): said
 * under a comparison when the query uses what differs and the answers do differ.
 */
import { codeTokens } from './lexer';

export type DifferenceKind = 'columns' | 'rows' | 'values' | 'type' | 'order' | 'fraction' | 'error';

const DATE_FUNCTIONS = new Set([
  'DATE',
  'DATETIME',
  'JULIANDAY',
  'STRFTIME',
  'UNIXEPOCH',
  'DATE_TRUNC',
  'DATE_PART',
  'DATEDIFF',
  'DATE_DIFF',
  'EXTRACT',
  'NOW',
  'CURRENT_DATE',
  'CURRENT_TIMESTAMP',
  'STRPTIME',
  'MAKE_DATE',
]);

/** The notes for a query whose two answers differ in `kinds` (empty when they agree). */
export function dialectNotes(sql: string, kinds: ReadonlySet<DifferenceKind>): string[] {
  if (kinds.size === 0) return [];
  // Either dialect's lexer reads these tokens alike.
  const tokens = codeTokens(sql, 'duckdb');
  const has = (pred: (t: (typeof tokens)[number], i: number) => boolean) => tokens.some(pred);
  const notes: string[] = [];
  if (has((t) => t.kind === 'op' && t.text === '/') && (kinds.has('values') || kinds.has('rows') || kinds.has('type')))
    notes.push(
      'Integer division: in SQLite, / between two integers drops the fraction (7 / 2 = 3); DuckDB gives 3.5 (its // drops it). For the fraction in SQLite, write 7 / 2.0 or CAST(x AS REAL).',
    );
  const plusOnText = has(
    (t, i) =>
      t.kind === 'op' && t.text === '+' && (tokens[i - 1]?.kind === 'string' || tokens[i + 1]?.kind === 'string'),
  );
  if (plusOnText)
    notes.push(
      "String concatenation: + adds numbers in both engines (SQLite reads 'a' + 'b' as 0, DuckDB refuses it); join text with ||.",
    );
  if (kinds.has('order') || (has((t) => t.kind === 'word' && t.upper === 'ORDER') && kinds.has('rows')))
    notes.push(
      'NULL ordering: in an ascending ORDER BY, DuckDB puts NULLs last and SQLite first. Write NULLS FIRST or NULLS LAST to get one order in both.',
    );
  if (has((t, i) => t.kind === 'word' && DATE_FUNCTIONS.has(t.upper) && tokens[i + 1]?.text === '('))
    notes.push(
      'Date functions differ: SQLite keeps dates as text and has date(), datetime(), julianday() and strftime(format, value); DuckDB has DATE and TIMESTAMP types, strftime(value, format), date_trunc and date_diff.',
    );
  if (kinds.has('type'))
    notes.push(
      "Type affinity: SQLite gives each value its own type (a column can hold 1, '1' and 1.0), while DuckDB gives a column one type, so the same value can come back as 42 in one engine and 42.0 in the other.",
    );
  return notes;
}
