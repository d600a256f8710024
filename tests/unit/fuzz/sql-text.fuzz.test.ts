/** The lexer, the statement splitter built on it, reference extraction and parameters under random SQL-ish text. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { codeTokens, tokenize, type Dialect } from '../../../src/sql/lexer';
import { parameters } from '../../../src/sql/parameters';
import { cteDefinitions, tableReferences } from '../../../src/sql/references';
import { scan } from '../../../src/sql/scan';
import { firstKeyword, isQueryStatement, positionAt, splitStatements } from '../../../src/sql/statements';
import { RUNS, sqlish } from './arbitraries';

const text = fc.oneof(sqlish, fc.string({ unit: 'binary', maxLength: 40 }));
const dialect = fc.constantFrom<Dialect>('duckdb', 'sqlite');

describe('statement splitting, fuzzed', () => {
  test('statements are in order, trimmed, where they say they are, and what lies between them is no SQL', () => {
    fc.assert(
      fc.property(text, dialect, (sql, d) => {
        const statements = splitStatements(sql, d);
        let last = 0;
        for (const s of statements) {
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.end).toBeGreaterThan(s.start);
          expect(sql.slice(s.start, s.end)).toBe(s.text);
          expect(s.text).toBe(s.text.trim());
          expect(codeTokens(s.text, d).length).toBeGreaterThan(0);
          // A gap holds separators, white space and comments only: split alone, it has no statements.
          expect(splitStatements(sql.slice(last, s.start), d)).toEqual([]);
          last = s.end;
        }
        expect(splitStatements(sql.slice(last), d)).toEqual([]);
      }),
      RUNS,
    );
  });

  test('the statements joined again by ";" lines split into the same statements', () => {
    fc.assert(
      fc.property(text, dialect, (sql, d) => {
        const texts = splitStatements(sql, d).map((s) => s.text);
        expect(splitStatements(texts.join('\n;\n'), d).map((s) => s.text)).toEqual(texts);
      }),
      RUNS,
    );
  });

  test('it splits exactly at the lexer\'s ";" tokens', () => {
    fc.assert(
      fc.property(text, dialect, (sql, d) => {
        const semicolons = tokenize(sql, d)
          .filter((t) => t.kind === 'punct' && t.text === ';')
          .map((t) => t.start);
        const cuts = [-1, ...semicolons, sql.length];
        const pieces = cuts
          .slice(1)
          .map((end, k) => sql.slice((cuts[k] ?? 0) + 1, end).trim())
          .filter((p) => codeTokens(p, d).length > 0);
        expect(splitStatements(sql, d).map((s) => s.text)).toEqual(pieces);
      }),
      RUNS,
    );
  });

  test("a statement's shared tokens are the tokens of its text lexed alone", () => {
    // splitStatements hands each statement's tokens to the cache; lexing it afresh must agree.
    fc.assert(
      fc.property(text, dialect, (sql, d) => {
        for (const s of splitStatements(sql, d)) expect(tokenize(s.text, d)).toEqual(scan(s.text, d));
      }),
      RUNS,
    );
  });

  test('keywords, query detection and positions never throw and stay in range', () => {
    fc.assert(
      fc.property(text, dialect, fc.integer({ min: -5, max: 200 }), (sql, d, offset) => {
        expect(firstKeyword(sql, d)).toMatch(/^[A-Z_]*$/);
        expect(typeof isQueryStatement(sql, d)).toBe('boolean');
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
  test('tokens are in order, inside the text, and only white space lies between them', () => {
    fc.assert(
      fc.property(text, dialect, (sql, d) => {
        let last = 0;
        for (const t of tokenize(sql, d)) {
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(sql.slice(last, t.start).trim()).toBe('');
          expect(sql.slice(t.start, t.end).trimStart()).toBe(sql.slice(t.start, t.end));
          expect(t.end).toBeGreaterThan(t.start);
          expect(t.end).toBeLessThanOrEqual(sql.length);
          last = t.end;
        }
        expect(sql.slice(last).trim()).toBe('');
      }),
      RUNS,
    );
  });

  test('the cache answers what lexing answers, and comments are the only tokens codeTokens leaves out', () => {
    fc.assert(
      fc.property(text, dialect, (sql, d) => {
        const all = tokenize(sql, d);
        expect(all).toEqual(scan(sql, d));
        expect(codeTokens(sql, d)).toEqual(all.filter((t) => t.kind !== 'comment'));
      }),
      RUNS,
    );
  });

  test('the dialects agree on text without the characters they read differently', () => {
    fc.assert(
      fc.property(text, (sql) => {
        fc.pre(!/[[\]`$:@#\r\\]|\/\*|[eE]'/.test(sql));
        expect(tokenize(sql, 'sqlite')).toEqual(tokenize(sql, 'duckdb'));
      }),
      RUNS,
    );
  });
});

describe('table references and parameters, fuzzed', () => {
  test('references are names written in the text, each once', () => {
    fc.assert(
      fc.property(text, dialect, (sql, d) => {
        const refs = tableReferences(sql, d);
        const keys = refs.map((r) => `${r.schema?.toLowerCase() ?? ''}.${r.name.toLowerCase()}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const r of refs) {
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeLessThanOrEqual(sql.length);
          expect(r.end).toBeGreaterThan(r.start);
          const written = sql.slice(r.start, r.end);
          // A bare name is written as it is; a quoted one holds its name, quotes doubled.
          const token = codeTokens(written, d).at(-1);
          expect(token?.text).toBe(r.name);
        }
        expect(Array.isArray(cteDefinitions(codeTokens(sql, d)))).toBe(true);
      }),
      RUNS,
    );
  });

  test('a name in a comment or a string is never a reference, whatever SQL is around it', () => {
    // A comment after any text stays a comment (or falls inside an unclosed string or comment);
    // strings before any text are closed before it starts.
    const after = fc.constantFrom('\n-- FROM zz_never JOIN zz_never', '\n/* FROM zz_never */');
    const before = fc.constantFrom("SELECT 'FROM zz_never' AS a;\n", 'SELECT "FROM zz_never";\n');
    fc.assert(
      fc.property(before, text, after, dialect, (b, sql, a, d) => {
        expect(tableReferences(sql + a, d).map((r) => r.name)).not.toContain('zz_never');
        expect(tableReferences(b + sql, d).map((r) => r.name)).not.toContain('zz_never');
      }),
      RUNS,
    );
  });

  test('a DuckDB dollar quote before any text hides its names and parameters', () => {
    const before = 'SELECT $$ JOIN zz_never $zz_never $$, $t$ $zz_never $t$;\n';
    fc.assert(
      fc.property(text, (sql) => {
        expect(tableReferences(before + sql, 'duckdb').map((r) => r.name)).not.toContain('zz_never');
        expect(parameters(before + sql, 'duckdb').map((p) => p.name)).not.toContain('zz_never');
      }),
      RUNS,
    );
  });

  test('every parameter is a $ written in the text, in order', () => {
    fc.assert(
      fc.property(text, dialect, (sql, d) => {
        let last = 0;
        for (const p of parameters(sql, d)) {
          expect(p.start).toBeGreaterThanOrEqual(last);
          expect(sql[p.start]).toBe('$');
          expect(p.name.length).toBeGreaterThan(0);
          last = p.end;
        }
      }),
      RUNS,
    );
  });
});
