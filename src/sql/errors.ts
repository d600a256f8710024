/** Every failure the notebook shows is one of these: errors are data, never bare strings. */
export type ErrorCode =
  | 'sql'
  | 'empty'
  | 'file'
  | 'cancelled'
  | 'engine-crashed'
  | 'engine-start'
  | 'cycle'
  | 'missing-input'
  | 'name'
  | 'storage'
  | 'network'
  | 'internal';

/** A position in a cell's text, 1-based like an editor's. */
export interface TextPosition {
  line: number;
  column: number;
}

/** The plain-data shape that crosses worker boundaries. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  /** The statement (or file name) the error is about. */
  sql?: string;
  file?: string;
  /** 0-based index of the failing statement in the cell, when the cell has several. */
  statementIndex?: number;
  position?: TextPosition;
  /** What the user can do next, in one line. */
  hint?: string;
  /** For a beginner's mistake: what went wrong in plain words (sql/lessons.ts). */
  lesson?: string;
  /** For 'engine-crashed': the WebAssembly trap that ended the engine ("null function", …). */
  trap?: string;
}

export class NotebookError extends Error implements ErrorData {
  readonly code: ErrorCode;
  readonly sql?: string;
  readonly file?: string;
  readonly statementIndex?: number;
  readonly position?: TextPosition;
  readonly hint?: string;
  readonly lesson?: string;
  readonly trap?: string;

  constructor(data: ErrorData, options?: { cause?: unknown }) {
    super(data.message, options);
    this.name = 'NotebookError';
    this.code = data.code;
    if (data.sql !== undefined) this.sql = data.sql;
    if (data.file !== undefined) this.file = data.file;
    if (data.statementIndex !== undefined) this.statementIndex = data.statementIndex;
    if (data.position !== undefined) this.position = data.position;
    if (data.hint !== undefined) this.hint = data.hint;
    if (data.lesson !== undefined) this.lesson = data.lesson;
    if (data.trap !== undefined) this.trap = data.trap;
  }

  toData(): ErrorData {
    const { code, message, sql, file, statementIndex, position, hint, lesson, trap } = this;
    return stripUndefined({ code, message, sql, file, statementIndex, position, hint, lesson, trap });
  }
}

function stripUndefined(data: ErrorData): ErrorData {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (v !== undefined) out[k] = v;
  return out as unknown as ErrorData;
}

/** Turns anything thrown into a NotebookError, keeping the original as the cause. */
export function toNotebookError(
  err: unknown,
  fallback: Omit<ErrorData, 'message'> = { code: 'internal' },
): NotebookError {
  if (err instanceof NotebookError) return err;
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  return new NotebookError({ ...fallback, message }, { cause: err });
}

export function isErrorData(x: unknown): x is ErrorData {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as ErrorData).code === 'string' &&
    typeof (x as ErrorData).message === 'string'
  );
}

/** The same words for an empty cell, whichever engine it targets. */
export function emptyCellError(): NotebookError {
  return new NotebookError({
    code: 'empty',
    message: 'The cell has no SQL to run.',
    hint: 'Write a statement such as SELECT 1, then run the cell again.',
  });
}
