/**
 * Decodes files DuckDB-Wasm cannot read offline (Parquet, Arrow IPC files,
 * NDJSON) into Arrow IPC streams, off the main thread. Parquet is read one row
 * group at a time so memory stays bounded by the largest row group.
 */
import initParquet, { ParquetFile } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { RecordBatchReader, RecordBatchStreamWriter } from 'apache-arrow';
import { NotebookError } from '../sql/errors';
import { serve, Transfer, type Port } from './protocol';

let parquetReady: Promise<unknown> | null = null;
const openFiles = new Map<number, ParquetFile>();
let nextHandle = 1;

function fileError(file: string, err: unknown, what: string): NotebookError {
  const reason = err instanceof Error ? err.message : String(err);
  return new NotebookError({ code: 'file', file, message: `${file}: ${what}: ${reason}` });
}

const api = {
  async parquetOpen(file: File): Promise<{ handle: number; rowGroups: number; rows: number }> {
    parquetReady ??= initParquet({ module_or_path: parquetWasmUrl });
    await parquetReady;
    try {
      const pf = await ParquetFile.fromFile(file);
      const meta = pf.metadata();
      const fileMeta = meta.fileMetadata();
      const handle = nextHandle++;
      openFiles.set(handle, pf);
      return { handle, rowGroups: meta.numRowGroups(), rows: Number(fileMeta.numRows()) };
    } catch (err) {
      throw fileError(file.name, err, 'could not read the Parquet file');
    }
  },

  /** One row group as an Arrow IPC stream; with rowGroup -1, the whole (empty) file, for its schema. */
  async parquetRead(handle: number, rowGroup: number, fileName: string): Promise<Transfer<Uint8Array>> {
    const pf = openFiles.get(handle);
    if (!pf) throw new NotebookError({ code: 'internal', message: `no open Parquet file ${handle}` });
    try {
      const table = await pf.read(rowGroup >= 0 ? { rowGroups: [rowGroup] } : {});
      const ipc = table.intoIPCStream();
      return new Transfer(ipc, [ipc.buffer]);
    } catch (err) {
      throw fileError(fileName, err, `could not decode row group ${rowGroup + 1}`);
    }
  },

  parquetClose(handle: number): void {
    openFiles.get(handle)?.free();
    openFiles.delete(handle);
  },

  /** An Arrow IPC file or stream, re-encoded as a stream (what DuckDB-Wasm ingests). */
  async arrowToStream(file: File): Promise<Transfer<Uint8Array>> {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const reader = RecordBatchReader.from(bytes);
      reader.open();
      const writer = new RecordBatchStreamWriter();
      writer.reset(undefined, reader.schema);
      for (const batch of reader) writer.write(batch);
      writer.finish();
      const out = writer.toUint8Array(true);
      return new Transfer(out, [out.buffer]);
    } catch (err) {
      throw fileError(file.name, err, 'could not read the Arrow IPC data');
    }
  },

  /** NDJSON → a JSON array, which DuckDB-Wasm's offline JSON reader takes. Blank lines are skipped. */
  async ndjsonToArray(file: File): Promise<Transfer<Uint8Array>> {
    const text = await file.text();
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    lines.forEach((line, i) => {
      try {
        JSON.parse(line);
      } catch (err) {
        throw fileError(file.name, err, `line ${i + 1} is not valid JSON`);
      }
    });
    const out = new TextEncoder().encode(`[${lines.join(',\n')}]`);
    return new Transfer(out, [out.buffer]);
  },
};

export type IngestApi = typeof api;

serve(self as unknown as Port, api);
