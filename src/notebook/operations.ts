/** Pure notebook operations: each returns a new Notebook and never mutates its input. */
import { createCell, createCellId, type Cell, type CellId, type CellKind, type EngineId, type Notebook } from './cells';
import { cellNameProblem, defaultCellName, freeNameLike } from './cell-names';
import { isEmpty, normalize, type NetworkAccess } from './network';

export function emptyNotebook(title = 'Untitled notebook'): Notebook {
  return { version: 1, title, order: [], cells: {} };
}

export function notebookFromCells(title: string, cells: readonly Cell[]): Notebook {
  const map: Record<CellId, Cell> = {};
  for (const c of cells) map[c.id] = c;
  return { version: 1, title, order: cells.map((c) => c.id), cells: map };
}

/** Own-property lookup: ids come from saved files too, and 'constructor' must not find Object's. */
function cellOf(nb: Notebook, id: CellId): Cell | undefined {
  return Object.hasOwn(nb.cells, id) ? nb.cells[id] : undefined;
}

export function cellsInOrder(nb: Notebook): Cell[] {
  return nb.order.map((id) => cellOf(nb, id)).filter((c): c is Cell => c !== undefined);
}

export type Placement = { at: 'end' } | { at: 'above' | 'below'; of: CellId };

/** Inserts a cell; an unknown anchor falls back to the end so no cell is ever dropped. */
export function insertCell(nb: Notebook, cell: Cell, where: Placement = { at: 'end' }): Notebook {
  const order = [...nb.order];
  const anchor = where.at === 'end' ? -1 : order.indexOf(where.of);
  const index = anchor < 0 ? order.length : where.at === 'above' ? anchor : anchor + 1;
  order.splice(index, 0, cell.id);
  return { ...nb, order, cells: { ...nb.cells, [cell.id]: cell } };
}

export function addCell(
  nb: Notebook,
  kind: CellKind,
  where: Placement = { at: 'end' },
  source = '',
  engine: EngineId = 'duckdb',
): { notebook: Notebook; cell: Cell } {
  const cell = createCell(kind, source, engine, defaultCellName(nb));
  return { notebook: insertCell(nb, cell, where), cell };
}

export function deleteCell(nb: Notebook, id: CellId): Notebook {
  if (!cellOf(nb, id)) return nb;
  const cells = { ...nb.cells };
  delete cells[id];
  return { ...nb, order: nb.order.filter((x) => x !== id), cells };
}

/** Moves a cell by `delta` places, clamped to the notebook's ends. */
export function moveCell(nb: Notebook, id: CellId, delta: number): Notebook {
  const from = nb.order.indexOf(id);
  if (from < 0) return nb;
  const to = Math.max(0, Math.min(nb.order.length - 1, from + delta));
  if (to === from) return nb;
  const order = [...nb.order];
  order.splice(from, 1);
  order.splice(to, 0, id);
  return { ...nb, order };
}

export function duplicateCell(nb: Notebook, id: CellId): { notebook: Notebook; cell: Cell | null } {
  const original = cellOf(nb, id);
  if (!original) return { notebook: nb, cell: null };
  const cell: Cell = { ...original, id: createCellId(), name: freeNameLike(nb, original.name) };
  return { notebook: insertCell(nb, cell, { at: 'below', of: id }), cell };
}

export type CellPatch = Partial<Pick<Cell, 'source' | 'engine' | 'kind' | 'view'>>;

/** Changes what a cell is. Names change only through renameCell, which checks them. */
export function updateCell(nb: Notebook, id: CellId, patch: CellPatch): Notebook {
  const cell = cellOf(nb, id);
  if (!cell) return nb;
  const next = { ...cell, ...patch };
  if (next.source === cell.source && next.engine === cell.engine && next.kind === cell.kind && next.view === cell.view)
    return nb;
  return { ...nb, cells: { ...nb.cells, [id]: next } };
}

/** Renames a cell, or explains why the name cannot be used. */
export function renameCell(nb: Notebook, id: CellId, name: string): { notebook: Notebook; problem: string | null } {
  const cell = cellOf(nb, id);
  if (!cell || cell.name === name) return { notebook: nb, problem: null };
  const problem = cellNameProblem(nb, id, name);
  if (problem) return { notebook: nb, problem };
  return { notebook: { ...nb, cells: { ...nb.cells, [id]: { ...cell, name } } }, problem: null };
}

export function renameNotebook(nb: Notebook, title: string): Notebook {
  return title === nb.title ? nb : { ...nb, title };
}

/** The cell after `id`, or null at the end. */
export function nextCellId(nb: Notebook, id: CellId): CellId | null {
  const i = nb.order.indexOf(id);
  return i >= 0 && i + 1 < nb.order.length ? (nb.order[i + 1] ?? null) : null;
}

/** Sets what the notebook asks for beyond the user's files (a request; the user grants it elsewhere). */
export function setNetworkRequest(nb: Notebook, request: NetworkAccess): Notebook {
  if (isEmpty(request)) {
    if (!nb.network) return nb;
    const { network: _dropped, ...rest } = nb;
    return rest;
  }
  return { ...nb, network: normalize(request) };
}
