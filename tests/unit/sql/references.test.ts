/**
 * Golden tests: each input/*.sql is run through tableReferences in both
 * dialects and compared with output/*.json ({ duckdb: […], sqlite: […] }). Run
 * with UPDATE_GOLDEN=1 to rewrite the outputs, then read the diff before
 * committing it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableReferences } from '../../../src/sql/references';

const dir = new URL('./references/', import.meta.url);
const inputs = readdirSync(new URL('input/', dir)).filter((f) => f.endsWith('.sql'));

describe('tableReferences (golden)', () => {
  it('has fixtures', () => expect(inputs.length).toBeGreaterThan(5));
  for (const file of inputs) {
    it(file, () => {
      const sql = readFileSync(new URL(`input/${file}`, dir), 'utf8');
      const refs = (dialect: 'duckdb' | 'sqlite') =>
        tableReferences(sql, dialect).map((r) => ({ schema: r.schema, name: r.name, text: sql.slice(r.start, r.end) }));
      const got = { duckdb: refs('duckdb'), sqlite: refs('sqlite') };
      const out = new URL(`output/${file.replace(/\.sql$/, '.json')}`, dir);
      if (process.env.UPDATE_GOLDEN || !existsSync(out)) writeFileSync(out, `${JSON.stringify(got, null, 2)}\n`);
      expect(got).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    });
  }
});
