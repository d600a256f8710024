import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqliteCore } from '../../../src/engines/sqlite-core';
import { duckdbErrorPosition } from '../../../src/sql/positions';
import { NotebookError, type ErrorData } from '../../../src/sql/errors';
import { errorRange } from '../../../src/ui/error-range';
import type { Dialect } from '../../../src/sql/lexer';
import golden from '../engines/golden/duckdb-errors.json';

let core: SqliteCore;

beforeAll(async () => {
  core = new SqliteCore(await initSqlJs());
  core.query('CREATE TABLE t(a INTEGER, b TEXT)', 10);
});

/** The error real SQLite gives for `sql`, as the cell sees it. */
function sqliteError(sql: string): ErrorData {
  try {
    core.query(sql, 10);
  } catch (err) {
    if (err instanceof NotebookError) return err.toData();
  }
  throw new Error(`no error for ${sql}`);
}

/** The text a range covers. */
function covered(sql: string, e: ErrorData, dialect: Dialect = 'sqlite'): string {
  const r = errorRange(sql, e, dialect);
  if (!r) return '(none)';
  const lines = sql.split('\n');
  if (r.start.line === r.end.line) return (lines[r.start.line - 1] ?? '').slice(r.start.column - 1, r.end.column - 1);
  return [
    (lines[r.start.line - 1] ?? '').slice(r.start.column - 1),
    ...lines.slice(r.start.line, r.end.line - 1),
    (lines[r.end.line - 1] ?? '').slice(0, r.end.column - 1),
  ].join('\n');
}

describe('SQLite errors in place (real sql.js messages)', () => {
  it('marks the word SQLite names, on the right line of a multi-statement cell', () => {
    const sql = 'SELECT 1;\nSELECT a\nFORM t';
    const e = sqliteError(sql);
    expect(e.message).toMatch(/near "t": syntax error/);
    expect(errorRange(sql, e, 'sqlite')?.start.line).toBe(3);
    expect(covered(sql, e)).toBe('t');
    expect(errorRange(sql, e, 'sqlite')?.scope).toBe('word');
  });
  it('marks a missing column and a missing table', () => {
    expect(covered('SELECT nope FROM t', sqliteError('SELECT nope FROM t'))).toBe('nope');
    expect(covered('SELECT *\nFROM missing', sqliteError('SELECT *\nFROM missing'))).toBe('missing');
  });
  it('incomplete input points at the last thing written', () => {
    const sql = 'SELECT (1 + 2';
    expect(covered(sql, sqliteError(sql))).toBe('2');
  });
  it('with no position, marks the whole failing statement', () => {
    const sql = "SELECT 1;\nINSERT INTO t VALUES (1, 'x'), (2);\nSELECT 3";
    const e = sqliteError(sql);
    expect(e.statementIndex).toBe(1);
    const r = errorRange(sql, { ...e, position: undefined }, 'sqlite');
    expect(r?.scope).toBe('statement');
    expect(covered(sql, { ...e, position: undefined })).toBe("INSERT INTO t VALUES (1, 'x'), (2)");
  });
});

describe('DuckDB errors in place (real DuckDB messages)', () => {
  for (const [sql, message] of Object.entries(golden as Record<string, string>)) {
    if (sql.startsWith('CREATE OR REPLACE TEMP TABLE')) continue;
    it(`marks ${JSON.stringify(sql.slice(0, 40))}`, () => {
      const position = duckdbErrorPosition(message, sql);
      expect(position).not.toBeNull();
      const e: ErrorData = { code: 'sql', message, sql, statementIndex: 0, ...(position ? { position } : {}) };
      const text = covered(sql, e, 'duckdb');
      const quoted = /near "([^"]+)"|column "([^"]+)"|name (\w+) does/.exec(message);
      const name = quoted?.[1] ?? quoted?.[2] ?? quoted?.[3];
      if (name) expect(text).toBe(name);
      else expect(text.length).toBeGreaterThan(0);
    });
  }
  it('an error with neither position nor statement text draws nothing', () => {
    expect(errorRange('SELECT 1; SELECT 2', { code: 'sql', message: 'boom' }, 'duckdb')).toBeNull();
    expect(errorRange('SELECT 1', { code: 'engine-start', message: 'no' }, 'duckdb')).toBeNull();
    expect(errorRange('SELECT 1', { code: 'sql', message: 'boom' }, 'duckdb')?.scope).toBe('statement');
  });
});
