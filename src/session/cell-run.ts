/**
 * What a cell is doing now, as a union keyed on its status, and the one pure function through
 * which every change of it goes (after marimo's `transitionCell`). Never saved.
 */
import type { ErrorData } from '../sql/errors';
import type { QueryResult } from '../engines/engine';
import { sameReason, type WaitReason } from './wait-reason';

/** A result a cell computed. It stays on screen while the cell's next run waits or runs, and after that run fails. */
export interface Computed {
  readonly result: QueryResult;
  readonly elapsedMs: number;
  /** What the result was computed from (session/freshness.ts); a different current value means stale. */
  readonly fingerprint?: string;
  /** The engine epoch the result was stored in; after a restart it is no longer in the engine. */
  readonly epoch: number;
  /** Notes on the run, e.g. types that could not move exactly between engines. */
  readonly notes: readonly string[];
}

export type CellRun =
  | { readonly status: 'idle'; readonly previous?: Computed }
  | { readonly status: 'queued'; readonly previous?: Computed; readonly waitingFor?: WaitReason }
  | {
      readonly status: 'running';
      readonly startedAt: number;
      readonly previous?: Computed;
      /** Taken by the scheduler, but its query is not computing yet: what holds it. */
      readonly waitingFor?: WaitReason;
    }
  | ({ readonly status: 'done' } & Computed)
  | {
      readonly status: 'error' | 'cancelled';
      readonly error: ErrorData;
      /** How long the failed run took, when it got as far as starting. */
      readonly elapsedMs?: number;
      readonly previous?: Computed;
    };

export type CellStatus = CellRun['status'];

export type RunEvent =
  /** The cell waits for its engine, or for the cells it reads. */
  | { readonly type: 'queue'; readonly waitingFor?: WaitReason }
  /** What a queued or running cell waits for now; null once nothing holds it. */
  | { readonly type: 'wait'; readonly waitingFor: WaitReason | null }
  /** A queued run was given up before it started (a cell it reads failed): back to what it showed before. */
  | { readonly type: 'unqueue' }
  /** Its engine took it. */
  | { readonly type: 'start'; readonly at: number }
  | ({ readonly type: 'finish' } & Computed)
  /** It failed or was cancelled (`error.code === 'cancelled'`), at `at` when it had started. */
  | { readonly type: 'fail'; readonly error: ErrorData; readonly at: number };

/** The last result a run shows: its own when done, else the one it keeps from before. */
export function shownResult(run: CellRun | undefined): Computed | undefined {
  if (!run) return undefined;
  if (run.status !== 'done') return run.previous;
  const { status: _status, ...computed } = run;
  return computed;
}

function keep(previous: Computed | undefined): { previous?: Computed } {
  return previous ? { previous } : {};
}

function waiting(reason: WaitReason | undefined): { waitingFor?: WaitReason } {
  return reason ? { waitingFor: reason } : {};
}

/** The next state of a cell's run. Pure: the same run and event always give the same state. */
export function transition(run: CellRun | undefined, event: RunEvent): CellRun {
  const previous = shownResult(run);
  switch (event.type) {
    case 'queue':
      // A cell already running keeps running; its next run is queued behind it by the scheduler.
      if (run?.status === 'running') return run;
      return { status: 'queued', ...keep(previous), ...waiting(event.waitingFor ?? undefined) };
    case 'wait': {
      if (run?.status !== 'queued' && run?.status !== 'running') return run ?? { status: 'idle' };
      const reason = event.waitingFor ?? undefined;
      if (sameReason(run.waitingFor, reason)) return run;
      const { waitingFor: _old, ...rest } = run;
      return { ...rest, ...waiting(reason) };
    }
    case 'unqueue':
      if (run?.status !== 'queued') return run ?? { status: 'idle' };
      return { status: 'idle', ...keep(previous) };
    case 'start':
      return { status: 'running', startedAt: event.at, ...keep(previous) };
    case 'finish': {
      const { type: _type, ...computed } = event;
      return { status: 'done', ...computed };
    }
    case 'fail': {
      const status = event.error.code === 'cancelled' ? 'cancelled' : 'error';
      const elapsed = run?.status === 'running' ? { elapsedMs: event.at - run.startedAt } : {};
      return { status, error: event.error, ...elapsed, ...keep(previous) };
    }
  }
}
