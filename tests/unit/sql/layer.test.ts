/** src/sql/ is the ground floor: it imports nothing from another folder of src/, nor any package. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../../src/sql/', import.meta.url);

describe('the sql/ layer', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  it('has its modules', () => expect(files).toContain('lexer.ts'));
  for (const file of files) {
    it(`${file} imports only from sql/`, () => {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const from = [...text.matchAll(/\b(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);
      expect(from.filter((path) => !/^\.\/[a-z-]+$/.test(path ?? ''))).toEqual([]);
    });
  }
});
