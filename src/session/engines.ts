/**
 * The two engines, each created once on first use: main.ts starts DuckDB right
 * after the first paint, SQLite starts when a cell or a file needs it. Each
 * engine's first start also registers the bundled sample datasets that belong to it.
 */
import { ENGINE_LABELS, type EngineId } from '../notebook/cells';
import { toNotebookError } from '../sql/errors';
import type { Engine, FileKind } from '../engines/engine';
import type { DuckdbEngine } from '../engines/duckdb-engine';
import { IN_MEMORY_OFFLINE, type DuckdbSetup } from '../engines/duckdb-network';
import { NO_NETWORK, isEmpty, sameAccess } from '../notebook/network';
import { duckdbNetwork, duckdbStorage, engineRestarts, engineStatus, tables, toast, whenRunsIdle } from './state';

interface DatasetEntry {
  readonly file: string;
  readonly table: string;
  readonly engine: EngineId;
  readonly kind?: FileKind;
}

const instances: Partial<Record<EngineId, Promise<Engine>>> = {};
/** The engine epoch whose state (datasets, opened files) has been restored; see Engine.epoch. */
const restoredEpoch: Partial<Record<EngineId, number>> = {};
const restoring: Partial<Record<EngineId, Promise<void>>> = {};

interface RememberedFile {
  readonly file: File;
  readonly kind: FileKind;
  readonly tableName: string;
}
/** Files the user opened, per engine, so a restarted engine can register them again. */
const remembered: Record<EngineId, Map<string, RememberedFile>> = { duckdb: new Map(), sqlite: new Map() };

export function rememberFile(engineId: EngineId, file: File, kind: FileKind, tableName: string): void {
  remembered[engineId].set(tableName.toLowerCase(), { file, kind, tableName });
}

/** What DuckDB should open (the open notebook's kept database, or memory) and may reach (the notebook's grant). */
let duckdbSetup: DuckdbSetup = IN_MEMORY_OFFLINE;
/** Why the next restore happens, when it is planned rather than a crash. */
let plannedRestart: string | null = null;

type Reopenable = Pick<DuckdbEngine, 'reopen' | 'database' | 'network'>;

function sameSetup(a: DuckdbSetup, b: DuckdbSetup): boolean {
  return a.path === b.path && sameAccess(a.network, b.network);
}

/** Why DuckDB restarts when its setup changes from `before` to `after`, for people. */
function restartReason(before: DuckdbSetup, after: DuckdbSetup): string {
  if (before.path !== after.path)
    return after.path ? 'was restarted on the database this notebook keeps' : 'was restarted in memory';
  return isEmpty(after.network)
    ? 'was restarted with no network access'
    : 'was restarted with the network access you allowed';
}

/**
 * Makes DuckDB keep its tables in the OPFS file `setup.path`, or in memory (null), and reach only
 * what `setup.network` allows. A running DuckDB restarts; files are registered again.
 */
export async function useDuckdbSetup(setup: DuckdbSetup, announce: string | null = null): Promise<void> {
  duckdbStorage.value = { wanted: setup.path !== null, kept: false };
  if (sameSetup(setup, duckdbSetup) && instances.duckdb) return void reportDuckdb(await instances.duckdb);
  const before = duckdbSetup;
  duckdbSetup = setup;
  const e = (await instances.duckdb?.catch(() => undefined)) as (Engine & Reopenable) | undefined;
  if (!e?.database) {
    // Not started (or never successfully): its next start opens the new setup.
    e?.reopen(setup);
    if (announce) toast('info', announce);
    return;
  }
  plannedRestart = announce ?? '';
  e.reopen(setup, restartReason(before, setup));
  await engine('duckdb').catch(() => undefined);
}

function reportDuckdb(e: Engine): void {
  if (e.id !== 'duckdb') return;
  const { database, network } = e as Engine & Reopenable;
  if (!database) return;
  const wanted = duckdbSetup.path !== null;
  duckdbStorage.value = { wanted, kept: database.path !== null };
  if (wanted && database.fallback)
    toast(
      'warning',
      `This notebook’s DuckDB tables cannot be kept in the browser: ${database.fallback}. They are kept in memory until the tab closes.`,
      12000,
    );
  const failures = network?.extensionFailures ?? [];
  duckdbNetwork.value = { allowed: network?.network ?? NO_NETWORK, extensionFailures: failures };
  if (failures.length > 0)
    toast(
      'warning',
      `DuckDB could not load the extension${failures.length > 1 ? 's' : ''} ${failures.join(', ')}.`,
      12000,
    );
}

async function create(id: EngineId): Promise<Engine> {
  if (id === 'duckdb') {
    const { DuckdbEngine } = await import('../engines/duckdb-engine');
    const e = new DuckdbEngine();
    e.reopen(duckdbSetup);
    return e;
  }
  const { SqliteEngine } = await import('../engines/sqlite-engine');
  return new SqliteEngine();
}

function setStatus(id: EngineId, status: 'starting' | 'ready' | 'failed'): void {
  engineStatus.value = { ...engineStatus.value, [id]: status };
}

/** The created engine, without starting it (for cancel and debugging). */
export function existingEngine(id: EngineId): Promise<Engine> | undefined {
  return instances[id];
}

/**
 * The started engine, shared by every caller. A failed start is retried on the
 * next call. After a restart (a crash, or a cancelled SQLite query) the
 * datasets and the user's files are registered again before anyone uses it.
 */
export async function engine(id: EngineId): Promise<Engine> {
  instances[id] ??= create(id).catch((err: unknown) => {
    delete instances[id];
    setStatus(id, 'failed');
    throw toNotebookError(err, { code: 'engine-start' });
  });
  const e = await instances[id];
  if (restoredEpoch[id] === e.epoch) return e;
  restoring[id] ??= restore(e).finally(() => delete restoring[id]);
  await restoring[id];
  return e;
}

async function restore(e: Engine): Promise<void> {
  const id = e.id;
  const epoch = e.epoch;
  const restart = restoredEpoch[id] !== undefined;
  setStatus(id, 'starting');
  try {
    await e.start();
  } catch (err) {
    setStatus(id, 'failed');
    throw toNotebookError(err, { code: 'engine-start' });
  }
  await loadDatasets(e);
  const again = [...remembered[id].values()];
  for (const f of again) {
    await e
      .registerFile(f.file, f.kind, f.tableName)
      .catch((err: unknown) =>
        toast('warning', `${f.file.name} could not be registered again: ${toNotebookError(err).message}`),
      );
  }
  restoredEpoch[id] = epoch;
  setStatus(id, 'ready');
  engineRestarts.value = { ...engineRestarts.value, [id]: epoch };
  // After any Run pressed while the engine started: that query goes to the engine first.
  void whenRunsIdle(id).then(() => refreshTables(id));
  reportDuckdb(e);
  const planned = id === 'duckdb' ? plannedRestart : null;
  if (id === 'duckdb') plannedRestart = null;
  if (planned !== null) {
    if (planned) toast('info', planned);
  } else if (restart) {
    const files =
      again.length === 0
        ? 'the sample data was'
        : `the sample data and ${again.length} opened file${again.length === 1 ? ' were' : 's were'}`;
    toast(
      'warning',
      `${ENGINE_LABELS[id]} stopped and was restarted: ${files} registered again; cell results it held will be recomputed when needed.`,
    );
  }
}

async function loadDatasets(e: Engine): Promise<void> {
  const base = `${import.meta.env.BASE_URL}datasets/`;
  let manifest: DatasetEntry[];
  try {
    const res = await fetch(`${base}manifest.json`);
    manifest = (await res.json()) as DatasetEntry[];
  } catch {
    return;
  }
  for (const d of manifest.filter((m) => m.engine === e.id)) {
    try {
      const res = await fetch(base + d.file);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const file = new File([await res.blob()], d.file);
      await e.registerFile(file, d.kind ?? kindOf(d.file), d.table);
    } catch (err) {
      toast('warning', `The sample dataset ${d.file} could not be loaded: ${toNotebookError(err).message}`);
    }
  }
}

function kindOf(file: string): FileKind {
  if (/\.(sqlite|db)$/i.test(file)) return 'sqlite';
  if (/\.parquet$/i.test(file)) return 'parquet';
  return 'csv';
}

export async function refreshTables(id: EngineId): Promise<void> {
  const e = instances[id];
  if (!e || restoredEpoch[id] === undefined) return;
  try {
    const list = await (await e).describe();
    tables.value = { ...tables.value, [id]: list };
  } catch {
    // The catalog is informational; a failure here must not disturb the notebook.
  }
}

/** Every name already used by a table in either engine, for picking a new file's table name. */
export function takenNames(): Set<string> {
  const all = [...tables.value.duckdb, ...tables.value.sqlite];
  return new Set(all.flatMap((t) => [t.name, ...(t.schema ? [t.schema] : [])]));
}
