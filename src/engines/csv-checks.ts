/**
 * What a CSV's first line says before DuckDB reads the file, and what the table DuckDB made must
 * agree with. Checked in the page, so a file DuckDB would choke on gets a clear message at once.
 */
import { NotebookError } from '../sql/errors';
import { sizeText } from './load-errors';

/**
 * The longest line DuckDB's CSV reader takes: its default max_line_size ("Maximum line size of
 * 2000000 bytes exceeded", measured in DuckDB-Wasm 1.32).
 */
export const MAX_LINE_BYTES = 2_000_000;
/** How far a line with no end is followed to say how long it is. */
const SCAN_LIMIT = 256 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** The first line of a file, or how long it is when DuckDB could not take it. */
export type FirstLine =
  | { readonly ok: true; readonly text: string }
  /** `length` is null when it goes on past SCAN_LIMIT. */
  | { readonly ok: false; readonly length: number | null };

/** The index of the first \n or \r in `bytes`, or -1. */
function lineEnd(bytes: Uint8Array): number {
  const n = bytes.indexOf(10);
  const r = bytes.indexOf(13);
  return n < 0 ? r : r < 0 ? n : Math.min(n, r);
}

/**
 * Reads `file` up to its first line break. A first line longer than MAX_LINE_BYTES is not read
 * as text: measured, DuckDB's sniffer reads a 48 MB file with no line break for 16–28 s without
 * a progress report, then fails with "Maximum line size … exceeded" (and a file of many short
 * fields with no line break runs it out of memory instead), so such a file is refused before.
 */
export async function readFirstLine(file: File): Promise<FirstLine> {
  const head = new Uint8Array(await file.slice(0, MAX_LINE_BYTES + 1).arrayBuffer());
  const end = lineEnd(head);
  if (end >= 0) return { ok: true, text: new TextDecoder().decode(head.subarray(0, end)) };
  if (head.length <= MAX_LINE_BYTES) return { ok: true, text: new TextDecoder().decode(head) };
  for (let at = head.length; at < Math.min(file.size, SCAN_LIMIT); at += CHUNK) {
    const found = lineEnd(new Uint8Array(await file.slice(at, at + CHUNK).arrayBuffer()));
    if (found >= 0) return { ok: false, length: at + found };
  }
  return { ok: false, length: file.size <= SCAN_LIMIT ? file.size : null };
}

/** The error for a first line DuckDB could not take. */
export function firstLineTooLong(file: string, length: number | null, as: string): NotebookError {
  const size = length === null ? `longer than ${sizeText(SCAN_LIMIT)}` : `${sizeText(length)} long`;
  return new NotebookError({
    code: 'file',
    file,
    message: `${file}: the first line is ${size}, with no line break: is it a ${as}?`,
    hint: `DuckDB reads lines of up to ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes; a ${as} file has one record per line.`,
  });
}

/** The most frequent common delimiter in the header line, or null when there is none. */
export function likelyDelimiter(headerLine: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = headerLine.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** The number of fields in `line` split by `delim`, where a delimiter inside double quotes splits nothing. */
export function countFields(line: string, delim: string): number {
  let fields = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delim && !quoted) fields++;
  }
  return fields;
}

const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ',': 'commas',
  ';': 'semicolons',
  '\t': 'tabs',
  '|': 'bars',
};

/**
 * A table of one column read from a file whose header has several delimited fields is a wrong
 * table: DuckDB's sniffer falls back to one column when no dialect fits every row. Returns the
 * error to give, or null when the columns agree with the header.
 */
export function oneColumnError(
  file: string,
  header: { readonly fields: number; readonly delim: string | null },
  columns: number,
): NotebookError | null {
  if (columns !== 1 || header.fields <= 1 || header.delim === null) return null;
  const by = DELIMITER_NAMES[header.delim] ?? `"${header.delim}"`;
  return new NotebookError({
    code: 'file',
    file,
    message: `${file}: its first line has ${header.fields} fields separated by ${by}, but DuckDB read the file as one column. Nothing was loaded.`,
    hint: 'Check that every line has the same delimiter and that quotes are closed.',
  });
}
