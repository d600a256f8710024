/**
 * Errors that teach (issue 13): the session's side of sql/lessons.ts, which knows the cell and
 * the engine's tables. The tables are asked for only when a lesson needs them: a fresh engine
 * has not listed them yet when its first cell runs.
 */
import type { Cell } from '../notebook/cells';
import { NotebookError } from '../sql/errors';
import { errorLesson as lessonFor, mayNeedTables, resultLessons, type KnownTable } from '../sql/lessons';
import type { TableInfo } from '../engines/engine';

type Tables = () => Promise<readonly TableInfo[]>;

const known = async (tables: Tables): Promise<KnownTable[]> =>
  (await tables()).map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }));

/** A plain line for a learner beside the engine's message, when a cell's SQL error is a beginner's mistake. */
export async function errorLesson(err: unknown, cell: Cell, tables: Tables): Promise<string | undefined> {
  if (!(err instanceof NotebookError) || err.code !== 'sql') return undefined;
  return lessonFor(cell.engine, err.sql ?? cell.source, err.message, await known(tables));
}

/** Notes for a cell that ran but probably does not mean what it says (`= NULL`, a string in double quotes). */
export async function resultNotes(cell: Cell, tables: Tables): Promise<string[]> {
  const names = mayNeedTables(cell.engine, cell.source) ? await known(tables) : [];
  return resultLessons(cell.engine, cell.source, names);
}
