/**
 * What a cell's toolbar asks of the session besides a run (issue 13): the plan of its query
 * (Explain) and its SQL answered by both engines. Each makes sure the cell's inputs are there
 * first, as a run does.
 */
import { NotebookError, emptyCellError, toNotebookError } from '../sql/errors';
import { isQueryStatement, splitStatements } from '../sql/statements';
import type { Engine } from '../engines/engine';
import type { PlanNode } from '../engines/plans';
import type { Cell, CellId } from '../notebook/cells';
import { bothEngines, sideAnswer, type BothEngines, type EngineAnswer } from './both-engines';
import type { EngineRegistry } from './engine-registry';
import type { Freshness } from './freshness';
import type { SessionState } from './session-state';

/** What the scheduler lends these: its state, engines and freshness, a run, and its input mover. */
export interface CellTools {
  readonly state: SessionState;
  readonly engines: EngineRegistry;
  readonly freshness: Freshness;
  readonly runCell: (id: CellId) => Promise<void>;
  readonly moveInputs: (cell: Cell, engine: Engine) => Promise<unknown>;
}

/**
 * The plan of the cell's last statement, a query: the cell runs first when its result is not
 * current, so the results it reads are in its engine.
 */
export async function explainCell(t: CellTools, id: CellId): Promise<PlanNode[]> {
  const cell = t.state.notebook.value.cells[id];
  if (!cell || cell.kind !== 'sql') return [];
  const last = splitStatements(cell.source, cell.engine).at(-1);
  if (!last) throw emptyCellError();
  if (!isQueryStatement(last.text, cell.engine))
    throw new NotebookError({
      code: 'sql',
      message: `Explain shows the plan of a query (SELECT, WITH, …), and the last statement of ${cell.name} is not one.`,
      sql: last.text,
    });
  if (!t.freshness.isReusable(id)) await t.runCell(id);
  if (t.state.runs.value.get(id)?.status !== 'done')
    throw new NotebookError({
      code: 'sql',
      message: `${cell.name} did not run successfully, so it has no plan to show.`,
      hint: 'Fix the error shown under the cell, then press Explain again.',
    });
  const engine = await t.engines.get(cell.engine);
  try {
    return await engine.explain(last.text);
  } catch (err) {
    throw toNotebookError(err, { code: 'sql', sql: last.text });
  }
}

/**
 * The cell's SQL in both engines: its own engine's result (the cell runs when its result is
 * not current), and the other engine's answer to the same text, compared.
 */
export async function runInBothEngines(t: CellTools, id: CellId): Promise<BothEngines | null> {
  const cell = t.state.notebook.value.cells[id];
  if (!cell || cell.kind !== 'sql') return null;
  if (!t.freshness.isReusable(id)) await t.runCell(id);
  const run = t.state.runs.value.get(id);
  const own: EngineAnswer =
    run?.status === 'done' && run.result.kind === 'rows'
      ? { engine: cell.engine, table: run.result.table, totalRows: run.result.totalRows }
      : {
          engine: cell.engine,
          error: run?.status === 'error' ? run.error : { code: 'sql', message: 'The last statement returned no rows.' },
        };
  const other = await t.engines.get(cell.engine === 'duckdb' ? 'sqlite' : 'duckdb');
  const answer = await sideAnswer(cell, other, t.moveInputs);
  return bothEngines(cell.source, own, answer);
}
