/**
 * Golden tests: each lexer/input/*.sql is lexed and split in both dialects and
 * compared with lexer/output/*.json, tokens written as `kind source-text`. Run
 * with UPDATE_GOLDEN=1 to rewrite the outputs, then read the diff before
 * committing it. What each dialect does was measured with native DuckDB
 * (@duckdb/node-api) and sql.js; see src/sql/scan.ts.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeTokens, lexCount, tokenize, type Dialect } from '../../../src/sql/lexer';
import { scan } from '../../../src/sql/scan';
import { splitStatements } from '../../../src/sql/statements';

const dir = new URL('./lexer/', import.meta.url);
const inputs = readdirSync(new URL('input/', dir)).filter((f) => f.endsWith('.sql'));

function lexed(sql: string, dialect: Dialect) {
  return {
    tokens: tokenize(sql, dialect).map(
      (t) =>
        `${t.kind} ${sql.slice(t.start, t.end)}${t.kind === 'quoted' ? ` → ${t.text}` : ''}${t.closed ? '' : ' (unclosed)'}`,
    ),
    statements: splitStatements(sql, dialect).map((s) => s.text),
  };
}

describe('the lexer (golden)', () => {
  it('has fixtures', () => expect(inputs.length).toBeGreaterThan(5));
  for (const file of inputs) {
    it(file, () => {
      const sql = readFileSync(new URL(`input/${file}`, dir), 'utf8').replace(/\n$/, '');
      const got = { duckdb: lexed(sql, 'duckdb'), sqlite: lexed(sql, 'sqlite') };
      const out = new URL(`output/${file.replace(/\.sql$/, '.json')}`, dir);
      if (process.env.UPDATE_GOLDEN || !existsSync(out)) writeFileSync(out, `${JSON.stringify(got, null, 2)}\n`);
      expect(got).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    });
  }
});

describe('the lexer', () => {
  it('ends a line comment at \\r in DuckDB (as PostgreSQL does) and only at \\n in SQLite', () => {
    const sql = 'SELECT 1 -- c\rFROM t';
    expect(codeTokens(sql, 'duckdb').map((t) => t.text)).toEqual(['SELECT', '1', 'FROM', 't']);
    expect(codeTokens(sql, 'sqlite').map((t) => t.text)).toEqual(['SELECT', '1']);
  });

  it('runs an unclosed nested comment to the end in DuckDB', () => {
    expect(tokenize('SELECT /* a /* b */ 1', 'duckdb').at(-1)).toMatchObject({ kind: 'comment', closed: false });
    expect(tokenize('SELECT /* a /* b */ 1', 'sqlite').at(-1)).toMatchObject({ kind: 'number', text: '1' });
  });

  it('caches by text and dialect, and hands out the same frozen tokens', () => {
    const sql = `SELECT 'cache me' AS x${Math.random()}`;
    const before = lexCount();
    const a = tokenize(sql, 'duckdb');
    expect(tokenize(sql, 'duckdb')).toBe(a);
    expect(codeTokens(sql, 'duckdb')).toEqual(a);
    expect(lexCount() - before).toBe(1);
    expect(tokenize(sql, 'sqlite')).not.toBe(a);
    expect(lexCount() - before).toBe(2);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).toEqual(scan(sql, 'duckdb'));
  });

  it('forgets the least recently used texts beyond its capacity', () => {
    const first = `SELECT 'first' AS f${Math.random()}`;
    tokenize(first, 'sqlite');
    for (let i = 0; i < 600; i++) tokenize(`SELECT ${i} AS filler${Math.random()}`, 'sqlite');
    const before = lexCount();
    tokenize(first, 'sqlite');
    expect(lexCount() - before).toBe(1);
  });
});
