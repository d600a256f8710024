import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../src/sql/lexer';
import { firstKeyword, isQueryStatement, positionAt, splitStatements } from '../../../src/sql/statements';

const textsIn = (sql: string, dialect: Dialect): string[] => splitStatements(sql, dialect).map((s) => s.text);

/** The statements of `sql`, which both dialects split alike. */
function texts(sql: string): string[] {
  const duckdb = textsIn(sql, 'duckdb');
  expect(textsIn(sql, 'sqlite'), 'SQLite splits as DuckDB does').toEqual(duckdb);
  return duckdb;
}

/** Every statement's offsets must point back at exactly its text in the source. */
function expectOffsetsMapBack(sql: string, dialect: Dialect = 'duckdb'): void {
  for (const s of splitStatements(sql, dialect)) {
    expect(sql.slice(s.start, s.end)).toBe(s.text);
    expect(s.end - s.start).toBe(s.text.length);
  }
}

describe('splitStatements', () => {
  it('splits on semicolons and trims', () => {
    expect(texts('SELECT 1; SELECT 2;\n  SELECT 3  ')).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3']);
  });

  it('returns one statement without a trailing semicolon', () => {
    expect(texts('SELECT 42')).toEqual(['SELECT 42']);
  });

  it('does not split on ; inside single-quoted strings', () => {
    expect(texts("SELECT 'a;b'; SELECT 2")).toEqual(["SELECT 'a;b'", 'SELECT 2']);
  });

  it('handles doubled quotes inside strings and identifiers', () => {
    expect(texts("SELECT 'it''s; fine'; SELECT 2")).toEqual(["SELECT 'it''s; fine'", 'SELECT 2']);
    expect(texts('SELECT 1 AS "a"";b"; SELECT 2')).toEqual(['SELECT 1 AS "a"";b"', 'SELECT 2']);
    expect(texts("SELECT ''; SELECT ''''")).toEqual(["SELECT ''", "SELECT ''''"]);
  });

  it('does not split on ; inside quoted identifiers', () => {
    expect(texts('SELECT "x;y" FROM t; SELECT 2')).toEqual(['SELECT "x;y" FROM t', 'SELECT 2']);
  });

  it('reads `backticks` and [brackets] as names in SQLite only', () => {
    expect(textsIn('SELECT `x;y` FROM t; SELECT 2', 'sqlite')).toEqual(['SELECT `x;y` FROM t', 'SELECT 2']);
    expect(textsIn('SELECT [a;b] FROM t; SELECT 2', 'sqlite')).toEqual(['SELECT [a;b] FROM t', 'SELECT 2']);
    // In DuckDB a backtick is an operator character and [ opens a list, so the ; splits (as DuckDB does).
    expect(textsIn('SELECT `x;y`', 'duckdb')).toEqual(['SELECT `x', 'y`']);
    expect(textsIn('SELECT [1;2]', 'duckdb')).toEqual(['SELECT [1', '2]']);
  });

  it('treats one kind of quote as plain text inside another', () => {
    expect(texts(`SELECT '"', "'"; SELECT 2`)).toEqual([`SELECT '"', "'"`, 'SELECT 2']);
  });

  it('does not split on ; inside -- comments, which end at the newline', () => {
    expect(texts('SELECT 1 -- one; two\n; SELECT 2')).toEqual(['SELECT 1 -- one; two', 'SELECT 2']);
    expect(texts('-- a; b\nSELECT 1')).toEqual(['-- a; b\nSELECT 1']);
  });

  it('does not split on ; inside /* */ comments, even across lines', () => {
    expect(texts('SELECT /* a;\n b; */ 1; SELECT 2')).toEqual(['SELECT /* a;\n b; */ 1', 'SELECT 2']);
  });

  it('does not split on ; inside dollar quotes (DuckDB)', () => {
    expect(textsIn('SELECT $$a;b$$; SELECT 2', 'duckdb')).toEqual(['SELECT $$a;b$$', 'SELECT 2']);
    expect(textsIn('SELECT $body$ x; $$ y; $body$; SELECT 2', 'duckdb')).toEqual([
      'SELECT $body$ x; $$ y; $body$',
      'SELECT 2',
    ]);
  });

  it('has no dollar quotes in SQLite: $$a is a parameter there', () => {
    expect(textsIn('SELECT $$a;b$$; SELECT 2', 'sqlite')).toEqual(['SELECT $$a', 'b$$', 'SELECT 2']);
  });

  it("reads DuckDB's E strings with backslash escapes", () => {
    expect(textsIn("SELECT E'it\\'s; fine'; SELECT 2", 'duckdb')).toEqual(["SELECT E'it\\'s; fine'", 'SELECT 2']);
    expect(textsIn("SELECT 'a\\'; SELECT 2", 'duckdb')).toEqual(["SELECT 'a\\'", 'SELECT 2']);
  });

  it('nests block comments in DuckDB, not in SQLite', () => {
    const sql = 'SELECT /* a /* b */ c; */ 1; SELECT 2';
    expect(textsIn(sql, 'duckdb')).toEqual(['SELECT /* a /* b */ c; */ 1', 'SELECT 2']);
    expect(textsIn(sql, 'sqlite')).toEqual(['SELECT /* a /* b */ c', '*/ 1', 'SELECT 2']);
  });

  it('accepts digits in a dollar-quote tag after the first character', () => {
    expect(textsIn('SELECT $q1$a;b$q1$; SELECT 2', 'duckdb')).toEqual(['SELECT $q1$a;b$q1$', 'SELECT 2']);
  });

  it('leaves $1-style parameters alone', () => {
    expect(texts('SELECT $1; SELECT $2')).toEqual(['SELECT $1', 'SELECT $2']);
  });

  it('keeps an unterminated string or comment as one statement to the end', () => {
    expect(texts("SELECT 'open; SELECT 2")).toEqual(["SELECT 'open; SELECT 2"]);
    expect(texts('SELECT 1 /* open; SELECT 2')).toEqual(['SELECT 1 /* open; SELECT 2']);
    expect(textsIn('SELECT $$ open; SELECT 2', 'duckdb')).toEqual(['SELECT $$ open; SELECT 2']);
  });

  it('drops empty and comment-only chunks', () => {
    expect(texts('')).toEqual([]);
    expect(texts('   \n\t ')).toEqual([]);
    expect(texts(';;; ;')).toEqual([]);
    expect(texts('-- only a comment')).toEqual([]);
    expect(texts('/* only */ ; -- this\n ; ')).toEqual([]);
    expect(texts('SELECT 1; -- done\n')).toEqual(['SELECT 1']);
    expect(texts('SELECT 1;; ;SELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('keeps a statement that is a string that looks like a comment', () => {
    expect(texts("SELECT '-- not a comment'")).toEqual(["SELECT '-- not a comment'"]);
    expect(texts("'/* x */'")).toEqual(["'/* x */'"]);
  });

  it('reports offsets that map back to the source', () => {
    const sql = '  SELECT 1;\n\n  SELECT 2 ;  /* c */ SELECT 3';
    const parts = splitStatements(sql, 'duckdb');
    expect(parts).toEqual([
      { text: 'SELECT 1', start: 2, end: 10 },
      { text: 'SELECT 2', start: 15, end: 23 },
      { text: '/* c */ SELECT 3', start: 27, end: 43 },
    ]);
    expectOffsetsMapBack(sql);
  });

  it('maps offsets back for a tricky mix', () => {
    const sql = '-- head\nSELECT \'a;b\' AS "c;d";\n/* x; */ SELECT $$;$$ ; \n\n;SELECT 3 -- tail';
    expect(splitStatements(sql, 'duckdb')).toHaveLength(3);
    expectOffsetsMapBack(sql);
    expectOffsetsMapBack(sql, 'sqlite');
  });

  it('handles CRLF line endings without leaving \\r in the text', () => {
    const sql = 'SELECT 1;\r\n-- note; here\r\nSELECT 2;\r\n';
    expect(texts(sql)).toEqual(['SELECT 1', '-- note; here\r\nSELECT 2']);
    expectOffsetsMapBack(sql);
    for (const s of texts(sql)) expect(s.endsWith('\r')).toBe(false);
  });

  it('reads a $ inside a name as part of the name, not as a dollar quote', () => {
    // Found by the fuzzer: `a$$` once opened a dollar quote in the splitter while the lexer read a name.
    expect(texts('SELECT 1 AS a$$; SELECT 2')).toEqual(['SELECT 1 AS a$$', 'SELECT 2']);
    expect(texts('SELECT 2 AS x$tag$; SELECT 3')).toEqual(['SELECT 2 AS x$tag$', 'SELECT 3']);
    // After a number DuckDB opens a dollar quote (measured: `SELECT 1.5e3$$;$$` fails at "$$;$$").
    expect(textsIn('SELECT 1.5e3$$;$$; SELECT 4', 'duckdb')).toEqual(['SELECT 1.5e3$$;$$', 'SELECT 4']);
  });

  it('measures offsets in UTF-16 code units, like the editor', () => {
    const sql = "SELECT '😀'; SELECT 2";
    const [first, second] = splitStatements(sql, 'duckdb');
    expect(first?.end).toBe(11);
    expect(second?.start).toBe(13);
    expectOffsetsMapBack(sql);
  });
});

describe('firstKeyword', () => {
  it('upper-cases the first word', () => {
    expect(firstKeyword('select 1', 'duckdb')).toBe('SELECT');
    expect(firstKeyword('  With x AS (SELECT 1) SELECT * FROM x', 'duckdb')).toBe('WITH');
  });

  it('skips comments and opening parentheses', () => {
    expect(firstKeyword('-- c\n/* d */ ((SELECT 1))', 'duckdb')).toBe('SELECT');
    expect(firstKeyword('/* a */\r\n  insert into t values (1)', 'duckdb')).toBe('INSERT');
  });

  it('returns an empty string when there is no keyword', () => {
    expect(firstKeyword('', 'duckdb')).toBe('');
    expect(firstKeyword('-- nothing', 'duckdb')).toBe('');
    expect(firstKeyword("'string'", 'duckdb')).toBe('');
    expect(firstKeyword('42', 'duckdb')).toBe('');
  });
});

describe('isQueryStatement', () => {
  it('accepts statements that produce rows', () => {
    for (const sql of [
      'SELECT 1',
      '(SELECT 1) UNION (SELECT 2)',
      'WITH t AS (SELECT 1) SELECT * FROM t',
      'FROM t',
      'VALUES (1), (2)',
      'TABLE t',
      'SUMMARIZE t',
      'DESCRIBE t',
      'SHOW TABLES',
      'PIVOT t ON a USING sum(b)',
      'UNPIVOT t ON a, b INTO NAME k VALUE v',
      '-- comment\nselect 1',
    ]) {
      expect(isQueryStatement(sql, 'duckdb'), sql).toBe(true);
      expect(isQueryStatement(sql, 'sqlite'), sql).toBe(true);
    }
  });

  it('rejects statements that change things or are empty', () => {
    for (const sql of [
      'CREATE TABLE t AS SELECT 1',
      'INSERT INTO t SELECT 1',
      'UPDATE t SET a = 1',
      'DELETE FROM t',
      'DROP TABLE t',
      'PRAGMA table_info(t)',
      'ATTACH ":memory:" AS m',
      'EXPLAIN SELECT 1',
      '',
      '-- SELECT 1',
    ]) {
      expect(isQueryStatement(sql, 'duckdb'), sql).toBe(false);
      expect(isQueryStatement(sql, 'sqlite'), sql).toBe(false);
    }
  });
});

describe('positionAt', () => {
  const text = 'SELECT 1;\nSELECT\n  oops';

  it('returns 1-based line and column', () => {
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 7)).toEqual({ line: 1, column: 8 });
    expect(positionAt(text, 10)).toEqual({ line: 2, column: 1 });
    expect(positionAt(text, text.indexOf('oops'))).toEqual({ line: 3, column: 3 });
  });

  it('places the newline itself at the end of its line', () => {
    expect(positionAt(text, 9)).toEqual({ line: 1, column: 10 });
  });

  it('clamps offsets outside the text', () => {
    expect(positionAt(text, -5)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, 10_000)).toEqual({ line: 3, column: 7 });
    expect(positionAt('', 3)).toEqual({ line: 1, column: 1 });
  });

  it('counts CRLF as one line break', () => {
    const crlf = 'SELECT 1;\r\nSELECT x';
    expect(positionAt(crlf, crlf.indexOf('x'))).toEqual({ line: 2, column: 8 });
  });

  it('agrees with splitStatements offsets', () => {
    const sql = 'SELECT 1;\n\n   SELECT 2';
    const second = splitStatements(sql, 'duckdb')[1];
    expect(second && positionAt(sql, second.start)).toEqual({ line: 3, column: 4 });
  });
});
