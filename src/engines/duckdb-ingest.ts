/** Parquet, JSON, Arrow and DuckDB files into DuckDB, offline: see docs/architecture.md (Files). */
import { NotebookError } from '../sql/errors';
import { quoteIdent, quoteString } from '../sql/quote';
import { RpcClient } from './protocol';
import type { IngestApi } from './ingest.worker';
import type { DuckdbHandle } from './duckdb-boot';
import { registeredPath } from './duckdb-network';
import { fileError, firstLine, registerBuffer, registerHandle } from './duckdb-file-common';

let ingest: RpcClient<IngestApi> | null = null;
function ingestWorker(): RpcClient<IngestApi> {
  ingest ??= new RpcClient<IngestApi>(new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' }));
  return ingest;
}

export async function loadParquet(
  h: DuckdbHandle,
  file: File,
  table: string,
  onProgress?: (fraction: number) => void,
): Promise<void> {
  const worker = ingestWorker();
  const { handle, rowGroups } = await worker.call('parquetOpen', [file]);
  const read = (g: number) => worker.call('parquetRead', [handle, g, file.name]);
  let next: Promise<Uint8Array> | null = null;
  try {
    await h.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    // One row group at a time, so memory is bounded by a row group, not the file. The next row
    // group is decoded (in the ingest worker) while DuckDB inserts this one (in its own worker):
    // two row groups in flight at most.
    const first = rowGroups === 0 ? -1 : 0;
    next = read(first);
    for (let g = first; next; g++) {
      const ipc: Uint8Array = await next;
      next = g + 1 < rowGroups ? read(g + 1) : null;
      await h.conn.insertArrowFromIPCStream(ipc, { name: table, create: g <= 0 });
      onProgress?.(rowGroups > 0 ? (g + 1) / rowGroups : 1);
    }
  } catch (err) {
    await h.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`).catch(() => null);
    if (err instanceof NotebookError) throw err;
    throw fileError(file.name, `could not be loaded: ${firstLine(err)}`);
  } finally {
    // A read still in flight (the insert before it failed) finishes before the file is closed.
    await next?.catch(() => null);
    await worker.call('parquetClose', [handle]);
  }
}

export async function loadJson(h: DuckdbHandle, file: File, kind: 'json' | 'ndjson', table: string): Promise<void> {
  await h.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  try {
    let path: string;
    if (kind === 'ndjson') {
      const bytes = await ingestWorker().call('ndjsonToArray', [file]);
      path = registeredPath(table, file.name);
      await h.db.dropFile(path).catch(() => null);
      await h.db.registerFileBuffer(path, bytes);
    } else {
      path = await registerHandle(h, file, table);
    }
    await h.conn.insertJSONFromPath(path, { name: table });
  } catch (err) {
    if (err instanceof NotebookError) throw err;
    throw fileError(
      file.name,
      `could not be read as JSON: ${firstLine(err)}`,
      'The file must be an array of objects, or one object per line.',
    );
  }
}

export async function loadArrow(h: DuckdbHandle, file: File, table: string): Promise<void> {
  const ipc = await ingestWorker().call('arrowToStream', [file]);
  await h.conn.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  try {
    await h.conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
  } catch (err) {
    throw fileError(file.name, `could not be loaded: ${firstLine(err)}`);
  }
}

export async function attachDuckdb(h: DuckdbHandle, file: File, name: string): Promise<void> {
  // An attached database is read lazily, by every query and so from pthreads too: with threads,
  // its bytes go into DuckDB's own memory, which every thread shares, instead of a file handle.
  const path = h.threads > 1 ? await registerBuffer(h, file, name) : await registerHandle(h, file, name);
  await h.conn.query(`DETACH DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => null);
  try {
    await h.conn.query(`ATTACH ${quoteString(path)} AS ${quoteIdent(name)} (READ_ONLY)`);
  } catch (err) {
    throw fileError(file.name, `could not be attached as a DuckDB database: ${firstLine(err)}`);
  }
}
