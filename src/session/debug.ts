/** A small hook on window for tests and the console: it can end an engine's worker, as a crash would. */
import type { EngineId } from '../notebook/cells';
import { engine, existingEngine } from './engines';

interface Killable {
  kill?: () => void;
  dispose?: () => void;
}

export interface NotebookDebug {
  killEngine(id: EngineId): Promise<void>;
}

export function installDebugHook(): void {
  const hook: NotebookDebug = {
    async killEngine(id) {
      const e = (await existingEngine(id)) as (Killable & object) | undefined;
      if (!e) return;
      if (e.kill) e.kill();
      else e.dispose?.();
      // Recover at once, as after a real crash, so the user is told now rather than on the next run.
      await engine(id).catch(() => undefined);
    },
  };
  (window as unknown as { __notebookDebug: NotebookDebug }).__notebookDebug = hook;
}
