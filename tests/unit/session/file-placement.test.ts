import { describe, expect, test } from 'vitest';
import { NO_NETWORK } from '../../../src/notebook/network';
import type { RememberedInput } from '../../../src/storage/file-handles';
import { createSessionCore } from '../../../src/session/session';
import { FakeEngine } from './fake-engine';

const MB = 1e6;

/** A session whose DuckDB says it has `limit` bytes of memory, and a disk of `diskFree` bytes (none when null). */
function core(limit: number, diskFree: number | null, remembered: RememberedInput[] = []) {
  const engines = { duckdb: new FakeEngine('duckdb'), sqlite: new FakeEngine('sqlite') };
  engines.duckdb.memoryAnswer = { usedBytes: 0, limitBytes: limit };
  const c = createSessionCore({
    createEngine: async (id) => engines[id],
    loadDatasets: async () => undefined,
    remembered: { list: async () => remembered, remember: async () => undefined, mayRead: async () => true },
  });
  const moves: string[] = [];
  if (diskFree !== null)
    c.files.useDiskSpace({
      free: async () => diskFree,
      useDisk: async (why) => {
        moves.push(why);
        await c.engines.useDuckdbSetup({ path: 'opfs://nb.duckdb', network: NO_NETWORK });
        return true;
      },
    });
  return { c, duckdb: engines.duckdb, moves };
}

/** A CSV File that says it is `size` bytes long, without holding them. */
function bigCsv(name: string, size: number): File {
  const f = new File(['a,b\n1,2\n'], name);
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

const toasts = (c: ReturnType<typeof core>['c']) => c.state.toasts.value.map((t) => `${t.level}: ${t.text}`);

describe('where an opened file lives', () => {
  test('a file that fits is copied into memory, with nothing said about it', async () => {
    const { c, duckdb, moves } = core(3e9, 10e9);
    await c.files.open([bigCsv('small.csv', 10 * MB)]);
    expect(duckdb.placements).toEqual(['small:table']);
    expect(moves).toEqual([]);
    expect(toasts(c)).toEqual(['info: Opened small.csv as table "small" in DuckDB.']);
  });

  test('a file too big for memory moves DuckDB onto disk first, saying why before the load', async () => {
    const { c, duckdb, moves } = core(256 * MB, 10e9);
    await c.files.open([bigCsv('big.csv', 600 * MB)]);
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatch(/^To hold big\.csv, DuckDB now keeps this notebook’s tables on disk/);
    expect(duckdb.placements).toEqual(['big:table']);
    expect(duckdb.info()?.database.path).toBe('opfs://nb.duckdb');
    expect(toasts(c)[0]).toMatch(
      /^info: big\.csv \(572 MB\): it needs about 1\.3 GB in memory, and DuckDB has 244 MB of 244 MB free: it is kept on disk/,
    );
  });

  test('without disk, a big CSV is read in place and remembered so; a big JSON file is refused, naming it', async () => {
    const { c, duckdb } = core(256 * MB, null);
    c.files.remembered.value = [];
    await c.files.open([bigCsv('big.csv', 600 * MB)]);
    expect(duckdb.placements).toEqual(['big:view']);
    expect(c.files.opened.value[0]?.registered.placement).toBe('view');
    const json = new File(['[{"a": 1}]'], 'p.json');
    Object.defineProperty(json, 'size', { value: 600 * MB });
    await c.files.open([json]);
    expect(duckdb.placements).toEqual(['big:view']);
    expect(toasts(c).at(-1)).toMatch(
      /^error: p\.json \(572 MB\) cannot be opened: it needs about 1\.1 GB in memory.*a JSON file cannot be read in place here/,
    );
  });

  test('the user can move a file: read in place, then back into memory', async () => {
    const { c, duckdb } = core(3e9, 10e9);
    await c.files.open([bigCsv('sales.csv', 10 * MB)]);
    await c.files.moveTo('sales.csv', 'in-place');
    await c.files.moveTo('sales.csv', 'memory');
    expect(duckdb.placements).toEqual(['sales:table', 'sales:view', 'sales:table']);
    // Reopening keeps the table's name, and cells reading it become stale each time.
    expect(c.files.opened.value.map((f) => f.registered.tableName)).toEqual(['sales']);
    expect(c.files.versionOf('sales')).toBe(3);
  });

  test('Cancel stops a load: it is said plainly, and nothing is left half-open', async () => {
    const { c, duckdb } = core(3e9, 10e9);
    duckdb.holdLoads = true;
    const opening = c.files.open([bigCsv('slow.csv', 10 * MB)]);
    await new Promise((r) => setTimeout(r, 10));
    expect([...c.state.ingests.value.keys()]).toEqual(['slow.csv']);
    c.files.cancelLoad('slow.csv');
    expect(await opening).toEqual([]);
    expect(c.state.ingests.value.size).toBe(0);
    expect(c.files.opened.value).toEqual([]);
    expect(toasts(c)).toEqual(['info: Loading slow.csv was cancelled.']);
  });

  test('a file read in place is needed again after a visit even though its view is still there', async () => {
    const remembered: RememberedInput[] = [
      { fileName: 'big.csv', size: 600 * MB, lastModified: 0, tableName: 'big', storage: 'in-place' },
      { fileName: 'kept.csv', size: 600 * MB, lastModified: 0, tableName: 'kept' },
    ];
    const { c } = core(256 * MB, 10e9, remembered);
    await c.files.loadRemembered('nb' as never);
    c.state.tables.value = {
      duckdb: ['big', 'kept'].map((name) => ({ engine: 'duckdb', schema: null, name, kind: 'table', columns: [] })),
      sqlite: [],
    };
    expect(c.files.missing.value.map((m) => m.fileName)).toEqual(['big.csv']);
  });
});
