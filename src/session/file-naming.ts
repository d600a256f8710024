/**
 * The table name a file or folder being opened gets. The same file as one open keeps that
 * file's table; a different file whose name maps to a taken table never replaces it silently:
 * the user is asked (NameConflicts), or it gets a new name. See docs/architecture.md, Files.
 */
import type { EngineId } from '../notebook/cells';
import { NotebookError } from '../sql/errors';
import type { FileKind, FolderEntry, RegisteredFile } from '../engines/engine';
import { assertNever } from '../engines/protocol';
import { tableNameForFile } from '../files/names';
import { isSameFile, pathOf, sameFolder, type FileFacts } from '../files/same-file';
import { matchInput, type FileHandle, type RememberedInput } from '../storage/file-handles';
import { NameConflicts } from './name-conflicts';

/** A file open now, or a folder opened as one table. */
export interface OpenFile {
  /** The file; for a folder, its first file. */
  readonly file: File;
  /** A folder's name and its files, when this is a folder. */
  readonly folder?: { readonly name: string; readonly entries: readonly FolderEntry[] };
  readonly kind: FileKind;
  readonly registered: RegisteredFile;
  /** Its handle, where the browser gave one: it tells whether a file opened later is this one. */
  readonly handle?: FileHandle;
}

/** The table name a file being opened gets, the open file it replaces, and what the toast adds. */
export interface Naming {
  readonly tableName: string;
  readonly existing?: OpenFile;
  readonly note: string;
}

/** A path and a handle, only where known (exactOptionalPropertyTypes). */
function optionalFacts(path: string | undefined, handle: FileHandle | undefined): Omit<FileFacts, 'file'> {
  return { ...(path !== undefined ? { path } : {}), ...(handle ? { handle } : {}) };
}

/** What naming reads from the registry, now. */
export interface NamingSources {
  opened(): readonly OpenFile[];
  /** Table and schema names in use in both engines. */
  taken(): Set<string>;
  remembered(): readonly RememberedInput[];
  /** How many cells with a result read table `name`. */
  readers(name: string): number;
}

export class FileNaming {
  /** A second file with the name of an open one: replace its table, or a new name. */
  readonly conflicts = new NameConflicts();

  constructor(private readonly from: NamingSources) {}

  /**
   * The table name for `file`. The same file as one open (by handle, or by name, size, time and
   * path) keeps that file's table; a different file of the same name never replaces it silently:
   * the user chooses, or it gets a new name (see NameConflicts).
   */
  async forFile(file: File, engineId: EngineId, handle?: FileHandle): Promise<Naming> {
    const facts: FileFacts = { file, ...optionalFacts(pathOf(file), handle) };
    const namesakes = this.from
      .opened()
      .filter((f) => !f.folder && f.file.name === file.name && f.registered.engine === engineId);
    const taken = this.from.taken();
    for (const f of namesakes)
      if (await isSameFile({ file: f.file, ...optionalFacts(pathOf(f.file), f.handle) }, facts))
        return { tableName: f.registered.tableName, existing: f, note: '' };
    // A file the notebook remembers (same name and size) gets the table name its cells use.
    const before = matchInput(this.from.remembered(), file)?.tableName;
    if (before && !taken.has(before)) return { tableName: before, note: '' };
    const other = namesakes[0];
    if (!other) return { tableName: tableNameForFile(file.name, taken), note: '' };
    return this.askAbout(file.name, 'file', other, [file], taken);
  }

  /** As nameFor, for a folder: the same folder (the same files at the same paths) keeps its table. */
  async forFolder(name: string, data: readonly FolderEntry[], engineId: EngineId): Promise<Naming> {
    const namesakes = this.from.opened().filter((f) => f.folder?.name === name && f.registered.engine === engineId);
    const same = namesakes.find((f) => f.folder && sameFolder(f.folder, { entries: data }));
    if (same) return { tableName: same.registered.tableName, existing: same, note: '' };
    const taken = this.from.taken();
    const other = namesakes[0];
    if (!other) return { tableName: tableNameForFile(name, taken), note: '' };
    return this.askAbout(
      name,
      'folder',
      other,
      data.map((e) => e.file),
      taken,
    );
  }

  /** Asks whether `incoming` replaces the table of `other`, a different file or folder named `name`. */
  private async askAbout(
    name: string,
    what: 'file' | 'folder',
    other: OpenFile,
    incoming: readonly File[],
    taken: ReadonlySet<string>,
  ): Promise<Naming> {
    const newName = tableNameForFile(name, taken);
    const old = other.registered.tableName;
    const facts = (files: readonly File[]) => ({
      size: files.reduce((n, f) => n + f.size, 0),
      lastModified: Math.max(0, ...files.map((f) => f.lastModified)),
    });
    const choice = await this.conflicts.ask({
      fileName: name,
      what,
      tableName: old,
      newName,
      open: facts(other.folder ? other.folder.entries.map((e) => e.file) : [other.file]),
      incoming: facts(incoming),
    });
    switch (choice) {
      case 'replace': {
        const stale = this.from.readers(old);
        const cells =
          stale === 0 ? '' : ` ${stale === 1 ? '1 cell reads' : `${stale} cells read`} it: run again to see its rows.`;
        return { tableName: old, existing: other, note: ` It replaced the other ${name}.${cells}` };
      }
      case 'rename':
        return { tableName: newName, note: ` Table "${old}" is another ${what} named ${name}, and is unchanged.` };
      case 'cancel':
        throw new NotebookError({
          code: 'cancelled',
          file: name,
          message: `${name} was not opened; table "${old}" is unchanged.`,
        });
      default:
        return assertNever(choice);
    }
  }
}
