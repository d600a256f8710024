/**
 * Running cells. Each engine runs one query at a time, in order; a cell waiting
 * its turn shows "queued". Results and errors land in the run state, never in
 * the saved document.
 */
import type { Cell, CellId, EngineId } from '../notebook/cells';
import { toNotebookError } from '../notebook/errors';
import { cellsInOrder, nextCellId } from '../notebook/operations';
import { DEFAULT_MAX_ROWS } from '../engines/engine';
import { engine, refreshTables } from './engines';
import { notebook, requestFocus, runs, setRun } from './state';

const queues: Record<EngineId, Promise<unknown>> = { duckdb: Promise.resolve(), sqlite: Promise.resolve() };

function enqueue<T>(id: EngineId, job: () => Promise<T>): Promise<T> {
  const next = queues[id].then(job, job);
  queues[id] = next.catch(() => undefined);
  return next;
}

/** Runs one SQL cell. Markdown cells have nothing to run. */
export function runCell(id: CellId): Promise<void> {
  const cell = notebook.value.cells[id];
  if (!cell || cell.kind !== 'sql') return Promise.resolve();
  const previous = runs.value.get(id);
  setRun(id, { ...previous, status: 'queued' });
  return enqueue(cell.engine, () => execute(cell));
}

async function execute(queued: Cell): Promise<void> {
  // The text may have changed while the cell waited; run what is there now.
  const cell = notebook.value.cells[queued.id] ?? queued;
  const startedAt = performance.now();
  setRun(cell.id, { ...runs.value.get(cell.id), status: 'running', startedAt });
  try {
    const e = await engine(cell.engine);
    const result = await e.query(cell.source, { maxRows: DEFAULT_MAX_ROWS });
    setRun(cell.id, { status: 'done', result, elapsedMs: result.elapsedMs });
    void refreshTables(cell.engine);
  } catch (err) {
    const error = toNotebookError(err, { code: 'sql' }).toData();
    setRun(cell.id, { status: 'error', error, elapsedMs: performance.now() - startedAt });
    // A failed start leaves nothing to refresh; a failed query may still have changed the catalog.
    if (error.code === 'sql') void refreshTables(cell.engine);
  }
}

/** Shift+Enter: run, then move focus to the next cell (adding one at the end, as Jupyter does). */
export function runAndAdvance(id: CellId, addCellBelow: (id: CellId) => CellId): void {
  void runCell(id);
  const next = nextCellId(notebook.value, id) ?? addCellBelow(id);
  requestFocus(next);
}

/** Runs every SQL cell in notebook order; both engines work through their own queue. */
export async function runAll(): Promise<void> {
  const sql = cellsInOrder(notebook.value).filter((c) => c.kind === 'sql');
  await Promise.all(sql.map((c) => runCell(c.id)));
}
