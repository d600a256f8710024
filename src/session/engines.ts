/**
 * The two engines, created lazily: nothing heavy loads before the user runs a
 * cell or opens a file (or the page is idle). Each engine's first start also
 * registers the bundled sample datasets that belong to it.
 */
import type { EngineId } from '../notebook/cells';
import { toNotebookError } from '../notebook/errors';
import type { Engine, FileKind } from '../engines/engine';
import { engineStatus, tables, toast } from './state';

interface DatasetEntry {
  readonly file: string;
  readonly table: string;
  readonly engine: EngineId;
  readonly kind?: FileKind;
}

const instances: Partial<Record<EngineId, Promise<Engine>>> = {};

async function create(id: EngineId): Promise<Engine> {
  if (id === 'duckdb') {
    const { DuckdbEngine } = await import('../engines/duckdb-engine');
    return new DuckdbEngine();
  }
  const { SqliteEngine } = await import('../engines/sqlite-engine');
  return new SqliteEngine();
}

function setStatus(id: EngineId, status: 'starting' | 'ready' | 'failed'): void {
  engineStatus.value = { ...engineStatus.value, [id]: status };
}

/** The started engine, shared by every caller. A failed start is retried on the next call. */
export function engine(id: EngineId): Promise<Engine> {
  instances[id] ??= (async () => {
    setStatus(id, 'starting');
    const e = await create(id);
    await e.start();
    await loadDatasets(e);
    setStatus(id, 'ready');
    void refreshTables(id);
    return e;
  })().catch((err: unknown) => {
    delete instances[id];
    setStatus(id, 'failed');
    throw toNotebookError(err, { code: 'engine-start' });
  });
  return instances[id];
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
  if (!e) return;
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
