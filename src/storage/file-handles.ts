/**
 * Remembered files. In Chromium a FileSystemFileHandle can be kept in
 * IndexedDB; on a later visit one click grants permission again. Elsewhere
 * only the name, size and date are kept, and a file the user opens again is
 * matched by name and size.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { NotebookId } from './library-records';

/** The parts of the File System Access API used here; TypeScript's DOM types do not have them all. */
interface PermissionHandle {
  queryPermission?(options: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'read' | 'readwrite' }): Promise<PermissionState>;
}
export type FileHandle = FileSystemFileHandle & PermissionHandle;

interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}
interface PickerWindow {
  showOpenFilePicker?(options: {
    types?: PickerType[];
    multiple?: boolean;
    excludeAcceptAllOption?: boolean;
    id?: string;
  }): Promise<FileHandle[]>;
  showSaveFilePicker?(options: { types?: PickerType[]; suggestedName?: string; id?: string }): Promise<FileHandle>;
}

export function pickers(): PickerWindow {
  return globalThis as unknown as PickerWindow;
}

export function hasFileSystemAccess(): boolean {
  const w = pickers();
  return typeof w.showOpenFilePicker === 'function' && typeof w.showSaveFilePicker === 'function';
}

let db: UseStore | null = null;
function store(): UseStore {
  db ??= createStore('sql-notebook-files', 'handles');
  return db;
}

const notebookFileKey = (id: NotebookId) => `notebook-file:${id}`;

/** The file a notebook was opened from or saved to, when the browser can keep handles. */
export async function notebookFileHandle(id: NotebookId): Promise<FileHandle | null> {
  try {
    return (await get<FileHandle>(notebookFileKey(id), store())) ?? null;
  } catch {
    return null;
  }
}

export async function rememberNotebookFile(id: NotebookId, handle: FileHandle | null): Promise<void> {
  try {
    if (handle) await set(notebookFileKey(id), handle, store());
    else await del(notebookFileKey(id), store());
  } catch {
    // Only Save-without-asking depends on it; Save as still works.
  }
}

/** True once the user allows `mode` on the handle; asks when needed (which requires a click). */
export async function ensurePermission(handle: FileHandle, mode: 'read' | 'readwrite'): Promise<boolean> {
  if (!handle.queryPermission || !handle.requestPermission) return true;
  if ((await handle.queryPermission({ mode })) === 'granted') return true;
  return (await handle.requestPermission({ mode })) === 'granted';
}

/** A data file the notebook opened: enough to find it again. */
export interface RememberedInput {
  readonly fileName: string;
  readonly size: number;
  readonly lastModified: number;
  readonly tableName: string;
  /** Set when the file is read in place: its view needs the file open, even where a kept database holds the view. */
  readonly storage?: 'in-place';
  readonly handle?: FileHandle;
}

const inputsKey = (id: NotebookId) => `inputs:${id}`;

export async function rememberedInputs(id: NotebookId): Promise<RememberedInput[]> {
  try {
    const raw: unknown = await get(inputsKey(id), store());
    return Array.isArray(raw)
      ? (raw as RememberedInput[]).filter((r) => typeof r?.fileName === 'string' && typeof r.size === 'number')
      : [];
  } catch {
    return [];
  }
}

/**
 * Remembers the file behind a table. One record per table, not per file name: two files named
 * same.csv opened as `same` and `same_2` are both needed, and the second must not forget the first.
 */
export async function rememberInput(id: NotebookId, input: RememberedInput): Promise<void> {
  const list = (await rememberedInputs(id)).filter((r) => r.tableName !== input.tableName);
  await set(inputsKey(id), [...list, input], store()).catch(() => undefined);
}

/** The remembered input a newly opened file is, matched by name and size. */
export function matchInput(
  list: readonly RememberedInput[],
  file: { name: string; size: number },
): RememberedInput | undefined {
  return list.find((r) => r.fileName === file.name && r.size === file.size);
}

export async function forgetNotebookFiles(id: NotebookId): Promise<void> {
  await del(notebookFileKey(id), store()).catch(() => undefined);
  await del(inputsKey(id), store()).catch(() => undefined);
}
