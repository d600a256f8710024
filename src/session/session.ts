/** Notebook editing for the UI: each operation updates the document and autosaves it. */
import { effect } from '@preact/signals';
import type { CellId, CellKind, EngineId, Notebook } from '../notebook/cells';
import * as ops from '../notebook/operations';
import { welcomeNotebook } from '../notebook/welcome';
import { loadNotebook, saveNotebook, flushToIdb } from '../storage/autosave';
import { quoteIdent } from '../files/names';
import type { TableInfo } from '../engines/engine';
import { loaded, notebook, requestFocus, runs, toast } from './state';

function commit(next: Notebook): void {
  if (next !== notebook.value) notebook.value = next;
}

/** Loads the saved notebook, or the welcome notebook on a first visit, and starts autosaving. */
export async function boot(): Promise<void> {
  let saved: Notebook | null = null;
  try {
    saved = await loadNotebook();
  } catch {
    saved = null;
  }
  notebook.value = saved ?? welcomeNotebook();
  loaded.value = true;
  let first = true;
  effect(() => {
    const nb = notebook.value;
    if (first) {
      first = false;
      if (saved) return;
    }
    const problem = saveNotebook(nb);
    if (problem) toast('warning', problem);
  });
  addEventListener('pagehide', () => void flushToIdb());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushToIdb();
  });
}

export function addCell(kind: CellKind, where: ops.Placement = { at: 'end' }, source = '', engine?: EngineId): CellId {
  const anchor = where.at === 'end' ? undefined : notebook.value.cells[where.of];
  const { notebook: next, cell } = ops.addCell(notebook.value, kind, where, source, engine ?? anchor?.engine ?? 'duckdb');
  commit(next);
  requestFocus(cell.id);
  return cell.id;
}

export function deleteCell(id: CellId): void {
  const order = notebook.value.order;
  const i = order.indexOf(id);
  commit(ops.deleteCell(notebook.value, id));
  const next = order[i + 1] ?? order[i - 1];
  if (next) requestFocus(next);
  const r = new Map(runs.value);
  r.delete(id);
  runs.value = r;
}

export function moveCell(id: CellId, delta: number): void {
  commit(ops.moveCell(notebook.value, id, delta));
  requestFocus(id);
}

export function duplicateCell(id: CellId): void {
  const { notebook: next, cell } = ops.duplicateCell(notebook.value, id);
  commit(next);
  if (cell) requestFocus(cell.id);
}

export function setSource(id: CellId, source: string): void {
  commit(ops.updateCell(notebook.value, id, { source }));
}

export function setEngine(id: CellId, engine: EngineId): void {
  commit(ops.updateCell(notebook.value, id, { engine }));
}

export function setKind(id: CellId, kind: CellKind): void {
  commit(ops.updateCell(notebook.value, id, { kind }));
}

export function setTitle(title: string): void {
  commit(ops.renameNotebook(notebook.value, title));
}

/** The sidebar's click on a table: a new cell that selects from it, in that table's engine. */
export function insertQueryCell(t: TableInfo): CellId {
  const name = t.schema ? `${quoteIdent(t.schema)}.${quoteIdent(t.name)}` : quoteIdent(t.name);
  return addCell('sql', { at: 'end' }, `SELECT * FROM ${name} LIMIT 100;`, t.engine);
}

export function resetToWelcome(): void {
  commit(welcomeNotebook());
  runs.value = new Map();
}
