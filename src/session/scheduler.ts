/**
 * Running cells. Running a cell first runs the stale cells it reads, in dependency order, moves
 * results across engines when needed (as Arrow IPC), then runs the cell with its name as the
 * result's table. Each engine runs one query at a time; a cell waiting its turn shows "queued".
 * Every change of a cell's run goes through the session's one transition (cell-run.ts).
 */
import type { Cell, CellId, EngineId } from '../notebook/cells';
import { NotebookError, toNotebookError } from '../sql/errors';
import type { PlanNode } from '../engines/plans';
import { topologicalOrder, upstreamOf, type Graph } from '../notebook/graph';
import { cellsInOrder, nextCellId } from '../notebook/operations';
import { isQueryStatement, splitStatements } from '../sql/statements';
import { DEFAULT_MAX_ROWS, type EngineHold, type TableInfo } from '../engines/engine';
import type { EngineRegistry } from './engine-registry';
import type { FileRegistry } from './file-registry';
import type { Freshness } from './freshness';
import type { BothEngines } from './both-engines';
import { explainCell, runInBothEngines, type CellTools } from './cell-tools';
import { errorLesson, resultNotes } from './cell-lessons';
import { InputMover, checkCellName } from './inputs';
import { setEntry, type SessionState } from './session-state';
import { cellLabel, type WaitReason } from './wait-reason';

/** With data bigger than memory about, results of more rows than this are kept as views (see bigInputs). */
export const STORE_AT_MOST = 1_000_000;

/** A query shows its progress once it has run this long; quicker ones would only flicker. */
const PROGRESS_AFTER_MS = 1000;

const cancelled = (message: string) => new NotebookError({ code: 'cancelled', message });

export class RunScheduler {
  /**
   * Whether DuckDB holds data that may be bigger than memory: tables on disk (the notebook keeps
   * them) or a file read in place. Then a result of more than STORE_AT_MOST rows is kept as a view,
   * not copied; otherwise every result is a table (the fastest to page, and the same every read).
   */
  private bigInputs(engine: EngineId): boolean {
    if (engine !== 'duckdb') return false;
    return (
      this.state.duckdbStorage.value.kept || this.files.opened.value.some((f) => f.registered.placement === 'view')
    );
  }

  private readonly queues: Record<EngineId, Promise<unknown>> = {
    duckdb: Promise.resolve(),
    sqlite: Promise.resolve(),
  };
  /** Cells whose queued run was cancelled before it started. */
  private readonly cancelledWhileQueued = new Set<CellId>();
  /** Running cells asked to stop before their query reached the engine (while it starts, or inputs move). */
  private readonly stopRequested = new Set<CellId>();
  /** The cell each engine is running now, and the one whose query the engine has been given. */
  private readonly runningOn: Partial<Record<EngineId, CellId>> = {};
  private readonly runningQuery: Partial<Record<EngineId, CellId>> = {};
  /** Cells given to each engine's queue that have not started yet, in order. */
  private readonly waiting: Record<EngineId, CellId[]> = { duckdb: [], sqlite: [] };
  private readonly inputs: InputMover;

  constructor(
    private readonly state: SessionState,
    private readonly engines: EngineRegistry,
    private readonly files: FileRegistry,
    private readonly freshness: Freshness,
  ) {
    this.inputs = new InputMover(state, engines, freshness);
  }

  /** Runs one SQL cell, after any stale cells it reads. Markdown cells have nothing to run. */
  async runCell(id: CellId): Promise<void> {
    const cell = this.state.notebook.value.cells[id];
    if (!cell || cell.kind !== 'sql') return;
    // Marks for the bench: Run → query handed to the engine is the graph's overhead.
    mark('run', cell.name);
    this.cancelledWhileQueued.delete(id);
    const upstream = upstreamOf(this.freshness.graph.value, id).filter((u) => !this.freshness.isReusable(u));
    for (const u of [...upstream, id]) this.state.apply(u, { type: 'queue' });
    for (const u of upstream) {
      this.state.apply(id, { type: 'wait', waitingFor: { kind: 'input', cell: u } });
      await this.runOne(u);
      if (this.state.runs.value.get(u)?.status === 'done') continue;
      const name = this.state.notebook.value.cells[u]?.name ?? 'an input';
      const error = new NotebookError({
        code: 'missing-input',
        message: `This cell reads ${name}, which did not run successfully.`,
        hint: `Fix ${name}, then run this cell again.`,
      });
      this.state.apply(id, { type: 'fail', error: error.toData(), at: performance.now() });
      for (const rest of upstream.slice(upstream.indexOf(u) + 1)) this.state.apply(rest, { type: 'unqueue' });
      return;
    }
    await this.runOne(id);
  }

  /** The plan of the cell's last statement (session/cell-tools.ts). */
  explainCell(id: CellId): Promise<PlanNode[]> {
    return explainCell(this.tools(), id);
  }

  /** The cell's SQL in both engines, compared (session/cell-tools.ts). */
  runInBothEngines(id: CellId): Promise<BothEngines | null> {
    return runInBothEngines(this.tools(), id);
  }

  private tools(): CellTools {
    return {
      state: this.state,
      engines: this.engines,
      freshness: this.freshness,
      runCell: (id) => this.runCell(id),
      moveInputs: (cell, engine) => this.inputs.move(cell, engine),
    };
  }

  private runOne(id: CellId): Promise<void> {
    const cell = this.state.notebook.value.cells[id];
    if (!cell) return Promise.resolve();
    const ahead = this.runningOn[cell.engine] ?? this.waiting[cell.engine][0];
    const waitingFor: WaitReason | undefined =
      ahead === undefined ? undefined : { kind: 'cell', engine: cell.engine, cell: ahead };
    this.state.apply(id, { type: 'queue', ...(waitingFor ? { waitingFor } : {}) });
    const engine = cell.engine;
    this.waiting[engine].push(id);
    // Off the waiting list first, even when the cell was deleted meanwhile, so none waits "behind" it.
    const job = () => {
      this.takeTurn(engine, id);
      return this.execute(id);
    };
    const next = this.queues[cell.engine].then(job, job);
    this.queues[cell.engine] = next.catch(() => undefined);
    return next;
  }

  private fail(id: CellId, err: unknown, lesson?: string): void {
    const error = toNotebookError(err, { code: 'sql' }).toData();
    this.state.apply(id, { type: 'fail', error: lesson ? { ...error, lesson } : error, at: performance.now() });
  }

  /** The tables a lesson may name: the engine's list, or its catalog now when a fresh engine has not listed them yet. */
  private lessonTables(cell: Cell): () => Promise<readonly TableInfo[]> {
    return async () => {
      const listed = this.state.tables.value[cell.engine];
      if (listed.length > 0) return listed;
      return (await this.engines.get(cell.engine)).describe().catch(() => []);
    };
  }

  private stopIfRequested(id: CellId): void {
    if (this.stopRequested.delete(id)) throw cancelled('Cancelled.');
  }

  /** Takes `id` off its engine's waiting list; the cells still queued behind now wait for `id`. */
  private takeTurn(engine: EngineId, id: CellId): void {
    const list = this.waiting[engine];
    const i = list.indexOf(id);
    if (i >= 0) list.splice(i, 1);
    for (const other of list)
      if (other !== id) this.state.apply(other, { type: 'wait', waitingFor: { kind: 'cell', engine, cell: id } });
  }

  private async execute(id: CellId): Promise<void> {
    // The text may have changed while the cell waited; run what is there now.
    const cell = this.state.notebook.value.cells[id];
    if (!cell) return;
    if (this.cancelledWhileQueued.delete(id)) return this.fail(id, cancelled('Cancelled before it started.'));
    const fingerprint = this.freshness.fingerprints.value.get(id);
    this.state.apply(id, { type: 'start', at: performance.now() });
    this.runningOn[cell.engine] = id;
    try {
      const cycle = this.cycleError(cell);
      if (cycle) throw cycle;
      this.stopRequested.delete(id);
      if (this.state.engineStatus.value[cell.engine] !== 'ready')
        this.state.apply(id, { type: 'wait', waitingFor: { kind: 'engine-start', engine: cell.engine } });
      const e = await this.engines.get(cell.engine);
      this.state.apply(id, { type: 'wait', waitingFor: null });
      checkCellName(cell, this.state.tables.value, this.files.registered.value);
      await this.files.checkPresent(cell);
      this.stopIfRequested(id);
      const notes = await this.inputs.move(cell, e);
      this.stopIfRequested(id);
      mark('query', cell.name);
      const pending = e.query(cell.source, {
        maxRows: DEFAULT_MAX_ROWS,
        resultName: cell.name,
        onProgress: this.progressReporter(id),
        onWait: (ahead) => this.state.apply(id, { type: 'wait', waitingFor: holdReason(cell.engine, ahead) }),
        ...(this.bigInputs(cell.engine) ? { storeAtMost: STORE_AT_MOST } : {}),
      });
      this.runningQuery[cell.engine] = id;
      const result = await pending;
      mark('result', cell.name);
      this.state.apply(id, {
        type: 'finish',
        result,
        elapsedMs: result.elapsedMs,
        epoch: e.epoch,
        notes: [...notes, ...(await resultNotes(cell, this.lessonTables(cell)))],
        ...(fingerprint !== undefined ? { fingerprint } : {}),
      });
    } catch (err) {
      this.fail(id, err, await errorLesson(err, cell, this.lessonTables(cell)));
      if (err instanceof NotebookError && err.code === 'engine-crashed')
        this.engines.noteCrash(cell.engine, {
          during: cellLabel(this.state.notebook.value, id),
          ...(err.trap ? { trap: err.trap } : {}),
        });
      // A crashed engine is restarted now, so the user learns what was restored without running anything.
      if (err instanceof NotebookError && (err.code === 'engine-crashed' || err.code === 'cancelled'))
        void this.engines.get(cell.engine).catch(() => undefined);
    } finally {
      setEntry(this.state.queryProgress, id, null);
      delete this.runningOn[cell.engine];
      delete this.runningQuery[cell.engine];
      this.stopRequested.delete(id);
      // Plain queries leave the catalog as it was (results live in the hidden cells schema): skip the catalog query.
      if (!splitStatements(cell.source, cell.engine).every((st) => isQueryStatement(st.text, cell.engine)))
        void this.engines.refreshTables(cell.engine);
    }
  }

  /** Progress into the UI, at most every 100 ms and only when it moved by a whole percent. */
  private progressReporter(id: CellId): (fraction: number) => void {
    const startedAt = performance.now();
    let last = -1;
    let lastAt = 0;
    return (fraction) => {
      const now = performance.now();
      if (now - startedAt < PROGRESS_AFTER_MS || Math.abs(fraction - last) < 0.01 || now - lastAt < 100) return;
      last = fraction;
      lastAt = now;
      setEntry(this.state.queryProgress, id, fraction);
    };
  }

  private cycleError(cell: Cell): NotebookError | null {
    const g = this.freshness.graph.value;
    if (!g.cyclic.has(cell.id)) return null;
    const cells = this.state.notebook.value.cells;
    // The cells of this cell's own cycle, not every cycle in the notebook.
    const mates = [...g.cyclic].filter((c) => c === cell.id || (reaches(g, cell.id, c) && reaches(g, c, cell.id)));
    const names = mates.map((c) => cells[c]?.name).filter((n): n is string => !!n);
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
  async cancelCell(id: CellId): Promise<void> {
    const cell = this.state.notebook.value.cells[id];
    const status = this.state.runs.value.get(id)?.status;
    if (!cell) return;
    if (status === 'queued') {
      this.cancelledWhileQueued.add(id);
      this.fail(id, cancelled('Cancelled before it started.'));
    } else if (status === 'running' && this.runningOn[cell.engine] === id) {
      if (this.runningQuery[cell.engine] === id) await (await this.engines.existing(cell.engine))?.cancel();
      else this.stopRequested.add(id);
    }
  }

  /** Shift+Enter: run, then move focus to the next cell (adding one at the end, as Jupyter does). */
  runAndAdvance(id: CellId, addCellBelow: (id: CellId) => CellId): void {
    void this.runCell(id);
    const next = nextCellId(this.state.notebook.value, id) ?? addCellBelow(id);
    this.state.requestFocus(next);
  }

  /** Runs every SQL cell, each after the cells it reads. */
  async runAll(): Promise<void> {
    const sql = cellsInOrder(this.state.notebook.value)
      .filter((c) => c.kind === 'sql')
      .map((c) => c.id);
    const order = topologicalOrder(this.freshness.graph.value, sql);
    for (const id of order) {
      const input = this.freshness.graph.value.inputs.get(id)?.find((i) => order.includes(i));
      this.state.apply(id, { type: 'queue', ...(input ? { waitingFor: { kind: 'input', cell: input } } : {}) });
    }
    // Cells in both engines run side by side; each waits only for the cells it reads.
    const done = new Map<CellId, Promise<void>>();
    for (const id of order) {
      const inputs = (this.freshness.graph.value.inputs.get(id) ?? []).map((i) => done.get(i) ?? Promise.resolve());
      done.set(
        id,
        Promise.all(inputs).then(() => this.runCell(id)),
      );
    }
    await Promise.all(done.values());
  }
}

/** What a cell whose query waits for its engine's turn is told it waits for. */
function holdReason(engine: EngineId, ahead: EngineHold | null): WaitReason | null {
  if (ahead === null) return null;
  return ahead.kind === 'file' ? { kind: 'file', engine, file: ahead.name } : { kind: 'engine-busy', engine };
}

/** True when `from` reads `to`, directly or through other cells. */
function reaches(g: Graph, from: CellId, to: CellId): boolean {
  const seen = new Set<CellId>();
  const stack = [...(g.inputs.get(from) ?? [])];
  for (let c = stack.pop(); c !== undefined; c = stack.pop()) {
    if (c === to) return true;
    if (seen.has(c)) continue;
    seen.add(c);
    stack.push(...(g.inputs.get(c) ?? []));
  }
  return false;
}

/** The latest run's marks only: entries are replaced, so they never pile up. */
function mark(what: 'run' | 'query' | 'result', cellName: string): void {
  if (typeof performance.mark !== 'function') return;
  const name = `sqlnb:${what}:${cellName}`;
  performance.clearMarks(name);
  performance.mark(name);
}
