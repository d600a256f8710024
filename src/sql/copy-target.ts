/**
 * Where a DuckDB `COPY … TO '<path>'` writes, read from the lexer's tokens: the path (its string
 * token's place in the statement, so the engine can point it elsewhere), the format (an explicit
 * FORMAT option, else DuckDB's own guess from the extension) and whether it writes a folder
 * (PARTITION_BY, PER_THREAD_OUTPUT). `COPY … FROM` and `COPY FROM DATABASE` are not writes of a file.
 */
import { codeTokens, type Token } from './lexer';

export type CopyFormat = 'csv' | 'parquet' | 'json';

export interface CopyTarget {
  /** The path as written (unquoted). */
  readonly path: string;
  /** The string token's span in the statement text. */
  readonly start: number;
  readonly end: number;
  readonly format: CopyFormat;
  /** PARTITION_BY or PER_THREAD_OUTPUT: DuckDB writes a folder of files, not one file. */
  readonly folder: boolean;
}

const isPunct = (t: Token | undefined, p: string) => t?.kind === 'punct' && t.text === p;

/** A plain single-quoted string's value; null for E'…' and dollar quotes, which are left alone. */
function stringValue(t: Token): string | null {
  if (t.kind !== 'string' || !t.closed || !t.text.startsWith("'")) return null;
  return t.text.slice(1, -1).replace(/''/g, "'");
}

/** DuckDB's guess when no FORMAT is given: by the extension, compression suffixes aside. */
export function formatOfPath(path: string): CopyFormat {
  const name = path.toLowerCase().replace(/\.(gz|zst|zstd|lz4|snappy|brotli)$/, '');
  if (name.endsWith('.parquet')) return 'parquet';
  if (name.endsWith('.json') || name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'json';
  return 'csv';
}

function formatOption(t: Token | undefined): CopyFormat | null {
  if (!t) return null;
  const v = (t.kind === 'string' ? (stringValue(t) ?? '') : t.text).toLowerCase();
  return v === 'parquet' || v === 'json' || v === 'csv' ? v : null;
}

/** The file a `COPY … TO` statement writes, or null for any other statement. */
export function copyTarget(statement: string): CopyTarget | null {
  const t = codeTokens(statement, 'duckdb');
  if (t[0]?.upper !== 'COPY' || t[1]?.upper === 'FROM') return null;
  let depth = 0;
  let to = -1;
  for (let i = 1; i < t.length; i++) {
    const tok = t[i] as Token;
    if (isPunct(tok, '(')) depth++;
    else if (isPunct(tok, ')')) depth--;
    else if (depth === 0 && tok.kind === 'word' && (tok.upper === 'TO' || tok.upper === 'FROM')) {
      if (tok.upper === 'TO') to = i;
      break;
    }
  }
  const target = t[to + 1];
  const path = to < 0 || !target ? null : stringValue(target);
  if (path === null || !target) return null;
  let format: CopyFormat | null = null;
  let folder = false;
  for (let i = to + 2; i < t.length; i++) {
    const word = t[i]?.upper;
    if (word === 'FORMAT') format ??= formatOption(t[i + 1]);
    if (word === 'PARTITION_BY' || word === 'PER_THREAD_OUTPUT') folder = true;
  }
  return { path, start: target.start, end: target.end, format: format ?? formatOfPath(path), folder };
}
