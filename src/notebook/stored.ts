/** Validates a notebook read back from storage, so a damaged record never crashes the page. */
import type { Cell, CellId, Notebook } from './cells';

function isCell(x: unknown): x is Cell {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    (c.kind === 'sql' || c.kind === 'markdown') &&
    (c.engine === 'duckdb' || c.engine === 'sqlite') &&
    typeof c.source === 'string'
  );
}

export function parseStoredNotebook(raw: unknown): Notebook | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.version !== 1 || !Array.isArray(r.order) || typeof r.cells !== 'object' || r.cells === null) return null;
  const cells: Record<CellId, Cell> = {};
  const order: CellId[] = [];
  for (const id of r.order) {
    const cell = (r.cells as Record<string, unknown>)[String(id)];
    if (isCell(cell) && !(cell.id in cells)) {
      cells[cell.id] = { id: cell.id, kind: cell.kind, engine: cell.engine, source: cell.source };
      order.push(cell.id);
    }
  }
  return { version: 1, title: typeof r.title === 'string' ? r.title : 'Untitled notebook', order, cells };
}
