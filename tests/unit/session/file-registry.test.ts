import { describe, expect, test } from 'vitest';
import { createSessionCore } from '../../../src/session/session';
import { FakeEngine } from './fake-engine';

function core() {
  const engines = { duckdb: new FakeEngine('duckdb'), sqlite: new FakeEngine('sqlite') };
  const c = createSessionCore({
    createEngine: async (id) => engines[id],
    loadDatasets: async () => undefined,
    remembered: { list: async () => [], remember: async () => undefined, mayRead: async () => true },
  });
  return { c, duckdb: engines.duckdb };
}

const csv = (name: string) => new File(['a,b\n1,2\n'], name);

describe('a folder opened as one table', () => {
  test('its data files become one table named after the folder; hidden files and markers are left out', async () => {
    const { c, duckdb } = core();
    const r = await c.files.openFolder('Monthly Sales', [
      { file: csv('jan.csv'), path: 'year=2024/jan.csv' },
      { file: csv('feb.csv'), path: 'year=2024/feb.csv' },
      { file: new File([''], '_SUCCESS'), path: '_SUCCESS' },
      { file: new File(['x'], '.DS_Store'), path: '.DS_Store' },
    ]);
    expect(r?.tableName).toBe('monthly_sales');
    expect(r?.warnings).toEqual(['2 files']);
    expect(c.files.opened.value.map((f) => f.folder?.entries.map((e) => e.path))).toEqual([
      ['year=2024/jan.csv', 'year=2024/feb.csv'],
    ]);
    expect(c.files.versionOf('monthly_sales')).toBe(1);
    // After a crash the folder is registered again, as one table.
    duckdb.restart('killed');
    await c.engines.get('duckdb');
    expect(duckdb.registrations).toEqual(['0:monthly_sales', '1:monthly_sales']);
  });

  test('a folder of files of different kinds is refused, naming the kinds and a file of each', async () => {
    const { c, duckdb } = core();
    const parquet = new File(
      [new Uint8Array([0x50, 0x41, 0x52, 0x31, 0, 0, 0, 0, 0x50, 0x41, 0x52, 0x31])],
      'b.parquet',
    );
    const r = await c.files.openFolder('mixed', [
      { file: csv('a.csv'), path: 'a.csv' },
      { file: parquet, path: 'sub/b.parquet' },
    ]);
    expect(r).toBeNull();
    const text = c.state.toasts.value.map((t) => t.text).join('\n');
    expect(text).toMatch(
      /^mixed: the folder holds files of different kinds: csv \(a\.csv\), parquet \(sub\/b\.parquet\)\./m,
    );
    expect(duckdb.registrations).toEqual([]);
    expect(c.files.opened.value).toEqual([]);
  });

  test('an empty folder says so', async () => {
    const { c } = core();
    expect(await c.files.openFolder('empty', [{ file: new File([''], '_SUCCESS'), path: '_SUCCESS' }])).toBeNull();
    expect(c.state.toasts.value.map((t) => t.text)).toContain('empty: the folder has no data files.');
  });
});

describe('two files with one name', () => {
  const T = 1_700_000_000_000;
  const d1 = () => new File(['a,b\n1,2\n'], 'same.csv', { lastModified: T });
  const d2 = () => new File(['a,b\n7,8\n'], 'same.csv', { lastModified: T + 60_000 });

  test('a different file of the same name gets a new name, and the first table is left alone', async () => {
    const { c, duckdb } = core();
    await c.files.open([d1()]);
    await c.files.open([d2()]);
    expect(c.files.opened.value.map((f) => [f.registered.tableName, f.file.lastModified])).toEqual([
      ['same', T],
      ['same_2', T + 60_000],
    ]);
    expect(duckdb.registrations).toEqual(['0:same', '0:same_2']);
    expect(c.files.versionOf('same')).toBe(1);
    expect(c.state.toasts.value.map((t) => t.text).at(-1)).toBe(
      'Opened same.csv as table "same_2" in DuckDB. Table "same" is another file named same.csv, and is unchanged.',
    );
  });

  test('the same file again (same name, size and time) keeps its table, which is replaced', async () => {
    const { c, duckdb } = core();
    await c.files.open([d1()]);
    await c.files.open([d1()]);
    expect(c.files.opened.value.map((f) => f.registered.tableName)).toEqual(['same']);
    expect(duckdb.registrations).toEqual(['0:same', '0:same']);
    expect(c.files.versionOf('same')).toBe(2);
  });

  test('asked, the user can replace the table (its readers go stale) or cancel (nothing changes)', async () => {
    const { c, duckdb } = core();
    c.files.conflicts.askUser();
    await c.files.open([d1()]);
    const replacing = c.files.open([d2()]);
    await expect
      .poll(() => c.files.conflicts.pending.value)
      .toMatchObject({
        fileName: 'same.csv',
        tableName: 'same',
        newName: 'same_2',
        open: { lastModified: T },
        incoming: { lastModified: T + 60_000 },
      });
    c.files.conflicts.choose('replace');
    await replacing;
    expect(c.files.opened.value.map((f) => [f.registered.tableName, f.file.lastModified])).toEqual([
      ['same', T + 60_000],
    ]);
    expect(c.files.versionOf('same')).toBe(2);

    const cancelled = c.files.open([d1()]);
    await expect.poll(() => c.files.conflicts.pending.value?.tableName).toBe('same');
    c.files.conflicts.choose('cancel');
    await cancelled;
    expect(c.files.versionOf('same')).toBe(2);
    expect(duckdb.registrations).toEqual(['0:same', '0:same']);
    expect(c.state.toasts.value.map((t) => t.text).at(-1)).toBe('same.csv was not opened; table "same" is unchanged.');
  });
});

describe('two folders with one name', () => {
  const T = 1_700_000_000_000;
  const month = (name: string, text: string, t = T) => new File([text], name, { lastModified: t });

  test('the same folder again keeps its table; another folder of that name gets a new one', async () => {
    const { c } = core();
    const jan = month('jan.csv', 'a,b\n1,2\n');
    await c.files.openFolder('sales', [{ file: jan, path: 'jan.csv' }]);
    await c.files.openFolder('sales', [{ file: month('jan.csv', 'a,b\n1,2\n'), path: 'jan.csv' }]);
    expect(c.files.opened.value.map((f) => f.registered.tableName)).toEqual(['sales']);
    expect(c.files.versionOf('sales')).toBe(2);
    // Another month added: another folder, so table sales is left alone.
    await c.files.openFolder('sales', [
      { file: jan, path: 'jan.csv' },
      { file: month('feb.csv', 'a,b\n3,4\n'), path: 'feb.csv' },
    ]);
    expect(c.files.opened.value.map((f) => f.registered.tableName)).toEqual(['sales', 'sales_2']);
    expect(c.files.versionOf('sales')).toBe(2);
    expect(c.state.toasts.value.map((t) => t.text)).toContain(
      'Opened the folder sales (2 files) as table "sales_2". Table "sales" is another folder named sales, and is unchanged.',
    );
  });
});
