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
