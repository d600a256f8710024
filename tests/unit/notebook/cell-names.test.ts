import { describe, expect, it } from 'vitest';
import { createCell } from '../../../src/notebook/cells';
import { cellNameProblem, defaultCellName, freeNameLike } from '../../../src/notebook/cell-names';
import { addCell, duplicateCell, notebookFromCells, renameCell } from '../../../src/notebook/operations';
import { parseStoredNotebook } from '../../../src/notebook/stored';

const nb = notebookFromCells('N', [
  createCell('sql', 'SELECT 1', 'duckdb', 'cell1'),
  createCell('sql', 'SELECT 2', 'sqlite', 'Monthly'),
]);
const [first, second] = nb.order;

describe('cell names', () => {
  it('gives new cells the first free default name', () => {
    expect(defaultCellName(nb)).toBe('cell2');
    const { notebook, cell } = addCell(nb, 'sql');
    expect(cell.name).toBe('cell2');
    expect(addCell(notebook, 'sql').cell.name).toBe('cell3');
  });

  it('gives a duplicate a free name derived from the original', () => {
    expect(freeNameLike(nb, 'cell1')).toBe('cell1_2');
    const { cell } = duplicateCell(nb, second!);
    expect(cell?.name).toBe('Monthly_2');
    expect(cell?.source).toBe('SELECT 2');
  });

  it('refuses clashing names, ignoring case', () => {
    expect(cellNameProblem(nb, first!, 'monthly')).toMatch(/already named "Monthly"/);
    expect(renameCell(nb, first!, 'MONTHLY').problem).toMatch(/already named/);
    expect(cellNameProblem(nb, second!, 'monthly')).toBeNull();
  });

  it('refuses keywords, empty names and names that need quoting', () => {
    expect(cellNameProblem(nb, first!, 'select')).toMatch(/SQL keyword/);
    expect(cellNameProblem(nb, first!, '')).toMatch(/needs a name/);
    expect(cellNameProblem(nb, first!, 'my table')).toMatch(/not a plain name/);
    expect(cellNameProblem(nb, first!, '1abc')).toMatch(/not a plain name/);
    expect(cellNameProblem(nb, first!, 'x'.repeat(64))).toMatch(/too long/);
  });

  it('renames when the name is free', () => {
    const { notebook, problem } = renameCell(nb, first!, 'totals');
    expect(problem).toBeNull();
    expect(notebook.cells[first!]?.name).toBe('totals');
  });

  it('repairs stored notebooks with missing or clashing names', () => {
    const raw = {
      version: 1,
      title: 'Old',
      order: ['a', 'b', 'c'],
      cells: {
        a: { id: 'a', kind: 'sql', engine: 'duckdb', source: '1' },
        b: { id: 'b', kind: 'sql', engine: 'duckdb', source: '2', name: 'x' },
        c: {
          id: 'c',
          kind: 'sql',
          engine: 'duckdb',
          source: '3',
          name: 'X',
          view: { sort: [{ column: 'a', desc: true }] },
        },
      },
    };
    const parsed = parseStoredNotebook(raw);
    const names = parsed?.order.map((id) => parsed.cells[id]?.name);
    expect(names?.[1]).toBe('x');
    expect(new Set(names?.map((n) => n?.toLowerCase())).size).toBe(3);
    expect(parsed?.cells['c' as never]?.view).toEqual({ sort: [{ column: 'a', desc: true }] });
  });
});
