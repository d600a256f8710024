/**
 * DuckDB's error messages, shortened for the cell. Where a message points in the
 * statement (its `LINE n:` caret) is sql/positions.ts.
 */
import { NotebookError } from '../sql/errors';

/** The first line of a DuckDB message, without the "LINE n:" context below it. */
export function duckdbErrorSummary(message: string): string {
  const cut = message.search(/\n\s*\nLINE \d+: |\nLINE \d+: /);
  // DuckDB's "did you mean" can suggest its own catalog tables (pg_…, duckdb_…), which only confuses.
  const text = stripNativeAdvice(cut >= 0 ? message.slice(0, cut) : message)
    .replace(/\nDid you mean "(pg_|duckdb_|information_schema|sqlite_)[^"]*"\?/, '')
    .trim();
  return inBrowserWords(text) ?? clipLongLines(text);
}

/**
 * DuckDB's advice for a native install, which means nothing in a browser tab: the in-memory
 * paragraph that says to set temp_directory (refused here: docs/architecture.md), and the out-of-
 * memory "Possible solutions" (threads, insertion order, a higher limit) with their link.
 */
export function stripNativeAdvice(message: string): string {
  return message
    .replace(
      /\n?Database is launched in in-memory mode and no temporary directory is specified\.[\s\S]*?SET temp_directory='[^'\n]*'\n*/,
      '\n',
    )
    .replace(/\n?Possible solutions:\n(\* Reducing the number of threads[^\n]*\n)(\*[^\n]*\n?)*/, '\n')
    .replace(/\n?See also https:\/\/duckdb\.org\/docs\/[^\s]*\/how_to_tune_workloads\n?/, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Out of memory, and a file that went away or changed under a query, said as the browser sees
 * them (the file names itself only when the statement names its path). Null for other messages.
 */
function inBrowserWords(text: string): string | null {
  if (/^Out of Memory Error: /m.test(text)) {
    const m = /\(([\d.]+ [KMGT]?i?B)\/([\d.]+ [KMGT]?i?B) used\)/.exec(text);
    const use = m ? ` (${m[1]} of its ${m[2]} limit in use)` : '';
    return `Out of memory: DuckDB's memory in this tab is full${use}. Drop tables or results you no longer need, or close other tabs. Tables kept on disk (Notebook → Keep DuckDB tables between visits) are paged out as needed, but a query’s own working memory (a GROUP BY over many keys, a large sort or join) must fit in DuckDB’s limit: DuckDB cannot spill it to disk in the browser.`;
  }
  if (/NotFoundError/.test(text))
    return 'A file this query reads is no longer there: it was deleted, moved or renamed after it was opened. Open it again.';
  if (/NotReadableError/.test(text))
    return 'A file this query reads changed on disk after it was opened, and the browser no longer lets this page read it. Open it again.';
  return null;
}

/** DuckDB quotes a CSV's offending line whole ("Original Line: …"), which can be megabytes long. */
function clipLongLines(text: string, max = 300): string {
  return text
    .split('\n')
    .map((l) => (l.length > max ? `${l.slice(0, max)}… (${l.length.toLocaleString('en-US')} characters)` : l))
    .join('\n');
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

/** Any DuckDB failure as its text, a JSON payload turned into DuckDB's usual `<Type> Error: message`. */
export function duckdbErrorText(err: unknown): string {
  return normalizeDuckdbError(err instanceof Error ? err.message : String(err)).text;
}

/** A failure of a query the app wrote (a page, an export, a result's first rows) as a NotebookError with clean text. */
export function duckdbReadError(err: unknown): NotebookError {
  if (err instanceof NotebookError) return err;
  return new NotebookError({ code: 'sql', message: duckdbErrorSummary(duckdbErrorText(err)) }, { cause: err });
}
