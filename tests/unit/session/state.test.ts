import { describe, expect, it } from 'vitest';
import { createCell } from '../../../src/notebook/cells';
import { emptyNotebook, insertCell } from '../../../src/notebook/operations';
import { notebook, runs, setRun, whenRunsIdle } from '../../../src/session/state';

/** Whether `p` has settled once pending microtasks have run. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
}

describe('whenRunsIdle', () => {
  it('waits while a cell of that engine is queued or running, and only for that engine', async () => {
    const duck = createCell('sql', 'SELECT 1', 'duckdb', 'a');
    const lite = createCell('sql', 'SELECT 2', 'sqlite', 'b');
    notebook.value = insertCell(insertCell(emptyNotebook(), duck), lite);
    runs.value = new Map();
    setRun(duck.id, { status: 'queued' });

    const duckIdle = whenRunsIdle('duckdb');
    expect(await settled(whenRunsIdle('sqlite'))).toBe(true);
    expect(await settled(duckIdle)).toBe(false);
    setRun(duck.id, { status: 'running', startedAt: 0 });
    expect(await settled(duckIdle)).toBe(false);
    // A run of the other engine does not hold it back.
    setRun(lite.id, { status: 'running', startedAt: 0 });
    setRun(duck.id, { status: 'error' });
    expect(await settled(duckIdle)).toBe(true);
    expect(await settled(whenRunsIdle('sqlite'))).toBe(false);
  });
});
