/**
 * DuckDB's error messages, shortened for the cell. Where a message points in the
 * statement (its `LINE n:` caret) is sql/positions.ts.
 */

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
