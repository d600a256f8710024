/** The page: header toolbar, catalog sidebar, the notebook, notifications, and file drop. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { cellsInOrder } from '../notebook/operations';
import { ACCEPT } from '../files/kinds';
import { useSession } from './session-context';
import { CellView } from './cell';
import { LibraryButton } from './library';
import { TabBanner } from './tab-banner';
import { NotebookMenu } from './notebook-menu';
import { startServiceWorker, UpdateBar } from './update-bar';
import { Sidebar } from './sidebar';
import { Toasts } from './toasts';
import { NameConflictDialog } from './name-conflict';
import {
  chooseDataFiles,
  chooseDataFolder,
  droppedHandles,
  openChosenFolder,
  setFileInputFallback,
  setFolderInputFallback,
} from './open-data';
import { HelpOverlay } from './help-overlay';
import { NetworkRequest } from './network-request';
import { helpOpen, onGlobalKeyDown } from './keyboard';

export function App() {
  const session = useSession();
  const dragging = useFileDrop();
  useEffect(() => startServiceWorker(() => session.library.flushLibrary()), []);
  useEffect(() => {
    window.addEventListener('keydown', onGlobalKeyDown);
    return () => window.removeEventListener('keydown', onGlobalKeyDown);
  }, []);
  return (
    <div class="app">
      <Header />
      <div class="main">
        <Sidebar />
        <main class="notebook" aria-label="Notebook">
          <TabBanner />
          <NetworkRequest />
          {session.state.loaded.value ? <Cells /> : <p class="muted">Loading your notebook…</p>}
        </main>
      </div>
      <Toasts />
      <NameConflictDialog />
      <UpdateBar />
      <HelpOverlay />
      {dragging && (
        <div class="drop-overlay" aria-hidden="true">
          Drop files to open them
        </div>
      )}
    </div>
  );
}

function Header() {
  const s = useSession();
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  useEffect(() => setFileInputFallback(() => input.current?.click()), []);
  useEffect(() => {
    // Preact's JSX types have no webkitdirectory; the property makes the input choose a folder.
    if (folderInput.current) folderInput.current.webkitdirectory = true;
    setFolderInputFallback(() => folderInput.current?.click());
  }, []);
  return (
    <header class="header">
      <span class="brand">SQL Notebook</span>
      <LibraryButton />
      <NotebookMenu />
      <input
        class="title"
        aria-label="Notebook title"
        readOnly={!s.library.editable}
        value={s.state.notebook.value.title}
        onInput={(e) => s.setTitle((e.target as HTMLInputElement).value)}
      />
      <span class="spacer" />
      <button type="button" onClick={() => void chooseDataFiles(s)}>
        Open files
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const el = e.target as HTMLInputElement;
          const files = Array.from(el.files ?? []);
          el.value = '';
          void s.files.open(files);
        }}
      />
      <button type="button" onClick={() => void chooseDataFolder(s)}>
        Open folder
      </button>
      <input
        ref={folderInput}
        type="file"
        hidden
        data-testid="folder-input"
        onChange={(e) => {
          const el = e.target as HTMLInputElement;
          const files = Array.from(el.files ?? []);
          el.value = '';
          void openChosenFolder(s, files);
        }}
      />
      <button type="button" onClick={() => void s.scheduler.runAll()}>
        Run all
      </button>
      <button type="button" disabled={!s.library.editable} onClick={() => s.addCell('sql')}>
        Add SQL cell
      </button>
      <button type="button" disabled={!s.library.editable} onClick={() => s.addCell('markdown')}>
        Add Markdown cell
      </button>
      <button
        type="button"
        class="icon help-button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => (helpOpen.value = true)}
      >
        ?
      </button>
    </header>
  );
}

function Cells() {
  const s = useSession();
  const cells = cellsInOrder(s.state.notebook.value);
  return (
    <>
      {cells.map((cell, i) => (
        <CellView key={cell.id} cell={cell} index={i} count={cells.length} />
      ))}
      {cells.length === 0 && <p class="muted empty-notebook">This notebook has no cells.</p>}
      <div class="add-row">
        <button type="button" disabled={!s.library.editable} onClick={() => s.addCell('sql')}>
          + SQL
        </button>
        <button type="button" disabled={!s.library.editable} onClick={() => s.addCell('markdown')}>
          + Markdown
        </button>
      </div>
    </>
  );
}

/** Files dropped anywhere on the page are opened; an overlay shows while dragging. */
function useFileDrop(): boolean {
  const s = useSession();
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      void droppedHandles(e).then((handles) => s.files.open(files, handles.length === files.length ? handles : []));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}
