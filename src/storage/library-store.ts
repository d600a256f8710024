/**
 * The notebook library in IndexedDB: an index of entries and one record per
 * notebook. Every change is also written synchronously to a localStorage
 * journal, because an IndexedDB write still in flight when the tab reloads,
 * crashes or closes can be lost; on load the newer copy wins.
 */
import { createStore, del, delMany, entries, get, keys, set, setMany, type UseStore } from 'idb-keyval';
import type { Notebook } from '../notebook/cells';
import {
  newest,
  parseIndex,
  parseStored,
  type LibraryEntry,
  type NotebookId,
  type StoredNotebook,
} from './library-records';

let db: UseStore | null = null;
/** Opened on first use, so importing this module touches no storage. */
function store(): UseStore {
  db ??= createStore('sql-notebook-library', 'library');
  return db;
}

/** The index of earlier versions: one array, which two tabs writing at once could overwrite. */
const LEGACY_INDEX = 'index';
const ENTRY = 'entry:';
const entryKey = (id: NotebookId) => `${ENTRY}${id}`;
const bodyKey = (id: NotebookId) => `notebook:${id}`;
const journalKey = (id: NotebookId) => `library:journal:${id}`;
const CURRENT = 'library:current';

/**
 * Every entry, one record each, so that two tabs changing different notebooks never overwrite
 * each other's entries. The one-array index of earlier versions is moved over on first read.
 */
export async function loadIndex(): Promise<LibraryEntry[]> {
  const s = store();
  const all = await entries<IDBValidKey, unknown>(s);
  const legacy = all.find(([k]) => k === LEGACY_INDEX);
  const own = parseIndex(all.filter(([k]) => typeof k === 'string' && k.startsWith(ENTRY)).map(([, v]) => v));
  if (!legacy) return own;
  const ownIds = new Set(own.map((e) => e.id));
  const moved = parseIndex(legacy[1]).filter((e) => !ownIds.has(e.id));
  await setMany(
    moved.map((e) => [entryKey(e.id), e]),
    s,
  );
  await del(LEGACY_INDEX, s);
  return [...own, ...moved];
}

/** Writes these entries (and only these: other tabs' entries are left as they are). */
export function saveEntries(changed: readonly LibraryEntry[]): Promise<void> {
  return setMany(
    changed.map((e) => [entryKey(e.id), e]),
    store(),
  );
}

function readJournal(id: NotebookId): StoredNotebook | null {
  try {
    const text = localStorage.getItem(journalKey(id));
    return text ? parseStored(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

/** The notebook's newest copy, or null when neither copy can be read. */
export async function readNotebook(id: NotebookId): Promise<Notebook | null> {
  let fromIdb: StoredNotebook | null;
  try {
    fromIdb = parseStored(await get(bodyKey(id), store()));
  } catch {
    fromIdb = null;
  }
  return newest(readJournal(id), fromIdb)?.notebook ?? null;
}

const pending = new Map<NotebookId, StoredNotebook>();
let timer: ReturnType<typeof setTimeout> | null = null;
let onFlushError: (message: string) => void = () => undefined;

export function setFlushErrorHandler(handler: (message: string) => void): void {
  onFlushError = handler;
}

/** Saves now to the journal and soon to IndexedDB. Returns a message when the journal write failed. */
export function journal(id: NotebookId, notebook: Notebook): string | null {
  const stored: StoredNotebook = { savedAt: Date.now(), notebook };
  pending.set(id, stored);
  timer ??= setTimeout(() => void flush(), 150);
  try {
    localStorage.setItem(journalKey(id), JSON.stringify(stored));
    return null;
  } catch (err) {
    return `Typing is not safe from a reload right now: local storage refused the notebook (${errorText(err)}). It is still being saved to IndexedDB. Free space under Notebook → Storage.`;
  }
}

/** Writes every pending notebook to IndexedDB, then drops its journal copy unless a newer edit came meanwhile. */
export async function flush(): Promise<void> {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  const batch = [...pending];
  pending.clear();
  for (const [id, stored] of batch) {
    try {
      await set(bodyKey(id), stored, store());
      if (!pending.has(id) && readJournal(id)?.savedAt === stored.savedAt) localStorage.removeItem(journalKey(id));
    } catch (err) {
      onFlushError(
        `The notebook "${stored.notebook.title}" could not be saved to IndexedDB (${errorText(err)}). Your latest text is kept in local storage; free space under Notebook → Storage.`,
      );
    }
  }
}

/** Writes a notebook record directly (new, duplicated or imported notebooks). */
export async function writeNotebook(id: NotebookId, notebook: Notebook): Promise<void> {
  await set(bodyKey(id), { savedAt: Date.now(), notebook } satisfies StoredNotebook, store());
}

/** Deletes a notebook for good: its entry, its text and its journal. */
export async function removeNotebook(id: NotebookId): Promise<void> {
  pending.delete(id);
  localStorage.removeItem(journalKey(id));
  await delMany([bodyKey(id), entryKey(id)], store());
}

export function currentId(): NotebookId | null {
  try {
    return localStorage.getItem(CURRENT) as NotebookId | null;
  } catch {
    return null;
  }
}

export function setCurrentId(id: NotebookId): void {
  try {
    localStorage.setItem(CURRENT, id);
  } catch {
    // Which notebook was open last is a convenience; the library itself is in IndexedDB.
  }
}

/** Removes every notebook, journal and remembered record of the library. */
export async function clearLibrary(): Promise<void> {
  pending.clear();
  for (const k of Object.keys(localStorage))
    if (k.startsWith('library:') || k.startsWith('notebook:')) localStorage.removeItem(k);
  await delMany(await keys(store()), store());
}

function errorText(err: unknown): string {
  if (err instanceof DOMException && err.name === 'QuotaExceededError') return 'storage is full';
  return err instanceof Error ? err.message : String(err);
}
