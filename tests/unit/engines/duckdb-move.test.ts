/**
 * DuckDB results moved to SQLite (issue 16): every DuckDB type, through DuckDB-Wasm itself (its
 * Node build, the same engine and the same missing extensions as in the page) and sql.js, with
 * the value SQLite stores and the note the cell shows.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { tableToIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { moveChecks, moveSelect, readFacts, type MoveColumn } from '../../../src/engines/duckdb-move';
import { attachResultsSchema, importResult } from '../../../src/engines/sqlite-results';
import { wasmDuckdb, type WasmDuckdb } from '../values/wasm-duckdb';
import { MOVE_CASES as CASES, MOVE_NOTED, MOVE_SILENT } from '../../e2e/support/move-cases';

let duck: WasmDuckdb;
let SQL: SqlJsStatic;

beforeAll(async () => {
  [duck, SQL] = await Promise.all([wasmDuckdb(), initSqlJs()]);
}, 60_000);

/** Moves `SELECT … FROM r` with the columns of CASES (and a second row of NULLs) and reads it back in SQLite. */
function move(): { rows: Record<string, [string, string | null]>[]; notes: string[]; json: Record<string, number> } {
  const names = Object.keys(CASES);
  duck.query(
    `CREATE OR REPLACE TABLE r AS SELECT ${names.map((n) => `${CASES[n]?.[0]} AS ${n}`).join(', ')} ` +
      `UNION ALL SELECT ${names.map((n) => `NULL AS ${n}`).join(', ')}`,
  );
  const columns: MoveColumn[] = duck
    .query('SELECT column_name, column_type FROM (DESCRIBE r)')
    .toArray()
    .map((r: { column_name: string; column_type: string }) => ({ name: r.column_name, type: r.column_type }));
  const checks = moveChecks(columns, 'r');
  const facts = readFacts(checks ? (duck.query(checks).toArray()[0]?.toJSON() as Record<string, unknown>) : undefined);
  const { select, notes } = moveSelect(columns, facts);
  const ipc = tableToIPC(duck.query(`SELECT ${select} FROM r`), 'stream');
  const db = new SQL.Database();
  attachResultsSchema(db);
  const mapped = importResult(db, 'moved', ipc);
  const read = names
    .map((n) => `typeof(${n}), CASE typeof(${n}) WHEN 'blob' THEN hex(${n}) ELSE CAST(${n} AS TEXT) END`)
    .join(', ');
  const result = db.exec(`SELECT ${read} FROM moved`)[0];
  const rows = (result?.values ?? []).map((v) =>
    Object.fromEntries(
      names.map((n, i): [string, [string, string | null]] => [n, [String(v[2 * i]), v[2 * i + 1] as string | null]]),
    ),
  );
  const nested = names.filter((n) => n.startsWith('list') || ['strct', 'map', 'arr', 'deep'].includes(n));
  const valid = db.exec(`SELECT ${nested.map((n) => `json_valid(${n}) AS ${n}`).join(', ')} FROM moved LIMIT 1`)[0];
  const json = Object.fromEntries(nested.map((n, i) => [n, Number(valid?.values[0]?.[i])]));
  db.close();
  return { rows, notes: [...notes, ...mapped], json };
}

describe('a DuckDB result moved to SQLite', () => {
  it('arrives value for value, or as text by the documented rule', () => {
    const { rows } = move();
    const got = rows[0] ?? {};
    const want = Object.fromEntries(
      Object.entries(CASES).map(([n, [, type, text]]) => [n, [type, type === 'null' ? null : text]]),
    );
    expect(got).toEqual(want);
    // Every NULL stays NULL.
    expect(Object.values(rows[1] ?? {}).every(([type]) => type === 'null')).toBe(true);
  });

  it('writes nested values as JSON that SQLite reads', () => {
    const { json } = move();
    expect(Object.values(json).length).toBeGreaterThan(5);
    for (const [name, valid] of Object.entries(json)) expect(valid, name).toBe(1);
  });

  it('names each column that changed, and says what happened to it', () => {
    const { notes } = move();
    const noted = (col: string) => notes.filter((n) => n.startsWith(`${col}:`));
    for (const col of MOVE_NOTED) expect(noted(col), col).toHaveLength(1);
    expect(noted('ub')[0]).toBe(
      "ub: UBIGINT → TEXT, since some values pass SQLite's 64-bit INTEGER (largest 9223372036854775807)",
    );
    expect(noted('nan')[0]).toBe('nan: DOUBLE → REAL, and its NaN became NULL (SQLite has no NaN)');
    // Columns that arrive exactly say nothing.
    for (const col of MOVE_SILENT) expect(noted(col), col).toEqual([]);
    expect(notes).toHaveLength(MOVE_NOTED.length);
  });
});
