/** Builds the NotebookError for a failed statement, with its position in the whole cell. */
import { NotebookError } from '../sql/errors';
import { positionAt, type Statement } from '../sql/statements';

/** Offset in `text` of a 1-based line and column. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += (lines[i]?.length ?? 0) + 1;
  return offset + column - 1;
}

export interface FailedStatement {
  readonly cellSql: string;
  readonly statement: Statement;
  readonly index: number;
  readonly count: number;
  /** The engine's message, already trimmed to its summary. */
  readonly message: string;
  /** Offset of the error within the statement text, when known. */
  readonly offsetInStatement: number | null;
  /** 'sql' unless the engine refused on purpose, e.g. network access that is off ('network'). */
  readonly code?: 'sql' | 'network';
  /** What the user can do next. */
  readonly hint?: string;
}

export function statementError(f: FailedStatement): NotebookError {
  const prefix = f.count > 1 ? `Statement ${f.index + 1} of ${f.count}: ` : '';
  return new NotebookError({
    code: f.code ?? 'sql',
    message: prefix + f.message,
    ...(f.hint ? { hint: f.hint } : {}),
    sql: f.statement.text,
    statementIndex: f.index,
    ...(f.offsetInStatement !== null
      ? { position: positionAt(f.cellSql, f.statement.start + f.offsetInStatement) }
      : {}),
  });
}
