/**
 * The two engines of a session, each created once on first use through the factory the session
 * was given (real workers in the app, fakes in tests). The app starts DuckDB right after the first
 * paint; SQLite starts when a cell or a file needs it. Each start, and each restart after a crash
 * or a planned change (another database, other network access), registers the bundled sample
 * data and then whatever the restorers register (the files the user opened) before anyone uses it.
 */
import { ENGINE_LABELS, type EngineId } from '../notebook/cells';
import { toNotebookError } from '../sql/errors';
import { NO_NETWORK, isEmpty, sameAccess } from '../notebook/network';
import { IN_MEMORY_OFFLINE, type EngineSetup, type Engine } from '../engines/engine';
import type { SessionState } from './session-state';
import { crashNotice, type CrashReport } from './wait-reason';

export type EngineFactory = (id: EngineId) => Promise<Engine>;

/** Registers the bundled sample data that belongs to an engine; errors are reported, not thrown. */
export type DatasetLoader = (engine: Engine) => Promise<void>;

/** Registers again what a restarted engine lost; returns how many files it registered. */
export type Restorer = (engine: Engine) => Promise<number>;

function sameSetup(a: EngineSetup, b: EngineSetup): boolean {
  return a.path === b.path && sameAccess(a.network, b.network) && a.memoryLimit === b.memoryLimit;
}

/** Why DuckDB restarts when its setup changes from `before` to `after`, for people. */
function restartReason(before: EngineSetup, after: EngineSetup): string {
  if (before.path !== after.path)
    return after.path ? 'was restarted on the database this notebook keeps' : 'was restarted in memory';
  if (before.memoryLimit !== after.memoryLimit)
    return `was restarted with a memory limit of ${after.memoryLimit ?? 'its default'}`;
  return isEmpty(after.network)
    ? 'was restarted with no network access'
    : 'was restarted with the network access you allowed';
}

export class EngineRegistry {
  private readonly instances: Partial<Record<EngineId, Promise<Engine>>> = {};
  /** The engine epoch whose state (datasets, opened files) has been restored; see Engine.epoch. */
  private readonly restoredEpoch: Partial<Record<EngineId, number>> = {};
  private readonly restoring: Partial<Record<EngineId, Promise<void>>> = {};
  private readonly restorers: Restorer[] = [];
  /** What DuckDB should open and may reach: the open notebook's kept database and grant. */
  private duckdbSetup: EngineSetup = IN_MEMORY_OFFLINE;
  /** Why the next restore of DuckDB happens, when it is planned rather than a crash. */
  private plannedRestart: string | null = null;
  /** A memory limit for DuckDB that holds across notebooks (the debug hook's). */
  private memoryLimit: string | undefined;
  /** What an engine was doing when it crashed (its trap, the cell), for the line said once it is back. */
  private readonly crashes: Partial<Record<EngineId, Omit<CrashReport, 'engine' | 'files'>>> = {};

  constructor(
    private readonly state: SessionState,
    private readonly create: EngineFactory,
    private readonly loadDatasets: DatasetLoader,
  ) {}

  /** `restore` runs after every start and restart of an engine, before anyone uses it. */
  onRestore(restore: Restorer): void {
    this.restorers.push(restore);
  }

  /** The created engine, without starting it (for cancel and debugging). */
  existing(id: EngineId): Promise<Engine> | undefined {
    return this.instances[id];
  }

  /**
   * The started engine, shared by every caller. A failed start is retried on the next call.
   * After a restart the datasets and the user's files are registered again before anyone uses it.
   */
  async get(id: EngineId): Promise<Engine> {
    this.instances[id] ??= this.create(id).then(
      (e) => {
        e.configure(id === 'duckdb' ? this.duckdbSetup : IN_MEMORY_OFFLINE);
        return e;
      },
      (err: unknown) => {
        delete this.instances[id];
        this.state.setStatus(id, 'failed');
        throw toNotebookError(err, { code: 'engine-start' });
      },
    );
    const e = await this.instances[id];
    // A restart while a restore was under way (a planned one: another database, a memory limit)
    // leaves that restore for an old epoch: the engine is restored again until it is current.
    while (this.restoredEpoch[id] !== e.epoch) {
      this.restoring[id] ??= this.restore(e).finally(() => delete this.restoring[id]);
      await this.restoring[id];
    }
    return e;
  }

  /**
   * Makes DuckDB keep its tables in the OPFS file `setup.path`, or in memory (null), and reach only
   * what `setup.network` allows. A running DuckDB restarts; files are registered again.
   */
  async useDuckdbSetup(asked: EngineSetup, announce: string | null = null): Promise<void> {
    const { memoryLimit: _asked, ...rest } = asked;
    const setup: EngineSetup = this.memoryLimit ? { ...rest, memoryLimit: this.memoryLimit } : rest;
    this.state.duckdbStorage.value = { wanted: setup.path !== null, kept: false };
    const running = this.instances.duckdb;
    if (sameSetup(setup, this.duckdbSetup) && running) return void this.report(await running);
    const before = this.duckdbSetup;
    this.duckdbSetup = setup;
    const e = await running?.catch(() => undefined);
    if (!e?.info()) {
      // Not started (or never successfully): its next start opens the new setup.
      e?.configure(setup);
      if (announce) this.state.toast('info', announce);
      return;
    }
    this.plannedRestart = announce ?? '';
    e.configure(setup, restartReason(before, setup));
    await this.get('duckdb').catch(() => undefined);
  }

  /** Says what `id` was doing when it crashed; the line shown once it is restarted names it. */
  noteCrash(id: EngineId, what: Omit<CrashReport, 'engine' | 'files'>): void {
    this.crashes[id] = what;
  }

  private async restore(e: Engine): Promise<void> {
    const id = e.id;
    const epoch = e.epoch;
    const restart = this.restoredEpoch[id] !== undefined;
    this.state.setStatus(id, 'starting');
    try {
      await e.start();
    } catch (err) {
      this.state.setStatus(id, 'failed');
      throw toNotebookError(err, { code: 'engine-start' });
    }
    await this.loadDatasets(e);
    let files = 0;
    for (const restore of this.restorers) files += await restore(e);
    // Restarted meanwhile: the restore of the new epoch registers everything, and says why.
    if (e.epoch !== epoch) return;
    this.restoredEpoch[id] = epoch;
    this.state.setStatus(id, 'ready');
    this.state.engineRestarts.value = { ...this.state.engineRestarts.value, [id]: epoch };
    // After any Run pressed while the engine started: that query goes to the engine first.
    void this.state.whenRunsIdle(id).then(() => this.refreshTables(id));
    this.report(e);
    const planned = id === 'duckdb' ? this.plannedRestart : null;
    if (id === 'duckdb') this.plannedRestart = null;
    const crash = this.crashes[id];
    delete this.crashes[id];
    if (planned !== null) {
      if (planned) this.state.toast('info', planned);
    } else if (restart) {
      this.state.toast('warning', crashNotice({ engine: id, files, ...crash }), 12000);
    }
  }

  /** What DuckDB opened and may reach, into the state the sidebar shows; warnings for what failed. */
  private report(e: Engine): void {
    if (e.id !== 'duckdb') return;
    const info = e.info();
    if (!info) return;
    const wanted = this.duckdbSetup.path !== null;
    this.state.duckdbStorage.value = { wanted, kept: info.database.path !== null };
    if (wanted && info.database.fallback)
      this.state.toast(
        'warning',
        `This notebook’s DuckDB tables cannot be kept in the browser: ${info.database.fallback}. They are kept in memory until the tab closes.`,
        12000,
      );
    const failures = info.extensionFailures;
    this.state.duckdbNetwork.value = { allowed: info.network ?? NO_NETWORK, extensionFailures: failures };
    if (failures.length > 0)
      this.state.toast(
        'warning',
        `DuckDB could not load the extension${failures.length > 1 ? 's' : ''} ${failures.join(', ')}.`,
        12000,
      );
  }

  /**
   * DuckDB's memory limit from now on (e.g. '256MB'), or its default (null), whatever notebook is
   * open: a running DuckDB restarts. For tests of data bigger than memory.
   */
  async setMemoryLimit(limit: string | null): Promise<void> {
    this.memoryLimit = limit ?? undefined;
    await this.useDuckdbSetup(this.duckdbSetup);
  }

  async refreshTables(id: EngineId): Promise<void> {
    const e = this.instances[id];
    if (!e || this.restoredEpoch[id] === undefined) return;
    try {
      const list = await (await e).describe();
      this.state.tables.value = { ...this.state.tables.value, [id]: list };
    } catch {
      // The catalog is informational; a failure here must not disturb the notebook.
    }
  }

  /** Every name already used by a table in either engine, for picking a new file's table name. */
  takenNames(): Set<string> {
    const all = [...this.state.tables.value.duckdb, ...this.state.tables.value.sqlite];
    return new Set(all.flatMap((t) => [t.name, ...(t.schema ? [t.schema] : [])]));
  }

  /** Ends an engine's worker as a crash would, then recovers at once (for tests, through the page's debug hook). */
  async kill(id: EngineId): Promise<void> {
    const e = await this.instances[id]?.catch(() => undefined);
    if (!e) return;
    e.restart(`the ${ENGINE_LABELS[id]} worker was stopped`);
    // Recover at once, as after a real crash, so the user is told now rather than on the next run.
    await this.get(id).catch(() => undefined);
  }
}
