/** Exports a result view (sorted and filtered as shown) chunk by chunk from the engine into a sink. */
import type { Field } from 'apache-arrow';
import type { ViewQuery } from '../../engines/view-sql';
import { viewChunks, type ResultTarget } from '../../session/result-view';
import { ArrowStreamSplicer, parquetWriter } from './binary';
import { encodeChunk, footer, header, type TextFormat } from './encode';
import type { Sink } from './sink';

export type ExportFormat = TextFormat | 'arrow' | 'parquet';

export const FORMATS: Record<ExportFormat, { readonly label: string; readonly ext: string; readonly mime: string }> = {
  csv: { label: 'CSV', ext: 'csv', mime: 'text/csv' },
  tsv: { label: 'TSV', ext: 'tsv', mime: 'text/tab-separated-values' },
  json: { label: 'JSON', ext: 'json', mime: 'application/json' },
  ndjson: { label: 'NDJSON', ext: 'ndjson', mime: 'application/x-ndjson' },
  arrow: { label: 'Arrow IPC', ext: 'arrows', mime: 'application/vnd.apache.arrow.stream' },
  parquet: { label: 'Parquet', ext: 'parquet', mime: 'application/vnd.apache.parquet' },
};

/** Rows per engine read: small enough that a chunk decodes quickly on the page. */
const CHUNK_ROWS = 20_000;

/** Thrown when the user stops an export; the sink is discarded, so no partial file is left. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelled';
  }
}

export async function runExport(target: ResultTarget, query: ViewQuery, fields: readonly Field[], format: ExportFormat, sink: Sink, progress: (rows: number) => void, signal?: AbortSignal): Promise<number> {
  // SQLite infers each chunk's column types from its values; a typed format needs one schema, so it reads once.
  const rows = (format === 'arrow' || format === 'parquet') && target.engine === 'sqlite' ? Number.MAX_SAFE_INTEGER : CHUNK_ROWS;
  // Checked between chunks: a chunk in flight finishes, nothing after it is read or written.
  const step = (n: number) => {
    if (signal?.aborted) throw new ExportCancelled();
    progress(n);
  };
  try {
    const n = format === 'parquet' ? await toParquet(target, query, sink, rows, step) : await toStream(target, query, fields, format, sink, rows, step);
    if (signal?.aborted) throw new ExportCancelled();
    await sink.close();
    return n;
  } catch (err) {
    await sink.abort().catch(() => undefined);
    throw err;
  }
}

const utf8 = new TextEncoder();

async function toStream(target: ResultTarget, query: ViewQuery, fields: readonly Field[], format: Exclude<ExportFormat, 'parquet'>, sink: Sink, rows: number, progress: (n: number) => void): Promise<number> {
  const text = format === 'arrow' ? null : format;
  const arrow = new ArrowStreamSplicer();
  if (text) await sink.write(utf8.encode(header(fields, text)));
  let n = 0;
  for await (const t of viewChunks(target, query, rows)) {
    await sink.write(text ? utf8.encode(encodeChunk(t, fields, text, n === 0)) : arrow.chunk(t));
    n += t.numRows;
    progress(n);
  }
  await sink.write(text ? utf8.encode(footer(text, n)) : arrow.end());
  return n;
}

async function toParquet(target: ResultTarget, query: ViewQuery, sink: Sink, rows: number, progress: (n: number) => void): Promise<number> {
  const w = await parquetWriter();
  // The file bytes are drained while chunks are still being pushed.
  const drained = (async () => {
    const reader = (await w.bytes).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) await sink.write(r.value);
  })();
  let n = 0;
  try {
    for await (const t of viewChunks(target, query, rows)) {
      w.push(t);
      n += t.numRows;
      progress(n);
    }
  } catch (err) {
    // Stopped or failed: end the writer and let the drain finish before the sink is discarded.
    w.close();
    await drained.catch(() => undefined);
    throw err;
  }
  w.close();
  await drained;
  return n;
}
