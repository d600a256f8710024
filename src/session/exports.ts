/** Exports a result view (sorted and filtered as shown) piece by piece from the engine into a sink. */
import { tableToIPC } from 'apache-arrow';
import { viewSql, type ViewQuery } from '../engines/view-sql';
import { widenedInTyped, type WireUse } from '../engines/duckdb-types';
import { RpcClient } from '../engines/protocol';
import { dialectOf, viewChunks, type ResultTarget } from './result-view';
import type { TextFormat } from '../values/encode';
import type { ExportApi } from '../values/export.worker';
import type { Sink } from '../files/save-sink';

export type ExportFormat = TextFormat | 'arrow' | 'parquet';

export const FORMATS: Record<ExportFormat, { readonly label: string; readonly ext: string; readonly mime: string }> = {
  csv: { label: 'CSV', ext: 'csv', mime: 'text/csv' },
  tsv: { label: 'TSV', ext: 'tsv', mime: 'text/tab-separated-values' },
  json: { label: 'JSON', ext: 'json', mime: 'application/json' },
  ndjson: { label: 'NDJSON', ext: 'ndjson', mime: 'application/x-ndjson' },
  arrow: { label: 'Arrow IPC', ext: 'arrows', mime: 'application/vnd.apache.arrow.stream' },
  parquet: { label: 'Parquet', ext: 'parquet', mime: 'application/vnd.apache.parquet' },
};

/** Rows per page read, where the engine cannot stream (SQLite). */
const CHUNK_ROWS = 20_000;

/** Thrown when the user stops an export; the sink is discarded, so no partial file is left. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelled';
  }
}

/**
 * The view's rows as IPC pieces. DuckDB streams one query over the result, so a sorted
 * 10M-row view is sorted once, not once per chunk, and nothing is decoded on the page.
 * SQLite reads pages (its results are in the page's reach anyway).
 */
async function* pieces(
  target: ResultTarget,
  query: ViewQuery,
  rows: number,
  format: ExportFormat,
): AsyncGenerator<Uint8Array> {
  if (target.stream) {
    yield* target.stream(viewSql(dialectOf(target), target.name, query, target.columns, wireUse(format)));
    return;
  }
  for await (const t of viewChunks(target, query, rows)) yield tableToIPC(t, 'stream');
}

/**
 * What each format reads: CSV and TSV write DuckDB's text, as COPY … TO csv does (nested values
 * too); JSON keeps nested values structured where they cross exactly; Arrow and Parquet keep types.
 */
function wireUse(format: ExportFormat): WireUse {
  if (format === 'arrow' || format === 'parquet') return 'typed';
  return format === 'json' || format === 'ndjson' ? 'json' : 'show';
}

/**
 * The columns a typed export (Arrow, Parquet) writes as DuckDB's text because the format cannot
 * hold their type as DuckDB means it, as `name (TYPE)`; empty for other formats.
 */
export function widenedColumns(target: ResultTarget, format: ExportFormat): string[] {
  if (wireUse(format) !== 'typed') return [];
  return widenedInTyped(target.columns.flatMap((c) => (c.type === undefined ? [] : [{ name: c.name, type: c.type }])));
}

/** Exports of result views, through one encoder worker started on the first export. */
export class Exporter {
  private encoder: RpcClient<ExportApi> | null = null;

  private encoderWorker(): RpcClient<ExportApi> {
    this.encoder ??= new RpcClient<ExportApi>(
      new Worker(new URL('../values/export.worker.ts', import.meta.url), { type: 'module' }),
    );
    return this.encoder;
  }

  /**
   * Exports the view into `sink`. The page only moves bytes: the engine's worker produces the
   * rows, the encoder worker turns them into the format, and the next piece is read while the
   * one before is being encoded and written.
   */
  async run(
    target: ResultTarget,
    query: ViewQuery,
    format: ExportFormat,
    sink: Sink,
    progress: (rows: number) => void,
    signal?: AbortSignal,
  ): Promise<number> {
    // SQLite infers each chunk's column types from its values; a typed format needs one schema, so it reads once.
    const rows =
      (format === 'arrow' || format === 'parquet') && target.engine === 'sqlite' ? Number.MAX_SAFE_INTEGER : CHUNK_ROWS;
    const enc = this.encoderWorker();
    const id = await enc.call('begin', [format, target.columns.map((c) => c.type)]);
    let n = 0;
    let writing: Promise<void> = Promise.resolve();
    try {
      for await (const ipc of pieces(target, query, rows, format)) {
        // Checked between pieces: one in flight finishes, nothing after it is read or written.
        if (signal?.aborted) throw new ExportCancelled();
        await writing;
        writing = enc.call('encode', [id, ipc], [ipc.buffer]).then(async ({ bytes, rows: k }) => {
          await sink.write(bytes);
          n += k;
          progress(n);
        });
        // Failures surface at the next await of `writing`; this only keeps them from being reported as unhandled.
        writing.catch(() => undefined);
      }
      await writing;
      if (signal?.aborted) throw new ExportCancelled();
      await sink.write(await enc.call('finish', [id]));
      await sink.close();
      return n;
    } catch (err) {
      await writing.catch(() => undefined);
      await enc.call('abort', [id]).catch(() => undefined);
      await sink.abort().catch(() => undefined);
      throw err;
    }
  }
}
