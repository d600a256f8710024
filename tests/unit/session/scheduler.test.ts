/**
 * The run scheduler, cancel and crash recovery, in Node, with fake engines injected into a real
 * session core: dependency order, one query per engine at a time, Stop, a crash in the middle of
 * a run, and moves between engines.
 */
import { describe, expect, test } from 'vitest';
import { fakeSession, type FakeSession } from './fake-session';

type Setup = FakeSession;
const setup = fakeSession;

const status = (s: Setup, name: string) => s.core.state.runs.value.get(s.ids[name]!)?.status;
const error = (s: Setup, name: string) => {
  const run = s.core.state.runs.value.get(s.ids[name]!);
  return run?.status === 'error' || run?.status === 'cancelled' ? run.error : undefined;
};

/** Lets queued microtasks and engine calls settle. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('the run scheduler', () => {
  test('a cell runs the stale cells it reads first, in dependency order, and reuses fresh ones', async () => {
    const s = setup([
      ['a', 'SELECT 1'],
      ['b', 'SELECT * FROM a'],
      ['c', 'SELECT * FROM b JOIN a USING (n)'],
    ]);
    await s.core.scheduler.runCell(s.ids.c!);
    expect(s.duckdb.queries).toEqual(['SELECT 1', 'SELECT * FROM a', 'SELECT * FROM b JOIN a USING (n)']);
    expect(['a', 'b', 'c'].map((n) => status(s, n))).toEqual(['done', 'done', 'done']);
    // Nothing changed: only c runs again.
    await s.core.scheduler.runCell(s.ids.c!);
    expect(s.duckdb.queries.slice(3)).toEqual(['SELECT * FROM b JOIN a USING (n)']);
    // Editing a makes b and c stale; running c runs a and b again first.
    const nb = s.core.state.notebook.value;
    s.core.state.notebook.value = {
      ...nb,
      cells: { ...nb.cells, [s.ids.a!]: { ...nb.cells[s.ids.a!]!, source: 'SELECT 2' } },
    };
    expect(s.core.freshness.isStale(s.ids.c!)).toBe(true);
    await s.core.scheduler.runCell(s.ids.c!);
    expect(s.duckdb.queries.slice(4)).toEqual(['SELECT 2', 'SELECT * FROM a', 'SELECT * FROM b JOIN a USING (n)']);
    expect(s.core.freshness.isStale(s.ids.c!)).toBe(false);
  });

  test('each engine runs one query at a time; the others wait as "queued"', async () => {
    const s = setup([
      ['slow', 'SELECT 1 -- HOLD'],
      ['next', 'SELECT 2'],
    ]);
    s.duckdb.holdOn = 'HOLD';
    const first = s.core.scheduler.runCell(s.ids.slow!);
    const second = s.core.scheduler.runCell(s.ids.next!);
    await flush();
    expect(status(s, 'slow')).toBe('running');
    expect(status(s, 'next')).toBe('queued');
    expect(s.duckdb.queries).toEqual(['SELECT 1 -- HOLD']);
    s.duckdb.release();
    await Promise.all([first, second]);
    expect([status(s, 'slow'), status(s, 'next')]).toEqual(['done', 'done']);
    expect(s.duckdb.maxRunning).toBe(1);
  });

  test('Stop on a queued cell: it never reaches the engine', async () => {
    const s = setup([
      ['slow', 'SELECT 1 -- HOLD'],
      ['next', 'SELECT 2'],
    ]);
    s.duckdb.holdOn = 'HOLD';
    const first = s.core.scheduler.runCell(s.ids.slow!);
    const second = s.core.scheduler.runCell(s.ids.next!);
    await flush();
    await s.core.scheduler.cancelCell(s.ids.next!);
    expect(status(s, 'next')).toBe('cancelled');
    s.duckdb.release();
    await Promise.all([first, second]);
    expect(s.duckdb.queries).toEqual(['SELECT 1 -- HOLD']);
    expect(error(s, 'next')?.message).toBe('Cancelled before it started.');
  });

  test('Stop on a running cell cancels its query in the engine', async () => {
    const s = setup([['slow', 'SELECT 1 -- HOLD']]);
    s.duckdb.holdOn = 'HOLD';
    const run = s.core.scheduler.runCell(s.ids.slow!);
    await flush();
    expect(status(s, 'slow')).toBe('running');
    await s.core.scheduler.cancelCell(s.ids.slow!);
    await run;
    expect(status(s, 'slow')).toBe('cancelled');
    // The engine answers the next run.
    s.duckdb.holdOn = null;
    await s.core.scheduler.runCell(s.ids.slow!);
    expect(status(s, 'slow')).toBe('done');
  });

  test('a crash in the middle of a run: the cell says so, the engine restarts with its files, and results held are recomputed', async () => {
    const s = setup([
      ['a', 'SELECT 1'],
      ['b', 'SELECT * FROM sales -- HOLD'],
      ['c', 'SELECT * FROM a'],
    ]);
    await s.core.engines.get('duckdb');
    await s.core.files.open([new File(['x,y\n1,2\n'], 'sales.csv')]);
    expect(s.duckdb.registrations).toEqual(['0:sales']);
    await s.core.scheduler.runCell(s.ids.a!);
    expect(s.core.freshness.isReusable(s.ids.a!)).toBe(true);

    s.duckdb.holdOn = 'HOLD';
    const run = s.core.scheduler.runCell(s.ids.b!);
    await flush();
    s.duckdb.restart('the worker was killed');
    await run;
    expect(status(s, 'b')).toBe('error');
    expect(error(s, 'b')?.code).toBe('engine-crashed');
    await flush();
    // Restarted at once: the opened file is registered again, and the user is told.
    expect(s.duckdb.registrations).toEqual(['0:sales', '1:sales']);
    expect(s.core.state.toasts.value.map((t) => t.text)).toContainEqual(
      'DuckDB stopped while running cell 2 (b); it was restarted and your file was opened again. Results it held are recomputed when needed.',
    );
    // a's result was in the old engine: it is recomputed before c reads it.
    expect(s.core.freshness.isReusable(s.ids.a!)).toBe(false);
    s.duckdb.holdOn = null;
    const before = s.duckdb.queries.length;
    await s.core.scheduler.runCell(s.ids.c!);
    expect(s.duckdb.queries.slice(before)).toEqual(['SELECT 1', 'SELECT * FROM a']);
    expect(status(s, 'c')).toBe('done');
    await s.core.scheduler.runCell(s.ids.b!);
    expect(status(s, 'b')).toBe('done');
  });

  test('a cell whose input fails says which, and cells queued behind the failure go back to idle', async () => {
    const s = setup([
      ['bad', 'SELECT FAIL'],
      ['mid', 'SELECT 1'],
      ['end', 'SELECT * FROM bad, mid'],
    ]);
    await s.core.scheduler.runCell(s.ids.end!);
    expect(status(s, 'bad')).toBe('error');
    expect(status(s, 'mid')).toBe('idle');
    expect(status(s, 'end')).toBe('error');
    expect(error(s, 'end')).toMatchObject({
      code: 'missing-input',
      message: 'This cell reads bad, which did not run successfully.',
    });
    expect(s.duckdb.queries).toEqual(['SELECT FAIL']);
  });

  test('a SQLite cell reading a DuckDB cell gets its rows moved across, once, with the notes', async () => {
    const s = setup([
      ['totals', 'SELECT 1'],
      ['lite', 'SELECT * FROM totals', 'sqlite'],
    ]);
    await s.core.scheduler.runCell(s.ids.lite!);
    expect(s.sqlite.imports).toEqual(['totals']);
    const run = s.core.state.runs.value.get(s.ids.lite!);
    expect(run?.status === 'done' && run.notes).toEqual(['totals.n: moved from the other engine']);
    // Running it again moves nothing: the copy is fresh.
    await s.core.scheduler.runCell(s.ids.lite!);
    expect(s.sqlite.imports).toEqual(['totals']);
  });

  test('Run all runs every cell once, each after the cells it reads, both engines side by side', async () => {
    const s = setup([
      ['c', 'SELECT * FROM b'],
      ['a', 'SELECT 1'],
      ['b', 'SELECT * FROM a', 'sqlite'],
      ['d', 'SELECT 2', 'sqlite'],
    ]);
    await s.core.scheduler.runAll();
    expect(['a', 'b', 'c', 'd'].map((n) => status(s, n))).toEqual(['done', 'done', 'done', 'done']);
    expect(s.duckdb.queries).toEqual(['SELECT 1', 'SELECT * FROM b']);
    expect(s.sqlite.queries.sort()).toEqual(['SELECT * FROM a', 'SELECT 2']);
  });

  test('cells in a cycle, and a cell that reads itself, are refused with the names and never run', async () => {
    const s = setup([
      ['x', 'SELECT * FROM y'],
      ['y', 'SELECT * FROM x'],
      ['me', 'SELECT * FROM me'],
    ]);
    await s.core.scheduler.runCell(s.ids.x!);
    expect(error(s, 'x')?.code).toBe('cycle');
    expect(error(s, 'x')?.message).toMatch(/^These cells read each other in a cycle: (x, y|y, x)\.$/);
    await s.core.scheduler.runCell(s.ids.me!);
    expect(error(s, 'me')?.message).toBe('me reads its own name: a cell cannot read its own result.');
    expect(s.duckdb.queries).toEqual([]);
  });
});
