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
import { TabCoordinator, type EditReason, type TabChannel, type TabLocks } from './tabs';

/** Deleted notebooks stay in the trash this long, or until it is emptied. */
export const TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The message for a change a read-only tab could not keep. */
export const READ_ONLY =
  'This tab shows the notebook read-only: another tab is editing it. Press Take over to edit here; nothing was changed.';

export interface TabLinks {
  readonly tab: string;
  /** False where the browser has no Web Locks or BroadcastChannel: tabs cannot hear each other. */
  readonly together: boolean;
  readonly locks: TabLocks;
  readonly channel: TabChannel;
  /** Asks the browser to keep this app's storage when the disk runs low (Storage shows the answer). */
  readonly persist: () => Promise<boolean | null>;
}

export class Library {
  readonly tabs: TabCoordinator;

  constructor(
    private readonly state: SessionState,
    private readonly engines: EngineRegistry,
    private readonly files: FileRegistry,
    private readonly links: TabLinks,
  ) {
    this.tabs = new TabCoordinator(links.tab, links.locks, links.channel, {
      onEdit: (id, why) => this.nowEditing(id as NotebookId, why),
      onFollow: (id, taken) => this.nowFollowing(id as NotebookId, taken),
      onRemoteSave: (id) => this.followSave(id as NotebookId),
      onLibraryChange: () => void this.reloadIndex(),
      beforeRelease: (id) => this.release(id as NotebookId),
    });
  }

  /** Every entry, those in the trash included. */
  readonly library = signal<readonly LibraryEntry[]>([]);
  readonly currentNotebookId = signal<NotebookId | null>(null);
  readonly lastDeleted = signal<{ entry: LibraryEntry; wasCurrent: boolean } | null>(null);

  /** The notebook last handed to the journal, so showing a notebook does not count as a change to it. */
  private lastSaved: Notebook | null = null;
  private indexTimer: ReturnType<typeof setTimeout> | null = null;
  /** Entries changed here and not yet written: a reload of the list from another tab keeps them. */
  private readonly dirty = new Set<NotebookId>();

  /** Whether this tab may change the open notebook (no other tab is editing it). */
  get editable(): boolean {
    return this.tabs.editing;
  }

  currentEntry(): LibraryEntry | null {
    return this.currentEntryOf(this.currentNotebookId.value);
  }

  private currentEntryOf(id: NotebookId | null): LibraryEntry | null {
    return this.library.value.find((e) => e.id === id) ?? null;
  }

  private setEntries(entries: readonly LibraryEntry[], now = false): Promise<void> {
    const before = new Map(this.library.value.map((e) => [e.id, e]));
    for (const e of entries) if (before.get(e.id) !== e) this.dirty.add(e.id);
    this.library.value = entries;
    if (this.indexTimer !== null) clearTimeout(this.indexTimer);
    this.indexTimer = null;
    if (now) return this.writeEntries();
    this.indexTimer = setTimeout(() => void this.writeEntries(), 300);
    return Promise.resolve();
  }

  /** Writes the entries changed here, then tells the other tabs to read the list again. */
  private async writeEntries(): Promise<void> {
    const ids = new Set(this.dirty);
    this.dirty.clear();
    const changed = this.library.value.filter((e) => ids.has(e.id));
    if (changed.length === 0) return;
    try {
      await store.saveEntries(changed);
      this.tabs.announceLibrary();
    } catch (err) {
      for (const id of ids) this.dirty.add(id);
      this.state.toast('error', `The notebook list could not be saved: ${toNotebookError(err).message}`);
    }
  }

  /** Another tab changed the list: read it again, keeping what this tab has not written yet. */
  private async reloadIndex(): Promise<void> {
    const stored = await store.loadIndex().catch(() => null);
    if (!stored) return;
    const local = new Map(this.library.value.filter((e) => this.dirty.has(e.id)).map((e) => [e.id, e]));
    const merged = stored.map((e) => local.get(e.id) ?? e);
    for (const e of local.values()) if (!merged.some((m) => m.id === e.id)) merged.push(e);
    const current = this.currentEntry();
    if (current && !merged.some((e) => e.id === current.id)) {
      // Deleted for good in another tab while open here: this tab still has its text, so it stays.
      merged.push({ ...current, deletedAt: undefined });
      this.dirty.add(current.id);
      void this.writeEntries();
      this.state.toast(
        'warning',
        `“${current.title}” was deleted for good in another tab. It is open here, so it was kept in the library.`,
      );
    }
    this.library.value = merged;
    const last = this.lastDeleted.value;
    if (last && !merged.some((e) => e.id === last.entry.id && e.deletedAt !== undefined)) this.lastDeleted.value = null;
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
    // Every change goes through Session.commit, which refuses in a read-only tab: one that got
    // here anyway is said out loud, never written over the editing tab's text.
    if (!this.tabs.editing) return READ_ONLY;
    this.lastSaved = nb;
    const problem = store.journal(id, nb);
    this.tabs.announceSave(id);
    void this.updateEntry(id, { title: nb.title, updatedAt: Date.now() });
    this.askToPersist();
    return problem;
  }

  private persistAsked = false;

  /** Once there is something of the user's to keep: ask the browser not to evict it. */
  askToPersist(): void {
    if (this.persistAsked) return;
    this.persistAsked = true;
    void this.links.persist();
  }

  /** This tab edits `id` now: read its newest text (the other tab's last edits) and open what it keeps. */
  private async nowEditing(id: NotebookId, why: EditReason): Promise<void> {
    if (why !== 'opened') {
      const nb = await store.readNotebook(id).catch(() => null);
      if (this.currentNotebookId.value !== id) return;
      if (nb) {
        this.lastSaved = nb;
        this.state.notebook.value = nb;
      }
      this.state.toast(
        'info',
        why === 'took-over'
          ? 'You edit this notebook in this tab now. The other tab shows it read-only.'
          : 'The other tab stopped editing this notebook (it closed, or opened another): you can edit it here now.',
      );
    }
    await this.engines.useDuckdbSetup(this.duckdbSetupOf(id));
  }

  /** Another tab edits `id`: this one follows it, and leaves the tables it keeps to that tab. */
  private nowFollowing(id: NotebookId, taken: boolean): void {
    if (taken)
      this.state.toast(
        'info',
        'Another tab took over this notebook. This tab shows it read-only and follows its edits.',
      );
    void this.engines.useDuckdbSetup(this.duckdbSetupOf(id));
  }

  private followTimer: ReturnType<typeof setTimeout> | null = null;

  /** The editing tab saved: show its text (a burst of keystrokes is read once). */
  private followSave(id: NotebookId): void {
    if (this.followTimer !== null) return;
    this.followTimer = setTimeout(() => {
      this.followTimer = null;
      void store.readNotebook(id).then((nb) => {
        if (!nb || this.currentNotebookId.value !== id || this.tabs.editing) return;
        this.lastSaved = nb;
        this.state.notebook.value = nb;
      });
    }, 100);
  }

  /** Before another tab takes `id` over: every edit saved, and its kept DuckDB database closed. */
  private async release(id: NotebookId): Promise<void> {
    await this.flushLibrary();
    if (this.currentEntryOf(id)?.persistent) await this.engines.useDuckdbSetup(this.duckdbSetupOf(id));
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
    // Only the editing tab opens the kept database: OPFS lets one tab at a time hold it.
    const keeps = entry?.persistent === true && this.tabs.editing;
    return { path: keeps ? databasePath(id) : null, network: entry?.network ?? NO_NETWORK };
  }

  private async show(id: NotebookId, nb: Notebook): Promise<void> {
    this.currentNotebookId.value = id;
    store.setCurrentId(id);
    this.lastSaved = nb;
    this.state.clearRuns();
    this.state.notebook.value = nb;
    const mode = await this.tabs.open(id);
    if (this.currentNotebookId.value !== id) return;
    if (mode.mode === 'editing') void this.engines.useDuckdbSetup(this.duckdbSetupOf(id));
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
    if (on) this.askToPersist();
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
    if (!this.links.together)
      this.state.toast(
        'warning',
        'This browser cannot coordinate tabs of this app: edit a notebook in one tab at a time, or the last tab to save wins.',
        12000,
      );
    let entries: LibraryEntry[] = [];
    try {
      entries = await store.loadIndex();
    } catch (err) {
      this.state.toast(
        'error',
        `Saved notebooks cannot be read here (${toNotebookError(err).message}); changes are kept only until the tab closes. A private window may block storage.`,
      );
    }
    const expired = entries.filter((x) => x.deletedAt !== undefined && x.deletedAt < Date.now() - TRASH_DAYS * DAY_MS);
    for (const e of expired) await this.purge(e.id);
    this.library.value = entries.filter((e) => !expired.includes(e));
    if (visibleEntries(this.library.value).length === 0) await this.seedLibrary();
    // Notebooks the user made or changed, or tables kept: ask the browser not to evict them.
    if (entries.some((e) => e.persistent || e.updatedAt > e.createdAt)) this.askToPersist();
    const shared = await this.openShareLink();
    // A share link pasted into the address bar of an open tab changes only the fragment: no reload.
    addEventListener('hashchange', () => void this.openShareLink().then((id) => id && this.switchNotebook(id)));
    const id = shared ?? this.pickCurrent();
    const nb = (await store.readNotebook(id).catch(() => null)) ?? this.missingBody(id);
    // The index is written lazily; the journaled notebook is the truth for its title.
    if (this.currentEntryOf(id)?.title !== nb.title) void this.updateEntry(id, { title: nb.title });
    await this.show(id, nb);
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
    await this.show(id, nb);
  }

  async createNotebook(title = 'Untitled notebook'): Promise<void> {
    await this.importNotebook(emptyNotebook(title));
  }

  /** Adds a notebook (opened from a file, a share link, a duplicate) to the this.library and opens it. */
  async importNotebook(nb: Notebook, extra: { fileName?: string; layout?: FileLayout } = {}): Promise<NotebookId> {
    await this.flushLibrary();
    const id = await this.addEntry(nb, extra, extra.fileName === undefined);
    await this.show(id, (await store.readNotebook(id)) ?? nb);
    return id;
  }

  async renameNotebook(id: NotebookId, title: string): Promise<void> {
    const clean = title.trim() || 'Untitled notebook';
    if (id === this.currentNotebookId.value) this.state.notebook.value = retitle(this.state.notebook.value, clean);
    else {
      const done = await this.tabs.whileNoOneEdits(id, async () => {
        const nb = await store.readNotebook(id);
        if (nb) await store.writeNotebook(id, retitle(nb, clean));
        await this.updateEntry(id, { title: clean }, true);
      });
      if (!done) this.state.toast('warning', 'That notebook is being edited in another tab: rename it there.');
    }
  }

  async duplicateNotebook(id: NotebookId): Promise<void> {
    await this.flushLibrary();
    const nb = id === this.currentNotebookId.value ? this.state.notebook.value : await store.readNotebook(id);
    if (!nb) return this.state.toast('error', 'That notebook could not be read, so it was not duplicated.');
    await this.importNotebook(retitle(nb, `${nb.title} (copy)`));
  }

  /** Moves a notebook to the trash, where it stays for TRASH_DAYS days or until the trash is emptied. */
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
    await this.restoreNotebook(last.entry.id, last.wasCurrent);
  }

  /** Takes a notebook out of the trash, with its text as it was; opens it when asked. */
  async restoreNotebook(id: NotebookId, open = false): Promise<void> {
    const entry = this.library.value.find((e) => e.id === id);
    if (!entry) return this.state.toast('error', 'That notebook is no longer in the trash.');
    if (entry.deletedAt !== undefined) {
      const { deletedAt: _gone, ...kept } = entry;
      await this.setEntries(
        this.library.value.map((e) => (e.id === id ? kept : e)),
        true,
      );
    }
    if (this.lastDeleted.value?.entry.id === id) this.lastDeleted.value = null;
    if (open) await this.switchNotebook(id);
  }

  /** Deletes a notebook in the trash for good: its text, its remembered files and its kept tables. */
  async deleteForever(id: NotebookId): Promise<void> {
    const entry = this.library.value.find((e) => e.id === id);
    if (!entry || entry.deletedAt === undefined || id === this.currentNotebookId.value) return;
    await this.purge(id);
    this.library.value = this.library.value.filter((e) => e.id !== id);
    if (this.lastDeleted.value?.entry.id === id) this.lastDeleted.value = null;
    this.tabs.announceLibrary();
  }

  async emptyTrash(): Promise<void> {
    for (const e of this.trash()) await this.deleteForever(e.id);
  }

  /** The notebooks in the trash, the latest deleted first. */
  trash(): LibraryEntry[] {
    return this.library.value
      .filter((e) => e.deletedAt !== undefined && e.id !== this.currentNotebookId.value)
      .sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0));
  }

  private async purge(id: NotebookId): Promise<void> {
    this.dirty.delete(id);
    await store.removeNotebook(id).catch(() => undefined);
    await forgetNotebookFiles(id);
    await deleteDatabase(id);
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
    await this.show(id, (await store.readNotebook(id)) ?? welcomeNotebook());
  }

  /** The DuckDB databases kept in the browser, with their sizes (for Storage). */
  keptDatabases(): Promise<KeptDatabase[]> {
    return keptDatabases();
  }
}
