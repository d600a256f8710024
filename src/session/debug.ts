/** A small hook on window for tests and the console: it can end an engine's worker, as a crash would. */
import type { EngineId } from '../notebook/cells';
import type { Session } from './session';

export interface NotebookDebug {
  killEngine(id: EngineId): Promise<void>;
}

export function installDebugHook(session: Session): void {
  const hook: NotebookDebug = { killEngine: (id) => session.engines.kill(id) };
  (window as unknown as { __notebookDebug: NotebookDebug }).__notebookDebug = hook;
}
