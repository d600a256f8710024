/**
 * The session: the one front door the UI reaches everything through. `main.ts` builds it with
 * the real engines; unit tests build its core with fakes (`createSessionCore`). It owns all live
 * state: there is no module-level mutable state in session/.
 */
import { effect } from '@preact/signals';
import type { Table } from 'apache-arrow';
import { ENGINE_LABELS, type CellId, type CellKind, type EngineId, type Notebook } from '../notebook/cells';
import * as ops from '../notebook/operations';
import { welcomeNotebook } from '../notebook/welcome';
import type { ResultViewSettings } from '../notebook/view-settings';
import { quoteIdent } from '../sql/quote';
import { NotebookError } from '../sql/errors';
import type { BoundSql, TableInfo } from '../engines/engine';
import type { ViewColumn } from '../engines/view-sql';
import { CatalogKeeper } from './catalog';
import { EngineRegistry, type DatasetLoader, type EngineFactory } from './engine-registry';
import { FileRegistry, type RememberedStore } from './file-registry';
import { Freshness } from './freshness';
import { Library, READ_ONLY, type TabLinks } from './library';
import { NetworkSettings } from './network';
import { NotebookFiles } from './notebook-files';
import { Exporter } from './exports';
import type { ResultTarget } from './result-view';
import { RunScheduler } from './scheduler';
import { SessionState } from './session-state';

export interface SessionDeps {
  /** Creates an engine (not started): the real workers in the app, fakes in tests. */
  readonly createEngine: EngineFactory;
  /** Registers the bundled sample data with a fresh engine. */
  readonly loadDatasets: DatasetLoader;
  /** Where each notebook's remembered data files are kept. */
  readonly remembered: RememberedStore;
  /** How this tab learns of the app's other tabs (locks, a channel) and asks to keep its storage. */
  readonly tabs: TabLinks;
}

/** The parts of a session that run cells: everything the scheduler needs, and nothing that needs a browser. */
export interface SessionCore {
  readonly state: SessionState;
  readonly engines: EngineRegistry;
  readonly files: FileRegistry;
  readonly freshness: Freshness;
  readonly scheduler: RunScheduler;
}

export function createSessionCore(deps: Omit<SessionDeps, 'tabs'>): SessionCore {
  const state = new SessionState();
  const engines = new EngineRegistry(state, deps.createEngine, deps.loadDatasets);
  const files = new FileRegistry(state, engines, deps.remembered);
  const freshness = new Freshness(state, files);
  const scheduler = new RunScheduler(state, engines, files, freshness);
  return { state, engines, files, freshness, scheduler };
}

export class Session implements SessionCore {
  readonly state: SessionState;
  readonly engines: EngineRegistry;
  readonly files: FileRegistry;
  readonly freshness: Freshness;
  readonly scheduler: RunScheduler;
  readonly library: Library;
  readonly network: NetworkSettings;
  readonly notebookFiles: NotebookFiles;
  readonly catalog: CatalogKeeper;
  readonly exports = new Exporter();

  constructor(deps: SessionDeps) {
    ({
      state: this.state,
      engines: this.engines,
      files: this.files,
      freshness: this.freshness,
      scheduler: this.scheduler,
    } = createSessionCore(deps));
    this.library = new Library(this.state, this.engines, this.files, deps.tabs);
    this.network = new NetworkSettings(this.state, this.engines, this.library);
    this.notebookFiles = new NotebookFiles(this.state, this.library, this.files);
    this.catalog = new CatalogKeeper(this.state, this.engines, this.files);
    this.files.useDiskSpace({
      free: async () => {
        const d = await diskUse();
        return d?.quota == null ? null : Math.max(0, d.quota - d.usage);
      },
      useDisk: (why) => this.library.keepTablesOnDisk(why),
    });
  }

  private memoryTimer: ReturnType<typeof setTimeout> | null = null;

  /** Reads DuckDB's memory and the disk in use again, soon (a burst of changes reads once). */
  refreshMemory(): void {
    if (this.memoryTimer !== null) return;
    this.memoryTimer = setTimeout(() => {
      this.memoryTimer = null;
      void this.readMemory();
    }, 300);
  }

  private async readMemory(): Promise<void> {
    // Never starts DuckDB just to ask.
    const ready = this.state.engineStatus.value.duckdb === 'ready';
    const duckdb = ready ? await (await this.engines.get('duckdb')).memory().catch(() => null) : null;
    const disk = await diskUse();
    this.state.memoryUse.value = { duckdb, diskUsed: disk?.opfs ?? null, diskQuota: disk?.quota ?? null };
  }

  /** The bytes of a file a cell's statement wrote in engine `id` (DuckDB's COPY … TO), to save for the user. */
  async readWritten(id: EngineId, path: string): Promise<Uint8Array> {
    const e = await this.engines.get(id);
    if (!e.readWritten) throw new NotebookError({ code: 'file', message: `${ENGINE_LABELS[id]} writes no files.` });
    return e.readWritten(path);
  }

  /** Opens the library's current notebook (the welcome notebook on a first visit, or a share link) and starts autosaving. */
  async boot(): Promise<void> {
    this.state.notebook.value = await this.library.bootLibrary();
    this.state.loaded.value = true;
    this.catalog.start();
    // Every change is journaled synchronously, so a reload in the middle of typing loses nothing.
    // A refused journal is said once, not per keystroke, until a write succeeds again.
    let journalRefused = false;
    let lastSeen: Notebook | null = null;
    effect(() => {
      const nb = this.state.notebook.value;
      const problem = this.library.saveCurrent(nb);
      // The effect also re-runs when the library's index changes: only a written change says whether writes work.
      if (nb === lastSeen) return;
      lastSeen = nb;
      if (problem && !journalRefused) this.state.toast('warning', problem);
      journalRefused = problem !== null;
    });
    // Tables change after loads and runs: that is when memory and disk use change most. A load or
    // a long query changes them as it goes, so they are read every few seconds too (on a
    // connection of DuckDB's own, which never waits for the running query).
    effect(() => {
      void this.state.tables.value;
      void this.state.engineStatus.value.duckdb;
      this.refreshMemory();
    });
    setInterval(() => {
      if (document.visibilityState === 'visible') this.refreshMemory();
    }, 3000);
    addEventListener('pagehide', () => void this.library.flushLibrary());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.library.flushLibrary();
    });
  }

  private get notebook(): Notebook {
    return this.state.notebook.value;
  }

  /** Every change to the open notebook comes through here; a read-only tab keeps none, and says so. */
  private commit(next: Notebook): void {
    if (next === this.state.notebook.value) return;
    if (!this.library.editable) return this.state.toast('warning', READ_ONLY);
    this.state.notebook.value = next;
  }

  /** What the result view of a cell reads, in the cell's engine. */
  resultTarget(engine: EngineId, name: string, columns: readonly ViewColumn[]): ResultTarget {
    const read = async (query: BoundSql): Promise<Table> => (await this.engines.get(engine)).read(query);
    const streams = engine === 'duckdb';
    const stream = async function* (this: Session, query: BoundSql): AsyncGenerator<Uint8Array> {
      const e = await this.engines.get(engine);
      if (!e.readStream) throw new Error(`${engine} cannot stream a result`);
      yield* e.readStream(query);
    }.bind(this);
    return { engine, name, columns, read, ...(streams ? { stream } : {}) };
  }

  addCell(kind: CellKind, where: ops.Placement = { at: 'end' }, source = '', engine?: EngineId): CellId {
    const anchor = where.at === 'end' ? undefined : this.notebook.cells[where.of];
    const { notebook: next, cell } = ops.addCell(
      this.notebook,
      kind,
      where,
      source,
      engine ?? anchor?.engine ?? 'duckdb',
    );
    this.commit(next);
    this.state.requestFocus(cell.id);
    return cell.id;
  }

  /** Renames a cell; returns why not, when the name cannot be used. The old result table is dropped so nothing reads it by mistake. */
  renameCell(id: CellId, name: string): string | null {
    const old = this.notebook.cells[id]?.name;
    const { notebook: next, problem } = ops.renameCell(this.notebook, id, name);
    if (problem) return problem;
    this.commit(next);
    if (old && old !== name) void this.dropResults(old);
    return null;
  }

  private async dropResults(name: string): Promise<void> {
    for (const id of ['duckdb', 'sqlite'] as EngineId[])
      await (await this.engines.existing(id))?.dropResult(name).catch(() => undefined);
  }

  deleteCell(id: CellId): void {
    const order = this.notebook.order;
    const i = order.indexOf(id);
    const cell = this.notebook.cells[id];
    const readers = [...(this.freshness.graph.value.dependents.get(id) ?? [])]
      .map((d) => this.notebook.cells[d]?.name)
      .filter((n): n is string => !!n && n !== cell?.name);
    if (cell && readers.length > 0)
      this.state.toast(
        'warning',
        `Deleted ${cell.name}, which ${readers.join(', ')} ${readers.length === 1 ? 'reads' : 'read'}: ${readers.length === 1 ? 'it' : 'they'} will fail until changed.`,
      );
    if (cell) void this.dropResults(cell.name);
    this.commit(ops.deleteCell(this.notebook, id));
    const next = order[i + 1] ?? order[i - 1];
    if (next) this.state.requestFocus(next);
    this.state.forgetRun(id);
  }

  moveCell(id: CellId, delta: number): void {
    this.commit(ops.moveCell(this.notebook, id, delta));
    this.state.requestFocus(id);
  }

  duplicateCell(id: CellId): void {
    const { notebook: next, cell } = ops.duplicateCell(this.notebook, id);
    this.commit(next);
    if (cell) this.state.requestFocus(cell.id);
  }

  setSource(id: CellId, source: string): void {
    this.commit(ops.updateCell(this.notebook, id, { source }));
  }

  setEngine(id: CellId, engine: EngineId): void {
    this.commit(ops.updateCell(this.notebook, id, { engine }));
  }

  setKind(id: CellId, kind: CellKind): void {
    this.commit(ops.updateCell(this.notebook, id, { kind }));
  }

  /** Saves how a cell's result is viewed (sort, filters, chart); it is part of the notebook. */
  setView(id: CellId, view: ResultViewSettings): void {
    this.commit(ops.updateCell(this.notebook, id, { view }));
  }

  setTitle(title: string): void {
    this.commit(ops.renameNotebook(this.notebook, title));
  }

  /** The sidebar's click on a table: a new cell that selects from it, in that table's engine. */
  insertQueryCell(t: TableInfo): CellId {
    const name = t.schema ? `${quoteIdent(t.schema)}.${quoteIdent(t.name)}` : quoteIdent(t.name);
    return this.addCell('sql', { at: 'end' }, `SELECT * FROM ${name} LIMIT 100;`, t.engine);
  }

  resetToWelcome(): void {
    this.commit(welcomeNotebook());
    this.state.clearRuns();
  }

  /** Shift+Enter: run, then move to the next cell (adding one at the end, as Jupyter does). */
  runAndAdvance(id: CellId): void {
    this.scheduler.runAndAdvance(id, (after) => this.addCell('sql', { at: 'below', of: after }));
  }
}

/** The browser's storage for this page: its quota, all it uses, and what its files in OPFS use (Chromium says; elsewhere all of it). */
async function diskUse(): Promise<{ quota: number | null; usage: number; opfs: number } | null> {
  if (typeof navigator.storage?.getDirectory !== 'function' || typeof navigator.storage.estimate !== 'function')
    return null;
  const e: (StorageEstimate & { usageDetails?: { fileSystem?: number } }) | null = await navigator.storage
    .estimate()
    .catch(() => null);
  if (!e) return null;
  const usage = e.usage ?? 0;
  return { quota: e.quota ?? null, usage, opfs: e.usageDetails?.fileSystem ?? usage };
}
