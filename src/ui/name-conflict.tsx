/** Asks what to do with a file whose name is taken by another open file (see session/name-conflicts.ts). */
import { useRef } from 'preact/hooks';
import type { NameConflict } from '../session/name-conflicts';
import { formatBytes } from '../values/format';
import { useDialog } from './modal';
import { useSession } from './session-context';

export function NameConflictDialog() {
  const pending = useSession().files.conflicts.pending.value;
  // Keyed, so each question focuses its first button afresh.
  return pending ? <Question key={`${pending.fileName}:${pending.incoming.lastModified}`} conflict={pending} /> : null;
}

const when = (ms: number) => new Date(ms).toLocaleString();

function Question({ conflict: c }: { conflict: NameConflict }) {
  const conflicts = useSession().files.conflicts;
  const box = useRef<HTMLDivElement>(null);
  useDialog(box, 'button', () => conflicts.choose('cancel'));
  const title = `Another ${c.fileName}`;
  return (
    <div class="modal-backdrop">
      <div class="modal" role="dialog" aria-modal="true" aria-label={title} ref={box}>
        <h2>{title}</h2>
        <p>
          Table <code>{c.tableName}</code> holds a different {c.what} named {c.fileName} ({formatBytes(c.open.size)},
          changed {when(c.open.lastModified)}). This one is {formatBytes(c.incoming.size)}, changed{' '}
          {when(c.incoming.lastModified)}.
        </p>
        <p class="muted small">
          Replacing the table makes the cells that read it stale: they show their old rows until they run again.
        </p>
        <div class="modal-actions conflict-actions">
          <button type="button" onClick={() => conflicts.choose('rename')}>
            Open as {c.newName}
          </button>
          <button type="button" onClick={() => conflicts.choose('replace')}>
            Replace table {c.tableName}
          </button>
          <button type="button" onClick={() => conflicts.choose('cancel')}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
