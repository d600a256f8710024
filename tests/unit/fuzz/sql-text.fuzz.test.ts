/** The statement splitter, the SQL lexer and reference extraction under random SQL-ish text. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cteDefinitions, tableReferences } from '../../../src/notebook/references';
import { tokenize } from '../../../src/notebook/sql-tokens';
import {
  firstKeyword,
  isQueryStatement,
  positionAt,
  splitStatements,
  stripComments,
} from '../../../src/notebook/statements';
import { RUNS, sqlish } from './arbitraries';

const text = fc.oneof(sqlish, fc.string({ unit: 'binary', maxLength: 40 }));

describe('statement splitting, fuzzed', () => {
  test('statements are in order, trimmed, where they say they are, and what lies between them is no SQL', () => {
    fc.assert(
      fc.property(text, (sql) => {
        const statements = splitStatements(sql);
        let last = 0;
        for (const s of statements) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(sql.slice(s.start, s.end)).toBe(s.text);
          expect(s.text).toBe(s.text.trim());
          expect(stripComments(s.text).trim()).not.toBe('');
          // A gap holds separators, white space and comments only: split alone, it has no statements.
          expect(splitStatements(sql.slice(last, s.start))).toEqual([]);
          last = s.end;
        }
        expect(splitStatements(sql.slice(last))).toEqual([]);
      }),
      RUNS,
    );
  });

  test('the statements joined again by ";" lines split into the same statements', () => {
    fc.assert(
      fc.property(text, (sql) => {
        const texts = splitStatements(sql).map((s) => s.text);
        expect(splitStatements(texts.join('\n;\n')).map((s) => s.text)).toEqual(texts);
      }),
      RUNS,
    );
  });

  test('keywords, query detection and positions never throw and stay in range', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -5, max: 200 }), (sql, offset) => {
        expect(firstKeyword(sql)).toMatch(/^[A-Z_]*$/);
        expect(typeof isQueryStatement(sql)).toBe('boolean');
        const p = positionAt(sql, offset);
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.line).toBeLessThanOrEqual(sql.split('\n').length);
        expect(p.column).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    );
  });
});

describe('the SQL lexer, fuzzed', () => {
  test('tokens are in order, inside the text, and only white space and comments lie between them', () => {
    fc.assert(
      fc.property(text, (sql) => {
        const tokens = tokenize(sql);
        let last = 0;
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          expect(t.end).toBeLessThanOrEqual(sql.length);
          expect(tokenize(sql.slice(last, t.start))).toEqual([]);
          last = t.end;
        }
        expect(tokenize(sql.slice(last))).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('the two lexers, fuzzed', () => {
  test('the splitter splits exactly where the lexer sees a ";" (brackets aside: a list in DuckDB, a name in SQLite)', () => {
    fc.assert(
      fc.property(text, (sql) => {
        fc.pre(!/[[\]]/.test(sql));
        const semicolons = tokenize(sql)
          .filter((t) => t.kind === 'punct' && t.text === ';')
          .map((t) => t.start);
        const texts = splitStatements(sql).map((s) => s.text);
        // Cutting at the lexer's semicolons gives the splitter's statements.
        const cuts = [-1, ...semicolons, sql.length];
        const pieces = cuts
          .slice(1)
          .map((end, k) => sql.slice((cuts[k] ?? 0) + 1, end).trim())
          .filter((p) => tokenize(p).length > 0);
        expect(pieces).toEqual(texts);
      }),
      RUNS,
    );
  });
});

describe('table references, fuzzed', () => {
  test('references are names written in the text, each once', () => {
    fc.assert(
      fc.property(text, (sql) => {
        const refs = tableReferences(sql);
        const keys = refs.map((r) => `${r.schema?.toLowerCase() ?? ''}.${r.name.toLowerCase()}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const r of refs) {
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeLessThanOrEqual(sql.length);
          expect(r.end).toBeGreaterThan(r.start);
          const written = sql.slice(r.start, r.end);
          // A bare name is written as it is; a quoted one holds its name, quotes doubled.
          const token = tokenize(written).at(-1);
          expect(token?.text).toBe(r.name);
        }
        expect(Array.isArray(cteDefinitions(tokenize(sql)))).toBe(true);
      }),
      RUNS,
    );
  });

  test('a name in a comment or a string is never a reference, whatever SQL is around it', () => {
    // A comment after any text stays a comment (or falls inside an unclosed string or comment);
    // strings before any text are closed before it starts.
    const after = fc.constantFrom('\n-- FROM zz_never JOIN zz_never', '\n/* FROM zz_never */');
    const before = fc.constantFrom("SELECT 'FROM zz_never' AS a;\n", 'SELECT $$ JOIN zz_never $$, "FROM zz_never";\n');
    fc.assert(
      fc.property(before, text, after, (b, sql, a) => {
        expect(tableReferences(sql + a).map((r) => r.name)).not.toContain('zz_never');
        expect(tableReferences(b + sql).map((r) => r.name)).not.toContain('zz_never');
      }),
      RUNS,
    );
  });
});
