/** A small hook on window for tests and the console: it can end an engine's worker, as a crash would. */
import type { EngineId } from '../notebook/cells';
import type { Session } from './session';

export interface NotebookDebug {
  killEngine(id: EngineId): Promise<void>;
  /** Restarts DuckDB with this memory limit (e.g. '256MB'), or its default with null: tests of data bigger than memory. */
  setMemoryLimit(limit: string | null): Promise<void>;
}

export function installDebugHook(session: Session): void {
  const hook: NotebookDebug = {
    killEngine: (id) => session.engines.kill(id),
    setMemoryLimit: (limit) => session.engines.setMemoryLimit(limit),
  };
  (window as unknown as { __notebookDebug: NotebookDebug }).__notebookDebug = hook;
}
