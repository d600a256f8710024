import { tableFromIPC, type Table } from 'apache-arrow';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NotebookError } from '../../../src/sql/errors';
import { SqliteCore, type CoreResult } from '../../../src/engines/sqlite-core';
import { headerProblem } from '../../../src/engines/sqlite-errors';

let SQL: SqlJsStatic;
let core: SqliteCore;

beforeAll(async () => {
  SQL = await initSqlJs();
});
beforeEach(() => {
  core = new SqliteCore(SQL);
});

function rows(sql: string, maxRows = 1000): { table: Table; result: Extract<CoreResult, { kind: 'rows' }> } {
  const result = core.query(sql, maxRows);
  if (result.kind !== 'rows') throw new Error(`expected rows, got ${result.kind}`);
  return { table: tableFromIPC(result.ipc), result };
}

function failure(run: () => unknown): NotebookError {
  try {
    run();
  } catch (err) {
    if (err instanceof NotebookError) return err;
    throw err;
  }
  throw new Error('expected a NotebookError');
}

/** A real database file, made with sql.js itself. */
function databaseBytes(setup: string): Uint8Array {
  const db = new SQL.Database();
  db.run(setup);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('query', () => {
  it('returns the rows as Arrow with a type per column', () => {
    const { table, result } = rows(`SELECT 1 AS i, 2.5 AS f, 'x' AS s, x'0102' AS b, NULL AS n`);
    expect(result.totalRows).toBe(1);
    expect(result.statementCount).toBe(1);
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'i:Int64',
      'f:Float64',
      's:Utf8',
      'b:Binary',
      'n:Null',
    ]);
    const row = table.get(0)?.toJSON();
    expect(row).toEqual({ i: 1n, f: 2.5, s: 'x', b: new Uint8Array([1, 2]), n: null });
  });

  it('widens ints with reals to Float64 and mixes with text to Utf8', () => {
    const { table } = rows(
      `SELECT column1 AS num, column2 AS mixed FROM (VALUES (1, 1), (2.5, 'a'), (NULL, 2.0), (3, x'ff'))`,
    );
    expect(String(table.getChild('num')?.type)).toBe('Float64');
    expect(table.getChild('num')?.toArray()).toEqual(new Float64Array([1, 2.5, 0, 3]));
    expect(table.getChild('num')?.get(2)).toBeNull();
    expect(String(table.getChild('mixed')?.type)).toBe('Utf8');
    expect([...(table.getChild('mixed') ?? [])]).toEqual(['1', 'a', '2.0', "x'ff'"]);
  });

  it('keeps 64-bit integers beyond 2^53 exact', () => {
    const { table } = rows(
      'SELECT 9007199254740993 AS big, -9223372036854775808 AS least, 9223372036854775807 AS most',
    );
    expect(table.get(0)?.toJSON()).toEqual({
      big: 9007199254740993n,
      least: -9223372036854775808n,
      most: 9223372036854775807n,
    });
  });

  it('keeps every column when names repeat, and keeps a numeric name in place', () => {
    const { table } = rows(`SELECT 1 AS a, 2 AS a, 3 AS a_2, 'z' AS z, 4`);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['a', 'a_2', 'a_2_2', 'z', '4']);
    // By position: Arrow's row objects list integer-like keys ("4") first, like any JS object.
    expect(table.schema.fields.map((_, i) => table.getChildAt(i)?.get(0))).toEqual([1n, 2n, 3n, 'z', 4n]);
  });

  it('returns an empty table with its column names when no row matches', () => {
    const { table, result } = rows('SELECT 1 AS a, 2 AS b WHERE false');
    expect(result.totalRows).toBe(0);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['a', 'b']);
  });

  it('brings a bounded window and counts every row', () => {
    const { table, result } = rows(
      'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000) SELECT x FROM n',
      100,
    );
    expect(result.totalRows).toBe(5000);
    expect(table.numRows).toBe(100);
    expect(table.getChild('x')?.get(99)).toBe(100n);
  });

  it('runs every statement and returns the last result', () => {
    const { table, result } = rows('CREATE TABLE t(a);\nINSERT INTO t VALUES (1), (2);\nSELECT sum(a) AS s FROM t;');
    expect(result.statementCount).toBe(3);
    expect(table.get(0)?.toJSON()).toEqual({ s: 3n });
  });

  it('reports changes for DML and zero for DDL', () => {
    expect(core.query('CREATE TABLE t(a INTEGER PRIMARY KEY, b)', 10)).toEqual({
      kind: 'done',
      changes: 0,
      statementCount: 1,
    });
    expect(core.query('INSERT INTO t(b) VALUES (1), (2), (3)', 10)).toEqual({
      kind: 'done',
      changes: 3,
      statementCount: 1,
    });
    // sqlite3_changes() would still say 3 here.
    expect(core.query('CREATE INDEX i ON t(b)', 10)).toMatchObject({ kind: 'done', changes: 0 });
    expect(core.query('UPDATE t SET b = b * 10 WHERE a > 1', 10)).toMatchObject({ kind: 'done', changes: 2 });
    expect(core.query('DELETE FROM t RETURNING a', 10)).toMatchObject({ kind: 'rows', totalRows: 3 });
  });

  it('runs a trigger whose body contains semicolons', () => {
    const sql = `CREATE TABLE t(a); CREATE TABLE log(a);
      CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.a); INSERT INTO log VALUES (-new.a); END;
      INSERT INTO t VALUES (7); SELECT a FROM log ORDER BY a`;
    const { table, result } = rows(sql);
    expect(result.statementCount).toBe(5);
    expect(table.getChild('a')?.toArray()).toEqual(new BigInt64Array([-7n, 7n]));
  });

  it('rejects an empty cell', () => {
    for (const sql of ['', '  \n', '-- only a comment\n;', ';;']) {
      const err = failure(() => core.query(sql, 10));
      expect(err.code).toBe('empty');
      expect(err.message).toMatch(/no SQL/);
    }
  });
});

describe('query errors', () => {
  it('names the failing statement and its position in the cell', () => {
    const err = failure(() => core.query('SELECT 1;\n  SELECT *\n  FROM nope;\nSELECT 2', 10));
    expect(err.code).toBe('sql');
    expect(err.message).toBe('Statement 2 of 3: no such table: nope');
    expect(err.statementIndex).toBe(1);
    expect(err.sql).toBe('SELECT *\n  FROM nope');
    expect(err.position).toEqual({ line: 3, column: 8 });
    expect(err.hint).toMatch(/DuckDB/);
  });

  it('locates a syntax error in a one-statement cell without a prefix', () => {
    const err = failure(() => core.query('\nSELECT max(1), min(2)) FROM t', 10));
    expect(err.message).toBe('near ")": syntax error');
    expect(err.statementIndex).toBe(0);
    expect(err.position).toEqual({ line: 2, column: 22 });
  });

  it('locates incomplete input at the end of the statement', () => {
    const err = failure(() => core.query('SELECT (1 + 2; SELECT 3', 10));
    expect(err.message).toBe('Statement 1 of 2: incomplete input');
    expect(err.position).toEqual({ line: 1, column: 14 });
  });

  it('reports a runtime error and stays usable', () => {
    const err = failure(() => core.query('SELECT abs(-9223372036854775808)', 10));
    expect(err.code).toBe('sql');
    expect(err.message).toBe('integer overflow');
    expect(err.position).toBeUndefined();
    expect(rows('SELECT 1 AS ok').table.get(0)?.toJSON()).toEqual({ ok: 1n });
  });

  it('keeps the effects of statements before the failing one', () => {
    failure(() => core.query('CREATE TABLE kept(a); SELECT * FROM nope', 10));
    expect(rows('SELECT count(*) AS n FROM kept').table.get(0)?.toJSON()).toEqual({ n: 0n });
  });
});

describe('attach', () => {
  const shop = `CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL);
    INSERT INTO items VALUES (1, 'pen', 1.5), (2, 'ink', 4);
    CREATE VIEW cheap AS SELECT name FROM items WHERE price < 2;`;

  it('attaches a real database under a schema, with and without the prefix', () => {
    expect(core.attach(databaseBytes(shop), 'shop.db', 'shop')).toEqual({ tables: ['cheap', 'items'] });
    expect(rows('SELECT name FROM shop.items ORDER BY id').table.getChild('name')?.toArray()).toEqual(['pen', 'ink']);
    expect(rows('SELECT count(*) AS n FROM items').table.get(0)?.toJSON()).toEqual({ n: 2n });
    expect(rows('SELECT * FROM cheap').table.get(0)?.toJSON()).toEqual({ name: 'pen' });
  });

  it('replaces a database attached under the same name', () => {
    core.attach(databaseBytes(shop), 'shop.db', 'shop');
    core.attach(databaseBytes('CREATE TABLE other(x); INSERT INTO other VALUES (42);'), 'other.db', 'shop');
    expect(rows('SELECT x FROM shop.other').table.get(0)?.toJSON()).toEqual({ x: 42n });
    expect(failure(() => core.query('SELECT * FROM shop.items', 10)).message).toBe('no such table: shop.items');
  });

  it('attaches a database saved in WAL mode', () => {
    const bytes = databaseBytes(shop);
    bytes[18] = 2; // file format write/read versions 2 = WAL, as in a file copied from an app
    bytes[19] = 2;
    core.attach(bytes, 'wal.db', 'wal');
    expect(rows('SELECT count(*) AS n FROM wal.items').table.get(0)?.toJSON()).toEqual({ n: 2n });
  });

  it('rejects garbage bytes clearly and stays usable', () => {
    const junk = new TextEncoder().encode('id,name\n1,not a database\n'.repeat(50));
    const err = failure(() => core.attach(junk, 'fake.db', 'fake'));
    expect(err.code).toBe('file');
    expect(err.file).toBe('fake.db');
    expect(err.message).toBe('fake.db: file is not a SQLite database');
    expect(rows('SELECT 1 AS ok').table.get(0)?.toJSON()).toEqual({ ok: 1n });
    expect(core.describe().some((t) => t.schema === 'fake')).toBe(false);
  });

  it('rejects a database whose pages are corrupt, keeping the one already attached', () => {
    core.attach(databaseBytes(shop), 'shop.db', 'shop');
    const bytes = databaseBytes(shop);
    bytes.fill(0xab, 100); // keep the header, wreck the schema page and the rest
    const err = failure(() => core.attach(bytes, 'broken.db', 'shop'));
    expect(err.code).toBe('file');
    expect(err.message).toBe('broken.db: database disk image is malformed');
    expect(rows('SELECT count(*) AS n FROM shop.items').table.get(0)?.toJSON()).toEqual({ n: 2n });
  });

  it('rejects a truncated or empty file and a reserved name', () => {
    const bytes = databaseBytes(shop + 'CREATE TABLE big(x); INSERT INTO big SELECT zeroblob(5000);');
    expect(failure(() => core.attach(bytes.subarray(0, 4096), 'cut.db', 'cut')).message).toMatch(
      /^cut\.db: the file is truncated/,
    );
    expect(failure(() => core.attach(new Uint8Array(), 'empty.db', 'e')).message).toBe(
      'empty.db: the file is empty (0 bytes).',
    );
    expect(failure(() => core.attach(bytes, 'x.db', 'main')).code).toBe('file');
  });
});

describe('describe', () => {
  it('lists tables and views in main, temp and attached databases, skipping sqlite_ tables', () => {
    core.query(
      `CREATE TABLE people(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, born DATE);
      INSERT INTO people(name) VALUES ('a');
      CREATE VIEW names AS SELECT name FROM people;
      CREATE TEMP TABLE scratch(v);`,
      10,
    );
    core.attach(databaseBytes('CREATE TABLE items(id INTEGER, price REAL)'), 'shop.db', 'shop');
    expect(core.describe()).toEqual([
      { engine: 'sqlite', schema: null, name: 'names', kind: 'view', columns: [{ name: 'name', type: 'TEXT' }] },
      {
        engine: 'sqlite',
        schema: null,
        name: 'people',
        kind: 'table',
        columns: [
          { name: 'id', type: 'INTEGER' },
          { name: 'name', type: 'TEXT' },
          { name: 'born', type: 'DATE' },
        ],
      },
      { engine: 'sqlite', schema: 'temp', name: 'scratch', kind: 'table', columns: [{ name: 'v', type: '' }] },
      {
        engine: 'sqlite',
        schema: 'shop',
        name: 'items',
        kind: 'table',
        columns: [
          { name: 'id', type: 'INTEGER' },
          { name: 'price', type: 'REAL' },
        ],
      },
    ]);
  });

  it('lists a broken view without columns instead of failing', () => {
    core.query('CREATE TABLE t(a); CREATE VIEW v AS SELECT a FROM t; DROP TABLE t', 10);
    expect(core.describe()).toEqual([{ engine: 'sqlite', schema: null, name: 'v', kind: 'view', columns: [] }]);
  });
});

describe('headerProblem', () => {
  it('accepts a real database', () => {
    expect(headerProblem(databaseBytes('CREATE TABLE t(a)'))).toBeNull();
  });
});
