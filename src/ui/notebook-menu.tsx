/** The Notebook menu: open and save notebook files, export, share, storage. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from './session-context';
import { Modal } from './modal';
import { StorageDialog } from './storage-dialog';

type Dialog = 'share' | 'storage' | null;
const MENU_ITEMS = '[role=menuitem], [role=menuitemcheckbox]';

export function NotebookMenu() {
  const s = useSession();
  const files = s.notebookFiles;
  const duckdbStorage = s.state.duckdbStorage;
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const input = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useSaveShortcut();
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>(MENU_ITEMS)?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menu.current?.parentElement?.contains(e.target as Node))
        setOpen(false);
    };
    addEventListener('keydown', close);
    addEventListener('pointerdown', close);
    return () => {
      removeEventListener('keydown', close);
      removeEventListener('pointerdown', close);
    };
  }, [open]);
  const item = (label: string, action: () => void, shortcut?: string) => (
    <button type="button" role="menuitem" onClick={() => (setOpen(false), action())}>
      {label}
      {shortcut && <span class="muted small shortcut">{shortcut}</span>}
    </button>
  );
  return (
    <div class="menu-wrap">
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Notebook ▾
      </button>
      {open && (
        <div class="menu" role="menu" aria-label="Notebook" ref={menu} onKeyDown={moveFocus}>
          {item('Open notebook file…', () => void files.pickNotebookFile(() => input.current?.click()))}
          {item('Save', () => void files.save(), 'Ctrl+S')}
          {item('Save as…', () => void files.saveAs())}
          {item('Download', () => files.download())}
          {item('Export as DuckDB script', () => void files.exportDuckdbScript())}
          {item('Share link', () => void files.makeShareLink().then(() => setDialog('share')))}
          <button
            type="button"
            role="menuitemcheckbox"
            aria-checked={duckdbStorage.value.wanted}
            title="Keep the tables this notebook creates in DuckDB in a database in the browser (OPFS), so they are there on the next visit"
            onClick={() => (setOpen(false), void s.library.setKeepTables(!duckdbStorage.value.wanted))}
          >
            <span aria-hidden="true" class="check">
              {duckdbStorage.value.wanted ? '✓' : ''}
            </span>
            Keep DuckDB tables between visits
          </button>
          {item('Storage…', () => setDialog('storage'))}
        </div>
      )}
      <input
        ref={input}
        type="file"
        accept=".sql,text/plain"
        hidden
        data-testid="notebook-file-input"
        onChange={(e) => {
          const el = e.target as HTMLInputElement;
          const file = el.files?.[0];
          el.value = '';
          if (file) void files.openNotebookFile(file);
        }}
      />
      {dialog === 'share' && <ShareDialog onClose={() => setDialog(null)} />}
      {dialog === 'storage' && <StorageDialog onClose={() => setDialog(null)} />}
    </div>
  );
}

/** Arrow keys move between menu items, as in a native menu. */
function moveFocus(e: KeyboardEvent): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  e.preventDefault();
  const items = Array.from((e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>(MENU_ITEMS));
  const i = items.indexOf(document.activeElement as HTMLElement);
  items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
}

/** Ctrl/Cmd+S saves the notebook instead of the browser saving the page. */
function useSaveShortcut(): void {
  const files = useSession().notebookFiles;
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void files.save();
      }
    };
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, []);
}

function ShareDialog({ onClose }: { onClose: () => void }) {
  const files = useSession().notebookFiles;
  const result = files.shareResult.value;
  const [copied, setCopied] = useState(false);
  if (!result) return null;
  if (!result.ok) {
    return (
      <Modal label="Share link" onClose={onClose}>
        <p role="alert">{result.error.message}</p>
        <p>{result.error.hint}</p>
        <button type="button" onClick={() => files.download()}>
          Download the notebook file
        </button>
      </Modal>
    );
  }
  return (
    <Modal label="Share link" onClose={onClose}>
      <p>
        The link holds the notebook’s text, compressed ({result.url.length.toLocaleString()} characters). It holds no
        data: whoever opens it needs the same files.
      </p>
      <input
        class="share-url"
        readOnly
        aria-label="Share link address"
        value={result.url}
        onFocus={(e) => (e.target as HTMLInputElement).select()}
      />
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(result.url).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </Modal>
  );
}
