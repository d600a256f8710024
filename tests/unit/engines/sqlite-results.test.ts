/** Cell results in SQLite: stored by name, read by later cells, and moved to and from Arrow (issue 4). */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Bool,
  DateDay,
  Decimal,
  Field,
  Float64,
  Int64,
  List,
  Schema,
  TimestampMillisecond,
  Utf8,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
  Table,
} from 'apache-arrow';
import { SqliteCore } from '../../../src/engines/sqlite-core';
import { planColumn } from '../../../src/engines/sqlite-results';

let SQL: SqlJsStatic;
let core: SqliteCore;
beforeAll(async () => {
  SQL = await initSqlJs();
});
beforeEach(() => {
  core = new SqliteCore(SQL);
});

function rowsOf(ipc: Uint8Array): unknown[][] {
  const t = tableFromIPC(ipc);
  return Array.from({ length: t.numRows }, (_, r) => t.schema.fields.map((_, c) => t.getChildAt(c)?.get(r)));
}

describe('named results', () => {
  it('stores a cell result under its name for later cells, and still returns only a window', () => {
    const first = core.query(
      'WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 2500) SELECT n FROM s',
      10,
      'numbers',
    );
    expect(first).toMatchObject({ kind: 'rows', totalRows: 2500 });
    if (first.kind === 'rows') expect(tableFromIPC(first.ipc).numRows).toBe(10);
    const second = core.query('SELECT count(*) AS c, sum(n) AS s FROM numbers', 10, 'summary');
    if (second.kind !== 'rows') throw new Error('expected rows');
    expect(rowsOf(second.ipc)).toEqual([[2500n, 3126250n]]);
  });

  it('a cell whose last statement returns nothing leaves no stale result behind', () => {
    core.query('SELECT 1 AS x', 10, 'maybe');
    core.query('CREATE TABLE t (a INTEGER)', 10, 'maybe');
    expect(() => core.query('SELECT * FROM maybe', 10)).toThrow(/no such table: maybe/);
  });

  it("a user's own table wins over a cell result of the same name", () => {
    core.query('SELECT 1 AS x', 10, 'shared');
    core.query('CREATE TABLE shared AS SELECT 2 AS x', 10);
    const r = core.query('SELECT x FROM shared', 10);
    if (r.kind !== 'rows') throw new Error('expected rows');
    expect(rowsOf(r.ipc)).toEqual([[2n]]);
  });

  it('the results schema is not listed as a user database', () => {
    core.query('SELECT 1 AS x', 10, 'hidden');
    expect(core.describe().map((t) => t.name)).not.toContain('hidden');
  });
});

describe('moving results between engines as Arrow', () => {
  it('imports Arrow with faithful types: BIGINT beyond 2^53, doubles, text, booleans, dates', () => {
    const big = 9007199254740993n;
    const t = new Table({
      id: vectorFromArray([big, -5n], new Int64()),
      score: vectorFromArray([1.5, Number.NaN], new Float64()),
      label: vectorFromArray(['héllo 👋', null], new Utf8()),
      ok: vectorFromArray([true, false], new Bool()),
      day: vectorFromArray([new Date(Date.UTC(2024, 0, 31)), null], new DateDay()),
    });
    const notes = core.importResult('from_duck', tableToIPC(t, 'stream'));
    expect(notes).toEqual([]);
    const r = core.query(
      "SELECT id, typeof(id) AS tid, score, label, ok, day, date(day, '+1 day') AS next FROM from_duck ORDER BY id DESC",
      10,
    );
    if (r.kind !== 'rows') throw new Error('expected rows');
    const rows = rowsOf(r.ipc);
    expect(rows[0]).toEqual([big, 'integer', 1.5, 'héllo 👋', 1n, '2024-01-31', '2024-02-01']);
    expect(rows[1]?.[0]).toBe(-5n);
    expect(rows[1]?.[3]).toBeNull();
  });

  it('imports many rows over several batches, with nulls, decimals and 64-bit extremes exactly', () => {
    // 1,000 rows in batches of 300 (not a multiple of the rows written per INSERT).
    const n = 1000;
    const batches = [0, 300, 600, 900].map((from) => {
      const len = Math.min(300, n - from);
      const ids = Array.from({ length: len }, (_, i) => BigInt(from + i));
      return new Table({
        id: vectorFromArray(ids, new Int64()),
        maybe: vectorFromArray(
          ids.map((x) => (x % 3n === 0n ? null : x * 2n)),
          new Int64(),
        ),
        big: vectorFromArray(
          ids.map((x) => (x === 999n ? -9223372036854775807n : 9007199254740993n + x)),
          new Int64(),
        ),
        v: vectorFromArray(
          ids.map((x) => Number(x) / 4),
          new Float64(),
        ),
      }).batches[0];
    });
    const t = new Table(batches.filter((b) => b !== undefined));
    core.importResult('many', tableToIPC(t, 'stream'));
    const r = core.query(
      'SELECT count(*) AS n, count(maybe) AS m, sum(maybe) AS s, sum(v) AS sv, min(big) AS lo, max(big) AS hi, typeof(min(big)) AS tb FROM many',
      10,
    );
    if (r.kind !== 'rows') throw new Error('expected rows');
    const nonNull = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0);
    expect(rowsOf(r.ipc)).toEqual([
      [
        1000n,
        BigInt(nonNull.length),
        BigInt(nonNull.reduce((a, i) => a + 2 * i, 0)),
        (999 * 1000) / 2 / 4,
        -9223372036854775807n,
        9007199254740993n + 998n,
        'integer',
      ],
    ]);
  });

  it('reads decimals from their words, negative ones and those beyond 53 bits included', () => {
    const plan = planColumn(new Field('d', new Decimal(2, 38, 128), true));
    const words = new Uint32Array([
      12345,
      0,
      0,
      0, // 123.45
      -12345 >>> 0,
      0xffffffff,
      0xffffffff,
      0xffffffff, // -123.45
      0,
      0x00400000,
      0,
      0, // 2^54 / 100, beyond 53 bits: read through Arrow
    ]);
    const slowValues: number[] = [];
    const read = plan.fromValues?.(words, 0, new Decimal(2, 38, 128), (i) => (slowValues.push(i), 42));
    expect(read?.(0)).toBeCloseTo(123.45, 10);
    expect(read?.(1)).toBeCloseTo(-123.45, 10);
    expect(read?.(2)).toBe(42);
    expect(slowValues).toEqual([2]);
  });

  it('says so when a type cannot map exactly', () => {
    const decimal = planColumn(new Field('price', new Decimal(2, 10, 128), true));
    expect(decimal.sqlType).toBe('REAL');
    expect(decimal.note).toMatch(/"price".*REAL/);
    const list = planColumn(new Field('tags', new List(new Field('item', new Utf8(), true)), true));
    expect(list.sqlType).toBe('TEXT');
    expect(list.note).toMatch(/"tags".*JSON/);
    expect(planColumn(new Field('ts', new TimestampMillisecond(), true)).convert(Date.UTC(2024, 5, 1, 6, 38, 46))).toBe(
      '2024-06-01 06:38:46',
    );
  });

  it('exports a stored result as Arrow IPC with integer, real and text columns', () => {
    core.query("SELECT 1 AS i, 2.5 AS r, 'x' AS s UNION ALL SELECT 9007199254740993, NULL, 'y'", 1, 'out');
    const moved = core.exportResult('out');
    const t = tableFromIPC(moved.ipc);
    expect(t.numRows).toBe(2);
    expect(t.schema.fields.map((f) => String(f.type))).toEqual(['Int64', 'Float64', 'Utf8']);
    expect(t.getChildAt(0)?.get(1)).toBe(9007199254740993n);
    // One storage class per column: nothing changed, so nothing is said.
    expect(moved.notes).toEqual([]);
  });

  it('says which columns of mixed storage classes change on the way to DuckDB, and how', () => {
    core.query(
      "SELECT 1 AS mixed, 1 AS wide, x'00' AS bytes UNION ALL SELECT 'one', 2.5, x'01' UNION ALL SELECT 2.5, 9007199254740993, NULL",
      1,
      'mix',
    );
    const moved = core.exportResult('mix');
    expect(moved.notes).toEqual([
      "mixed: INTEGER and TEXT and REAL values → VARCHAR, each as SQLite's text of it",
      'wide: INTEGER and REAL values → DOUBLE, which rounds integers beyond 2^53',
    ]);
    const t = tableFromIPC(moved.ipc);
    expect([0, 1, 2].map((r) => t.getChildAt(0)?.get(r))).toEqual(['1', 'one', '2.5']);
  });

  it('an empty Arrow table becomes an empty result with its columns', () => {
    const empty = new Table(new Schema([new Field('a', new Int64(), true)]));
    core.importResult('empty_one', tableToIPC(empty, 'stream'));
    const r = core.query('SELECT count(*) AS n FROM empty_one', 10);
    if (r.kind !== 'rows') throw new Error('expected rows');
    expect(rowsOf(r.ipc)).toEqual([[0n]]);
  });
});
