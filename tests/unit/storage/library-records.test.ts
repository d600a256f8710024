import { describe, expect, test } from 'vitest';
import { emptyNotebook } from '../../../src/notebook/operations';
import {
  freeTitle,
  newest,
  parseIndex,
  parseStored,
  visibleEntries,
  type LibraryEntry,
  type NotebookId,
} from '../../../src/storage/library-records';
import { matchInput } from '../../../src/storage/file-handles';

const entry = (id: string, title: string, updatedAt: number, extra: Partial<LibraryEntry> = {}): LibraryEntry => ({
  id: id as NotebookId,
  title,
  createdAt: 1,
  updatedAt,
  ...extra,
});

describe('library records', () => {
  test('a damaged index drops the damaged entries, not the list', () => {
    const raw = [
      entry('nba', 'A', 5),
      { id: 7, title: 'bad id' },
      null,
      'text',
      entry('nba', 'A again', 6),
      { id: 'nbb', title: 'B', updatedAt: 'soon', layout: { eol: 'x' } },
    ];
    expect(parseIndex(raw)).toEqual([entry('nba', 'A', 5), { id: 'nbb', title: 'B', createdAt: 0, updatedAt: 0 }]);
    expect(parseIndex({ not: 'a list' })).toEqual([]);
  });

  test('the newer of the journal and IndexedDB wins; the journal on a tie', () => {
    const a = { savedAt: 10, notebook: emptyNotebook('journal') };
    const b = { savedAt: 9, notebook: emptyNotebook('idb') };
    expect(newest(a, b)).toBe(a);
    expect(newest({ ...a, savedAt: 8 }, b)).toBe(b);
    expect(newest(a, { ...b, savedAt: 10 })).toBe(a);
    expect(newest(null, b)).toBe(b);
    expect(parseStored({ savedAt: 1, notebook: { version: 2 } })).toBeNull();
    expect(parseStored({ savedAt: 1, notebook: emptyNotebook('ok') })?.notebook.title).toBe('ok');
  });

  test('deleted entries are hidden; the most recent comes first; new titles are free', () => {
    const list = [
      entry('nba', 'Untitled notebook', 1),
      entry('nbb', 'Untitled notebook 2', 3),
      entry('nbc', 'Gone', 9, { deletedAt: 10 }),
    ];
    expect(visibleEntries(list).map((e) => e.id)).toEqual(['nbb', 'nba']);
    expect(freeTitle(list, 'Untitled notebook')).toBe('Untitled notebook 3');
    expect(freeTitle(list, 'Gone')).toBe('Gone');
  });

  test('a re-opened data file is matched by name and size', () => {
    const list = [{ fileName: 'sales.csv', size: 100, lastModified: 1, tableName: 'sales' }];
    expect(matchInput(list, { name: 'sales.csv', size: 100 })?.tableName).toBe('sales');
    expect(matchInput(list, { name: 'sales.csv', size: 101 })).toBeUndefined();
  });
});
