/** The live state the UI reads. The notebook document is saved; everything else here is not. */
import { effect, signal } from '@preact/signals';
import type { CellId, EngineId, Notebook } from '../notebook/cells';
import type { ErrorData } from '../sql/errors';
import { emptyNotebook } from '../notebook/operations';
import { NO_NETWORK, type NetworkAccess } from '../notebook/network';
import type { QueryResult, RegisteredFile, TableInfo } from '../engines/engine';

export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'cancelled';

export interface CellRun {
  readonly status: CellStatus;
  readonly result?: QueryResult;
  readonly error?: ErrorData;
  readonly startedAt?: number;
  readonly elapsedMs?: number;
  /** What the result was computed from (session/freshness.ts); a different current value means stale. */
  readonly fingerprint?: string;
  /** The engine epoch the result was stored in; after a restart it is no longer in the engine. */
  readonly epoch?: number;
  /** Notes on the run, e.g. types that could not move exactly between engines. */
  readonly notes?: readonly string[];
}

export type EngineStatus = 'idle' | 'starting' | 'ready' | 'failed';

export interface Toast {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
}

export const notebook = signal<Notebook>(emptyNotebook());
export const loaded = signal(false);
export const runs = signal<ReadonlyMap<CellId, CellRun>>(new Map());
export const tables = signal<Readonly<Record<EngineId, readonly TableInfo[]>>>({ duckdb: [], sqlite: [] });
export const openedFiles = signal<readonly RegisteredFile[]>([]);
/** Each engine's current epoch, once restored: changes when an engine restarts. */
export const engineRestarts = signal<Readonly<Partial<Record<EngineId, number>>>>({});
/** Bumped when a file is (re)opened under a table name, so cells reading it become stale. */
export const fileVersions = signal<ReadonlyMap<string, number>>(new Map());
export const engineStatus = signal<Readonly<Record<EngineId, EngineStatus>>>({ duckdb: 'idle', sqlite: 'idle' });
/** Where DuckDB keeps its tables now: an OPFS file (a notebook that keeps them) or memory. */
export interface DuckdbStorage {
  /** The notebook asked to keep its tables. */
  readonly wanted: boolean;
  /** They are kept: the OPFS database is open. */
  readonly kept: boolean;
}
export const duckdbStorage = signal<DuckdbStorage>({ wanted: false, kept: false });
/** What the running DuckDB may reach (the open notebook's grant), and allowed extensions that failed to load. */
export interface DuckdbNetwork {
  readonly allowed: NetworkAccess;
  readonly extensionFailures: readonly string[];
}
export const duckdbNetwork = signal<DuckdbNetwork>({ allowed: NO_NETWORK, extensionFailures: [] });
/** How far each running cell's query has got, 0 to 1, where its engine reports it (DuckDB). */
export const queryProgress = signal<ReadonlyMap<CellId, number>>(new Map());
/** A file being loaded: bytes read so far out of its size. */
export interface Ingest {
  readonly fileName: string;
  readonly bytesRead: number;
  readonly total: number;
}
/** Files loading now, by file name. */
export const ingests = signal<ReadonlyMap<string, Ingest>>(new Map());
export const toasts = signal<readonly Toast[]>([]);
/** The cell whose editor should take focus next (set by Shift+Enter and cell insertion). */
export const focusRequest = signal<{ id: CellId; seq: number } | null>(null);

/** Whether a cell of engine `id` is queued or running. */
function runsPending(id: EngineId): boolean {
  const cells = notebook.value.cells;
  for (const [cell, run] of runs.value)
    if ((run.status === 'queued' || run.status === 'running') && cells[cell]?.engine === id) return true;
  return false;
}

/**
 * Resolves once no cell of engine `id` is queued or running. Reads for the sidebar and completion wait
 * for it when an engine has just started: the engine takes its messages in turn, and a cold DuckDB
 * spent about 370 ms on its catalog and function list while a Run pressed during its start waited.
 */
export function whenRunsIdle(id: EngineId): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const stop = effect(() => {
      if (done || runsPending(id)) return;
      done = true;
      resolve();
      // Disposed after this run of the effect: `stop` is not assigned yet on the first one.
      queueMicrotask(() => stop());
    });
  });
}

export function setRun(id: CellId, run: CellRun): void {
  setEntry(runs, id, run);
}

let toastSeq = 0;
export function toast(level: Toast['level'], text: string, ttlMs = level === 'error' ? 12000 : 6000): void {
  const id = ++toastSeq;
  toasts.value = [...toasts.value, { id, level, text }];
  setTimeout(() => dismissToast(id), ttlMs);
}

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

let focusSeq = 0;
export function requestFocus(id: CellId): void {
  focusRequest.value = { id, seq: ++focusSeq };
}

/** Sets (or, with null, clears) an entry of a map signal without touching the others. */
export function setEntry<K, V>(sig: { value: ReadonlyMap<K, V> }, key: K, value: V | null): void {
  // Clearing what is not there changes nothing, and notifies no one (every run clears its progress).
  if (value === null && !sig.value.has(key)) return;
  const next = new Map(sig.value);
  if (value === null) next.delete(key);
  else next.set(key, value);
  sig.value = next;
}
