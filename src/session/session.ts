/** Notebook editing for the UI: each operation updates the document and autosaves it. */
import { effect } from '@preact/signals';
import type { CellId, CellKind, EngineId, Notebook } from '../notebook/cells';
import * as ops from '../notebook/operations';
import { welcomeNotebook } from '../notebook/welcome';
import { bootLibrary, flushLibrary, saveCurrent } from './library';
import { quoteIdent } from '../sql/quote';
import type { TableInfo } from '../engines/engine';
import type { ResultViewSettings } from '../notebook/view-settings';
import { loaded, notebook, requestFocus, runs, toast } from './state';
import { existingEngine } from './engines';
import { graph } from './freshness';

function commit(next: Notebook): void {
  if (next !== notebook.value) notebook.value = next;
}

/** Opens the library's current notebook (the welcome notebook on a first visit, or a share link) and starts autosaving. */
export async function boot(): Promise<void> {
  notebook.value = await bootLibrary();
  loaded.value = true;
  // Every change is journaled synchronously, so a reload in the middle of typing loses nothing.
  effect(() => {
    const problem = saveCurrent(notebook.value);
    if (problem) toast('warning', problem);
  });
  addEventListener('pagehide', () => void flushLibrary());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushLibrary();
  });
}

export function addCell(kind: CellKind, where: ops.Placement = { at: 'end' }, source = '', engine?: EngineId): CellId {
  const anchor = where.at === 'end' ? undefined : notebook.value.cells[where.of];
  const { notebook: next, cell } = ops.addCell(
    notebook.value,
    kind,
    where,
    source,
    engine ?? anchor?.engine ?? 'duckdb',
  );
  commit(next);
  requestFocus(cell.id);
  return cell.id;
}

/** Renames a cell; returns why not, when the name cannot be used. The old result table is dropped so nothing reads it by mistake. */
export function renameCell(id: CellId, name: string): string | null {
  const old = notebook.value.cells[id]?.name;
  const { notebook: next, problem } = ops.renameCell(notebook.value, id, name);
  if (problem) return problem;
  commit(next);
  if (old && old !== name) void dropResults(old);
  return null;
}

async function dropResults(name: string): Promise<void> {
  for (const id of ['duckdb', 'sqlite'] as EngineId[])
    await (await existingEngine(id))?.dropResult(name).catch(() => undefined);
}

export function deleteCell(id: CellId): void {
  const order = notebook.value.order;
  const i = order.indexOf(id);
  const cell = notebook.value.cells[id];
  const readers = [...(graph.value.dependents.get(id) ?? [])]
    .map((d) => notebook.value.cells[d]?.name)
    .filter((n): n is string => !!n && n !== cell?.name);
  if (cell && readers.length > 0)
    toast(
      'warning',
      `Deleted ${cell.name}, which ${readers.join(', ')} ${readers.length === 1 ? 'reads' : 'read'}: ${readers.length === 1 ? 'it' : 'they'} will fail until changed.`,
    );
  if (cell) void dropResults(cell.name);
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

/** Saves how a cell's result is viewed (sort, filters, chart); it is part of the notebook. */
export function setView(id: CellId, view: ResultViewSettings): void {
  commit(ops.updateCell(notebook.value, id, { view }));
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
