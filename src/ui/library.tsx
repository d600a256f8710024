/** The notebook library: every saved notebook, with create, rename, duplicate, delete (undoable) and switch. */
import { useRef, useState } from 'preact/hooks';
import { useDialog } from './modal';
import { visibleEntries, type LibraryEntry } from '../storage/library-records';
import { useSession } from './session-context';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function LibraryButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(!open)}>
        Notebooks
      </button>
      {open && <LibraryPanel onClose={() => setOpen(false)} />}
      <UndoDelete />
    </>
  );
}

function LibraryPanel({ onClose }: { onClose: () => void }) {
  const lib = useSession().library;
  const entries = visibleEntries(lib.library.value);
  const panel = useRef<HTMLDivElement>(null);
  useDialog(panel, '[aria-current="true"]', onClose);
  return (
    <div class="library" role="dialog" aria-label="Notebook library" ref={panel}>
      <div class="library-head">
        <h2>Notebooks</h2>
        <button type="button" onClick={() => void lib.createNotebook()}>
          New notebook
        </button>
        <button type="button" class="icon" aria-label="Close the library" onClick={onClose}>
          ×
        </button>
      </div>
      <ul class="library-list" aria-label="Saved notebooks">
        {entries.map((e) => (
          <LibraryItem key={e.id} entry={e} current={e.id === lib.currentNotebookId.value} onOpen={onClose} />
        ))}
      </ul>
    </div>
  );
}

function LibraryItem({ entry, current, onOpen }: { entry: LibraryEntry; current: boolean; onOpen: () => void }) {
  const lib = useSession().library;
  const [renaming, setRenaming] = useState(false);
  if (renaming) return <RenameRow entry={entry} done={() => setRenaming(false)} />;
  return (
    <li class={current ? 'library-item current' : 'library-item'}>
      <button
        type="button"
        class="library-open"
        aria-current={current}
        title={entry.fileName ? `File: ${entry.fileName}` : undefined}
        onClick={() => void lib.switchNotebook(entry.id).then(onOpen)}
      >
        <span class="library-title">{entry.title}</span>
        <span class="muted small">
          {when.format(entry.updatedAt)}
          {entry.persistent ? ' · keeps tables' : ''}
        </span>
      </button>
      <button type="button" class="link" aria-label={`Rename ${entry.title}`} onClick={() => setRenaming(true)}>
        Rename
      </button>
      <button
        type="button"
        class="link"
        aria-label={`Duplicate ${entry.title}`}
        onClick={() => void lib.duplicateNotebook(entry.id)}
      >
        Duplicate
      </button>
      <button
        type="button"
        class="link danger"
        aria-label={`Delete ${entry.title}`}
        onClick={() => void lib.deleteNotebook(entry.id)}
      >
        Delete
      </button>
    </li>
  );
}

function RenameRow({ entry, done }: { entry: LibraryEntry; done: () => void }) {
  const lib = useSession().library;
  const [value, setValue] = useState(entry.title);
  const commit = () => void lib.renameNotebook(entry.id, value).then(done);
  return (
    <li class="library-item">
      <input
        class="library-rename"
        aria-label={`New name for ${entry.title}`}
        value={value}
        ref={(el) => el?.focus()}
        onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            e.stopPropagation();
            done();
          }
        }}
      />
      <button type="button" onClick={commit}>
        Save name
      </button>
      <button type="button" class="link" onClick={done}>
        Cancel
      </button>
    </li>
  );
}

/** After a delete: the way back, until dismissed or the app restarts. */
function UndoDelete() {
  const lib = useSession().library;
  const last = lib.lastDeleted.value;
  if (!last) return null;
  return (
    <div class="undo-bar" role="status">
      <span>Deleted “{last.entry.title}”.</span>
      <button type="button" onClick={() => void lib.undoDelete()}>
        Undo
      </button>
      <button type="button" class="icon" aria-label="Dismiss" onClick={() => (lib.lastDeleted.value = null)}>
        ×
      </button>
    </div>
  );
}
