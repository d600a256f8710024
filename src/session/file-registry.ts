/**
 * The one place that knows the data files of a session: those open now (with their table, their
 * engine and the File itself, so a restarted engine gets them again), the version of each table
 * (bumped on every reopen, so cells reading it become stale), and those the open notebook
 * remembers from before, which are listed as needed when they are not open.
 */
import { computed, signal } from '@preact/signals';
import type { Cell } from '../notebook/cells';
import { NotebookError, toNotebookError } from '../sql/errors';
import { tableReferences } from '../sql/references';
import { detectFileKind, engineForKind, readEnds } from '../files/kinds';
import { formatBytes } from '../values/format';
import type { Engine, FileKind, FolderEntry, Placement, RegisteredFile } from '../engines/engine';
import { matchInput, type FileHandle, type RememberedInput } from '../storage/file-handles';
import type { NotebookId } from '../storage/library-records';
import type { EngineRegistry } from './engine-registry';
import { setEntry, type SessionState } from './session-state';
import { choosePlacement, type Storage } from './placement';
import { FileNaming, type OpenFile } from './file-naming';

export type { OpenFile } from './file-naming';

/** The browser's disk (OPFS), for files too big for memory. */
export interface DiskSpace {
  /** Bytes the browser grants that are not used yet; null without OPFS. */
  free(): Promise<number | null>;
  /** Puts DuckDB on the open notebook's database in OPFS (the notebook keeps its tables), saying `why`; false when it cannot. */
  useDisk(why: string): Promise<boolean>;
}

/** Where an open file's rows live now, as the sidebar says it. */
export function storageOf(f: RegisteredFile, duckdbOnDisk: boolean): Storage {
  if (f.placement === 'view' || f.kind === 'duckdb') return 'in-place';
  return f.engine === 'duckdb' && duckdbOnDisk ? 'disk' : 'memory';
}

/** Where a notebook's remembered files are kept (IndexedDB in the app, memory in tests). */
export interface RememberedStore {
  list(id: NotebookId): Promise<RememberedInput[]>;
  remember(id: NotebookId, input: RememberedInput): Promise<void>;
  /** Asks for permission to read a remembered handle (a click in Chromium). */
  mayRead(handle: FileHandle): Promise<boolean>;
}

export class FileRegistry {
  readonly opened = signal<readonly OpenFile[]>([]);
  /** Bumped per table (lower-cased) when its file is (re)opened, so cells reading it become stale. */
  readonly versions = signal<ReadonlyMap<string, number>>(new Map());
  /** What the open notebook remembers, loaded when it is shown. */
  readonly remembered = signal<readonly RememberedInput[]>([]);
  private readonly naming = new FileNaming({
    opened: () => this.opened.value,
    taken: () => this.engines.takenNames(),
    remembered: () => this.remembered.value,
    readers: (name) => this.cellsReading(name),
  });
  /** A second file with the name of an open one: replace its table, or a new name. */
  readonly conflicts = this.naming.conflicts;
  private rememberedFor: NotebookId | null = null;
  private disk: DiskSpace | null = null;
  /** Loads in progress, by file name, so the sidebar's Cancel can stop one. */
  private readonly loads = new Map<string, AbortController>();

  /** The registered files, for the sidebar and completion. */
  readonly registered = computed<readonly RegisteredFile[]>(() => this.opened.value.map((f) => f.registered));

  /** Remembered files that are not open now, and whose table is not there either (a kept database may hold it). */
  readonly missing = computed<readonly RememberedInput[]>(() => {
    // By table, not file name: of two files named same.csv, one open does not stand for the other.
    const open = new Set(this.opened.value.map((f) => f.registered.tableName.toLowerCase()));
    const { duckdb, sqlite } = this.state.tables.value;
    const present = new Set(
      [...duckdb, ...sqlite].flatMap((t) => (t.schema === null ? [t.name.toLowerCase()] : [t.schema.toLowerCase()])),
    );
    // A file read in place is needed even when its view is there: the view reads the file.
    return this.remembered.value.filter(
      (r) =>
        !open.has(r.tableName.toLowerCase()) && (r.storage === 'in-place' || !present.has(r.tableName.toLowerCase())),
    );
  });

  constructor(
    private readonly state: SessionState,
    private readonly engines: EngineRegistry,
    private readonly store: RememberedStore,
  ) {
    engines.onRestore((e) => this.registerAgain(e));
  }

  /** Gives the registry the browser's disk; without it, files too big for memory are read in place or refused. */
  useDiskSpace(disk: DiskSpace): void {
    this.disk = disk;
  }

  /** Stops the load of `fileName` (a file or folder), if one is in progress. */
  cancelLoad(fileName: string): void {
    this.loads.get(fileName)?.abort();
  }

  /**
   * Opens `fileName` again with its rows in `storage`: the user's choice, over the notebook's own.
   * `tableName` tells two open files of one name apart.
   */
  async moveTo(fileName: string, storage: Storage, tableName?: string): Promise<void> {
    const f = this.opened.value.find(
      (o) => o.file.name === fileName && !o.folder && (tableName === undefined || o.registered.tableName === tableName),
    );
    if (!f) return;
    await this.open([f.file], [f.handle], storage);
  }

  versionOf(tableName: string): number {
    return this.versions.value.get(tableName.toLowerCase()) ?? 0;
  }

  /**
   * Opens each file independently: one bad file never stops the others. `handles[i]`, where the
   * browser gave one, is remembered so a later visit can reopen the file with one click.
   */
  async open(
    files: readonly File[],
    handles: readonly (FileHandle | undefined)[] = [],
    storage?: Storage,
  ): Promise<RegisteredFile[]> {
    const done: RegisteredFile[] = [];
    for (const [i, file] of files.entries()) {
      try {
        const wanted = storage ?? matchInput(this.remembered.value, file)?.storage;
        const { registered, note } = await this.openOne(file, wanted, handles[i]);
        void this.remember(file, registered, handles[i]);
        done.push(registered);
        const where = registered.engine === 'sqlite' ? 'SQLite' : 'DuckDB';
        const what = registered.kind === 'sqlite' || registered.kind === 'duckdb' ? 'database' : 'table';
        this.state.toast('info', `Opened ${file.name} as ${what} "${registered.tableName}" in ${where}.${note}`);
        for (const w of registered.warnings) this.state.toast('warning', w);
      } catch (err) {
        this.loadFailed(file.name, err);
      }
    }
    return done;
  }

  /**
   * Where a DuckDB file's rows go: memory when they fit, else disk (DuckDB moves onto the
   * notebook's OPFS database), else read in place. Says so before a load that will not fit.
   */
  private async place(file: File, kind: FileKind, e: Engine, wanted?: Storage): Promise<Placement> {
    if (e.id !== 'duckdb' || kind === 'duckdb') return 'table';
    const onDisk = e.info()?.database.path != null;
    let storage = wanted;
    if (storage === undefined || (storage === 'memory' && onDisk)) {
      const memory = await e.memory().catch(() => null);
      const choice = choosePlacement(kind, file.size, {
        memoryLimit: memory?.limitBytes ?? null,
        memoryUsed: memory?.usedBytes ?? 0,
        diskFree: (await this.disk?.free().catch(() => null)) ?? null,
        onDisk,
      });
      if (!choice.ok)
        throw new NotebookError({
          code: 'file',
          file: file.name,
          message: `${file.name} (${formatBytes(file.size)}) cannot be opened: ${choice.why}`,
          hint: 'Free memory by dropping tables, give this site more storage, or convert the file to CSV.',
        });
      storage = choice.storage;
      if (!choice.fits) this.state.toast('info', `${file.name} (${formatBytes(file.size)}): ${choice.why}.`);
    }
    if (storage === 'disk' && !onDisk) {
      const why = `To hold ${file.name}, DuckDB now keeps this notebook’s tables on disk in the browser (OPFS), where they stay between visits. Tables made by cells before are not in it: run those cells again.`;
      if (!this.disk || !(await this.disk.useDisk(why))) {
        if (kind !== 'csv' && kind !== 'tsv')
          throw new NotebookError({
            code: 'file',
            file: file.name,
            message: `${file.name} needs disk space, and this browser gives none to this page.`,
          });
        this.state.toast('warning', `${file.name}: the browser gives no disk space, so it is read in place.`);
        storage = 'in-place';
      }
    }
    return storage === 'in-place' ? 'view' : 'table';
  }

  private async openOne(
    file: File,
    wanted?: Storage,
    handle?: FileHandle,
  ): Promise<{ registered: RegisteredFile; note: string }> {
    const { head, tail } = await readEnds(file);
    const kind = detectFileKind(file.name, head, tail, file.size);
    const engineId = engineForKind(kind);
    const { tableName, existing, note } = await this.naming.forFile(file, engineId, handle);
    const placement = await this.place(file, kind, await this.engines.get(engineId), wanted);
    // Moving onto disk restarted DuckDB: the engine is asked for again.
    const e = await this.engines.get(engineId);
    const registered = await this.loading(file.name, file.size, (onProgress, signal) =>
      e.registerFile(file, kind, tableName, { onProgress, placement, signal }),
    );
    this.add({ file, kind, registered, ...(handle ? { handle } : {}) }, existing);
    await this.engines.refreshTables(engineId);
    return { registered, note };
  }

  /** How many cells with a result read table `name` (their results become stale when it is replaced). */
  private cellsReading(name: string): number {
    const lower = name.toLowerCase();
    const runs = this.state.runs.value;
    return Object.values(this.state.notebook.value.cells).filter(
      (c) =>
        c.kind === 'sql' &&
        runs.get(c.id)?.status === 'done' &&
        tableReferences(c.source, c.engine).some((r) => (r.schema ?? r.name).toLowerCase() === lower),
    ).length;
  }

  /**
   * Opens the files of one folder (monthly CSVs, a Hive-partitioned Parquet folder) as one table
   * named after the folder. Every file must be of one kind; hidden files and markers such as
   * `_SUCCESS` are left out. Says what went wrong, naming the folder, and returns null then.
   */
  async openFolder(name: string, entries: readonly FolderEntry[]): Promise<RegisteredFile | null> {
    try {
      const data = entries.filter(
        (e) => !e.path.split('/').some((part) => part.startsWith('.') || part.startsWith('_')),
      );
      if (data.length === 0)
        throw new NotebookError({ code: 'file', file: name, message: `${name}: the folder has no data files.` });
      const kinds = new Map<FileKind, string>();
      for (const e of data) {
        const { head, tail } = await readEnds(e.file);
        const kind = detectFileKind(e.file.name, head, tail, e.file.size);
        if (!kinds.has(kind)) kinds.set(kind, e.path);
      }
      if (kinds.size > 1) {
        const list = [...kinds].map(([k, p]) => `${k} (${p})`).join(', ');
        throw new NotebookError({
          code: 'file',
          file: name,
          message: `${name}: the folder holds files of different kinds: ${list}. A folder opens as one table only when all its files are of one kind.`,
          hint: 'Open the files one by one, or a folder that holds one kind.',
        });
      }
      const kind = [...kinds.keys()][0] as FileKind;
      const engineId = engineForKind(kind);
      const { existing, tableName, note } = await this.naming.forFolder(name, data, engineId);
      const e = await this.engines.get(engineId);
      const total = data.reduce((n, x) => n + x.file.size, 0);
      const registered = await this.loading(name, total, (onProgress, signal) =>
        e.registerFolder(name, data, kind, tableName, { onProgress, signal }),
      );
      this.add({ file: (data[0] as FolderEntry).file, folder: { name, entries: data }, kind, registered }, existing);
      await this.engines.refreshTables(engineId);
      this.state.toast('info', `Opened the folder ${name} (${data.length} files) as table "${tableName}".${note}`);
      for (const w of registered.warnings) this.state.toast('warning', w);
      return registered;
    } catch (err) {
      this.loadFailed(name, err);
      return null;
    }
  }

  /** Says why `name` did not open, naming it; a cancelled load is said plainly, not as an error. */
  private loadFailed(name: string, err: unknown): void {
    const e = toNotebookError(err, { code: 'file', file: name });
    if (e.code === 'cancelled') return this.state.toast('info', e.message);
    const text = e.message.includes(name) ? e.message : `${name}: ${e.message}`;
    this.state.toast('error', e.hint ? `${text} ${e.hint}` : text);
  }

  /** Runs a load of `name` with its progress in the sidebar and a Cancel that aborts `signal`. */
  private async loading<T>(
    name: string,
    total: number,
    load: (onProgress: (bytesRead: number) => void, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    this.loads.get(name)?.abort();
    const stop = new AbortController();
    this.loads.set(name, stop);
    setEntry(this.state.ingests, name, { fileName: name, bytesRead: 0, total });
    const onProgress = (bytesRead: number) =>
      stop.signal.aborted || setEntry(this.state.ingests, name, { fileName: name, bytesRead, total });
    try {
      const done = await load(onProgress, stop.signal);
      // An engine that finished before it noticed the Cancel still loaded the file: that stands.
      return done;
    } catch (err) {
      if (stop.signal.aborted)
        throw new NotebookError({ code: 'cancelled', file: name, message: `Loading ${name} was cancelled.` });
      throw err instanceof NotebookError ? err : toNotebookError(err, { code: 'file', file: name });
    } finally {
      if (this.loads.get(name) === stop) {
        this.loads.delete(name);
        setEntry(this.state.ingests, name, null);
      }
    }
  }

  /** Records `open` (replacing `existing` and any other entry of its table) and bumps its table's version. */
  private add(open: OpenFile, existing?: OpenFile): void {
    const tableName = open.registered.tableName.toLowerCase();
    this.opened.value = [
      ...this.opened.value.filter((f) => f !== existing && f.registered.tableName.toLowerCase() !== tableName),
      open,
    ];
    this.versions.value = new Map(this.versions.value).set(tableName, this.versionOf(tableName) + 1);
  }

  /** Registers every open file of `e`'s kind with it again, after a restart. */
  private async registerAgain(e: Engine): Promise<number> {
    const mine = this.opened.value.filter((f) => f.registered.engine === e.id);
    const epoch = e.epoch;
    for (const f of mine) {
      // Restarted again meanwhile: the next restore registers them.
      if (e.epoch !== epoch) break;
      const { tableName, placement } = f.registered;
      await (
        f.folder
          ? e.registerFolder(f.folder.name, f.folder.entries, f.kind, tableName, { placement })
          : e.registerFile(f.file, f.kind, tableName, { placement })
      ).catch((err: unknown) =>
        this.state.toast('warning', `${f.file.name} could not be registered again: ${toNotebookError(err).message}`),
      );
    }
    return mine.length;
  }

  /** Loads what notebook `id` remembers, when it is shown. */
  async loadRemembered(id: NotebookId): Promise<void> {
    this.rememberedFor = id;
    this.remembered.value = [];
    const list = await this.store.list(id).catch(() => []);
    if (this.rememberedFor === id) this.remembered.value = list;
  }

  private async remember(file: File, registered: RegisteredFile, handle?: FileHandle): Promise<void> {
    const id = this.rememberedFor;
    if (id === null) return;
    const input: RememberedInput = {
      fileName: file.name,
      size: file.size,
      lastModified: file.lastModified,
      tableName: registered.tableName,
      ...(registered.placement === 'view' ? { storage: 'in-place' as const } : {}),
      ...(handle ? { handle } : {}),
    };
    this.remembered.value = [...this.remembered.value.filter((r) => r.tableName !== input.tableName), input];
    await this.store.remember(id, input).catch(() => undefined);
  }

  /** Opens a remembered file from its handle, asking for permission first; says so when it cannot. */
  async reopen(input: RememberedInput): Promise<void> {
    if (!input.handle) return;
    try {
      if (!(await this.store.mayRead(input.handle)))
        return this.state.toast('warning', `Permission to read ${input.fileName} was not given.`);
      await this.open([await input.handle.getFile()], [input.handle]);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.state.toast(
        'error',
        `${input.fileName} could not be opened again (${reason}). It may have been moved or deleted: open it with Open files.`,
      );
    }
  }

  /** The missing file whose table `cell` reads, if any (a cell's own name wins over a file's table). */
  private missingFileRead(cell: Cell): RememberedInput | undefined {
    const missing = this.missing.value;
    if (missing.length === 0) return undefined;
    const cellNames = new Set(Object.values(this.state.notebook.value.cells).map((c) => c.name.toLowerCase()));
    for (const ref of tableReferences(cell.source, cell.engine)) {
      const name = (ref.schema ?? ref.name).toLowerCase();
      const file = cellNames.has(name) ? undefined : missing.find((m) => m.tableName.toLowerCase() === name);
      if (file) return file;
    }
    return undefined;
  }

  /** Refuses to run a cell that reads the table of a file that is not open, naming the file. */
  async checkPresent(cell: Cell): Promise<void> {
    if (!this.missingFileRead(cell)) return;
    // The catalog may lag a start (a kept database can hold the table): read it before refusing.
    await this.engines.refreshTables(cell.engine);
    const file = this.missingFileRead(cell);
    if (!file) return;
    throw new NotebookError({
      code: 'missing-input',
      message: `This cell reads ${file.tableName}, from the file ${file.fileName} (${formatBytes(file.size)}), which is not open.`,
      hint: 'Open it again: sidebar → Files this notebook needs.',
    });
  }
}
