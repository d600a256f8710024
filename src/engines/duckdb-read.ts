/**
 * Reading stored results for the result view and exports: a bounded query on a connection of its
 * own (so a page can be read while a cell's query streams on the main one), and a whole view
 * streamed as undecoded IPC pieces.
 */
import type * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import { duckdbReadError } from './duckdb-errors';
import type { BoundSql } from './engine';

/** Awaits engine work unless the engine dies first (DuckdbEngine's guard). */
export type Guard = <T>(work: Promise<T>) => Promise<T>;

/** Pieces of a streamed result are cut at about this size: bounded memory, few round trips. */
const STREAM_PIECE_BYTES = 4 * 1024 * 1024;

/** One IPC stream: the schema message, then record batch messages. */
function joinIpc(header: Uint8Array, batches: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(header.length + batches.reduce((a, b) => a + b.length, 0));
  out.set(header, 0);
  let at = header.length;
  for (const b of batches) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** Prepares only when there are parameters: a page without filters stays one round trip. */
export async function readBound(
  conn: duckdb.AsyncDuckDBConnection,
  { sql, params }: BoundSql,
  guard: Guard,
): Promise<Table> {
  try {
    if (params.length === 0) return await guard(conn.query(sql));
    const stmt = await guard(conn.prepare(sql));
    try {
      // DuckDB-Wasm sends the values as JSON: strings arrive as VARCHAR, cast where the SQL says.
      return await guard(stmt.query(...params));
    } finally {
      await stmt.close().catch(() => undefined);
    }
  } catch (err) {
    throw duckdbReadError(err);
  }
}

/**
 * Streams a query on a connection of its own (the view connection stays free for the grid):
 * DuckDB produces the rows as they are fetched, and the IPC messages are passed on as they come,
 * a few MB at a time, with the schema message in front of each piece.
 */
export async function* streamBound(
  conn: duckdb.AsyncDuckDBConnection,
  { sql, params }: BoundSql,
  guard: Guard,
): AsyncGenerator<Uint8Array> {
  const [db, id] = conn.useUnsafe((b, c) => [b, c] as const);
  let stmt: number | null = null;
  try {
    let header: Uint8Array | null;
    if (params.length === 0) {
      header = await guard(db.startPendingQuery(id, sql, true));
      while (!header) header = await guard(db.pollPendingQuery(id));
    } else {
      // A prepared statement's result streams the same way.
      stmt = await guard(db.createPrepared(id, sql));
      header = await guard(db.sendPrepared(id, stmt, [...params]));
    }
    // null: not ready yet, ask again. An empty buffer ends the stream.
    const next = async (): Promise<Uint8Array> => {
      for (;;) {
        const b = await guard(db.fetchQueryResults(id));
        if (b) return b;
      }
    };
    let parts: Uint8Array[] = [];
    let size = 0;
    let sent = false;
    for (let b = await next(); b.length > 0; b = await next()) {
      parts.push(b);
      size += b.length;
      if (size >= STREAM_PIECE_BYTES) {
        yield joinIpc(header, parts);
        sent = true;
        parts = [];
        size = 0;
      }
    }
    // An empty result still yields its schema, so a file can say what its columns are.
    if (parts.length > 0 || !sent) yield joinIpc(header, parts);
  } catch (err) {
    throw duckdbReadError(err);
  } finally {
    if (stmt !== null) await db.closePrepared(id, stmt).catch(() => undefined);
    await conn.close().catch(() => undefined);
  }
}
