import { describe, expect, test } from 'vitest';
import { createCell } from '../../../src/notebook/cells';
import { emptyNotebook, insertCell } from '../../../src/notebook/operations';
import { transition, type CellRun } from '../../../src/session/cell-run';
import { cellLabel, crashNotice, waitText, type WaitReason } from '../../../src/session/wait-reason';

const first = createCell('sql', 'SELECT 1', 'duckdb', 'totals');
// A default name: it counts cells in the order they were made, so it is not shown.
const second = createCell('sql', 'SELECT 2', 'duckdb', 'cell7');
const nb = insertCell(insertCell(emptyNotebook(), first), second);

describe('what a waiting cell waits for, in words', () => {
  test.each<[WaitReason, string]>([
    [{ kind: 'cell', engine: 'duckdb', cell: second.id }, 'Waiting for DuckDB: cell 2 is running'],
    [{ kind: 'cell', engine: 'sqlite', cell: first.id }, 'Waiting for SQLite: cell 1 (totals) is running'],
    [{ kind: 'input', cell: first.id }, 'Waiting for cell 1 (totals), which it reads'],
    [{ kind: 'engine-start', engine: 'duckdb' }, 'Waiting for DuckDB to start'],
    [{ kind: 'file', engine: 'duckdb', file: 'sales.csv' }, 'Waiting for DuckDB: the file sales.csv is loading'],
    [{ kind: 'engine-busy', engine: 'duckdb' }, 'Waiting for DuckDB to finish other work'],
  ])('%j', (reason, text) => {
    expect(waitText(reason, nb)).toBe(text);
  });

  test('a cell deleted meanwhile is named as such, not as "cell 0"', () => {
    expect(cellLabel(nb, createCell('sql', '', 'duckdb', 'gone').id)).toBe('a deleted cell');
  });
});

describe('the wait goes through the one transition', () => {
  const busy: WaitReason = { kind: 'cell', engine: 'duckdb', cell: first.id };
  const loading: WaitReason = { kind: 'file', engine: 'duckdb', file: 'big.csv' };

  test('queued with a reason, the reason changes, then start clears it', () => {
    let run: CellRun = transition(undefined, { type: 'queue', waitingFor: busy });
    expect(run).toEqual({ status: 'queued', waitingFor: busy });
    run = transition(run, { type: 'wait', waitingFor: loading });
    expect(run).toEqual({ status: 'queued', waitingFor: loading });
    run = transition(run, { type: 'start', at: 5 });
    expect(run).toEqual({ status: 'running', startedAt: 5 });
  });

  test('a running cell whose query waits for its turn says so, and stops saying it when the turn comes', () => {
    const running = transition(undefined, { type: 'start', at: 1 });
    const held = transition(running, { type: 'wait', waitingFor: loading });
    expect(held).toEqual({ status: 'running', startedAt: 1, waitingFor: loading });
    const free = transition(held, { type: 'wait', waitingFor: null });
    expect(free).toEqual({ status: 'running', startedAt: 1 });
    // The same reason again changes nothing, so nothing re-renders.
    expect(transition(held, { type: 'wait', waitingFor: { ...loading } })).toBe(held);
  });

  test('a wait for a cell that is done, failed or idle is ignored', () => {
    const failed = transition(transition(undefined, { type: 'start', at: 1 }), {
      type: 'fail',
      error: { code: 'sql', message: 'x' },
      at: 2,
    });
    expect(transition(failed, { type: 'wait', waitingFor: busy })).toBe(failed);
    expect(transition(undefined, { type: 'wait', waitingFor: busy })).toEqual({ status: 'idle' });
  });
});

describe('the one line after a crash', () => {
  test('names the trap, the cell and what was opened again', () => {
    expect(crashNotice({ engine: 'duckdb', trap: 'null function', during: 'cell 3', files: 2 })).toBe(
      'DuckDB crashed (null function) while running cell 3; it was restarted and your 2 files were opened again. Results it held are recomputed when needed.',
    );
  });
  test('a worker that died with no trap, while nothing ran', () => {
    expect(crashNotice({ engine: 'sqlite', files: 0 })).toBe(
      'SQLite stopped; it was restarted and its sample data was loaded again. Results it held are recomputed when needed.',
    );
  });
});
