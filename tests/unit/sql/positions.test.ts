import initSqlJs, { type Database } from 'sql.js';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { charClass, duckdbErrorPosition, namedObject, sqliteErrorOffset } from '../../../src/sql/positions';
import { tokenize } from '../../../src/sql/lexer';

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

describe('charClass', () => {
  it('marks comments, strings and quoted identifiers, with delimiters as code', () => {
    const sql = `a 'b' "c" [d] \`e\` -- f\ng 'h`;
    const tokens = tokenize(sql, 'sqlite');
    const short = { code: '.', string: 's', ident: 'i', comment: '#' } as const;
    const classes = [...sql].map((_, at) => short[charClass(tokens, at)]).join('');
    // A line comment stops before its newline; an unclosed string runs to the end.
    expect(classes).toBe('...s...i...i...i..####....s');
  });
});

/** Real messages from DuckDB-Wasm 1.32 (captured with its Node build), keyed by the SQL that caused them. */
const golden = JSON.parse(
  readFileSync(new URL('../engines/golden/duckdb-errors.json', import.meta.url), 'utf8'),
) as Record<string, string>;

function at(sql: string) {
  const message = golden[sql];
  if (!message) throw new Error(`no golden message for ${sql}`);
  return { message, position: duckdbErrorPosition(message, sql) };
}

describe('duckdbErrorPosition', () => {
  it('points at the token a syntax error names', () => {
    expect(at('SELEC * FROM sales').position).toEqual({ line: 1, column: 1 });
  });

  it('finds errors on later lines', () => {
    const sql = 'SELECT id,\n  amount +\n  FROM sales';
    expect(at(sql).position).toEqual({ line: 3, column: 3 });
  });

  it('points at a conversion error inside the statement', () => {
    const sql = "SELECT 'abc'::INTEGER";
    const { position } = at(sql);
    expect(position?.line).toBe(1);
    expect(sql.slice((position?.column ?? 0) - 1)).toMatch(/^'abc'|^::INTEGER|^INTEGER/);
  });

  it('points at an unknown column and table', () => {
    const col = 'SELECT nope FROM sales';
    expect(col.slice((at(col).position?.column ?? 0) - 1)).toMatch(/^nope/);
    const tbl = 'SELECT * FROM nosuch';
    expect(tbl.slice((at(tbl).position?.column ?? 0) - 1)).toMatch(/^nosuch/);
  });

  it('finds the column on a long line that DuckDB shows cut short with "..."', () => {
    const sql = Object.keys(golden).find((k) => k.includes('nonsense_column_here')) ?? '';
    const { position } = at(sql);
    expect(sql.slice((position?.column ?? 0) - 1)).toMatch(/^nonsense_column_here/);
  });

  it('returns null when the message has no LINE context', () => {
    expect(duckdbErrorPosition('Out of Memory Error: failed to allocate', 'SELECT 1')).toBeNull();
  });
});
