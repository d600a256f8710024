import { describe, expect, test } from 'vitest';
import { shownResult, transition, type CellRun, type Computed } from '../../../src/session/cell-run';

const computed = (n: number): Computed => ({
  result: { kind: 'done', changes: n, statementCount: 1, elapsedMs: 5 },
  elapsedMs: 5,
  epoch: 0,
  notes: [],
  fingerprint: `fp${n}`,
});

describe('a cell run moves through one pure transition', () => {
  test('a first run: idle → queued → running → done', () => {
    let run: CellRun | undefined;
    run = transition(run, { type: 'queue' });
    expect(run).toEqual({ status: 'queued' });
    run = transition(run, { type: 'start', at: 100 });
    expect(run).toEqual({ status: 'running', startedAt: 100 });
    run = transition(run, { type: 'finish', ...computed(1) });
    expect(run).toEqual({ status: 'done', ...computed(1) });
    expect(shownResult(run)).toEqual(computed(1));
  });

  test('the last result stays on screen while the next run waits, runs and fails', () => {
    const done: CellRun = { status: 'done', ...computed(1) };
    const queued = transition(done, { type: 'queue' });
    expect(queued).toEqual({ status: 'queued', previous: computed(1) });
    const running = transition(queued, { type: 'start', at: 10 });
    expect(shownResult(running)).toEqual(computed(1));
    const failed = transition(running, { type: 'fail', error: { code: 'sql', message: 'boom' }, at: 35 });
    expect(failed).toEqual({
      status: 'error',
      error: { code: 'sql', message: 'boom' },
      elapsedMs: 25,
      previous: computed(1),
    });
    // And the next success replaces it.
    const again = transition(transition(transition(failed, { type: 'queue' }), { type: 'start', at: 40 }), {
      type: 'finish',
      ...computed(2),
    });
    expect(again).toEqual({ status: 'done', ...computed(2) });
  });

  test('a cancelled run is "cancelled", with no time when it never started', () => {
    const queued = transition(undefined, { type: 'queue' });
    const cancelled = transition(queued, { type: 'fail', error: { code: 'cancelled', message: 'Cancelled.' }, at: 9 });
    expect(cancelled).toEqual({ status: 'cancelled', error: { code: 'cancelled', message: 'Cancelled.' } });
  });

  test('a queued run that is given up goes back to what it showed', () => {
    expect(transition(transition(undefined, { type: 'queue' }), { type: 'unqueue' })).toEqual({ status: 'idle' });
    const done: CellRun = { status: 'done', ...computed(1) };
    expect(transition(transition(done, { type: 'queue' }), { type: 'unqueue' })).toEqual({
      status: 'idle',
      previous: computed(1),
    });
    // Only a queued run is given up: a running or finished one is left as it is.
    const running: CellRun = { status: 'running', startedAt: 1 };
    expect(transition(running, { type: 'unqueue' })).toBe(running);
    expect(transition(done, { type: 'unqueue' })).toBe(done);
  });

  test('queueing a running cell leaves it running', () => {
    const running: CellRun = { status: 'running', startedAt: 1, previous: computed(1) };
    expect(transition(running, { type: 'queue' })).toBe(running);
  });

  test('the same run and event always give the same state, and the input is never changed', () => {
    const done: CellRun = Object.freeze({ status: 'done', ...computed(1) });
    expect(transition(done, { type: 'queue' })).toEqual(transition(done, { type: 'queue' }));
    expect(done).toEqual({ status: 'done', ...computed(1) });
  });
});
