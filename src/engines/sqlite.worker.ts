/**
 * The SQLite worker: sql.js with its wasm bundled by Vite, serving SqliteCore
 * over the typed protocol. Query results leave as Arrow IPC bytes, transferred.
 */
import initSqlJs from 'sql.js';
// The package's "browser" export (sql-wasm-browser.js) asks for this file; it is
// byte-identical to sql-wasm.wasm in 1.16, but pairing them keeps a future split safe.
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { NotebookError } from '../sql/errors';
import { serve, Transfer, type Port } from './protocol';
import { SqliteCore, type AttachResult, type CoreResult } from './sqlite-core';
import type { FunctionInfo, MovedResult, SqlParam, TableInfo, TablePeek } from './engine';
import type { PlanNode } from './plans';

const ready: Promise<SqliteCore> = initSqlJs({ locateFile: () => wasmUrl }).then(
  (SQL) => new SqliteCore(SQL),
  (err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    throw new NotebookError({ code: 'engine-start', message: `SQLite could not start: ${reason}` }, { cause: err });
  },
);
// Callers see the failure when they await `ready`; don't report it twice as unhandled.
ready.catch(() => undefined);

const api = {
  async start(): Promise<{ version: string }> {
    return { version: (await ready).version() };
  },
  async query(sql: string, maxRows: number, resultName?: string): Promise<Transfer<CoreResult> | CoreResult> {
    const result = (await ready).query(sql, maxRows, resultName);
    return result.kind === 'rows' ? new Transfer(result, [result.ipc.buffer]) : result;
  },
  async attach(bytes: Uint8Array, fileName: string, schema: string): Promise<AttachResult> {
    return (await ready).attach(bytes, fileName, schema);
  },
  async detach(schema: string): Promise<void> {
    (await ready).detach(schema);
  },
  async describe(): Promise<TableInfo[]> {
    return (await ready).describe();
  },
  async functions(): Promise<FunctionInfo[]> {
    return (await ready).functions();
  },
  async peek(schema: string | null, name: string, column: string | null): Promise<TablePeek> {
    return (await ready).peek(schema, name, column);
  },
  async exportResult(name: string): Promise<Transfer<MovedResult>> {
    const moved = (await ready).exportResult(name);
    return new Transfer(moved, [moved.ipc.buffer]);
  },
  async explain(sql: string): Promise<PlanNode[]> {
    return (await ready).explain(sql);
  },
  async importResult(name: string, ipc: Uint8Array): Promise<string[]> {
    return (await ready).importResult(name, ipc);
  },
  async read(sql: string, params: readonly SqlParam[]): Promise<Transfer<Uint8Array>> {
    const ipc = (await ready).read(sql, params);
    return new Transfer(ipc, [ipc.buffer]);
  },
  async dropResult(name: string): Promise<void> {
    (await ready).dropResult(name);
  },
};

export type SqliteApi = typeof api;

serve(self as unknown as Port, api);
