/**
 * File-kind detection: content first (magic bytes), extension second, so a
 * text file named `.parquet` or `.db` is caught before an engine sees it.
 */
import { NotebookError } from '../sql/errors';
import type { EngineId } from '../notebook/cells';

import type { FileKind } from '../engines/engine';

export type { FileKind };

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  csv: 'CSV',
  tsv: 'TSV',
  parquet: 'Parquet',
  json: 'JSON',
  ndjson: 'NDJSON',
  arrow: 'Arrow IPC',
  sqlite: 'SQLite database',
  duckdb: 'DuckDB database',
};

/** Which engine a kind of file opens in. */
export function engineForKind(kind: FileKind): EngineId {
  return kind === 'sqlite' ? 'sqlite' : 'duckdb';
}

const EXTENSIONS: Record<string, FileKind> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  parquet: 'parquet',
  pq: 'parquet',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  arrow: 'arrow',
  feather: 'arrow',
  ipc: 'arrow',
  arrows: 'arrow',
  db: 'sqlite',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  duckdb: 'duckdb',
};

/** The accept list for the file chooser. */
export const ACCEPT = Object.keys(EXTENSIONS)
  .map((e) => `.${e}`)
  .join(',');

/** How many bytes of the head and tail `detectFileKind` wants to see. */
export const SNIFF_BYTES = 4096;

export function extensionOf(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName);
  return m?.[1]?.toLowerCase() ?? '';
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function ascii(bytes: Uint8Array, from: number, length: number): string {
  let s = '';
  for (let i = from; i < Math.min(bytes.length, from + length); i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}

type Sniffed = FileKind | 'text' | 'binary' | 'empty';

/** What the bytes say, independent of the name. */
export function sniff(head: Uint8Array, tail: Uint8Array, size: number): Sniffed {
  if (size === 0) return 'empty';
  if (ascii(head, 0, 4) === 'PAR1') return 'parquet';
  if (ascii(head, 0, 16) === SQLITE_MAGIC) return 'sqlite';
  // 'DUCK' at byte 8 alone also matches text such as 'species,DUCK'; a real header holds NUL bytes.
  if (ascii(head, 8, 4) === 'DUCK' && looksBinary(head)) return 'duckdb';
  if (ascii(head, 0, 6) === 'ARROW1') return 'arrow';
  // An Arrow IPC stream starts with the continuation marker 0xFFFFFFFF.
  if (head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return 'arrow';
  if (looksBinary(head)) return 'binary';
  const text = ascii(head, 0, head.length)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) return 'ndjson';
  void tail;
  return 'text';
}

function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 1024);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}

function fileError(fileName: string, message: string, hint?: string): NotebookError {
  return new NotebookError({
    code: 'file',
    file: fileName,
    message: `${fileName}: ${message}`,
    ...(hint ? { hint } : {}),
  });
}

/**
 * Decides how to open a file, or explains why it cannot be opened.
 * `head` and `tail` are the first and last SNIFF_BYTES bytes (or the whole file if smaller).
 */
export function detectFileKind(fileName: string, head: Uint8Array, tail: Uint8Array, size: number): FileKind {
  const ext = extensionOf(fileName);
  // Own keys only: a file named `x.constructor` would otherwise find Object's constructor here.
  const byName = Object.hasOwn(EXTENSIONS, ext) ? EXTENSIONS[ext] : undefined;
  const byContent = sniff(head, tail, size);
  if (byContent === 'empty')
    throw fileError(fileName, 'the file is empty (0 bytes).', 'Choose a file that has data in it.');
  if (byContent === 'parquet') {
    if (size < 12 || ascii(tail, tail.length - 4, 4) !== 'PAR1') {
      throw fileError(
        fileName,
        'the Parquet file is truncated: its footer (the closing "PAR1" marker) is missing.',
        'Copy or download the file again.',
      );
    }
    return 'parquet';
  }
  if (byContent === 'sqlite' || byContent === 'duckdb' || byContent === 'arrow') return byContent;
  const label = byName ? FILE_KIND_LABELS[byName] : null;
  if (byName === 'parquet' || byName === 'sqlite' || byName === 'duckdb' || byName === 'arrow') {
    const article = label && /^[AEIOU]/.test(label) ? 'an' : 'a';
    throw fileError(
      fileName,
      `this is not ${article} ${label} file: its contents do not start with the ${label} signature.`,
      'Check that the file is what its extension says.',
    );
  }
  if (byContent === 'binary') {
    throw fileError(
      fileName,
      byName
        ? `this does not look like a ${label} file: it contains binary data.`
        : 'this kind of file is not supported.',
      supportedHint(),
    );
  }
  if (byName === 'json' || byName === 'ndjson')
    return byContent === 'json' ? 'json' : byContent === 'ndjson' ? 'ndjson' : byName;
  if (byName) return byName;
  if (byContent === 'json' || byContent === 'ndjson') return byContent;
  throw fileError(fileName, `files of type ".${ext || '(none)'}" are not supported.`, supportedHint());
}

function supportedHint(): string {
  return 'Supported: CSV, TSV, Parquet, JSON, NDJSON, Arrow IPC, SQLite and DuckDB files.';
}

/** Reads just the head and tail of a file for `detectFileKind`. */
export async function readEnds(file: Blob): Promise<{ head: Uint8Array; tail: Uint8Array }> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const tail =
    file.size <= SNIFF_BYTES ? head : new Uint8Array(await file.slice(file.size - SNIFF_BYTES).arrayBuffer());
  return { head, tail };
}
