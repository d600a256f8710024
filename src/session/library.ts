/**
 * The notebook library: which notebooks exist, which one is open, and the operations on them.
 * The open notebook is the session state's `notebook` signal; every change to it is journaled at
 * once (storage/library-store.ts).
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
import { deleteDatabase, databasePath, keptDatabases, type KeptDatabase } from '../storage/opfs';
import type { EngineSetup } from '../engines/engine';
import { NO_NETWORK } from '../notebook/network';
import type { EngineRegistry } from './engine-registry';
import type { FileRegistry } from './file-registry';
import type { SessionState } from './session-state';

export class Library {
  constructor(
    private readonly state: SessionState,
    private readonly engines: EngineRegistry,
    private readonly files: FileRegistry,
  ) {}

  /** Every entry, deleted ones included until the next start (for undo). */
  readonly library = signal<readonly LibraryEntry[]>([]);
  readonly currentNotebookId = signal<NotebookId | null>(null);
  readonly lastDeleted = signal<{ entry: LibraryEntry; wasCurrent: boolean } | null>(null);

  /** The notebook last handed to the journal, so showing a notebook does not count as a change to it. */
  private lastSaved: Notebook | null = null;
  private indexTimer: ReturnType<typeof setTimeout> | null = null;

  currentEntry(): LibraryEntry | null {
    return this.currentEntryOf(this.currentNotebookId.value);
  }

  private currentEntryOf(id: NotebookId | null): LibraryEntry | null {
    return this.library.value.find((e) => e.id === id) ?? null;
  }

  private setEntries(entries: readonly LibraryEntry[], now = false): Promise<void> {
    this.library.value = entries;
    if (this.indexTimer !== null) clearTimeout(this.indexTimer);
    this.indexTimer = null;
    const write = () =>
      store
        .saveIndex(this.library.value)
        .catch((err: unknown) =>
          this.state.toast('error', `The notebook list could not be saved: ${toNotebookError(err).message}`),
        );
    if (now) return write();
    this.indexTimer = setTimeout(() => void write(), 300);
    return Promise.resolve();
  }

  updateEntry(id: NotebookId, patch: Partial<Omit<LibraryEntry, 'id'>>, now = false): Promise<void> {
    return this.setEntries(
      this.library.value.map((e) => (e.id === id ? { ...e, ...patch } : e)),
      now,
    );
  }

  /** Called on every change of the open notebook. Returns a message when the change is not safe yet. */
  saveCurrent(nb: Notebook): string | null {
    const id = this.currentNotebookId.value;
    if (nb === this.lastSaved || id === null) return null;
    this.lastSaved = nb;
    const problem = store.journal(id, nb);
    void this.updateEntry(id, { title: nb.title, updatedAt: Date.now() });
    return problem;
  }

  async flushLibrary(): Promise<void> {
    if (this.indexTimer !== null) await this.setEntries(this.library.value, true);
    await store.flush();
  }

  /**
   * How DuckDB runs for notebook `id`: on its kept database when it keeps its tables, and with the
   * network access its user allowed in this browser (never what the document merely asks for).
   */
  duckdbSetupOf(id: NotebookId): EngineSetup {
    const entry = this.currentEntryOf(id);
    return { path: entry?.persistent ? databasePath(id) : null, network: entry?.network ?? NO_NETWORK };
  }

  private show(id: NotebookId, nb: Notebook): void {
    this.currentNotebookId.value = id;
    store.setCurrentId(id);
    this.lastSaved = nb;
    this.state.clearRuns();
    this.state.notebook.value = nb;
    void this.engines.useDuckdbSetup(this.duckdbSetupOf(id));
    void this.files.loadRemembered(id);
  }

  /**
   * Turns keeping the open notebook's DuckDB tables (in an OPFS database) on or
   * off. DuckDB restarts on the other database; a database turned off stays in
   * the browser until the notebook is deleted or storage is cleared, so turning
   * it on again brings the tables back.
   */
  async setKeepTables(on: boolean, why?: string): Promise<void> {
    const id = this.currentNotebookId.value;
    if (id === null) return;
    await this.updateEntry(id, on ? { persistent: true } : { persistent: undefined }, true);
    const message = on
      ? 'DuckDB now keeps this notebook’s tables in the browser between visits. Tables made before this are not in it: run the cells that make them again.'
      : 'DuckDB now keeps this notebook’s tables in memory only. The tables kept before stay in the browser until the notebook is deleted, and come back if you turn this on again.';
    await this.engines.useDuckdbSetup(this.duckdbSetupOf(id), why ?? message);
  }

  /** Keeps the open notebook's tables on disk (OPFS) so a file too big for memory fits, saying `why`; false when the browser cannot. */
  async keepTablesOnDisk(why: string): Promise<boolean> {
    if (this.currentNotebookId.value === null) return false;
    await this.setKeepTables(true, why);
    return this.state.duckdbStorage.value.kept;
  }

  /** Adds a notebook record and its entry. A file keeps its title as it is, so saving it writes the same bytes. */
  private async addEntry(nb: Notebook, extra: Partial<LibraryEntry> = {}, uniqueTitle = true): Promise<NotebookId> {
    const id = createNotebookId();
    const now = Date.now();
    const title = uniqueTitle ? freeTitle(this.library.value, nb.title) : nb.title;
    await store.writeNotebook(id, retitle(nb, title));
    await this.setEntries([...this.library.value, { ...extra, id, title, createdAt: now, updatedAt: now }], true);
    return id;
  }

  /** Loads the this.library (moving an earlier single saved notebook into it) and returns the notebook to show. */
  async bootLibrary(): Promise<Notebook> {
    store.setFlushErrorHandler((m) => this.state.toast('error', m));
    let entries: LibraryEntry[] = [];
    try {
      entries = await store.loadIndex();
    } catch (err) {
      this.state.toast(
        'error',
        `Saved notebooks cannot be read here (${toNotebookError(err).message}); changes are kept only until the tab closes. A private window may block storage.`,
      );
    }
    for (const e of entries.filter((x) => x.deletedAt !== undefined)) {
      await store.removeNotebook(e.id).catch(() => undefined);
      await forgetNotebookFiles(e.id);
      await deleteDatabase(e.id);
    }
    this.library.value = entries.filter((e) => e.deletedAt === undefined);
    if (this.library.value.length === 0) await this.seedLibrary();
    const shared = await this.openShareLink();
    // A share link pasted into the address bar of an open tab changes only the fragment: no reload.
    addEventListener('hashchange', () => void this.openShareLink().then((id) => id && this.switchNotebook(id)));
    const id = shared ?? this.pickCurrent();
    const nb = (await store.readNotebook(id).catch(() => null)) ?? this.missingBody(id);
    // The index is written lazily; the journaled notebook is the truth for its title.
    if (this.currentEntryOf(id)?.title !== nb.title) void this.updateEntry(id, { title: nb.title });
    this.show(id, nb);
    return nb;
  }

  private async seedLibrary(): Promise<void> {
    const legacy = await loadLegacy().catch(() => null);
    try {
      await this.addEntry(legacy ?? welcomeNotebook());
      if (legacy) await forgetLegacyNotebook();
    } catch {
      // Storage refused: keep the notebook in memory so the page still works.
      const id = createNotebookId();
      this.library.value = [{ id, title: 'Welcome', createdAt: Date.now(), updatedAt: Date.now() }];
      this.lastSaved = null;
      this.memoryOnly.set(id, legacy ?? welcomeNotebook());
    }
  }

  private readonly memoryOnly = new Map<NotebookId, Notebook>();

  private missingBody(id: NotebookId): Notebook {
    const kept = this.memoryOnly.get(id);
    if (kept) return kept;
    this.state.toast(
      'error',
      'This notebook\u2019s saved text could not be read; it opens empty. Other notebooks in the this.library are not affected.',
    );
    return emptyNotebook(this.library.value.find((e) => e.id === id)?.title ?? 'Untitled notebook');
  }

  private pickCurrent(): NotebookId {
    const visible = visibleEntries(this.library.value);
    const remembered = store.currentId();
    return visible.find((e) => e.id === remembered)?.id ?? (visible[0] as LibraryEntry).id;
  }

  /** A share link in the address opens as a new notebook; it never replaces one, and nothing runs. */
  private async openShareLink(): Promise<NotebookId | null> {
    if (!isShareFragment(location.hash)) return null;
    const hash = location.hash;
    // Drop the fragment first, so a reload opens the this.library instead of importing the link again.
    history.replaceState(null, '', location.pathname + location.search);
    try {
      const nb = await readShareFragment(hash);
      const id = await this.addEntry(nb);
      this.state.toast(
        'info',
        `Opened the shared notebook "${this.library.value.find((e) => e.id === id)?.title ?? nb.title}" as a new notebook. Nothing has run yet: press Run all when you are ready.`,
      );
      return id;
    } catch (err) {
      const e = toNotebookError(err, { code: 'file' });
      this.state.toast('error', `${e.message}${e.hint ? ` ${e.hint}` : ''}`);
      return null;
    }
  }

  async switchNotebook(id: NotebookId): Promise<void> {
    if (id === this.currentNotebookId.value) return;
    await this.flushLibrary();
    const nb = this.memoryOnly.get(id) ?? (await store.readNotebook(id)) ?? this.missingBody(id);
    this.show(id, nb);
  }

  async createNotebook(title = 'Untitled notebook'): Promise<void> {
    await this.importNotebook(emptyNotebook(title));
  }

  /** Adds a notebook (opened from a file, a share link, a duplicate) to the this.library and opens it. */
  async importNotebook(nb: Notebook, extra: { fileName?: string; layout?: FileLayout } = {}): Promise<NotebookId> {
    await this.flushLibrary();
    const id = await this.addEntry(nb, extra, extra.fileName === undefined);
    this.show(id, (await store.readNotebook(id)) ?? nb);
    return id;
  }

  async renameNotebook(id: NotebookId, title: string): Promise<void> {
    const clean = title.trim() || 'Untitled notebook';
    if (id === this.currentNotebookId.value) this.state.notebook.value = retitle(this.state.notebook.value, clean);
    else {
      const nb = await store.readNotebook(id);
      if (nb) await store.writeNotebook(id, retitle(nb, clean));
      await this.updateEntry(id, { title: clean }, true);
    }
  }

  async duplicateNotebook(id: NotebookId): Promise<void> {
    await this.flushLibrary();
    const nb = id === this.currentNotebookId.value ? this.state.notebook.value : await store.readNotebook(id);
    if (!nb) return this.state.toast('error', 'That notebook could not be read, so it was not duplicated.');
    await this.importNotebook(retitle(nb, `${nb.title} (copy)`));
  }

  /** Deletes a notebook; it can be undone until the next start of the app. */
  async deleteNotebook(id: NotebookId): Promise<void> {
    await this.flushLibrary();
    const entry = this.library.value.find((e) => e.id === id);
    if (!entry) return;
    const wasCurrent = id === this.currentNotebookId.value;
    await this.updateEntry(id, { deletedAt: Date.now() }, true);
    this.lastDeleted.value = { entry, wasCurrent };
    if (!wasCurrent) return;
    const next = visibleEntries(this.library.value)[0];
    if (next) await this.switchNotebook(next.id);
    else await this.createNotebook();
  }

  async undoDelete(): Promise<void> {
    const last = this.lastDeleted.value;
    if (!last) return;
    this.lastDeleted.value = null;
    await this.setEntries(
      this.library.value.map((e) => (e.id === last.entry.id ? last.entry : e)),
      true,
    );
    if (last.wasCurrent) await this.switchNotebook(last.entry.id);
  }

  /** Deletes the DuckDB tables a notebook keeps; the notebook then keeps its tables in memory only. */
  async deleteKeptTables(id: NotebookId): Promise<void> {
    if (this.library.value.find((e) => e.id === id)?.persistent)
      await this.updateEntry(id, { persistent: undefined }, true);
    // DuckDB lets go of the open notebook's database first.
    if (id === this.currentNotebookId.value) await this.engines.useDuckdbSetup(this.duckdbSetupOf(id));
    const ok = await deleteDatabase(id);
    const title = this.library.value.find((e) => e.id === id)?.title ?? 'the notebook';
    this.state.toast(
      ok ? 'info' : 'error',
      ok
        ? `Deleted the DuckDB tables kept for ${title}.`
        : `The DuckDB tables kept for ${title} could not be deleted: another tab has them open.`,
    );
  }

  /** Deletes every notebook and starts again with the welcome notebook. */
  async clearEverything(): Promise<void> {
    // DuckDB lets go of a kept database before it is deleted.
    await this.engines.useDuckdbSetup({ path: null, network: NO_NETWORK });
    for (const e of this.library.value) await forgetNotebookFiles(e.id);
    for (const d of await keptDatabases()) await deleteDatabase(d.id);
    await store.clearLibrary();
    this.library.value = [];
    this.lastDeleted.value = null;
    const id = await this.addEntry(welcomeNotebook());
    this.show(id, (await store.readNotebook(id)) ?? welcomeNotebook());
  }

  /** The DuckDB databases kept in the browser, with their sizes (for Storage). */
  keptDatabases(): Promise<KeptDatabase[]> {
    return keptDatabases();
  }
}
