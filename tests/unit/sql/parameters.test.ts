/**
 * Golden tests: each parameters/input/*.sql is read for its `$name` parameters
 * in both dialects and compared with parameters/output/*.json. Run with
 * UPDATE_GOLDEN=1 to rewrite the outputs, then read the diff before committing it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../src/sql/lexer';
import { parameterNames, parameters } from '../../../src/sql/parameters';

const dir = new URL('./parameters/', import.meta.url);
const inputs = readdirSync(new URL('input/', dir)).filter((f) => f.endsWith('.sql'));

function read(sql: string, dialect: Dialect) {
  return {
    parameters: parameters(sql, dialect).map((p) => ({ name: p.name, text: sql.slice(p.start, p.end) })),
    names: parameterNames(sql, dialect),
  };
}

describe('parameters (golden)', () => {
  it('has fixtures', () => expect(inputs.length).toBeGreaterThan(3));
  for (const file of inputs) {
    it(file, () => {
      const sql = readFileSync(new URL(`input/${file}`, dir), 'utf8');
      const got = { duckdb: read(sql, 'duckdb'), sqlite: read(sql, 'sqlite') };
      const out = new URL(`output/${file.replace(/\.sql$/, '.json')}`, dir);
      if (process.env.UPDATE_GOLDEN || !existsSync(out)) writeFileSync(out, `${JSON.stringify(got, null, 2)}\n`);
      expect(got).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    });
  }
});
