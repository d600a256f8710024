/**
 * Filter values as bound parameters, run by both engines' real SQL: SQLite through SqliteCore
 * (sql.js), DuckDB natively (@duckdb/node-api), binding strings as VARCHAR and numbers as
 * DOUBLE, as DuckDB-Wasm does with the JSON it is sent. A hostile value is matched literally
 * and never runs; numbers compare exactly, past 2^53 too.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundSql } from '../../../src/engines/engine';
import { SqliteCore } from '../../../src/engines/sqlite-core';
import { countSql, pageSql, type Dialect, type ViewColumn, type ViewQuery } from '../../../src/engines/view-sql';
import type { ColumnFilter } from '../../../src/notebook/view-settings';

const HOSTILE = "'); DROP TABLE canary; --";
const ODD_COLUMN = 'n"); DROP TABLE canary; --';

/** id, label, price, and a column whose name is an attack. Ids past 2^53 differ only beyond a double's reach. */
const ROWS: [string, string, string, string][] = [
  ['1', `'a'`, '1.05', '1'],
  ['2', `'it''s'`, '1.10', '2'],
  ['3', `'50%'`, '2.00', '3'],
  ['4', `'5_0'`, '0.10', '4'],
  ['5', `'a;b'`, '0.50', '5'],
  ['6', `'${HOSTILE.replace(/'/g, "''")}'`, '3.00', '6'],
  ['9007199254740992', `'x'`, '1.00', '7'],
  ['9007199254740993', `'y'`, '1.00', '8'],
  ['9007199254740994', `'z'`, '1.00', '9'],
];

const COLUMNS: ViewColumn[] = [
  { name: 'id', kind: 'number' },
  { name: 'label', kind: 'text' },
  { name: 'price', kind: 'number' },
  { name: ODD_COLUMN, kind: 'number' },
];

function resultSql(d: Dialect): string {
  const values = ROWS.map(
    ([id, label, price, n]) =>
      `(${d === 'duckdb' ? `${id}::BIGINT` : id}, ${label}, ${d === 'duckdb' ? `${price}::DECIMAL(18,2)` : price}, ${n})`,
  ).join(', ');
  return `SELECT * FROM (VALUES ${values}) AS v(id, label, price, "n""); DROP TABLE canary; --")`;
}

interface Runner {
  readonly dialect: Dialect;
  /** The ids of the rows the view query returns, as text (exact past 2^53). */
  ids(b: BoundSql): Promise<string[]>;
  count(b: BoundSql): Promise<number>;
  canaryRows(): Promise<number>;
}

function filter(column: string, op: ColumnFilter['op'], value: string): ViewQuery {
  return { filters: [{ column, op, value }], sort: [{ column: 'id', desc: false }] };
}

async function sqliteRunner(): Promise<Runner> {
  const core = new SqliteCore(await initSqlJs());
  core.query('CREATE TABLE canary AS SELECT 1 AS x', 10);
  // SQLite's VALUES names its columns column1…; the result gets the real names from a SELECT.
  core.query(
    `SELECT column1 AS id, column2 AS label, column3 AS price, column4 AS "n""); DROP TABLE canary; --" FROM (VALUES ${ROWS.map((r) => `(${r.join(', ')})`).join(', ')})`,
    10,
    'res',
  );
  const rows = (b: BoundSql) => tableFromIPC(core.read(b.sql, b.params));
  return {
    dialect: 'sqlite',
    ids: async (b) =>
      rows(b)
        .toArray()
        .map((r: { id: unknown }) => String(r.id)),
    count: async (b) => Number(rows(b).getChildAt(0)?.get(0)),
    canaryRows: async () => Number(rows({ sql: 'SELECT count(*) FROM canary', params: [] }).getChildAt(0)?.get(0)),
  };
}

let duck: DuckDBConnection | null = null;

async function duckdbRunner(): Promise<Runner> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  duck = conn;
  await conn.run('CREATE TABLE canary AS SELECT 1 AS x; CREATE SCHEMA cells');
  await conn.run(`CREATE TABLE cells.res AS ${resultSql('duckdb')}`);
  const run = async (b: BoundSql) => {
    const stmt = await conn.prepare(b.sql);
    b.params.forEach((p, i) => (typeof p === 'string' ? stmt.bindVarchar(i + 1, p) : stmt.bindDouble(i + 1, p)));
    return (await stmt.runAndReadAll()).getRowsJS();
  };
  return {
    dialect: 'duckdb',
    ids: async (b) => (await run(b)).map((r) => String(r[0])),
    count: async (b) => Number((await run(b))[0]?.[0]),
    canaryRows: async () => Number((await run({ sql: 'SELECT count(*) FROM canary', params: [] }))[0]?.[0]),
  };
}

afterAll(() => duck?.closeSync());

describe.each([
  ['sqlite', sqliteRunner],
  ['duckdb', duckdbRunner],
] as const)('bound filter values in %s', (_, make) => {
  let r: Runner;
  beforeAll(async () => {
    r = await make();
  });
  const page = (q: ViewQuery) => pageSql(r.dialect, 'res', q, COLUMNS, 0, 100);

  it('matches a hostile value literally and never runs it', async () => {
    expect(await r.ids(page(filter('label', 'equals', HOSTILE)))).toEqual(['6']);
    expect(await r.ids(page(filter('label', 'contains', 'DROP TABLE canary; --')))).toEqual(['6']);
    expect(await r.ids(page(filter('label', 'contains', "'")))).toEqual(['2', '6']);
    expect(await r.ids(page(filter('label', 'contains', ';')))).toEqual(['5', '6']);
    expect(await r.ids(page(filter('label', 'equals', "x' OR '1'='1")))).toEqual([]);
    expect(await r.canaryRows()).toBe(1);
  });

  it('treats % and _ in contains literally', async () => {
    expect(await r.ids(page(filter('label', 'contains', '%')))).toEqual(['3']);
    expect(await r.ids(page(filter('label', 'contains', '_')))).toEqual(['4']);
  });

  it('compares numbers exactly, past 2^53 too', async () => {
    expect(await r.ids(page(filter('id', 'gt', '9007199254740992')))).toEqual(['9007199254740993', '9007199254740994']);
    expect(await r.ids(page(filter('id', 'equals', '9007199254740993')))).toEqual(['9007199254740993']);
    expect(await r.ids(page(filter('id', 'lte', ' 3 ')))).toEqual(['1', '2', '3']);
    // Not `> 2`: a fraction on an integer column keeps its fraction.
    expect(await r.ids(page(filter('id', 'gt', '1.5')))).toContain('2');
    expect(await r.ids(page(filter('id', 'lt', '2.5')))).toEqual(['1', '2']);
    expect(await r.ids(page(filter('id', 'gte', '5e0')))).toEqual([
      '5',
      '6',
      '9007199254740992',
      '9007199254740993',
      '9007199254740994',
    ]);
    expect(await r.ids(page(filter('price', 'gt', '1.051')))).toEqual(['2', '3', '6']);
    expect(await r.ids(page(filter('price', 'equals', '0.1')))).toEqual(['4']);
    expect(await r.count(countSql(r.dialect, 'res', filter('price', 'not-equals', '1'), COLUMNS))).toBe(6);
  });

  it('quotes a hostile column name and binds what is compared with it', async () => {
    const q: ViewQuery = {
      filters: [{ column: ODD_COLUMN, op: 'gt', value: '7' }],
      sort: [{ column: ODD_COLUMN, desc: true }],
    };
    expect(await r.ids(page(q))).toEqual(['9007199254740994', '9007199254740993']);
    expect(await r.canaryRows()).toBe(1);
  });

  it('never runs a statement typed into a numeric filter', async () => {
    const attempt = page(filter('id', 'lt', '1; DROP TABLE canary'));
    expect(attempt.params).toEqual(['1; DROP TABLE canary']);
    // SQLite compares the text with the numbers (every number is less than text); DuckDB cannot
    // cast it to BIGINT and fails. Either way the statement is data.
    await r.ids(attempt).catch(() => undefined);
    expect(await r.canaryRows()).toBe(1);
  });
});
