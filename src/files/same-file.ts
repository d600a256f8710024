/**
 * Whether a file being opened is the same file as one open already. Two different files can share
 * a name (`d1/same.csv`, `d2/same.csv`); opening the second must not silently replace the first's
 * table, while opening the same file again (after it changed, or to reload it) keeps its name.
 */

/** What the browser tells about a file: a handle where the File System Access API gave one. */
export interface FileFacts {
  readonly file: File;
  /** Its path inside a chosen folder, when known (`webkitRelativePath`). */
  readonly path?: string;
  readonly handle?: SameEntryHandle;
}

/** The part of a FileSystemFileHandle this needs. */
export interface SameEntryHandle {
  isSameEntry(other: SameEntryHandle): Promise<boolean>;
}

/** The path of a file inside the folder it was chosen from, when the browser gives one. */
export function pathOf(file: File): string | undefined {
  return file.webkitRelativePath || undefined;
}

/**
 * Same without handles: same name, size and modification time, and the same path inside its
 * folder when both paths are known. A file edited since has another time, so it counts as another
 * file, and the user is asked.
 */
export function sameByFacts(a: FileFacts, b: FileFacts): boolean {
  if (a.file === b.file) return true;
  if (a.path !== undefined && b.path !== undefined && a.path !== b.path) return false;
  return a.file.name === b.file.name && a.file.size === b.file.size && a.file.lastModified === b.file.lastModified;
}

/** Same by the browser's own answer when both have handles (`isSameEntry`), else by {@link sameByFacts}. */
export async function isSameFile(a: FileFacts, b: FileFacts): Promise<boolean> {
  if (a.file === b.file) return true;
  if (a.handle && b.handle) {
    try {
      return await a.handle.isSameEntry(b.handle);
    } catch {
      // A handle whose file is gone cannot answer; what the files say still can.
    }
  }
  return sameByFacts(a, b);
}

/** The files of a folder as opened: each with its path inside it. */
export interface FolderFacts {
  readonly entries: readonly { readonly file: File; readonly path: string }[];
}

/** The same folder: the same paths, each the same file by {@link sameByFacts}. A file added or changed makes another folder. */
export function sameFolder(a: FolderFacts, b: FolderFacts): boolean {
  if (a.entries.length !== b.entries.length) return false;
  const byPath = new Map(b.entries.map((e) => [e.path, e.file]));
  return a.entries.every((e) => {
    const other = byPath.get(e.path);
    return other !== undefined && sameByFacts({ file: e.file, path: e.path }, { file: other, path: e.path });
  });
}
