/**
 * "Export as DuckDB script": the notebook as one .sql file that the native
 * DuckDB CLI runs unchanged, for data that outgrows the browser. Files are read
 * by name, relative to the folder the script runs in; each named DuckDB cell
 * becomes a view (or a table) of that name, created after the cells it reads.
 */
import type { Cell } from './cells';
import type { Notebook } from './cells';
import { buildGraph, topologicalOrder } from './graph';
import { cellsInOrder } from './operations';
import { isQueryStatement, splitStatements, firstKeyword } from '../sql/statements';
import { quoteIdent, quoteString } from '../sql/quote';

/** The file kinds an input can have (the same words as engines/engine.ts FileKind). */
export type ScriptFileKind = 'csv' | 'tsv' | 'parquet' | 'json' | 'ndjson' | 'arrow' | 'sqlite' | 'duckdb';

/** A file the notebook opened, known in SQL as `tableName`. */
export interface ScriptInput {
  readonly tableName: string;
  readonly fileName: string;
  readonly kind: ScriptFileKind;
}

export interface ScriptOptions {
  /** Views are lazy and scale to any size; tables compute once and keep the rows. */
  readonly materialize: 'view' | 'table';
}

/** Statements DuckDB accepts after `CREATE VIEW … AS` as they are; others are wrapped in a subquery. */
const PLAIN_QUERY = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE']);

/** Text inside a `--` comment: one line, so it can never end the comment early. */
function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

function comment(text: string): string[] {
  return text.split(/\r?\n/).map((line) => (line === '' ? '--' : `-- ${commentText(line)}`));
}

export function duckdbScript(
  nb: Notebook,
  inputs: readonly ScriptInput[],
  options: ScriptOptions = { materialize: 'view' },
): string {
  const cells = cellsInOrder(nb);
  const graph = buildGraph(
    cells.map((c) => ({
      id: c.id,
      name: c.kind === 'sql' && c.engine === 'duckdb' ? c.name : null,
      source: c.source,
      engine: c.engine,
    })),
  );
  const duck = cells.filter((c) => c.kind === 'sql' && c.engine === 'duckdb');
  const referenced = new Set(duck.flatMap((c) => graph.otherRefs.get(c.id) ?? []).map((n) => n.toLowerCase()));
  const used = inputs.filter((f) => referenced.has(f.tableName.toLowerCase()));
  const out: string[] = [...header(nb, used), ''];
  for (const f of used) out.push(...inputLines(f, options), '');
  const notes = markdownBefore(cells);
  for (const id of topologicalOrder(
    graph,
    duck.map((c) => c.id),
  )) {
    const cell = nb.cells[id] as Cell;
    out.push(...(notes.get(cell.id) ?? []));
    out.push(
      ...(graph.cyclic.has(id)
        ? commentedCell(cell, 'reads itself through other cells (a cycle), so it is left out')
        : cellLines(cell, options)),
      '',
    );
  }
  const skipped = cells.filter((c) => c.kind === 'sql' && c.engine !== 'duckdb');
  for (const cell of skipped)
    out.push(
      ...(notes.get(cell.id) ?? []),
      ...commentedCell(cell, 'runs in SQLite in the notebook; it is kept here as a comment'),
      '',
    );
  out.push(...(notes.get(null) ?? []));
  return `${out.join('\n').trimEnd()}\n`;
}

function header(nb: Notebook, used: readonly ScriptInput[]): string[] {
  const lines = [
    `-- ${commentText(nb.title)}`,
    '-- Exported from SQL Notebook as a DuckDB script. Run it with the DuckDB CLI, for example:',
    '--   duckdb notebook.duckdb < script.sql',
  ];
  if (used.length > 0)
    lines.push(
      '-- in the folder that holds the files it reads:',
      ...used.map((f) => `--   ${commentText(f.fileName)}`),
    );
  return lines;
}

function inputLines(f: ScriptInput, options: ScriptOptions): string[] {
  const path = quoteString(f.fileName);
  const name = quoteIdent(f.tableName);
  const make = (select: string) => [
    `CREATE OR REPLACE ${options.materialize === 'table' ? 'TABLE' : 'VIEW'} ${name} AS ${select};`,
  ];
  switch (f.kind) {
    case 'csv':
      return make(`SELECT * FROM read_csv(${path})`);
    case 'tsv':
      return make(`SELECT * FROM read_csv(${path}, delim = '\\t')`);
    case 'parquet':
      return make(`SELECT * FROM read_parquet(${path})`);
    case 'json':
    case 'ndjson':
      return make(`SELECT * FROM read_json_auto(${path})`);
    case 'duckdb':
      return [`ATTACH IF NOT EXISTS ${path} AS ${name} (READ_ONLY);`];
    case 'sqlite':
      return [`ATTACH IF NOT EXISTS ${path} AS ${name} (TYPE sqlite, READ_ONLY);`];
    case 'arrow':
      return [
        `-- ${commentText(f.fileName)}: native DuckDB reads Arrow IPC files only through an extension; convert it to Parquet and use:`,
        `-- CREATE OR REPLACE VIEW ${name} AS SELECT * FROM read_parquet('${commentText(f.fileName)}.parquet');`,
      ];
  }
}

/** Each Markdown cell goes, as comments, before the next SQL cell in notebook order (key null: the end). */
function markdownBefore(cells: readonly Cell[]): Map<string | null, string[]> {
  const notes = new Map<string | null, string[]>();
  let pending: string[] = [];
  for (const c of cells) {
    if (c.kind === 'markdown') pending.push(...comment(c.source), '');
    else if (pending.length > 0) {
      notes.set(c.id, pending);
      pending = [];
    }
  }
  if (pending.length > 0) notes.set(null, pending);
  return notes;
}

function cellLines(cell: Cell, options: ScriptOptions): string[] {
  const statements = splitStatements(cell.source, 'duckdb');
  const lines = [`-- cell ${cell.name}`];
  if (statements.length === 0) return [...lines, '-- (empty)'];
  statements.slice(0, -1).forEach((st) => lines.push(terminated(st.text)));
  const last = (statements[statements.length - 1] as { text: string }).text;
  if (!isQueryStatement(last, 'duckdb')) return [...lines, terminated(last)];
  const kind = options.materialize === 'table' ? 'TABLE' : 'VIEW';
  const query = PLAIN_QUERY.has(firstKeyword(last, 'duckdb')) ? last : `SELECT * FROM (${last}\n)`;
  lines.push(`CREATE OR REPLACE ${kind} ${quoteIdent(cell.name)} AS`, terminated(query));
  return lines;
}

/** The statement with its ';', on a line of its own when the last line ends in a comment. */
function terminated(text: string): string {
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${text}\n;` : `${text};`;
}

function commentedCell(cell: Cell, why: string): string[] {
  return [`-- cell ${cell.name} ${why}:`, ...comment(cell.source)];
}
