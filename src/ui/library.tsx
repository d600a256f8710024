/** The notebook library: every saved notebook, with create, rename, duplicate, delete (to a trash) and switch. */
import { useRef, useState } from 'preact/hooks';
import { useDialog } from './modal';
import { visibleEntries, type LibraryEntry } from '../storage/library-records';
import { useSession } from './session-context';
import { TRASH_DAYS } from '../session/library';

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
      <Trash />
    </div>
  );
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Deleted notebooks: restore one, delete one for good, or empty the trash. */
function Trash() {
  const lib = useSession().library;
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const items = lib.trash();
  return (
    <section class="library-trash" aria-label="Trash">
      <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        Trash ({items.length})
      </button>
      {open && (
        <>
          <p class="muted small">
            Deleted notebooks stay here for {TRASH_DAYS} days, then go for good. Their kept tables and remembered files
            go with them.
          </p>
          <ul class="library-list" aria-label="Deleted notebooks">
            {items.map((e) => (
              <li key={e.id} class="library-item">
                <span class="library-open">
                  <span class="library-title">{e.title}</span>
                  <span class="muted small">
                    deleted {when.format(e.deletedAt ?? 0)} · kept until{' '}
                    {day.format((e.deletedAt ?? 0) + TRASH_DAYS * 24 * 60 * 60 * 1000)}
                  </span>
                </span>
                <button
                  type="button"
                  class="link"
                  aria-label={`Restore ${e.title}`}
                  onClick={() => void lib.restoreNotebook(e.id)}
                >
                  Restore
                </button>
                <button
                  type="button"
                  class="link danger"
                  aria-label={`Delete ${e.title} forever`}
                  onClick={() => void lib.deleteForever(e.id)}
                >
                  Delete forever
                </button>
              </li>
            ))}
          </ul>
          {items.length === 0 ? (
            <p class="muted small">The trash is empty.</p>
          ) : confirming ? (
            <p role="alert" class="small">
              Delete {items.length} notebook{items.length === 1 ? '' : 's'} for good? This cannot be undone.{' '}
              <button
                type="button"
                class="danger"
                onClick={() => void lib.emptyTrash().then(() => setConfirming(false))}
              >
                Delete for good
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                Keep them
              </button>
            </p>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Empty trash
            </button>
          )}
        </>
      )}
    </section>
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

/** After a delete: the quick way back (the trash in the library is the lasting one). */
function UndoDelete() {
  const lib = useSession().library;
  const last = lib.lastDeleted.value;
  if (!last) return null;
  return (
    <div class="undo-bar" role="status">
      <span>
        Deleted “{last.entry.title}”: it is in the trash for {TRASH_DAYS} days.
      </span>
      <button type="button" onClick={() => void lib.undoDelete()}>
        Undo
      </button>
      <button type="button" class="icon" aria-label="Dismiss" onClick={() => (lib.lastDeleted.value = null)}>
        ×
      </button>
    </div>
  );
}
