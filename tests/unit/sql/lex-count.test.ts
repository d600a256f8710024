/**
 * The lexer's cache at work: every analysis of a cell's text reads the same
 * tokens, so a Run lexes the text once per dialect, and rebuilding the
 * dependency graph after an edit lexes only the cell that changed.
 */
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { extensionCommand } from '../../../src/engines/duckdb-network';
import { SqliteCore } from '../../../src/engines/sqlite-core';
import type { CellId } from '../../../src/notebook/cells';
import { buildGraph, type GraphCell } from '../../../src/notebook/graph';
import { lexCount, type Dialect } from '../../../src/sql/lexer';
import { tableReferences } from '../../../src/sql/references';
import { firstKeyword, isQueryStatement, splitStatements } from '../../../src/sql/statements';
import { NotebookError } from '../../../src/sql/errors';

/** A text no other test has lexed. */
let serial = 0;
const fresh = (sql: string) => `${sql} -- ${++serial} ${Math.random()}`;

/** Counts the texts lexed while `f` runs. */
function lexesDuring(f: () => void): number {
  const before = lexCount();
  f();
  return lexCount() - before;
}

/** What a Run does with the cell's text, engine side and page side. */
function run(source: string, dialect: Dialect): void {
  const statements = splitStatements(source, dialect);
  for (const st of statements) {
    if (dialect === 'duckdb') extensionCommand(st.text);
    firstKeyword(st.text, dialect);
    isQueryStatement(st.text, dialect);
  }
  tableReferences(source, dialect);
  splitStatements(source, dialect).every((st) => isQueryStatement(st.text, dialect));
}

describe('a Run', () => {
  const source = fresh(
    "  CREATE TABLE t AS SELECT 1 AS a;\n-- a comment; with a semicolon\nINSERT INTO t VALUES (2);\n\nSELECT a, 'x;y' FROM t JOIN u ON true  ;  ",
  );

  it('lexes the cell text once per dialect, whatever reads it', () => {
    expect(lexesDuring(() => run(source, 'duckdb'))).toBe(1);
    expect(lexesDuring(() => run(source, 'sqlite'))).toBe(1);
    expect(lexesDuring(() => run(source, 'duckdb'))).toBe(0);
  });

  it('lexes a statement cut short by an unclosed string once more, and only once', () => {
    // Trimming cuts the trailing spaces off the unclosed string, so its tokens cannot be shared.
    const open = fresh("SELECT 1; SELECT 'open   ");
    expect(lexesDuring(() => run(`${open}   `, 'duckdb'))).toBe(2);
    expect(lexesDuring(() => run(`${open}   `, 'duckdb'))).toBe(0);
  });
});

describe('a Run in the real SQLite engine', () => {
  let core: SqliteCore;
  beforeAll(async () => {
    core = new SqliteCore(await initSqlJs());
  });

  it('lexes the cell once, for its statements, its result and its error position', () => {
    const ok = fresh('CREATE TABLE r AS SELECT 1 AS a;\nINSERT INTO r VALUES (2);\nSELECT * FROM r');
    expect(lexesDuring(() => core.query(ok, 100, 'cell1'))).toBe(1);
    const bad = fresh('SELECT 1;\nSELECT a FORM r');
    let error: unknown;
    expect(
      lexesDuring(() => {
        try {
          core.query(bad, 100, 'cell2');
        } catch (err) {
          error = err;
        }
      }),
    ).toBe(1);
    expect(error).toBeInstanceOf(NotebookError);
    // SQLite reads FORM as an alias and fails near "r".
    expect((error as NotebookError).position).toEqual({ line: 2, column: 15 });
  });
});

describe('the dependency graph', () => {
  const cell = (id: string, source: string, engine: Dialect = 'duckdb'): GraphCell => ({
    id: id as CellId,
    name: id,
    source,
    engine,
  });

  it('lexes only the cell that changed when it is rebuilt', () => {
    const cells = [
      cell('a', fresh('SELECT * FROM sales')),
      cell('b', fresh('SELECT * FROM a')),
      cell('c', fresh('SELECT * FROM [b]'), 'sqlite'),
      cell('d', fresh('SELECT * FROM b JOIN c ON true')),
    ];
    expect(lexesDuring(() => buildGraph(cells))).toBe(4);
    expect(lexesDuring(() => buildGraph(cells))).toBe(0);
    const edited = cells.map((c) => (c.id === 'b' ? { ...c, source: `${c.source}\nWHERE true` } : c));
    let graph = buildGraph(cells);
    expect(lexesDuring(() => (graph = buildGraph(edited)))).toBe(1);
    // The SQLite cell reads [b] as the name b, so it depends on b.
    expect(graph.inputs.get('c' as CellId)).toEqual(['b']);
  });
});
