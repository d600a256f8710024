import { describe, expect, it } from 'vitest';
import { createCell } from '../../../src/notebook/cells';
import { emptyNotebook, insertCell } from '../../../src/notebook/operations';
import { SessionState } from '../../../src/session/session-state';

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
    const state = new SessionState();
    state.notebook.value = insertCell(insertCell(emptyNotebook(), duck), lite);
    state.apply(duck.id, { type: 'queue' });

    const duckIdle = state.whenRunsIdle('duckdb');
    expect(await settled(state.whenRunsIdle('sqlite'))).toBe(true);
    expect(await settled(duckIdle)).toBe(false);
    state.apply(duck.id, { type: 'start', at: 0 });
    expect(await settled(duckIdle)).toBe(false);
    // A run of the other engine does not hold it back.
    state.apply(lite.id, { type: 'queue' });
    state.apply(lite.id, { type: 'start', at: 0 });
    state.apply(duck.id, { type: 'fail', error: { code: 'sql', message: 'x' }, at: 1 });
    expect(await settled(duckIdle)).toBe(true);
    expect(await settled(state.whenRunsIdle('sqlite'))).toBe(false);
  });
});
