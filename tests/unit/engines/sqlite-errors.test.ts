import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { classify, namedObject, sqliteErrorHint, sqliteErrorOffset } from '../../../src/engines/sqlite-errors';

let db: Database;

beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  db.run('CREATE TABLE t(a INTEGER, b TEXT); CREATE TABLE u(a)');
});

/** The message real sql.js gives for `sql`; '' when it prepares fine. */
function realMessage(sql: string): string {
  try {
    db.prepare(sql).free();
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

function probe(prefix: string, message: string): boolean {
  return realMessage(prefix) === message;
}

/**
 * Golden cases: the statement, the exact message sql.js 1.16 (SQLite 3.54) gives
 * for it, and a caret under the character the error should point at.
 */
const GOLDEN: readonly { sql: string; message: string; at: string }[] = [
  { sql: 'SELEC 1', message: 'near "SELEC": syntax error', at: '^' },
  { sql: 'SELECT * FORM t', message: 'near "FORM": syntax error', at: '         ^' },
  { sql: 'SELECT max(a), min(b)) FROM t', message: 'near ")": syntax error', at: '                     ^' },
  { sql: 'SELECT * FROM t WHERE a = 1 1', message: 'near "1": syntax error', at: '                            ^' },
  {
    sql: "SELECT 'from' FROM t WHERE a = 1 FROM",
    message: 'near "FROM": syntax error',
    at: '                                 ^',
  },
  { sql: 'SELECT 1 = = 2', message: 'near "=": syntax error', at: '           ^' },
  // The caret counts the newline as one character.
  {
    sql: 'SELECT -- a ) comment\n max(a)) FROM t',
    message: 'near ")": syntax error',
    at: '                             ^',
  },
  { sql: 'SELECT (1 + 2', message: 'incomplete input', at: '             ^' },
  { sql: "SELECT 'abc", message: 'unrecognized token: "\'abc"', at: '       ^' },
  { sql: "SELECT x'zz' FROM t", message: 'unrecognized token: "x\'zz\'"', at: '       ^' },
  { sql: 'SELECT * FROM nope', message: 'no such table: nope', at: '              ^' },
  { sql: 'SELECT * FROM "t" JOIN main.nope', message: 'no such table: main.nope', at: '                       ^' },
  { sql: 'SELECT * FROM "my table"', message: 'no such table: my table', at: '               ^' },
  { sql: 'SELECT zz FROM t', message: 'no such column: zz', at: '       ^' },
  { sql: 'SELECT t.zz FROM t', message: 'no such column: t.zz', at: '       ^' },
  {
    sql: "SELECT 1 FROM t WHERE b = 'zz' AND zz = 1",
    message: 'no such column: zz',
    at: '                                   ^',
  },
  { sql: 'SELECT a FROM t, u', message: 'ambiguous column name: a', at: '       ^' },
  { sql: 'SELECT nofn(1)', message: 'no such function: nofn', at: '       ^' },
  { sql: 'SELECT substr() FROM t', message: 'wrong number of arguments to function substr()', at: '       ^' },
  { sql: 'SELECT count(count(a)) FROM t', message: 'misuse of aggregate function count()', at: '       ^' },
  { sql: 'CREATE TABLE t(x)', message: 'table t already exists', at: '             ^' },
  { sql: 'INSERT INTO t VALUES (1)', message: 'table t has 2 columns but 1 values were supplied', at: '            ^' },
];

describe('sqliteErrorOffset against real sql.js messages', () => {
  for (const c of GOLDEN) {
    it(`${c.message} ← ${c.sql.replace(/\n/g, '⏎')}`, () => {
      expect(realMessage(c.sql)).toBe(c.message);
      expect(sqliteErrorOffset(c.message, c.sql, probe)).toBe(c.at.indexOf('^'));
    });
  }

  it('without a probe, a repeated token resolves to its first occurrence', () => {
    expect(sqliteErrorOffset('near ")": syntax error', 'SELECT max(a), min(b)) FROM t')).toBe(12);
  });

  it('returns null for messages that name nothing in the statement', () => {
    expect(sqliteErrorOffset('integer overflow', 'SELECT abs(-9223372036854775808)')).toBeNull();
    expect(sqliteErrorOffset('no such table: gone', 'SELECT * FROM t')).toBeNull();
  });

  it('ignores tokens inside comments and strings', () => {
    expect(sqliteErrorOffset('near "FORM": syntax error', "SELECT 'FORM' /* FORM */ FORM")).toBe(25);
    expect(sqliteErrorOffset('no such column: zz', "SELECT 'zz', zz")).toBe(13);
  });
});

describe('namedObject', () => {
  it('extracts the name, unquoting the string-literal suggestion form', () => {
    expect(namedObject('no such column: "abc" - should this be a string literal in single-quotes?')).toBe('abc');
    expect(namedObject('no such table: main.foo')).toBe('main.foo');
    expect(namedObject('misuse of window function sum()')).toBe('sum');
    expect(namedObject('integer overflow')).toBeNull();
  });
});

describe('classify', () => {
  it('marks comments, strings and quoted identifiers, with delimiters as code', () => {
    const sql = `a 'b' "c" [d] -- e`;
    const short = { code: '.', string: 's', ident: 'i', comment: '#' } as const;
    expect(
      classify(sql)
        .map((c) => short[c])
        .join(''),
    ).toBe('...s...i...i..####');
  });
});

describe('sqliteErrorHint', () => {
  it('explains that DuckDB tables are not visible to SQLite', () => {
    expect(sqliteErrorHint('no such table: foo')).toMatch(/DuckDB/);
    expect(sqliteErrorHint('integer overflow')).toBeUndefined();
  });
});
