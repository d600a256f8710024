/**
 * Running one query in both engines (issue 13): the two answers compared as the grid shows them,
 * and the dialect notes that explain the difference. The answers come from the real engines
 * (DuckDB-Wasm's Node build and sql.js).
 */
import initSqlJs from 'sql.js';
import { tableFromIPC, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqliteCore } from '../../../src/engines/sqlite-core';
import { dialectNotes } from '../../../src/sql/dialect-notes';
import { compareResults } from '../../../src/values/compare-results';
import { wasmDuckdb, type WasmDuckdb } from './wasm-duckdb';

let duck: WasmDuckdb;
let lite: SqliteCore;
beforeAll(async () => {
  const [d, SQL] = await Promise.all([wasmDuckdb(), initSqlJs()]);
  duck = d;
  lite = new SqliteCore(SQL);
}, 60_000);

function both(sql: string, ordered = /ORDER BY/i.test(sql)) {
  const a = duck.query(sql);
  const r = lite.query(sql, 1000);
  if (r.kind !== 'rows') throw new Error('no rows from SQLite');
  const b: Table = tableFromIPC(r.ipc);
  const c = compareResults(['DuckDB', 'SQLite'], a, b, ordered);
  return { ...c, notes: dialectNotes(sql, c.kinds) };
}

describe('one query, both engines', () => {
  it('agree: nothing to say', () => {
    const c = both("SELECT 1 AS one, 'x' AS t, NULL AS n");
    expect(c.summary).toEqual([]);
    expect(c.notes).toEqual([]);
  });

  it('integer division: the value that differs, and why', () => {
    const c = both('SELECT 7 / 2 AS half, 1 AS same');
    expect(c.a.rows).toEqual([['3.5', '1']]);
    expect(c.b.rows).toEqual([['3', '1']]);
    expect([...c.differs]).toEqual(['0:0']);
    expect(c.summary).toEqual(['1 value differs; the first, row 1 half: 3.5 in DuckDB, 3 in SQLite.']);
    expect(c.notes[0]).toMatch(/^Integer division: in SQLite/);
  });

  it('NULL ordering: the same rows in another order', () => {
    const c = both('WITH t(x) AS (VALUES (2), (NULL), (1)) SELECT x FROM t ORDER BY x');
    expect(c.a.rows).toEqual([['1'], ['2'], [null]]);
    expect(c.b.rows).toEqual([[null], ['1'], ['2']]);
    expect(c.summary).toEqual(['The same rows, in a different order.']);
    expect(c.notes).toEqual([expect.stringMatching(/^NULL ordering/)]);
  });

  it('values equal but typed apart (42 and 42.0)', () => {
    const c = both("SELECT CAST('42' AS NUMERIC) AS v");
    expect(c.summary).toEqual(['The same values, but 1 row differ in type (such as 42 and 42.0).']);
    expect(c.notes).toEqual([expect.stringMatching(/^Type affinity/)]);
  });

  it('rows only in one engine, without an order', () => {
    const c = both('WITH t(x) AS (VALUES (1), (2), (3)) SELECT x FROM t WHERE x / 2 = 1');
    expect(c.a.rows).toEqual([['2']]);
    expect(c.b.rows).toEqual([['2'], ['3']]);
    expect(c.summary).toEqual(['DuckDB gives 1 row, SQLite 2 rows.', '1 row only in SQLite.']);
    expect(c.onlyB).toEqual([false, true]);
    expect(c.notes[0]).toMatch(/^Integer division/);
  });

  it('string concatenation with + and date functions get their notes', () => {
    expect(dialectNotes("SELECT 'a' + 'b'", new Set(['error']))[0]).toMatch(/^String concatenation/);
    expect(dialectNotes("SELECT strftime('%Y', d) FROM t", new Set(['error']))[0]).toMatch(/^Date functions differ/);
  });
});
