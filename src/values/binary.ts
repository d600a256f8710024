/**
 * Arrow IPC and Parquet exports, chunk by chunk. Arrow: each chunk is written
 * as an IPC stream and spliced (the schema once, the end-of-stream marker
 * once), so the file never has to be whole in memory. Parquet: parquet-wasm's
 * streaming writer turns a stream of record batches into file bytes.
 */
import { tableToIPC, type Table } from 'apache-arrow';

const EOS = [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];

function endsWithEos(b: Uint8Array): boolean {
  return b.length >= 8 && EOS.every((x, i) => b[b.length - 8 + i] === x);
}

/** Bytes of the schema message at the start of an IPC stream: continuation, length, metadata. */
function schemaLength(b: Uint8Array): number {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const continued = view.getUint32(0, true) === 0xffffffff;
  const len = view.getInt32(continued ? 4 : 0, true);
  return (continued ? 8 : 4) + len;
}

export class ArrowStreamSplicer {
  private started = false;

  /** The chunk's bytes as they continue the stream. */
  chunk(t: Table): Uint8Array {
    const b = tableToIPC(t, 'stream');
    const body = endsWithEos(b) ? b.subarray(0, b.length - 8) : b;
    if (!this.started) {
      this.started = true;
      return body;
    }
    return body.subarray(schemaLength(b));
  }

  end(): Uint8Array {
    return new Uint8Array(EOS);
  }
}

type ParquetModule = typeof import('parquet-wasm/esm');
let parquet: Promise<ParquetModule> | null = null;

/** parquet-wasm (4.9 MB of wasm) loads on the first Parquet export only. */
export function loadParquet(): Promise<ParquetModule> {
  parquet ??= Promise.all([import('parquet-wasm/esm'), import('parquet-wasm/esm/parquet_wasm_bg.wasm?url')]).then(
    async ([mod, url]) => {
      await mod.default({ module_or_path: url.default });
      return mod;
    },
  );
  return parquet;
}

/**
 * A Parquet writer fed one Arrow IPC stream at a time; `bytes` yields the file as
 * it is written (a promise: it settles once the first batch is in). Each
 * chunk becomes (part of) a row group.
 */
export async function parquetWriter(): Promise<{
  push: (ipc: Uint8Array) => void;
  close: () => void;
  bytes: Promise<ReadableStream<Uint8Array>>;
}> {
  const pq = await loadParquet();
  let controller: ReadableStreamDefaultController<unknown> | null = null;
  const batches = new ReadableStream<unknown>({ start: (c) => void (controller = c) }, { highWaterMark: 2 });
  const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).build();
  // Not awaited here: parquet-wasm 0.8 resolves this only once the first batch has arrived.
  const bytes = pq.transformParquetStream(batches, props) as Promise<ReadableStream<Uint8Array>>;
  return {
    push: (ipc) => {
      const wasmTable = pq.Table.fromIPCStream(ipc);
      for (const batch of wasmTable.recordBatches()) controller?.enqueue(batch);
    },
    close: () => controller?.close(),
    bytes,
  };
}
