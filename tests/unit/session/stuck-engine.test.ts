/**
 * Never a stuck engine (issue 20): a queued cell says what it waits for, a wasm trap is a crash
 * that is announced with its cell and followed by a working engine, and a hover never asks an
 * engine to count a view. A real session core over fake engines, in Node.
 */
import { effect } from '@preact/signals';
import { describe, expect, test } from 'vitest';
import { deleteCell } from '../../../src/notebook/operations';
import { CatalogKeeper, mayPeek, type CatalogTable } from '../../../src/session/catalog';
import { waitText } from '../../../src/session/wait-reason';
import { fakeSession, type FakeSession } from './fake-session';

type Setup = FakeSession;
const setup = fakeSession;

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

/** What the cell's status line says it waits for, or null. */
function waiting(s: Setup, name: string): string | null {
  const run = s.core.state.runs.value.get(s.ids[name]!);
  const reason = run?.status === 'queued' || run?.status === 'running' ? run.waitingFor : undefined;
  return reason ? waitText(reason, s.core.state.notebook.value) : null;
}

describe('a cell that waits says what for', () => {
  test('behind a running cell of the same engine, then behind the next one', async () => {
    const s = setup([
      ['slow', 'SELECT 1 -- HOLD'],
      ['second', 'SELECT 2 -- HOLD'],
      ['third', 'SELECT 3'],
    ]);
    await s.core.engines.get('duckdb');
    s.duckdb.holdOn = 'HOLD';
    const runs = [s.ids.slow!, s.ids.second!, s.ids.third!].map((id) => s.core.scheduler.runCell(id));
    await flush();
    expect(waiting(s, 'slow')).toBeNull();
    expect(waiting(s, 'second')).toBe('Waiting for DuckDB: cell 1 (slow) is running');
    expect(waiting(s, 'third')).toBe('Waiting for DuckDB: cell 1 (slow) is running');
    s.duckdb.release();
    await flush();
    expect(s.core.state.runs.value.get(s.ids.second!)?.status).toBe('running');
    expect(waiting(s, 'third')).toBe('Waiting for DuckDB: cell 2 (second) is running');
    s.duckdb.holdOn = null;
    s.duckdb.release();
    await Promise.all(runs);
    expect(s.core.state.runs.value.get(s.ids.third!)?.status).toBe('done');
    expect(waiting(s, 'third')).toBeNull();
  });

  test('a queued cell deleted before its turn leaves no one waiting behind it', async () => {
    const s = setup([
      ['slow', 'SELECT 1 -- HOLD'],
      ['gone', 'SELECT 2'],
      ['last', 'SELECT 3'],
    ]);
    await s.core.engines.get('duckdb');
    s.duckdb.holdOn = 'HOLD';
    const first = s.core.scheduler.runCell(s.ids.slow!);
    const second = s.core.scheduler.runCell(s.ids.gone!);
    await flush();
    s.core.state.notebook.value = deleteCell(s.core.state.notebook.value, s.ids.gone!);
    s.duckdb.holdOn = null;
    s.duckdb.release();
    await Promise.all([first, second]);
    // Nothing runs now: the next run waits for nothing, not for the deleted cell.
    const said: Array<string | null> = [];
    const stop = effect(() => void said.push(waiting(s, 'last')));
    await s.core.scheduler.runCell(s.ids.last!);
    stop();
    expect(said.filter((t) => t !== null)).toEqual([]);
    expect(s.core.state.runs.value.get(s.ids.last!)?.status).toBe('done');
  });

  test('a cell whose input runs first waits for that input', async () => {
    const s = setup([
      ['a', 'SELECT 1 -- HOLD'],
      ['b', 'SELECT * FROM a'],
    ]);
    await s.core.engines.get('duckdb');
    s.duckdb.holdOn = 'HOLD';
    const run = s.core.scheduler.runCell(s.ids.b!);
    await flush();
    expect(waiting(s, 'b')).toBe('Waiting for cell 1 (a), which it reads');
    s.duckdb.holdOn = null;
    s.duckdb.release();
    await run;
    expect(s.core.state.runs.value.get(s.ids.b!)?.status).toBe('done');
  });

  test('a cell run before its engine has started waits for the start', async () => {
    const s = setup([['a', 'SELECT 1']]);
    const said: Array<string | null> = [];
    const stop = effect(() => void said.push(waiting(s, 'a')));
    await s.core.scheduler.runCell(s.ids.a!);
    stop();
    expect(s.core.state.runs.value.get(s.ids.a!)?.status).toBe('done');
    expect(said.filter((t) => t !== null)).toEqual(['Waiting for DuckDB to start']);
    expect(said.at(-1)).toBeNull();
  });
});

describe('a wasm trap is an engine crash', () => {
  test('the cell names the trap, one line says the engine came back with the files, and the next query answers', async () => {
    const s = setup([
      ['first', 'SELECT 1'],
      ['boom', "SELECT repeat('x', 1000000000) -- TRAP"],
      ['after', 'SELECT 42'],
    ]);
    await s.core.engines.get('duckdb');
    await s.core.files.open([new File(['x,y\n1,2\n'], 'sales.csv')]);
    await s.core.scheduler.runCell(s.ids.boom!);
    const run = s.core.state.runs.value.get(s.ids.boom!);
    expect(run?.status).toBe('error');
    if (run?.status !== 'error') throw new Error('no error');
    expect(run.error).toMatchObject({ code: 'engine-crashed', trap: 'null function' });
    expect(run.error.message).toMatch(/^DuckDB crashed \(null function\): a WebAssembly trap/);
    await flush();
    const crashLines = s.core.state.toasts.value.filter((t) => /crashed|stopped/.test(t.text));
    expect(crashLines.map((t) => t.text)).toEqual([
      'DuckDB crashed (null function) while running cell 2 (boom); it was restarted and your file was opened again. Results it held are recomputed when needed.',
    ]);
    expect(s.duckdb.registrations).toEqual(['0:sales', '1:sales']);
    expect(s.core.state.engineStatus.value.duckdb).toBe('ready');
    await s.core.scheduler.runCell(s.ids.after!);
    expect(s.core.state.runs.value.get(s.ids.after!)?.status).toBe('done');
  });
});

describe('a hover never asks an engine to count a view', () => {
  const table = (over: Partial<CatalogTable>): CatalogTable => ({
    schema: null,
    name: 't',
    kind: 'table',
    columns: [{ name: 'n', type: 'INTEGER' }],
    source: null,
    ...over,
  });

  test('mayPeek: tables yes; views, files read in place and cells no', () => {
    expect(mayPeek(table({}))).toBe(true);
    expect(mayPeek(table({ kind: 'file', source: 'sales.csv' }))).toBe(true);
    expect(mayPeek(table({ kind: 'view', view: true }))).toBe(false);
    expect(mayPeek(table({ kind: 'file', source: 'big.csv', view: true }))).toBe(false);
    expect(mayPeek(table({ kind: 'cell' }))).toBe(false);
  });

  test('a view gets "not counted" without a word to the engine; a table is peeked; nothing while a cell runs', async () => {
    const s = setup([['slow', 'SELECT 1 -- HOLD']]);
    const catalog = new CatalogKeeper(s.core.state, s.core.engines, s.core.files);
    await s.core.engines.get('duckdb');
    const view = await catalog.tableStats('duckdb', table({ name: 'endless', kind: 'view', view: true }), null);
    expect(view).toEqual({ samples: [], notCounted: 'view' });
    const inPlace = table({ name: 'big', kind: 'file', source: 'big.csv', view: true });
    expect(await catalog.tableStats('duckdb', inPlace, 'n')).toEqual({ samples: [], notCounted: 'view' });
    expect(s.duckdb.peeks).toEqual([]);
    expect(await catalog.tableStats('duckdb', table({ name: 'sales' }), 'n')).toEqual({ rows: 0, samples: [] });
    expect(s.duckdb.peeks).toEqual(['sales.n']);
    s.duckdb.holdOn = 'HOLD';
    const run = s.core.scheduler.runCell(s.ids.slow!);
    await flush();
    expect(await catalog.tableStats('duckdb', table({ name: 'other' }), null)).toBeNull();
    expect(s.duckdb.peeks).toEqual(['sales.n']);
    s.duckdb.holdOn = null;
    s.duckdb.release();
    await run;
  });
});
