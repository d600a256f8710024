/**
 * `COPY … TO '<path>'` in the browser. DuckDB-Wasm writes such a file into its own memory, where
 * no one can reach it (with external access off, a path outside the allowed directories was even
 * refused as if it were a read). So the path is pointed into {@link WRITTEN_DIR}, which DuckDB may
 * write, and the cell's result lists the file with its size, for the page to offer as a download.
 */
import type * as duckdb from '@duckdb/duckdb-wasm';
import { copyTarget, type CopyFormat } from '../sql/copy-target';
import { quoteString } from '../sql/quote';
import type { Statement } from '../sql/statements';
import { WRITTEN_DIR } from './duckdb-network';
import type { WrittenFile } from './engine';

/** A COPY … TO of a local path, pointed into WRITTEN_DIR. */
export interface PlannedWrite {
  readonly name: string;
  readonly path: string;
  readonly format: CopyFormat;
  readonly folder: boolean;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The statement with its COPY target pointed into WRITTEN_DIR, and what it will write; unchanged for others. */
export function routeCopy(st: Statement): { statement: Statement; write: PlannedWrite | null } {
  const target = copyTarget(st.text);
  // A URL stays as written: DuckDB refuses it unless the user allowed its host (duckdb-network.ts).
  if (!target || URL_LIKE.test(target.path)) return { statement: st, write: null };
  const parts = target.path.split(/[/\\]+/).filter((p) => p !== '' && p !== '.' && p !== '..');
  const name = parts.at(-1);
  if (!name) return { statement: st, write: null };
  const path = WRITTEN_DIR + parts.join('/');
  const text = st.text.slice(0, target.start) + quoteString(path) + st.text.slice(target.end);
  return {
    statement: { ...st, text },
    write: { name, path, format: target.format, folder: target.folder },
  };
}

/** What a planned write left: its size (a folder's files added up), read without reading the bytes. */
export async function writtenFile(conn: duckdb.AsyncDuckDBConnection, w: PlannedWrite): Promise<WrittenFile> {
  const glob = w.folder ? `${w.path}/**` : w.path;
  let bytes: number | null = null;
  let files = w.folder ? 0 : 1;
  try {
    const t = await conn.query(
      `SELECT sum(size)::BIGINT AS bytes, count(*)::INTEGER AS files FROM read_blob(${quoteString(glob)})`,
    );
    const b = t.getChild('bytes')?.get(0) as bigint | number | null | undefined;
    bytes = b === null || b === undefined ? null : Number(b);
    files = Number(t.getChild('files')?.get(0) ?? files);
  } catch {
    // The size is a courtesy; the file is there either way.
  }
  return { name: w.name, path: w.path, format: w.format, bytes, ...(w.folder ? { files } : {}) };
}

/** Whether `path` is one of the files COPY wrote (the only files the page may read back). */
export function isWrittenPath(path: string): boolean {
  return path.startsWith(WRITTEN_DIR) && !path.split('/').includes('..');
}

/** COPY to Parquet or JSON needs an extension the app does not bundle: say so, and what works instead. */
export function copyFormatRefusal(format: CopyFormat): { message: string; hint: string } | null {
  if (format === 'csv') return null;
  const label = format === 'parquet' ? 'Parquet' : 'JSON';
  return {
    message: `COPY cannot write ${label} here: it needs DuckDB's ${format} extension, which is not part of the app and not loaded in this notebook. Nothing was written.`,
    hint: `Run the query in a cell and use Export… → ${label} on its result, or write CSV with COPY; or allow the ${format} extension under Remote data in the sidebar.`,
  };
}
