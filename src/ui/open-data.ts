/**
 * Choosing data files and folders. Where the browser has the File System Access API, its
 * pickers are used (file handles can be remembered, so one click reopens a file on a later
 * visit); elsewhere the page's hidden <input type=file>, or <input webkitdirectory> for a folder.
 */
import type { FolderEntry } from '../engines/engine';
import type { Session } from '../session/session';
import { pickers, type FileHandle } from '../storage/file-handles';

let inputFallback: () => void = () => undefined;

/** The page's <input type=file> registers its click here. */
export function setFileInputFallback(click: () => void): void {
  inputFallback = click;
}

export async function chooseDataFiles(session: Session): Promise<void> {
  const w = pickers();
  if (!w.showOpenFilePicker) return inputFallback();
  let handles: FileHandle[];
  try {
    handles = await w.showOpenFilePicker({ multiple: true, id: 'data' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    // A picker that cannot open (e.g. in a sandboxed frame): the input still can.
    return inputFallback();
  }
  const files: File[] = [];
  const kept: FileHandle[] = [];
  for (const h of handles) {
    try {
      files.push(await h.getFile());
      kept.push(h);
    } catch (err) {
      session.state.toast('error', `${h.name} could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await session.files.open(files, kept);
}

/** The handles of dropped files, where the browser gives them; must be called during the drop event. */
export function droppedHandles(e: DragEvent): Promise<(FileHandle | undefined)[]> {
  const items = Array.from(e.dataTransfer?.items ?? []).filter((i) => i.kind === 'file');
  const pending = items.map((i) => {
    const get = (i as DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileSystemHandle | null> })
      .getAsFileSystemHandle;
    return get ? get.call(i).catch(() => null) : Promise.resolve(null);
  });
  return Promise.all(pending).then((hs) => hs.map((h) => (h?.kind === 'file' ? (h as FileHandle) : undefined)));
}

/** A directory as the File System Access API gives it; TypeScript's DOM types lack its iteration. */
export interface DirectoryHandle {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<DirectoryHandle | FileEntryHandle>;
}
export interface FileEntryHandle {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
}
interface DirectoryPickerWindow {
  showDirectoryPicker?(options: { id?: string; mode?: 'read' }): Promise<DirectoryHandle>;
}

let folderInputFallback: () => void = () => undefined;

/** The page's <input webkitdirectory> registers its click here. */
export function setFolderInputFallback(click: () => void): void {
  folderInputFallback = click;
}

/** Opens a folder as one table: `showDirectoryPicker` where it exists, else the folder input. */
export async function chooseDataFolder(session: Session): Promise<void> {
  const w = globalThis as unknown as DirectoryPickerWindow;
  if (!w.showDirectoryPicker) return folderInputFallback();
  let dir: DirectoryHandle;
  try {
    dir = await w.showDirectoryPicker({ id: 'data-folder', mode: 'read' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    return folderInputFallback();
  }
  let entries: FolderEntry[];
  try {
    entries = await filesIn(dir);
  } catch (err) {
    return session.state.toast(
      'error',
      `${dir.name} could not be read: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  await session.files.openFolder(dir.name, sortEntries(entries));
}

/** Opens the folder the folder input chose; says so when it held no file (the browser then gives no name). */
export async function openChosenFolder(session: Session, files: readonly File[]): Promise<void> {
  const folder = folderFromInput(files);
  if (!folder) return session.state.toast('error', 'The folder you chose holds no files.');
  await session.files.openFolder(folder.name, folder.entries);
}

/**
 * Every file under `dir`, with its path inside it ('year=2024/a.parquet'). Hidden folders and
 * those starting with '_' (.git, _delta_log) are not entered: the folder's table leaves them out.
 */
export async function filesIn(dir: DirectoryHandle, prefix = ''): Promise<FolderEntry[]> {
  const out: FolderEntry[] = [];
  for await (const h of dir.values()) {
    const path = prefix + h.name;
    if (h.kind === 'file') out.push({ file: await h.getFile(), path });
    else if (!/^[._]/.test(h.name)) out.push(...(await filesIn(h, `${path}/`)));
  }
  return out;
}

/** The folder an <input webkitdirectory> chose: its name, and its files with paths inside it. */
export function folderFromInput(files: readonly File[]): { name: string; entries: FolderEntry[] } | null {
  const first = files[0];
  if (!first) return null;
  const parts = (f: File) => (f.webkitRelativePath || f.name).split('/');
  const name = parts(first).length > 1 ? (parts(first)[0] ?? '') : 'folder';
  const entries = files.map((file) => ({ file, path: parts(file).slice(1).join('/') || file.name }));
  return { name, entries: sortEntries(entries) };
}

/** By path, so files load in name order whatever order the browser lists them in (the first one orders the columns). */
export function sortEntries(entries: readonly FolderEntry[]): FolderEntry[] {
  return [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
