/**
 * Why a file load failed, read from DuckDB's or the browser's message, and said for people with
 * the file's name. The messages were measured in DuckDB-Wasm 1.32 (DuckDB 1.4.3) and Chromium:
 * tests/unit/engines/golden/duckdb-load-errors.json holds them.
 */
import { NotebookError } from '../sql/errors';

export type LoadFailure =
  /** DuckDB's CSV reader found a row with another number of fields than the header. */
  | { readonly kind: 'field-count'; readonly line: number | null; readonly expected: number; readonly found: number }
  /** DuckDB's memory ran out; `used` and `limit` as DuckDB wrote them ("232.6 MiB"), when it did. */
  | { readonly kind: 'out-of-memory'; readonly used: string | null; readonly limit: string | null }
  /** The browser's NotFoundError: the file was deleted, moved or renamed after it was chosen. */
  | { readonly kind: 'file-gone' }
  /** The browser's NotReadableError: the file changed on disk after it was chosen. */
  | { readonly kind: 'file-changed' }
  /** The browser's QuotaExceededError: the site's storage (OPFS) is full. */
  | { readonly kind: 'quota' }
  /** A line longer than DuckDB's max_line_size. */
  | { readonly kind: 'line-too-long'; readonly line: number | null; readonly limit: number }
  /** DuckDB's sniffer found no dialect (delimiter, quote) that fits the file. */
  | { readonly kind: 'sniff' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'other'; readonly reason: string };

const grouped = (n: number): string => n.toLocaleString('en-US');
const num = (s: string | undefined): number | null => (s === undefined ? null : Number(s));

/** What `message` (DuckDB's, or a browser DOMException's as DuckDB-Wasm passes it on) says went wrong. */
export function classifyLoadError(message: string): LoadFailure {
  if (/NotFoundError|could not be found at the time an operation was processed/.test(message))
    return { kind: 'file-gone' };
  if (/NotReadableError|problems that have occurred after a reference to a file was acquired/.test(message))
    return { kind: 'file-changed' };
  if (/QuotaExceededError|quota (has been )?exceeded/i.test(message)) return { kind: 'quota' };
  if (/Out of Memory Error|Allocation failure|allocation failed|Maximum memory size exceeded/i.test(message)) {
    const m = /\(([\d.]+ [KMGT]?i?B)\/([\d.]+ [KMGT]?i?B) used\)/.exec(message);
    return { kind: 'out-of-memory', used: m?.[1] ?? null, limit: m?.[2] ?? null };
  }
  const line = num(/CSV Error on Line: (\d+)/.exec(message)?.[1]);
  const fields = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (fields) return { kind: 'field-count', line, expected: Number(fields[1]), found: Number(fields[2]) };
  const tooLong = /Maximum line size of (\d+) bytes exceeded/.exec(message);
  if (tooLong) return { kind: 'line-too-long', line, limit: Number(tooLong[1]) };
  if (/Error when sniffing file/.test(message)) return { kind: 'sniff' };
  if (/query was canceled|Query interrupted|INTERRUPT Error/i.test(message)) return { kind: 'cancelled' };
  return { kind: 'other', reason: summaryLine(message) };
}

/** The message of anything thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The line that says what went wrong, cut to a readable length. For a CSV error that is the line
 * after DuckDB's "Original Line: …" (the line's text, which can be megabytes long).
 */
function summaryLine(message: string): string {
  const lines = message.split('\n').map((l) => l.trim());
  const csvLine = /CSV Error on Line: (\d+)/.exec(lines[0] ?? '');
  const why = csvLine ? lines.slice(1).find((l) => l !== '' && !l.startsWith('Original Line:')) : undefined;
  const text = csvLine && why ? `line ${grouped(Number(csvLine[1]))}: ${why}` : (lines[0] ?? message);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** A size as the sidebar writes it (binary units: "48 MB" is 48 × 1024² bytes). */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  for (; v >= 1024 && u < units.length - 1; u++) v /= 1024;
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** What the load was doing, for the fallback wording ("could not be read as CSV: …"). */
export interface LoadContext {
  /** "CSV", "JSON", …: the reading that failed. */
  readonly as: string;
  /** The header's number of fields, when known: a very wide first line explains running out of memory. */
  readonly headerFields?: number;
}

/** The error for a load of `file` that failed with `failure`. Nothing of the load was kept. */
export function loadError(file: string, failure: LoadFailure, context: LoadContext): NotebookError {
  const error = (message: string, hint?: string): NotebookError =>
    new NotebookError({ code: 'file', file, message: `${file}: ${message}`, ...(hint ? { hint } : {}) });
  switch (failure.kind) {
    case 'out-of-memory': {
      const use =
        failure.used && failure.limit
          ? ` (${failure.used} of its ${failure.limit} limit in use)`
          : ': the browser would give it no more';
      const wide =
        (context.headerFields ?? 0) > 10_000 ? ` Its first line has ${grouped(context.headerFields ?? 0)} fields.` : '';
      return error(
        `DuckDB ran out of memory in this tab while loading it${use}. Nothing was loaded.${wide}`,
        'Open it again with less in memory, or close other tabs.',
      );
    }
    case 'file-gone':
      return error(
        'the file is no longer there: it was deleted, moved or renamed after it was chosen.',
        'Open it again from where it is now.',
      );
    case 'file-changed':
      return error(
        'the file changed on disk after it was chosen, and the browser no longer lets this page read it.',
        'Open it again to read the new version.',
      );
    case 'quota':
      return error(
        'the browser’s storage for this site (OPFS) is full, so it could not be written there.',
        'Free space (Notebooks → Storage), or open it again read in place.',
      );
    case 'line-too-long': {
      const where = failure.line === null ? 'a line' : `line ${grouped(failure.line)}`;
      return error(
        `${where} is longer than ${grouped(failure.limit)} bytes, the longest line DuckDB reads: is it a ${context.as}?`,
      );
    }
    case 'sniff':
      return error(
        `could not be read as ${context.as}: DuckDB found no delimiter and quoting that fit its lines.`,
        'Check that it is a delimited text file (comma, semicolon, tab or bar).',
      );
    case 'field-count':
      return error(`could not be read as ${context.as}: ${fieldCountReason(failure)}.`);
    case 'cancelled':
      return new NotebookError({ code: 'cancelled', file, message: `Loading ${file} was cancelled.` });
    case 'other':
      return error(`could not be read as ${context.as}: ${failure.reason}`);
  }
}

/** "line 1,002 has 2 fields where the header has 3", for the ragged-row warning. */
export function fieldCountReason(f: Extract<LoadFailure, { kind: 'field-count' }>): string {
  const where = f.line === null ? 'a row' : `line ${grouped(f.line)}`;
  return `${where} has ${f.found} field${f.found === 1 ? '' : 's'} where the header has ${f.expected}`;
}

/** The error for `err`, thrown while loading `file`: a NotebookError of another code passes as it is. */
export function loadErrorFrom(file: string, err: unknown, context: LoadContext): NotebookError {
  if (err instanceof NotebookError && err.code !== 'file') return err;
  const failure = classifyLoadError(messageOf(err));
  // A loader's own message (it names the file already) stands when nothing better is known.
  if (failure.kind === 'other' && err instanceof NotebookError) return err;
  return loadError(file, failure, context);
}

/** Throws the 'cancelled' error when `signal` has been aborted. */
export function stopIfAborted(file: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw loadError(file, { kind: 'cancelled' }, { as: '' });
}
