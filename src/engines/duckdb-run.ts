/**
 * Running a cell's statements in DuckDB: each one in turn, the last materialised as the cell's
 * named result (only a window and the count cross to the page), and any failure turned into a
 * NotebookError that names the statement and its position in the cell.
 */
import type * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import { duckdbErrorPosition } from '../sql/positions';
import { firstKeyword, isQueryStatement, type Statement } from '../sql/statements';
import { duckdbErrorSummary, duckdbReadError, normalizeDuckdbError } from './duckdb-errors';
import { copyTarget } from '../sql/copy-target';
import { copyFormatRefusal, routeCopy, type PlannedWrite } from './duckdb-copy';
import { exec } from './duckdb-exec';
import { explainRefusal, extensionCommand, extensionOutcome } from './duckdb-network';
import { assertNever } from './protocol';
import type { QueryResult } from './engine';
import { offsetOf, statementError } from './sql-error';
import { readList } from './view-sql';
import { arrivesExact, withDuckdbTypes } from './duckdb-types';

/** The hidden temp table for a result that has no name: only a window of it crosses to the page. */
export const RESULT_TABLE = '__nb_result';
const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
/** DuckDB's refusal to store a result it can compute (measured in DuckDB 1.4 and 1.5). */
const UNSTORABLE = /A table cannot be created from an unnamed struct/;
const WAS_VIEW = /is of type View, trying to replace with type Table/;

/** Drops whatever `target` is: a cell's result is a table, or a view (see runLast). */
export async function dropRelation(conn: duckdb.AsyncDuckDBConnection, target: string): Promise<void> {
  await conn.query(`DROP TABLE IF EXISTS ${target}`).catch(() => conn.query(`DROP VIEW IF EXISTS ${target}`));
}

/** Which statement of which cell is running, for the error that names it. */
export interface StatementAt {
  readonly cellSql: string;
  readonly statement: Statement;
  readonly index: number;
  readonly count: number;
}

/**
 * The error for a statement that failed. `sent` is the text DuckDB was given, which may wrap the
 * statement after `shift` characters (the CREATE TABLE … AS around a query).
 */
export function statementFailure(err: unknown, at: StatementAt, sent: string, shift: number): Error {
  const { cellSql, statement, index, count } = at;
  const { text: message, offset } = normalizeDuckdbError(err instanceof Error ? err.message : String(err));
  const pos = duckdbErrorPosition(message, sent);
  let offsetInStatement: number | null = /at end of input/.test(message) ? statement.text.length : null;
  const offsetInSent = pos ? offsetOf(sent, pos.line, pos.column) : offset;
  if (offsetInSent !== null) offsetInStatement = Math.max(0, Math.min(statement.text.length, offsetInSent - shift));
  // COPY to Parquet or JSON without the extension: what works instead, rather than a generic refusal.
  const copy = /extension/i.test(message) ? copyTarget(statement.text) : null;
  const copyRefusal = copy ? copyFormatRefusal(copy.format) : null;
  if (copyRefusal) return statementError({ ...at, offsetInStatement, ...copyRefusal });
  // A refusal of network or file access is said for people, with how to allow it.
  const refusal = explainRefusal(message);
  if (refusal) return statementError({ ...at, offsetInStatement, code: 'network', ...refusal });
  return statementError({ cellSql, statement, index, count, message: duckdbErrorSummary(message), offsetInStatement });
}

/**
 * An extension command, said truthfully (extensionOutcome): refused here with the reason, or run
 * as a LOAD with a message for the cell that replaces DuckDB's bare "success". `loaded` are the
 * allowed extensions that loaded when DuckDB started; `failures` those that could not.
 */
export function gateExtensionCommand(
  at: StatementAt,
  loaded: readonly string[],
  failures: readonly string[],
): { statement: Statement; message?: string } {
  const cmd = extensionCommand(at.statement.text);
  if (!cmd) return { statement: at.statement };
  const outcome = extensionOutcome(cmd, loaded, failures);
  switch (outcome.kind) {
    case 'pass':
      return { statement: at.statement };
    case 'run':
      return { statement: { ...at.statement, text: outcome.text }, message: outcome.message };
    case 'refuse':
      throw statementError({
        ...at,
        offsetInStatement: null,
        code: 'network',
        message: outcome.message,
        hint: outcome.hint,
      });
    default:
      return assertNever(outcome);
  }
}

/** The statements as they will run, the files COPY will write, and what the last one did when "Done." would not say it. */
export interface Plan {
  readonly statements: readonly Statement[];
  readonly writes: readonly PlannedWrite[];
  readonly message?: string;
}

/** Extension commands gated (gateExtensionCommand) and COPY targets pointed where the page can fetch them (routeCopy). */
export function planStatements(
  ats: readonly StatementAt[],
  loaded: readonly string[],
  failures: readonly string[],
): Plan {
  const statements: Statement[] = [];
  const writes: PlannedWrite[] = [];
  let message: string | undefined;
  for (const at of ats) {
    const gated = gateExtensionCommand(at, loaded, failures);
    const { statement, write } = routeCopy(gated.statement);
    statements.push(statement);
    if (write) writes.push(write);
    message = gated.message;
  }
  return { statements, writes, ...(message !== undefined ? { message } : {}) };
}

export type RowsOrDone =
  | Omit<Extract<QueryResult, { kind: 'rows' }>, 'statementCount' | 'elapsedMs'>
  | Omit<Extract<QueryResult, { kind: 'done' }>, 'statementCount' | 'elapsedMs'>;

/** What a failure is turned into: `sent` and `shift` as in statementFailure. */
export type OnError = (err: unknown, sent: string, shift: number) => never;

async function runOrExplain(conn: duckdb.AsyncDuckDBConnection, text: string, onError: OnError): Promise<Table> {
  try {
    return await exec(conn, text);
  } catch (err) {
    return onError(err, text, 0);
  }
}

/** The last statement: a query is materialised in the engine as `target`, then only a window and the count come back. */
export async function runLast(
  conn: duckdb.AsyncDuckDBConnection,
  text: string,
  target: string,
  maxRows: number,
  onError: OnError,
  storeAtMost?: number,
): Promise<RowsOrDone> {
  if (!isQueryStatement(text, 'duckdb')) return fromRawTable(await runOrExplain(conn, text, onError), text, maxRows);
  const temp = target === RESULT_TABLE ? 'TEMP ' : '';
  // With a bound, at most one row more than it is stored: that row says the result is bigger.
  const prefix =
    storeAtMost === undefined
      ? `CREATE OR REPLACE ${temp}TABLE ${target} AS `
      : `CREATE OR REPLACE ${temp}TABLE ${target} AS SELECT * FROM (\n`;
  const wrapped = prefix + text + (storeAtMost === undefined ? '' : `\n) LIMIT ${storeAtMost + 1}`);
  let totalRows: number | null;
  // The result as the query itself, run again by every read (a page, a count, another cell).
  const asView = async () => {
    const view = `CREATE OR REPLACE ${temp}VIEW ${target} AS `;
    await exec(conn, view + text).catch((err: unknown) => onError(err, view + text, view.length));
  };
  try {
    // CREATE TABLE … AS reports the number of rows it stored, so no separate count is needed.
    const created = await exec(conn, wrapped).catch(async (err: unknown) => {
      // The cell's result was a view (too big, or not storable) the last time it ran.
      if (!WAS_VIEW.test(errorMessage(err))) throw err;
      await dropRelation(conn, target);
      return exec(conn, wrapped);
    });
    totalRows = Number(created.getChildAt(0)?.get(0) ?? 0);
  } catch (err) {
    const message = errorMessage(err);
    if (UNSTORABLE.test(message)) {
      // Rows DuckDB can compute but not store (ROW(…) without names): shown and read as a view.
      await dropRelation(conn, target);
      await asView();
      return { kind: 'rows', table: await readWindow(conn, target, maxRows), totalRows: null };
    }
    // A syntax error is reported against the user's own text, so run it unwrapped for the message.
    if (!/^Parser Error/.test(message)) onError(err, wrapped, prefix.length);
    return fromRawTable(await runOrExplain(conn, text, onError), text, maxRows);
  }
  if (storeAtMost !== undefined && totalRows > storeAtMost) {
    // Too big to copy.
    await exec(conn, `DROP TABLE ${target}`);
    await asView();
    totalRows = null;
  }
  return { kind: 'rows', table: await readWindow(conn, target, maxRows), totalRows };
}

/**
 * The first rows of a stored result as the page reads them: columns Arrow would carry wrongly
 * are read as DuckDB's text (duckdb-types.ts), and every field carries its DuckDB type.
 */
async function readWindow(conn: duckdb.AsyncDuckDBConnection, target: string, maxRows: number): Promise<Table> {
  try {
    return await readTypedWindow(conn, target, maxRows);
  } catch (err) {
    throw duckdbReadError(err);
  }
}

async function readTypedWindow(conn: duckdb.AsyncDuckDBConnection, target: string, maxRows: number): Promise<Table> {
  // Most results have only plain columns: read them as they are, and skip the DESCRIBE (a round
  // trip on every run). A TIME_NS column fails this read; that result is described below too.
  const plain = await conn.query(`SELECT * FROM ${target} LIMIT ${maxRows}`).catch(() => null);
  if (plain && arrivesExact(plain)) return plain;
  const described = await conn.query(`SELECT column_name, column_type FROM (DESCRIBE ${target})`);
  const names = described.getChild('column_name');
  const types = described.getChild('column_type');
  const columns = Array.from({ length: described.numRows }, (_, i) => ({
    name: String(names?.get(i)),
    kind: 'other' as const,
    type: String(types?.get(i)),
  }));
  const window = await conn.query(`SELECT ${readList(columns, 'show') ?? '*'} FROM ${target} LIMIT ${maxRows}`);
  return withDuckdbTypes(
    window,
    columns.map((c) => c.type),
  );
}

function fromRawTable(table: Table, text: string, maxRows: number): RowsOrDone {
  const keyword = firstKeyword(text, 'duckdb');
  const names = table.schema.fields.map((f) => f.name);
  if (DML.has(keyword) && names.length === 1 && names[0] === 'Count') {
    return { kind: 'done', changes: Number(table.getChildAt(0)?.get(0) ?? 0) };
  }
  const onlyCount = names.length === 1 && names[0] === 'Count' && table.numRows <= 1;
  if (names.length === 0 || (onlyCount && !isQueryStatement(text, 'duckdb'))) return { kind: 'done', changes: null };
  return { kind: 'rows', table: table.numRows > maxRows ? table.slice(0, maxRows) : table, totalRows: table.numRows };
}

function errorMessage(err: unknown): string {
  return normalizeDuckdbError(err instanceof Error ? err.message : String(err)).text;
}
