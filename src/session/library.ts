/**
 * The notebook library for the UI: which notebooks exist, which one is open,
 * and the operations on them. The open notebook is the `notebook` signal;
 * every change to it is journaled at once (storage/library-store.ts).
 */
import { signal } from '@preact/signals';
import type { Notebook } from '../notebook/cells';
import { toNotebookError } from '../sql/errors';
import type { FileLayout } from '../notebook/format';
import { emptyNotebook, renameNotebook as retitle } from '../notebook/operations';
import { isShareFragment, readShareFragment } from '../notebook/share';
import { welcomeNotebook } from '../notebook/welcome';
import { forgetLegacyNotebook, loadNotebook as loadLegacy } from '../storage/autosave';
import {
  createNotebookId,
  freeTitle,
  visibleEntries,
  type LibraryEntry,
  type NotebookId,
} from '../storage/library-records';
import * as store from '../storage/library-store';
import { forgetNotebookFiles } from '../storage/file-handles';
import { deleteDatabase, databasePath, keptDatabases } from '../storage/opfs';
import { useDuckdbSetup } from './engines';
import type { DuckdbSetup } from '../engines/duckdb-network';
import { NO_NETWORK } from '../notebook/network';
import { loadRemembered } from './needed-files';
import { notebook, runs, toast } from './state';

/** Every entry, deleted ones included until the next start (for undo). */
export const library = signal<readonly LibraryEntry[]>([]);
export const currentNotebookId = signal<NotebookId | null>(null);
export const lastDeleted = signal<{ entry: LibraryEntry; wasCurrent: boolean } | null>(null);

/** The notebook last handed to the journal, so showing a notebook does not count as a change to it. */
let lastSaved: Notebook | null = null;
let indexTimer: ReturnType<typeof setTimeout> | null = null;

export function currentEntry(): LibraryEntry | null {
  return currentEntryOf(currentNotebookId.value);
}

function currentEntryOf(id: NotebookId | null): LibraryEntry | null {
  return library.value.find((e) => e.id === id) ?? null;
}

function setEntries(entries: readonly LibraryEntry[], now = false): Promise<void> {
  library.value = entries;
  if (indexTimer !== null) clearTimeout(indexTimer);
  indexTimer = null;
  const write = () =>
    store
      .saveIndex(library.value)
      .catch((err: unknown) => toast('error', `The notebook list could not be saved: ${toNotebookError(err).message}`));
  if (now) return write();
  indexTimer = setTimeout(() => void write(), 300);
  return Promise.resolve();
}

export function updateEntry(id: NotebookId, patch: Partial<Omit<LibraryEntry, 'id'>>, now = false): Promise<void> {
  return setEntries(
    library.value.map((e) => (e.id === id ? { ...e, ...patch } : e)),
    now,
  );
}

/** Called on every change of the open notebook. Returns a message when the change is not safe yet. */
export function saveCurrent(nb: Notebook): string | null {
  const id = currentNotebookId.value;
  if (nb === lastSaved || id === null) return null;
  lastSaved = nb;
  const problem = store.journal(id, nb);
  void updateEntry(id, { title: nb.title, updatedAt: Date.now() });
  return problem;
}

export async function flushLibrary(): Promise<void> {
  if (indexTimer !== null) await setEntries(library.value, true);
  await store.flush();
}

/**
 * How DuckDB runs for notebook `id`: on its kept database when it keeps its tables, and with the
 * network access its user allowed in this browser (never what the document merely asks for).
 */
export function duckdbSetupOf(id: NotebookId): DuckdbSetup {
  const entry = currentEntryOf(id);
  return { path: entry?.persistent ? databasePath(id) : null, network: entry?.network ?? NO_NETWORK };
}

function show(id: NotebookId, nb: Notebook): void {
  currentNotebookId.value = id;
  store.setCurrentId(id);
  lastSaved = nb;
  runs.value = new Map();
  notebook.value = nb;
  void useDuckdbSetup(duckdbSetupOf(id));
  void loadRemembered(id);
}

/**
 * Turns keeping the open notebook's DuckDB tables (in an OPFS database) on or
 * off. DuckDB restarts on the other database; a database turned off stays in
 * the browser until the notebook is deleted or storage is cleared, so turning
 * it on again brings the tables back.
 */
export async function setKeepTables(on: boolean): Promise<void> {
  const id = currentNotebookId.value;
  if (id === null) return;
  await updateEntry(id, on ? { persistent: true } : { persistent: undefined }, true);
  const message = on
    ? 'DuckDB now keeps this notebook’s tables in the browser between visits. Tables made before this are not in it: run the cells that make them again.'
    : 'DuckDB now keeps this notebook’s tables in memory only. The tables kept before stay in the browser until the notebook is deleted, and come back if you turn this on again.';
  await useDuckdbSetup(duckdbSetupOf(id), message);
}

/** Adds a notebook record and its entry. A file keeps its title as it is, so saving it writes the same bytes. */
async function addEntry(nb: Notebook, extra: Partial<LibraryEntry> = {}, uniqueTitle = true): Promise<NotebookId> {
  const id = createNotebookId();
  const now = Date.now();
  const title = uniqueTitle ? freeTitle(library.value, nb.title) : nb.title;
  await store.writeNotebook(id, retitle(nb, title));
  await setEntries([...library.value, { ...extra, id, title, createdAt: now, updatedAt: now }], true);
  return id;
}

/** Loads the library (moving an earlier single saved notebook into it) and returns the notebook to show. */
export async function bootLibrary(): Promise<Notebook> {
  store.setFlushErrorHandler((m) => toast('error', m));
  let entries: LibraryEntry[] = [];
  try {
    entries = await store.loadIndex();
  } catch (err) {
    toast(
      'error',
      `Saved notebooks cannot be read here (${toNotebookError(err).message}); changes are kept only until the tab closes. A private window may block storage.`,
    );
  }
  for (const e of entries.filter((x) => x.deletedAt !== undefined)) {
    await store.removeNotebook(e.id).catch(() => undefined);
    await forgetNotebookFiles(e.id);
    await deleteDatabase(e.id);
  }
  library.value = entries.filter((e) => e.deletedAt === undefined);
  if (library.value.length === 0) await seedLibrary();
  const shared = await openShareLink();
  // A share link pasted into the address bar of an open tab changes only the fragment: no reload.
  addEventListener('hashchange', () => void openShareLink().then((id) => id && switchNotebook(id)));
  const id = shared ?? pickCurrent();
  const nb = (await store.readNotebook(id).catch(() => null)) ?? missingBody(id);
  // The index is written lazily; the journaled notebook is the truth for its title.
  if (currentEntryOf(id)?.title !== nb.title) void updateEntry(id, { title: nb.title });
  show(id, nb);
  return nb;
}

async function seedLibrary(): Promise<void> {
  const legacy = await loadLegacy().catch(() => null);
  try {
    await addEntry(legacy ?? welcomeNotebook());
    if (legacy) await forgetLegacyNotebook();
  } catch {
    // Storage refused: keep the notebook in memory so the page still works.
    const id = createNotebookId();
    library.value = [{ id, title: 'Welcome', createdAt: Date.now(), updatedAt: Date.now() }];
    lastSaved = null;
    memoryOnly.set(id, legacy ?? welcomeNotebook());
  }
}

const memoryOnly = new Map<NotebookId, Notebook>();

function missingBody(id: NotebookId): Notebook {
  const kept = memoryOnly.get(id);
  if (kept) return kept;
  toast(
    'error',
    'This notebook\u2019s saved text could not be read; it opens empty. Other notebooks in the library are not affected.',
  );
  return emptyNotebook(library.value.find((e) => e.id === id)?.title ?? 'Untitled notebook');
}

function pickCurrent(): NotebookId {
  const visible = visibleEntries(library.value);
  const remembered = store.currentId();
  return visible.find((e) => e.id === remembered)?.id ?? (visible[0] as LibraryEntry).id;
}

/** A share link in the address opens as a new notebook; it never replaces one, and nothing runs. */
async function openShareLink(): Promise<NotebookId | null> {
  if (!isShareFragment(location.hash)) return null;
  const hash = location.hash;
  // Drop the fragment first, so a reload opens the library instead of importing the link again.
  history.replaceState(null, '', location.pathname + location.search);
  try {
    const nb = await readShareFragment(hash);
    const id = await addEntry(nb);
    toast(
      'info',
      `Opened the shared notebook "${library.value.find((e) => e.id === id)?.title ?? nb.title}" as a new notebook. Nothing has run yet: press Run all when you are ready.`,
    );
    return id;
  } catch (err) {
    const e = toNotebookError(err, { code: 'file' });
    toast('error', `${e.message}${e.hint ? ` ${e.hint}` : ''}`);
    return null;
  }
}

export async function switchNotebook(id: NotebookId): Promise<void> {
  if (id === currentNotebookId.value) return;
  await flushLibrary();
  const nb = memoryOnly.get(id) ?? (await store.readNotebook(id)) ?? missingBody(id);
  show(id, nb);
}

export async function createNotebook(title = 'Untitled notebook'): Promise<void> {
  await importNotebook(emptyNotebook(title));
}

/** Adds a notebook (opened from a file, a share link, a duplicate) to the library and opens it. */
export async function importNotebook(
  nb: Notebook,
  extra: { fileName?: string; layout?: FileLayout } = {},
): Promise<NotebookId> {
  await flushLibrary();
  const id = await addEntry(nb, extra, extra.fileName === undefined);
  show(id, (await store.readNotebook(id)) ?? nb);
  return id;
}

export async function renameNotebook(id: NotebookId, title: string): Promise<void> {
  const clean = title.trim() || 'Untitled notebook';
  if (id === currentNotebookId.value) notebook.value = retitle(notebook.value, clean);
  else {
    const nb = await store.readNotebook(id);
    if (nb) await store.writeNotebook(id, retitle(nb, clean));
    await updateEntry(id, { title: clean }, true);
  }
}

export async function duplicateNotebook(id: NotebookId): Promise<void> {
  await flushLibrary();
  const nb = id === currentNotebookId.value ? notebook.value : await store.readNotebook(id);
  if (!nb) return toast('error', 'That notebook could not be read, so it was not duplicated.');
  await importNotebook(retitle(nb, `${nb.title} (copy)`));
}

/** Deletes a notebook; it can be undone until the next start of the app. */
export async function deleteNotebook(id: NotebookId): Promise<void> {
  await flushLibrary();
  const entry = library.value.find((e) => e.id === id);
  if (!entry) return;
  const wasCurrent = id === currentNotebookId.value;
  await updateEntry(id, { deletedAt: Date.now() }, true);
  lastDeleted.value = { entry, wasCurrent };
  if (!wasCurrent) return;
  const next = visibleEntries(library.value)[0];
  if (next) await switchNotebook(next.id);
  else await createNotebook();
}

export async function undoDelete(): Promise<void> {
  const last = lastDeleted.value;
  if (!last) return;
  lastDeleted.value = null;
  await setEntries(
    library.value.map((e) => (e.id === last.entry.id ? last.entry : e)),
    true,
  );
  if (last.wasCurrent) await switchNotebook(last.entry.id);
}

/** Deletes the DuckDB tables a notebook keeps; the notebook then keeps its tables in memory only. */
export async function deleteKeptTables(id: NotebookId): Promise<void> {
  if (library.value.find((e) => e.id === id)?.persistent) await updateEntry(id, { persistent: undefined }, true);
  // DuckDB lets go of the open notebook's database first.
  if (id === currentNotebookId.value) await useDuckdbSetup(duckdbSetupOf(id));
  const ok = await deleteDatabase(id);
  const title = library.value.find((e) => e.id === id)?.title ?? 'the notebook';
  toast(
    ok ? 'info' : 'error',
    ok
      ? `Deleted the DuckDB tables kept for ${title}.`
      : `The DuckDB tables kept for ${title} could not be deleted: another tab has them open.`,
  );
}

/** Deletes every notebook and starts again with the welcome notebook. */
export async function clearEverything(): Promise<void> {
  // DuckDB lets go of a kept database before it is deleted.
  await useDuckdbSetup({ path: null, network: NO_NETWORK });
  for (const e of library.value) await forgetNotebookFiles(e.id);
  for (const d of await keptDatabases()) await deleteDatabase(d.id);
  await store.clearLibrary();
  library.value = [];
  lastDeleted.value = null;
  const id = await addEntry(welcomeNotebook());
  show(id, (await store.readNotebook(id)) ?? welcomeNotebook());
}
