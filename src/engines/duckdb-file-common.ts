/** What every DuckDB file loader shares: registering a file under its path, and errors that name the file. */
import * as duckdb from '@duckdb/duckdb-wasm';
import { NotebookError } from '../sql/errors';
import type { DuckdbHandle } from './duckdb-boot';
import { FILES_DIR, registeredPath } from './duckdb-network';

export function fileError(file: string, reason: string, hint?: string): NotebookError {
  return new NotebookError({ code: 'file', file, message: `${file}: ${reason}`, ...(hint ? { hint } : {}) });
}

export function firstLine(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.split('\n')[0]?.trim() ?? m;
}

/** Files are registered under FILES_DIR, the one local directory DuckDB may read (duckdb-network.ts). */
export async function registerHandle(h: DuckdbHandle, file: File, table: string): Promise<string> {
  const path = registeredPath(table, file.name);
  await h.db.dropFile(path).catch(() => null);
  await h.db.registerFileHandle(path, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  return path;
}

/** Registers `file` at `path`, which must be under FILES_DIR (a folder's files keep their directories there). */
export async function registerHandleAt(h: DuckdbHandle, file: File, path: string): Promise<void> {
  if (!path.startsWith(FILES_DIR) || path.split('/').includes('..'))
    throw new NotebookError({ code: 'internal', message: `${path} is not under ${FILES_DIR}` });
  await h.db.dropFile(path).catch(() => null);
  await h.db.registerFileHandle(path, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
}

export async function registerBuffer(h: DuckdbHandle, file: File, table: string): Promise<string> {
  const path = registeredPath(table, file.name);
  await h.db.dropFile(path).catch(() => null);
  await h.db.registerFileBuffer(path, new Uint8Array(await file.arrayBuffer()));
  return path;
}
