/**
 * Golden tests: each input/*.sql is run through tableReferences and compared
 * with output/*.json. Run with UPDATE_GOLDEN=1 to rewrite the outputs, then
 * read the diff before committing it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableReferences } from '../../../src/notebook/references';

const dir = new URL('./references/', import.meta.url);
const inputs = readdirSync(new URL('input/', dir)).filter((f) => f.endsWith('.sql'));

describe('tableReferences (golden)', () => {
  it('has fixtures', () => expect(inputs.length).toBeGreaterThan(5));
  for (const file of inputs) {
    it(file, () => {
      const sql = readFileSync(new URL(`input/${file}`, dir), 'utf8');
      const got = tableReferences(sql).map((r) => ({
        schema: r.schema,
        name: r.name,
        text: sql.slice(r.start, r.end),
      }));
      const out = new URL(`output/${file.replace(/\.sql$/, '.json')}`, dir);
      if (process.env.UPDATE_GOLDEN || !existsSync(out)) writeFileSync(out, `${JSON.stringify(got, null, 2)}\n`);
      expect(got).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    });
  }
});
