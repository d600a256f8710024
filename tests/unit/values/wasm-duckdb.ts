/**
 * DuckDB-Wasm itself, through its Node build: the Arrow values the page receives, as the engine
 * writes them (a hand-built Arrow table could not show what DuckDB-Wasm loses on the way).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createDuckDB, NODE_RUNTIME, VoidLogger } from '@duckdb/duckdb-wasm/blocking';
import { tableFromIPC, type Table } from 'apache-arrow';

/** Runs SQL and decodes its IPC bytes with the app's Arrow, as the page does with what the worker sends. */
export interface WasmDuckdb {
  query(sql: string): Table;
}

export async function wasmDuckdb(): Promise<WasmDuckdb> {
  const dist = dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await createDuckDB(
    {
      mvp: { mainModule: `${dist}/duckdb-mvp.wasm`, mainWorker: '' },
      eh: { mainModule: `${dist}/duckdb-eh.wasm`, mainWorker: '' },
    },
    new VoidLogger(),
    NODE_RUNTIME,
  );
  await db.instantiate();
  const conn = db.connect();
  return { query: (sql) => tableFromIPC(conn.useUnsafe((b, id) => b.runQuery(id, sql))) };
}
