/**
 * Running cells. Running a cell first runs the stale cells it reads, in
 * dependency order, moves results across engines when needed (as Arrow IPC),
 * then runs the cell with its name as the result's table. Each engine runs one
 * query at a time; a cell waiting its turn shows "queued".
 */
import type { Cell, CellId, EngineId } from '../notebook/cells';
import { NotebookError, toNotebookError } from '../sql/errors';
import { upstreamOf, topologicalOrder } from '../notebook/graph';
import { cellsInOrder, nextCellId } from '../notebook/operations';
import { isQueryStatement, splitStatements } from '../sql/statements';
import { DEFAULT_MAX_ROWS } from '../engines/engine';
import { engine, existingEngine, refreshTables } from './engines';
import { fingerprints, graph, isReusable } from './freshness';
import { checkCellName, moveInputs } from './inputs';
import { checkFilesPresent } from './needed-files';
import { notebook, queryProgress, requestFocus, runs, setEntry, setRun } from './state';

const queues: Record<EngineId, Promise<unknown>> = { duckdb: Promise.resolve(), sqlite: Promise.resolve() };
/** Cells whose queued run was cancelled before it started. */
const cancelledWhileQueued = new Set<CellId>();
/** Running cells asked to stop before their query reached the engine (while it starts, or inputs move). */
const stopRequested = new Set<CellId>();

function stopIfRequested(id: CellId): void {
  if (stopRequested.delete(id)) throw new NotebookError({ code: 'cancelled', message: 'Cancelled.' });
}
/** The cell each engine is running now, and the one whose query the engine has been given. */
const runningOn: Partial<Record<EngineId, CellId>> = {};
const runningQuery: Partial<Record<EngineId, CellId>> = {};

function enqueue<T>(id: EngineId, job: () => Promise<T>): Promise<T> {
  const next = queues[id].then(job, job);
  queues[id] = next.catch(() => undefined);
  return next;
}

function fail(id: CellId, err: unknown, startedAt?: number): void {
  const error = toNotebookError(err, { code: 'sql' }).toData();
  const status = error.code === 'cancelled' ? 'cancelled' : 'error';
  const prev = runs.value.get(id);
  setRun(id, {
    ...(prev?.result ? { result: prev.result } : {}),
    status,
    error,
    ...(startedAt !== undefined ? { elapsedMs: performance.now() - startedAt } : {}),
  });
}

/** Runs one SQL cell, after any stale cells it reads. Markdown cells have nothing to run. */
export async function runCell(id: CellId): Promise<void> {
  const cell = notebook.value.cells[id];
  if (!cell || cell.kind !== 'sql') return;
  // Marks for the bench: Run → query handed to the engine is the graph's overhead.
  mark('run', cell.name);
  cancelledWhileQueued.delete(id);
  const upstream = upstreamOf(graph.value, id).filter((u) => !isReusable(u));
  for (const u of [...upstream, id]) setRun(u, { ...runs.value.get(u), status: 'queued' });
  for (const u of upstream) {
    await runOne(u);
    if (runs.value.get(u)?.status !== 'done') {
      const name = notebook.value.cells[u]?.name ?? 'an input';
      fail(
        id,
        new NotebookError({
          code: 'missing-input',
          message: `This cell reads ${name}, which did not run successfully.`,
          hint: `Fix ${name}, then run this cell again.`,
        }),
      );
      for (const rest of upstream.slice(upstream.indexOf(u) + 1))
        if (runs.value.get(rest)?.status === 'queued') setRun(rest, { ...runs.value.get(rest), status: 'idle' });
      return;
    }
  }
  await runOne(id);
}

function runOne(id: CellId): Promise<void> {
  const cell = notebook.value.cells[id];
  if (!cell) return Promise.resolve();
  if (runs.value.get(id)?.status !== 'queued') setRun(id, { ...runs.value.get(id), status: 'queued' });
  return enqueue(cell.engine, () => execute(id));
}

async function execute(id: CellId): Promise<void> {
  // The text may have changed while the cell waited; run what is there now.
  const cell = notebook.value.cells[id];
  if (!cell) return;
  if (cancelledWhileQueued.delete(id))
    return fail(id, new NotebookError({ code: 'cancelled', message: 'Cancelled before it started.' }));
  const startedAt = performance.now();
  const fingerprint = fingerprints.value.get(id);
  setRun(id, { ...runs.value.get(id), status: 'running', startedAt });
  runningOn[cell.engine] = id;
  try {
    const cycle = cycleError(cell);
    if (cycle) throw cycle;
    stopRequested.delete(id);
    const e = await engine(cell.engine);
    checkCellName(cell);
    await checkFilesPresent(cell);
    stopIfRequested(id);
    const notes = await moveInputs(cell, e);
    stopIfRequested(id);
    mark('query', cell.name);
    const pending = e.query(cell.source, {
      maxRows: DEFAULT_MAX_ROWS,
      resultName: cell.name,
      onProgress: progressReporter(id),
    });
    runningQuery[cell.engine] = id;
    const result = await pending;
    mark('result', cell.name);
    setRun(id, {
      status: 'done',
      result,
      elapsedMs: result.elapsedMs,
      epoch: e.epoch,
      notes,
      ...(fingerprint !== undefined ? { fingerprint } : {}),
    });
  } catch (err) {
    fail(id, err, startedAt);
    // A crashed engine is restarted now, so the user learns what was restored without running anything.
    if (err instanceof NotebookError && (err.code === 'engine-crashed' || err.code === 'cancelled'))
      void engine(cell.engine).catch(() => undefined);
  } finally {
    setEntry(queryProgress, id, null);
    delete runningOn[cell.engine];
    delete runningQuery[cell.engine];
    stopRequested.delete(id);
    // Plain queries leave the catalog as it was (results live in the hidden cells schema): skip the catalog query.
    if (!splitStatements(cell.source, cell.engine).every((st) => isQueryStatement(st.text, cell.engine)))
      void refreshTables(cell.engine);
  }
}

/** The latest run's marks only: entries are replaced, so they never pile up. */
function mark(what: 'run' | 'query' | 'result', cellName: string): void {
  const name = `sqlnb:${what}:${cellName}`;
  performance.clearMarks(name);
  performance.mark(name);
}

/** A query shows its progress once it has run this long; quicker ones would only flicker. */
const PROGRESS_AFTER_MS = 1000;

/** Progress into the UI, at most every 100 ms and only when it moved by a whole percent. */
function progressReporter(id: CellId): (fraction: number) => void {
  const startedAt = performance.now();
  let last = -1;
  let lastAt = 0;
  return (fraction) => {
    const now = performance.now();
    if (now - startedAt < PROGRESS_AFTER_MS || Math.abs(fraction - last) < 0.01 || now - lastAt < 100) return;
    last = fraction;
    lastAt = now;
    setEntry(queryProgress, id, fraction);
  };
}

function cycleError(cell: Cell): NotebookError | null {
  const g = graph.value;
  if (!g.cyclic.has(cell.id)) return null;
  const names = [...g.cyclic].map((c) => notebook.value.cells[c]?.name).filter((n): n is string => !!n);
  const self = (g.inputs.get(cell.id) ?? []).includes(cell.id);
  const message = self
    ? `${cell.name} reads its own name: a cell cannot read its own result.`
    : `These cells read each other in a cycle: ${names.join(', ')}.`;
  return new NotebookError({
    code: 'cycle',
    message,
    hint: 'Rename a table or change one of the queries to break the cycle.',
  });
}

/** Stops a cell: the running query is interrupted; a queued run never starts. */
export async function cancelCell(id: CellId): Promise<void> {
  const cell = notebook.value.cells[id];
  const status = runs.value.get(id)?.status;
  if (!cell) return;
  if (status === 'queued') {
    cancelledWhileQueued.add(id);
    fail(id, new NotebookError({ code: 'cancelled', message: 'Cancelled before it started.' }));
  } else if (status === 'running' && runningOn[cell.engine] === id) {
    if (runningQuery[cell.engine] === id) await (await existingEngine(cell.engine))?.cancel();
    else stopRequested.add(id);
  }
}

/** Shift+Enter: run, then move focus to the next cell (adding one at the end, as Jupyter does). */
export function runAndAdvance(id: CellId, addCellBelow: (id: CellId) => CellId): void {
  void runCell(id);
  const next = nextCellId(notebook.value, id) ?? addCellBelow(id);
  requestFocus(next);
}

/** Runs every SQL cell, each after the cells it reads. */
export async function runAll(): Promise<void> {
  const sql = cellsInOrder(notebook.value)
    .filter((c) => c.kind === 'sql')
    .map((c) => c.id);
  const order = topologicalOrder(graph.value, sql);
  for (const id of order) setRun(id, { ...runs.value.get(id), status: 'queued' });
  // Cells in both engines run side by side; each waits only for the cells it reads.
  const done = new Map<CellId, Promise<void>>();
  for (const id of order) {
    const inputs = (graph.value.inputs.get(id) ?? []).map((i) => done.get(i) ?? Promise.resolve());
    done.set(
      id,
      Promise.all(inputs).then(() => runCell(id)),
    );
  }
  await Promise.all(done.values());
}
