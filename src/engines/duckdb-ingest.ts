/** Parquet, JSON, Arrow and DuckDB files into DuckDB, offline: see docs/architecture.md (Files). */
import { NotebookError } from '../sql/errors';
import { quoteIdent, quoteString } from '../sql/quote';
import { RpcClient } from './protocol';
import type { IngestApi } from './ingest.worker';
import type { DuckdbHandle } from './duckdb-boot';
import { registeredPath } from './duckdb-network';
import { fileError, firstLine, registerBuffer, registerHandle } from './duckdb-file-common';
import { buildThenSwap } from './duckdb-swap';
import { classifyLoadError, loadError, loadErrorFrom, messageOf, stopIfAborted, type LoadContext } from './load-errors';

const PARQUET: LoadContext = { as: 'Parquet' };
const ARROW: LoadContext = { as: 'Arrow IPC' };

let ingest: RpcClient<IngestApi> | null = null;
function ingestWorker(): RpcClient<IngestApi> {
  ingest ??= new RpcClient<IngestApi>(new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' }));
  return ingest;
}

/**
 * Parquet, one row group at a time into a temporary table, swapped in when complete; a Cancel
 * (`signal`) stops between row groups.
 */
export async function loadParquet(
  h: DuckdbHandle,
  file: File,
  table: string,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  stopIfAborted(file.name, signal);
  const worker = ingestWorker();
  const { handle, rowGroups } = await worker.call('parquetOpen', [file]).catch((err: unknown) => {
    throw loadErrorFrom(file.name, err, PARQUET);
  });
  const read = (g: number) => worker.call('parquetRead', [handle, g, file.name]);
  const inFlight: { next: Promise<Uint8Array> | null } = { next: null };
  try {
    await buildThenSwap(h, file.name, table, async (temp) => {
      // One row group at a time, so memory is bounded by a row group, not the file. The next row
      // group is decoded (in the ingest worker) while DuckDB inserts this one (in its own worker):
      // two row groups in flight at most.
      const first = rowGroups === 0 ? -1 : 0;
      inFlight.next = read(first);
      for (let g = first; inFlight.next; g++) {
        const ipc: Uint8Array = await inFlight.next;
        stopIfAborted(file.name, signal);
        inFlight.next = g + 1 < rowGroups ? read(g + 1) : null;
        await h.conn.insertArrowFromIPCStream(ipc, { name: temp, create: g <= 0 });
        onProgress?.(rowGroups > 0 ? (g + 1) / rowGroups : 1);
      }
      return 'TABLE';
    });
  } catch (err) {
    throw loadErrorFrom(file.name, err, PARQUET);
  } finally {
    // A read still in flight (the insert before it failed) finishes before the file is closed.
    await inFlight.next?.catch(() => null);
    await worker.call('parquetClose', [handle]);
  }
}

export async function loadJson(
  h: DuckdbHandle,
  file: File,
  kind: 'json' | 'ndjson',
  table: string,
  signal?: AbortSignal,
): Promise<void> {
  stopIfAborted(file.name, signal);
  try {
    await buildThenSwap(h, file.name, table, async (temp) => {
      let path: string;
      if (kind === 'ndjson') {
        const bytes = await ingestWorker().call('ndjsonToArray', [file]);
        path = registeredPath(table, file.name);
        await h.db.dropFile(path).catch(() => null);
        await h.db.registerFileBuffer(path, bytes);
      } else {
        path = await registerHandle(h, file, table);
      }
      stopIfAborted(file.name, signal);
      await h.conn.insertJSONFromPath(path, { name: temp });
      return 'TABLE';
    });
  } catch (err) {
    throw jsonError(file.name, err);
  }
}

/** A JSON load's error: DuckDB's own reason, with what the file must be, when it is not a known one. */
function jsonError(file: string, err: unknown): NotebookError {
  const context: LoadContext = { as: 'JSON' };
  if (err instanceof NotebookError) return loadErrorFrom(file, err, context);
  const failure = classifyLoadError(messageOf(err));
  if (failure.kind !== 'other') return loadError(file, failure, context);
  return fileError(
    file,
    `could not be read as JSON: ${firstLine(err)}`,
    'The file must be an array of objects, or one object per line.',
  );
}

/** An Arrow IPC file, re-encoded as a stream in the ingest worker and inserted in one go. */
export async function loadArrow(h: DuckdbHandle, file: File, table: string, signal?: AbortSignal): Promise<void> {
  stopIfAborted(file.name, signal);
  const ipc = await ingestWorker()
    .call('arrowToStream', [file])
    .catch((err: unknown) => {
      throw loadErrorFrom(file.name, err, ARROW);
    });
  stopIfAborted(file.name, signal);
  try {
    await buildThenSwap(h, file.name, table, async (temp) => {
      await h.conn.insertArrowFromIPCStream(ipc, { name: temp, create: true });
      return 'TABLE';
    });
  } catch (err) {
    throw loadErrorFrom(file.name, err, ARROW);
  }
}

export async function attachDuckdb(h: DuckdbHandle, file: File, name: string): Promise<void> {
  try {
    // An attached database is read lazily, by every query and so from pthreads too: with threads,
    // its bytes go into DuckDB's own memory, which every thread shares, instead of a file handle.
    const path = h.threads > 1 ? await registerBuffer(h, file, name) : await registerHandle(h, file, name);
    await h.conn.query(`DETACH DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => null);
    await h.conn.query(`ATTACH ${quoteString(path)} AS ${quoteIdent(name)} (READ_ONLY)`);
  } catch (err) {
    const failure = classifyLoadError(messageOf(err));
    if (failure.kind !== 'other') throw loadError(file.name, failure, { as: 'DuckDB database' });
    throw fileError(file.name, `could not be attached as a DuckDB database: ${firstLine(err)}`);
  }
}
