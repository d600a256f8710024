import { describe, expect, it } from 'vitest';
import { createCell, type Cell, type CellId, type Notebook } from '../../../src/notebook/cells';
import {
  addCell,
  cellsInOrder,
  deleteCell,
  duplicateCell,
  emptyNotebook,
  insertCell,
  moveCell,
  nextCellId,
  notebookFromCells,
  renameNotebook,
  updateCell,
} from '../../../src/notebook/operations';

/** A notebook of three SQL cells a, b, c; returns the cells too so tests can name them. */
function threeCells(): { nb: Notebook; a: Cell; b: Cell; c: Cell } {
  const a = createCell('sql', 'SELECT 1', 'duckdb', 'a');
  const b = createCell('markdown', '# Title', 'duckdb', 'b');
  const c = createCell('sql', 'SELECT 3', 'sqlite', 'c');
  return { nb: notebookFromCells('Three', [a, b, c]), a, b, c };
}

/** Deep-freezes a notebook so any mutation of the input throws in strict mode. */
function frozen(nb: Notebook): Notebook {
  for (const cell of Object.values(nb.cells)) Object.freeze(cell);
  Object.freeze(nb.cells);
  Object.freeze(nb.order);
  return Object.freeze(nb);
}

const sources = (nb: Notebook): string[] => cellsInOrder(nb).map((c) => c.source);
const unknown = 'c-does-not-exist' as CellId;

describe('emptyNotebook / notebookFromCells / cellsInOrder', () => {
  it('starts empty with a default title', () => {
    const nb = emptyNotebook();
    expect(nb).toEqual({ version: 1, title: 'Untitled notebook', order: [], cells: {} });
    expect(emptyNotebook('Mine').title).toBe('Mine');
  });

  it('keeps the order of the given cells', () => {
    const { nb, a, b, c } = threeCells();
    expect(nb.order).toEqual([a.id, b.id, c.id]);
    expect(cellsInOrder(nb)).toEqual([a, b, c]);
  });

  it('skips order entries that have no cell rather than yielding undefined', () => {
    const { nb, a } = threeCells();
    const broken: Notebook = { ...nb, order: [unknown, a.id] };
    expect(cellsInOrder(broken)).toEqual([a]);
  });
});

describe('addCell', () => {
  it('appends at the end by default with empty source on DuckDB', () => {
    const { nb } = threeCells();
    const { notebook, cell } = addCell(nb, 'sql');
    expect(notebook.order.at(-1)).toBe(cell.id);
    expect(notebook.cells[cell.id]).toEqual({ id: cell.id, kind: 'sql', engine: 'duckdb', source: '', name: 'cell1' });
    expect(notebook.order).toHaveLength(4);
  });

  it('passes kind, source and engine through, and places the cell', () => {
    const { nb, a } = threeCells();
    const { notebook, cell } = addCell(nb, 'markdown', { at: 'below', of: a.id }, 'hi', 'sqlite');
    expect(cell).toMatchObject({ kind: 'markdown', source: 'hi', engine: 'sqlite' });
    expect(notebook.order[1]).toBe(cell.id);
  });

  it('gives every new cell a fresh id', () => {
    let nb = emptyNotebook();
    for (let i = 0; i < 50; i++) nb = addCell(nb, 'sql').notebook;
    expect(new Set(nb.order).size).toBe(50);
  });
});

describe('insertCell', () => {
  it('inserts above an anchor', () => {
    const { nb, a, b, c } = threeCells();
    const x = createCell('sql', 'X', 'duckdb', 'x');
    expect(insertCell(nb, x, { at: 'above', of: b.id }).order).toEqual([a.id, x.id, b.id, c.id]);
  });

  it('inserts below an anchor', () => {
    const { nb, a, b, c } = threeCells();
    const x = createCell('sql', 'X', 'duckdb', 'x');
    expect(insertCell(nb, x, { at: 'below', of: b.id }).order).toEqual([a.id, b.id, x.id, c.id]);
  });

  it('inserts above the first and below the last cell', () => {
    const { nb, a, c } = threeCells();
    const x = createCell('sql', 'X', 'duckdb', 'x');
    expect(insertCell(nb, x, { at: 'above', of: a.id }).order[0]).toBe(x.id);
    expect(insertCell(nb, x, { at: 'below', of: c.id }).order.at(-1)).toBe(x.id);
  });

  it('falls back to the end for an unknown anchor, so the cell is never dropped', () => {
    const { nb } = threeCells();
    const x = createCell('sql', 'X', 'duckdb', 'x');
    for (const at of ['above', 'below'] as const) {
      const out = insertCell(nb, x, { at, of: unknown });
      expect(out.order.at(-1)).toBe(x.id);
      expect(out.cells[x.id]).toBe(x);
    }
  });

  it('works on an empty notebook', () => {
    const x = createCell('sql', 'X', 'duckdb', 'x');
    expect(insertCell(emptyNotebook(), x).order).toEqual([x.id]);
  });
});

describe('deleteCell', () => {
  it('removes the cell from order and contents', () => {
    const { nb, a, b, c } = threeCells();
    const out = deleteCell(nb, b.id);
    expect(out.order).toEqual([a.id, c.id]);
    expect(b.id in out.cells).toBe(false);
    expect(Object.keys(out.cells)).toHaveLength(2);
  });

  it('returns the same notebook for an unknown id', () => {
    const { nb } = threeCells();
    expect(deleteCell(nb, unknown)).toBe(nb);
  });

  it('can empty a notebook', () => {
    const { nb, a, b, c } = threeCells();
    const out = [a, b, c].reduce((acc, cell) => deleteCell(acc, cell.id), nb);
    expect(out.order).toEqual([]);
    expect(out.cells).toEqual({});
  });
});

describe('moveCell', () => {
  it('moves up and down by one', () => {
    const { nb, a, b, c } = threeCells();
    expect(moveCell(nb, b.id, -1).order).toEqual([b.id, a.id, c.id]);
    expect(moveCell(nb, b.id, 1).order).toEqual([a.id, c.id, b.id]);
  });

  it('moves by several places', () => {
    const { nb, a, b, c } = threeCells();
    expect(moveCell(nb, a.id, 2).order).toEqual([b.id, c.id, a.id]);
    expect(moveCell(nb, c.id, -2).order).toEqual([c.id, a.id, b.id]);
  });

  it('clamps to the ends', () => {
    const { nb, a, b, c } = threeCells();
    expect(moveCell(nb, b.id, -10).order).toEqual([b.id, a.id, c.id]);
    expect(moveCell(nb, b.id, 10).order).toEqual([a.id, c.id, b.id]);
  });

  it('returns the same notebook when nothing moves', () => {
    const { nb, a, b, c } = threeCells();
    expect(moveCell(nb, a.id, -1)).toBe(nb);
    expect(moveCell(nb, c.id, 1)).toBe(nb);
    expect(moveCell(nb, b.id, 0)).toBe(nb);
    expect(moveCell(nb, unknown, 1)).toBe(nb);
  });

  it('keeps cell contents untouched', () => {
    const { nb, b } = threeCells();
    expect(moveCell(nb, b.id, 1).cells).toBe(nb.cells);
  });
});

describe('duplicateCell', () => {
  it('copies kind, engine and source under a new id, right below the original', () => {
    const { nb, a, b, c } = threeCells();
    const { notebook, cell } = duplicateCell(nb, c.id);
    expect(cell).not.toBeNull();
    if (!cell) return;
    expect(cell.id).not.toBe(c.id);
    expect(cell).toMatchObject({ kind: c.kind, engine: c.engine, source: c.source });
    expect(notebook.order).toEqual([a.id, b.id, c.id, cell.id]);
  });

  it('duplicates a middle cell in place', () => {
    const { nb, a, b, c } = threeCells();
    const { notebook, cell } = duplicateCell(nb, a.id);
    expect(notebook.order).toEqual([a.id, cell?.id, b.id, c.id]);
  });

  it('returns the same notebook and null for an unknown id', () => {
    const { nb } = threeCells();
    expect(duplicateCell(nb, unknown)).toEqual({ notebook: nb, cell: null });
  });
});

describe('updateCell', () => {
  it('patches source, engine and kind', () => {
    const { nb, a } = threeCells();
    const out = updateCell(nb, a.id, { source: 'SELECT 2', engine: 'sqlite' });
    expect(out.cells[a.id]).toEqual({ ...a, source: 'SELECT 2', engine: 'sqlite' });
    expect(updateCell(nb, a.id, { kind: 'markdown' }).cells[a.id]?.kind).toBe('markdown');
  });

  it('leaves the other cells and the order shared', () => {
    const { nb, a, b } = threeCells();
    const out = updateCell(nb, a.id, { source: 'x' });
    expect(out.order).toBe(nb.order);
    expect(out.cells[b.id]).toBe(b);
  });

  it('returns the same notebook when nothing changes', () => {
    const { nb, a } = threeCells();
    expect(updateCell(nb, a.id, { source: a.source })).toBe(nb);
    expect(updateCell(nb, a.id, {})).toBe(nb);
  });

  it('returns the same notebook for an unknown id', () => {
    const { nb } = threeCells();
    expect(updateCell(nb, unknown, { source: 'x' })).toBe(nb);
  });
});

describe('ids that collide with Object.prototype names', () => {
  // Ids come from saved files too, so a plain-object lookup must not find inherited members.
  const inherited = ['constructor', 'toString', '__proto__', 'hasOwnProperty'] as CellId[];

  it('are unknown to update, duplicate and delete', () => {
    const { nb } = threeCells();
    for (const id of inherited) {
      expect(updateCell(nb, id, { source: 'x' })).toBe(nb);
      expect(duplicateCell(nb, id)).toEqual({ notebook: nb, cell: null });
      expect(deleteCell(nb, id)).toBe(nb);
    }
  });
});

describe('renameNotebook', () => {
  it('renames, and keeps identity when the title is unchanged', () => {
    const { nb } = threeCells();
    expect(renameNotebook(nb, 'New').title).toBe('New');
    expect(renameNotebook(nb, nb.title)).toBe(nb);
  });
});

describe('nextCellId', () => {
  it('returns the following cell, or null at the end or for an unknown id', () => {
    const { nb, a, b, c } = threeCells();
    expect(nextCellId(nb, a.id)).toBe(b.id);
    expect(nextCellId(nb, b.id)).toBe(c.id);
    expect(nextCellId(nb, c.id)).toBeNull();
    expect(nextCellId(nb, unknown)).toBeNull();
    expect(nextCellId(emptyNotebook(), a.id)).toBeNull();
  });
});

describe('immutability', () => {
  it('never mutates the input notebook', () => {
    const { nb, a, b, c } = threeCells();
    const input = frozen(nb);
    const snapshot = structuredClone(input);
    const x = createCell('sql', 'X', 'duckdb', 'x');
    // Every operation runs on the frozen input; a mutation would throw or change the snapshot.
    insertCell(input, x, { at: 'above', of: b.id });
    insertCell(input, x);
    addCell(input, 'sql', { at: 'below', of: a.id });
    deleteCell(input, b.id);
    moveCell(input, a.id, 2);
    moveCell(input, c.id, -1);
    duplicateCell(input, b.id);
    updateCell(input, a.id, { source: 'changed', engine: 'sqlite' });
    renameNotebook(input, 'Other');
    nextCellId(input, a.id);
    expect(input).toEqual(snapshot);
    expect(sources(input)).toEqual(['SELECT 1', '# Title', 'SELECT 3']);
  });
});
