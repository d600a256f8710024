/** Validates a notebook read back from storage, so a damaged record never crashes the page. */
import type { Cell, CellId, Notebook } from './cells';
import { NAME_PATTERN } from './cell-names';
import { checkViewSettings } from './view-settings';
import { checkNetworkAccess, isEmpty } from './network';

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
  const names = new Set<string>();
  for (const id of r.order) {
    const cell = (r.cells as Record<string, unknown>)[String(id)];
    if (!isCell(cell) || Object.hasOwn(cells, cell.id)) continue;
    const raw = (cell as { name?: unknown }).name;
    // Records from before cells had names, or with a clashing one, get a fresh default.
    let name = typeof raw === 'string' && NAME_PATTERN.test(raw) && !names.has(raw.toLowerCase()) ? raw : '';
    for (let i = order.length + 1; name === '' || names.has(name.toLowerCase()); i++) name = `cell${i}`;
    names.add(name.toLowerCase());
    // View settings that fail the schema (damaged, or from another version) are dropped; the cell and its text stay.
    const view = (cell as { view?: unknown }).view;
    const checked = view === undefined ? null : checkViewSettings(view);
    cells[cell.id] = {
      id: cell.id,
      kind: cell.kind,
      engine: cell.engine,
      source: cell.source,
      name,
      ...(checked?.ok ? { view: checked.value } : {}),
    };
    order.push(cell.id);
  }
  const title = typeof r.title === 'string' ? r.title : 'Untitled notebook';
  // What the notebook asks for (never what it may do): kept when it passes its check.
  const network = r.network === undefined ? null : checkNetworkAccess(r.network);
  return {
    version: 1,
    title,
    order,
    cells,
    ...(network?.ok && !isEmpty(network.value) ? { network: network.value } : {}),
  };
}
