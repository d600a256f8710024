/** What a queued or running cell waits for, in words ("Waiting for DuckDB: cell 2 is running"). */
import type { CellRun } from '../session/cell-run';
import { waitText } from '../session/wait-reason';
import { useSession } from './session-context';

export function RunWaiting({ run }: { run: CellRun | undefined }) {
  const nb = useSession().state.notebook.value;
  if ((run?.status !== 'queued' && run?.status !== 'running') || !run.waitingFor) return null;
  return (
    <span class="waiting-for" data-role="waiting" role="status">
      {waitText(run.waitingFor, nb)}
    </span>
  );
}
