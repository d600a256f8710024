/**
 * Maps DuckDB error messages to a position in the statement. DuckDB prints
 * the offending line with a caret under the error:
 *
 *   Parser Error: syntax error at or near "FRM"
 *
 *   LINE 1: SELECT * FRM t
 *                    ^
 * Long lines are shown as a window that may start with "...", so the column is
 * found by locating the snippet in the real line rather than trusting its offset.
 */
export interface StatementPosition {
  /** 1-based line within the statement text that was sent. */
  line: number;
  /** 1-based column within that line. */
  column: number;
}

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

/** The first line of a DuckDB message, without the "LINE n:" context below it. */
export function duckdbErrorSummary(message: string): string {
  const cut = message.search(/\n\s*\nLINE \d+: |\nLINE \d+: /);
  // DuckDB's "did you mean" can suggest its own catalog tables (pg_…, duckdb_…), which only confuses.
  return (cut >= 0 ? message.slice(0, cut) : message)
    .replace(/\nDid you mean "(pg_|duckdb_|information_schema|sqlite_)[^"]*"\?/, '')
    .trim();
}

/**
 * DuckDB's pending-query path reports some errors as JSON
 * (`{"exception_type":"Parser","exception_message":"…","position":"7"}`).
 * This turns either form into the usual text, plus the character offset when given.
 */
export function normalizeDuckdbError(message: string): { text: string; offset: number | null } {
  if (!message.trimStart().startsWith('{')) return { text: message, offset: null };
  try {
    const e = JSON.parse(message) as { exception_type?: unknown; exception_message?: unknown; position?: unknown };
    if (typeof e.exception_message !== 'string') return { text: message, offset: null };
    const type = typeof e.exception_type === 'string' ? `${e.exception_type} Error: ` : '';
    const offset = e.position === undefined ? null : Number(e.position);
    return { text: type + e.exception_message, offset: Number.isFinite(offset) ? offset : null };
  } catch {
    return { text: message, offset: null };
  }
}
