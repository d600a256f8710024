/**
 * SQLite's errors in words a user can act on, and why a database file cannot
 * be attached. Where a message points in the statement is sql/positions.ts.
 */

/** One line on what to do next, for the errors where that is not obvious. */
export function sqliteErrorHint(message: string): string | undefined {
  if (/^no such table: /.test(message)) {
    return 'SQLite cells see only tables made in SQLite cells and attached SQLite databases; files opened in DuckDB are not visible here.';
  }
  if (/^no such function: /.test(message))
    return 'SQLite has fewer built-in functions than DuckDB; check the name, or run the cell in DuckDB.';
  if (message === 'incomplete input')
    return 'The statement ends too early: check for an unclosed parenthesis, string or CASE … END.';
  return undefined;
}

/** The reason an attach failed, worded for a user who just picked a file. */
export function fileReason(message: string): string {
  return message === 'file is not a database' ? 'file is not a SQLite database' : message;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Cheap checks SQLite itself does not make up front: an empty file is a valid empty database to SQLite, and a cut-off one fails only later. */
export function headerProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the file is empty (0 bytes).';
  if (String.fromCharCode(...bytes.subarray(0, 16)) !== SQLITE_MAGIC) return 'file is not a SQLite database';
  if (bytes.length < 100) return 'the file is truncated: it ends inside the database header.';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = view.getUint32(28);
  // The header's page count is trusted only when its "version valid for" matches the change counter.
  const countValid = view.getUint32(92) === view.getUint32(24) && pageCount > 0;
  if (countValid && bytes.length < pageSize * pageCount) {
    return `the file is truncated: its header describes ${pageSize * pageCount} bytes, but it has ${bytes.length}.`;
  }
  return null;
}
