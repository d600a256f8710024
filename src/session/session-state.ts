/**
 * The live state of one session, as signals the UI reads. The notebook document is saved;
 * everything else here is not. Every change of a cell's run goes through `apply`, which uses the
 * one pure transition (cell-run.ts).
 */
import { effect, signal } from '@preact/signals';
import type { CellId, EngineId, Notebook } from '../notebook/cells';
import { emptyNotebook } from '../notebook/operations';
import { NO_NETWORK, type NetworkAccess } from '../notebook/network';
import type { EngineMemory, TableInfo } from '../engines/engine';
import { transition, type CellRun, type RunEvent } from './cell-run';
import { addToast, type Toast } from './toast-list';

export type EngineStatus = 'idle' | 'starting' | 'ready' | 'failed';

export type { Toast } from './toast-list';

/** Where DuckDB keeps its tables now: an OPFS file (a notebook that keeps them) or memory. */
export interface DuckdbStorage {
  /** The notebook asked to keep its tables. */
  readonly wanted: boolean;
  /** They are kept: the OPFS database is open. */
  readonly kept: boolean;
}

/** DuckDB's memory in use against its limit, and the browser's disk (OPFS) this page uses; null where unknown. */
export interface MemoryUse {
  readonly duckdb: EngineMemory | null;
  readonly diskUsed: number | null;
  readonly diskQuota: number | null;
}

/** What the running DuckDB may reach (the open notebook's grant), and allowed extensions that failed to load. */
export interface DuckdbNetwork {
  readonly allowed: NetworkAccess;
  readonly extensionFailures: readonly string[];
}

/** A file being loaded: bytes read so far out of its size. */
export interface Ingest {
  readonly fileName: string;
  readonly bytesRead: number;
  readonly total: number;
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

export class SessionState {
  readonly notebook = signal<Notebook>(emptyNotebook());
  readonly loaded = signal(false);
  readonly runs = signal<ReadonlyMap<CellId, CellRun>>(new Map());
  readonly tables = signal<Readonly<Record<EngineId, readonly TableInfo[]>>>({ duckdb: [], sqlite: [] });
  /** Each engine's current epoch, once restored: changes when an engine restarts. */
  readonly engineRestarts = signal<Readonly<Partial<Record<EngineId, number>>>>({});
  readonly engineStatus = signal<Readonly<Record<EngineId, EngineStatus>>>({ duckdb: 'idle', sqlite: 'idle' });
  readonly duckdbStorage = signal<DuckdbStorage>({ wanted: false, kept: false });
  readonly memoryUse = signal<MemoryUse>({ duckdb: null, diskUsed: null, diskQuota: null });
  readonly duckdbNetwork = signal<DuckdbNetwork>({ allowed: NO_NETWORK, extensionFailures: [] });
  /** How far each running cell's query has got, 0 to 1, where its engine reports it (DuckDB). */
  readonly queryProgress = signal<ReadonlyMap<CellId, number>>(new Map());
  /** Files loading now, by file name. */
  readonly ingests = signal<ReadonlyMap<string, Ingest>>(new Map());
  readonly toasts = signal<readonly Toast[]>([]);
  /** The cell whose editor should take focus next (set by Shift+Enter and cell insertion). */
  readonly focusRequest = signal<{ id: CellId; seq: number } | null>(null);

  private toastSeq = 0;
  private readonly toastTimers = new Map<number, ReturnType<typeof setTimeout>>();
  private focusSeq = 0;

  /** Moves a cell's run on by `event` (cell-run.ts); the only way a run changes. */
  apply(id: CellId, event: RunEvent): CellRun {
    const next = transition(this.runs.value.get(id), event);
    if (next !== this.runs.value.get(id)) setEntry(this.runs, id, next);
    return next;
  }

  forgetRun(id: CellId): void {
    setEntry(this.runs, id, null);
  }

  clearRuns(): void {
    this.runs.value = new Map();
  }

  /** Shows a toast; one identical to a toast shown now merges into it (×2, ×3 …) and restarts its timer. */
  toast(level: Toast['level'], text: string, ttlMs = level === 'error' ? 12000 : 6000): void {
    const { list, id } = addToast(this.toasts.value, { id: this.toastSeq + 1, level, text });
    if (id === this.toastSeq + 1) this.toastSeq = id;
    this.toasts.value = list;
    clearTimeout(this.toastTimers.get(id));
    this.toastTimers.set(
      id,
      setTimeout(() => this.dismissToast(id), ttlMs),
    );
  }

  dismissToast(id: number): void {
    clearTimeout(this.toastTimers.get(id));
    this.toastTimers.delete(id);
    this.toasts.value = this.toasts.value.filter((t) => t.id !== id);
  }

  dismissAllToasts(): void {
    for (const t of this.toasts.value) this.dismissToast(t.id);
  }

  requestFocus(id: CellId): void {
    this.focusRequest.value = { id, seq: ++this.focusSeq };
  }

  setStatus(id: EngineId, status: EngineStatus): void {
    this.engineStatus.value = { ...this.engineStatus.value, [id]: status };
  }

  /** Whether a cell of engine `id` is queued or running. */
  runsPending(id: EngineId): boolean {
    const cells = this.notebook.value.cells;
    for (const [cell, run] of this.runs.value)
      if ((run.status === 'queued' || run.status === 'running') && cells[cell]?.engine === id) return true;
    return false;
  }

  /**
   * Resolves once no cell of engine `id` is queued or running. Reads for the sidebar and completion wait
   * for it when an engine has just started: the engine takes its messages in turn, and a cold DuckDB
   * spent about 370 ms on its catalog and function list while a Run pressed during its start waited.
   */
  whenRunsIdle(id: EngineId): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      const stop = effect(() => {
        if (done || this.runsPending(id)) return;
        done = true;
        resolve();
        // Disposed after this run of the effect: `stop` is not assigned yet on the first one.
        queueMicrotask(() => stop());
      });
    });
  }
}
