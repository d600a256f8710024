/**
 * Which DuckDB columns are read as their text, per type and reader; the type names come from
 * native DuckDB's own DESCRIBE, and the view SQL built on the decision runs there too, so a
 * column read as text still sorts and filters as its stored type.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castsToText, duckdbKind, parseDuckdbType, type WireUse } from '../../../src/engines/duckdb-types';
import { pageSql, readList, sampleSql, viewSql, type ViewColumn } from '../../../src/engines/view-sql';

describe('parseDuckdbType', () => {
  it('reads nested types, quoted member names and multi-word names', () => {
    expect(parseDuckdbType('DECIMAL(38,3)[]')).toEqual({ base: 'LIST', children: [{ base: 'DECIMAL', children: [] }] });
    expect(parseDuckdbType('INTEGER[3][]').base).toBe('LIST');
    expect(parseDuckdbType('INTEGER[3][]').children[0]?.base).toBe('ARRAY');
    expect(parseDuckdbType('STRUCT("a b" TIME WITH TIME ZONE, "c,d" MAP(VARCHAR, UHUGEINT[]))')).toEqual({
      base: 'STRUCT',
      children: [
        { base: 'TIME WITH TIME ZONE', children: [] },
        {
          base: 'MAP',
          children: [
            { base: 'VARCHAR', children: [] },
            { base: 'LIST', children: [{ base: 'UHUGEINT', children: [] }] },
          ],
        },
      ],
      names: ['a b', 'c,d'],
    });
    expect(parseDuckdbType("ENUM('a', 'b)(,')").base).toBe('ENUM');
    expect(parseDuckdbType('timetz').base).toBe('TIME WITH TIME ZONE');
  });
});

/** [type, show, json, typed]: read as text (true) or as it is (false). */
const DECISIONS: [string, boolean, boolean, boolean][] = [
  ['INTEGER', false, false, false],
  ['BIGINT', false, false, false],
  ['UBIGINT', false, false, false],
  ['HUGEINT', false, false, false],
  ['DECIMAL(38,3)', false, false, false],
  ['VARCHAR', false, false, false],
  ['TIMESTAMP', false, false, false],
  ['DATE', false, false, false],
  ['INTERVAL', false, false, false],
  ['UUID', false, false, false],
  ['UHUGEINT', true, true, true],
  ['BIT', true, true, true],
  ['TIME WITH TIME ZONE', true, true, true],
  ['TIME_NS', true, true, true],
  ["ENUM('a', 'b')", true, true, false],
  ['UNION(k INTEGER, s VARCHAR)', true, true, false],
  ['DECIMAL(38,3)[]', true, false, false],
  ['STRUCT(a BIGINT, b VARCHAR[])', true, false, false],
  ['MAP(INTEGER, VARCHAR)', true, false, false],
  ['INTEGER[2]', true, false, false],
  ['TIMESTAMP[]', true, true, false],
  ['STRUCT(t TIME_NS)', true, true, true],
  ['SOME_FUTURE_TYPE', true, true, false],
];

describe('castsToText', () => {
  it.each(DECISIONS)('%s: show %s, json %s, typed %s', (type, show, json, typed) => {
    const uses: WireUse[] = ['show', 'json', 'typed'];
    expect(uses.map((u) => castsToText(type, u))).toEqual([show, json, typed]);
  });

  it('gives columns read as text the kind of their stored type', () => {
    expect(duckdbKind('UHUGEINT')).toBe('number');
    expect(duckdbKind('TIME WITH TIME ZONE')).toBe('temporal');
    expect(duckdbKind('TIME_NS')).toBe('temporal');
    expect(duckdbKind("ENUM('a')")).toBe('text');
    expect(duckdbKind('INTEGER[]')).toBe('nested');
    expect(duckdbKind('UNION(a INTEGER)')).toBe('nested');
    expect(duckdbKind('BIT')).toBe('other');
  });
});

describe('reading a stored result in native DuckDB', () => {
  let conn: DuckDBConnection;
  let columns: ViewColumn[];
  const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowsJS();

  beforeAll(async () => {
    conn = await (await DuckDBInstance.create(':memory:')).connect();
    await conn.run(`CREATE SCHEMA cells; CREATE TABLE cells.r AS SELECT * FROM (VALUES
      (1, '9'::UHUGEINT, [1.5::DECIMAL(4,1)], '02:30:00-1200'::TIMETZ, '12:00:00.123456789'::TIME_NS, 'b'::ENUM('b', 'a'), MAP([3, 1], ['x', 'y'])),
      (2, '100'::UHUGEINT, [99999999999999999999999999999999999.9, 9.9999], '01:00:00+01'::TIMETZ, '00:00:00'::TIME_NS, 'a'::ENUM('b', 'a'), MAP([1], ['z'])),
      (3, '340282366920938463463374607431768211455'::UHUGEINT, [], NULL, NULL, NULL, NULL)
    ) AS v(id, u, l, tz, tns, e, m)`);
    const described = await rows('SELECT column_name, column_type FROM (DESCRIBE cells.r)');
    columns = described.map(([name, type]) => ({
      name: String(name),
      kind: duckdbKind(String(type)),
      type: String(type),
    }));
  });
  afterAll(() => conn.closeSync());

  it('decides from the names DESCRIBE gives', () => {
    expect(columns.map((c) => [c.name, castsToText(c.type ?? '', 'show')])).toEqual([
      ['id', false],
      ['u', true],
      ['l', true],
      ['tz', true],
      ['tns', true],
      ['e', true],
      ['m', true],
    ]);
    expect(readList([{ name: 'id', kind: 'number', type: 'INTEGER' }], 'show')).toBeNull();
  });

  it("reads those columns as DuckDB's own text", async () => {
    const page = pageSql('duckdb', 'r', {}, columns, 0, 10);
    expect(page.sql).toContain('CAST("u" AS VARCHAR) AS "u"');
    expect(await rows(page.sql)).toEqual([
      [1, '9', '[1.500]', '02:30:00-12', '12:00:00.123456789', 'b', '{3=x, 1=y}'],
      [2, '100', '[99999999999999999999999999999999999.900, 10.000]', '01:00:00+01', '00:00:00', 'a', '{1=z}'],
      [3, '340282366920938463463374607431768211455', '[]', null, null, null, null],
    ]);
  });

  it('reads a chart sample as the grid reads it: a TIME_NS as its text, a UHUGEINT as its digits', async () => {
    const sample = sampleSql('duckdb', 'r', {}, columns, ['tns', 'u'], 1, 10);
    expect(sample.sql).toContain('CAST("tns" AS VARCHAR) AS "tns", CAST("u" AS VARCHAR) AS "u"');
    expect(await rows(sample.sql)).toEqual([
      ['12:00:00.123456789', '9'],
      ['00:00:00', '100'],
      [null, '340282366920938463463374607431768211455'],
    ]);
  });

  it('sorts and filters on the stored column, not its text', async () => {
    const ids = async (q: Parameters<typeof viewSql>[2]) =>
      (await rows(viewSql('duckdb', 'r', q, columns).sql)).map((r) => r[0]);
    // As text, '100' < '340…' < '9'.
    expect(await ids({ sort: [{ column: 'u', desc: false }] })).toEqual([1, 2, 3]);
    expect(await ids({ sort: [{ column: 'u', desc: true }] })).toEqual([3, 2, 1]);
    // An ENUM sorts in its declared order: 'b' before 'a'.
    expect(await ids({ sort: [{ column: 'e', desc: false }] })).toEqual([1, 2, 3]);
    const gt = viewSql('duckdb', 'r', { filters: [{ column: 'u', op: 'gt', value: '50' }] }, columns);
    const stmt = await conn.prepare(gt.sql);
    gt.params.forEach((p, i) => stmt.bindVarchar(i + 1, String(p)));
    expect((await stmt.runAndReadAll()).getRowsJS().map((r) => r[0])).toEqual([2, 3]);
    // Past 2^63 too, and with a fraction.
    for (const [value, want] of [
      ['18446744073709551616', [3]],
      ['99.5', [2, 3]],
      ['-1', [1, 2, 3]],
    ] as const) {
      const b = viewSql('duckdb', 'r', { filters: [{ column: 'u', op: 'gt', value }] }, columns);
      const s = await conn.prepare(b.sql);
      b.params.forEach((p, i) => s.bindVarchar(i + 1, String(p)));
      expect(
        (await s.runAndReadAll()).getRowsJS().map((r) => r[0]),
        value,
      ).toEqual(want);
    }
  });

  it('keeps types for Arrow and Parquet, except what Arrow cannot hold as DuckDB means it', async () => {
    const typed = viewSql('duckdb', 'r', {}, columns, 'typed').sql;
    expect(typed).toContain('CAST("tns" AS VARCHAR) AS "tns"');
    // A UHUGEINT would cross as 16 opaque bytes: written as its digits.
    expect(typed).toContain('CAST("u" AS VARCHAR) AS "u"');
    expect(typed).not.toContain('CAST("l"');
    const json = viewSql('duckdb', 'r', {}, columns, 'json').sql;
    expect(json).toContain('CAST("u" AS VARCHAR)');
    expect(json).not.toContain('CAST("l"');
  });
});
