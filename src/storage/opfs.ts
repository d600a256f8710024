/**
 * The DuckDB database files kept in the origin private file system (OPFS),
 * one per notebook that keeps its tables. DuckDB-Wasm opens them itself
 * (`opfs://…` paths); this module only names, measures and deletes them.
 */
import type { NotebookId } from './library-records';

const PREFIX = 'sqlnb-';
/** A notebook database or its write-ahead log: the notebook id is the first group. */
const FILE_NAME = new RegExp(`^${PREFIX}(nb[0-9a-z]+)\\.duckdb(\\.wal)?$`);

/** The file name of a notebook's database in OPFS. */
export function databaseFileName(id: NotebookId): string {
  return `${PREFIX}${id}.duckdb`;
}

/** The path DuckDB-Wasm opens for a notebook's database. */
export function databasePath(id: NotebookId): string {
  return `opfs://${databaseFileName(id)}`;
}

function hasOpfs(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

async function root(): Promise<FileSystemDirectoryHandle | null> {
  if (!hasOpfs()) return null;
  try {
    return await navigator.storage.getDirectory();
  } catch {
    return null;
  }
}

export interface KeptDatabase {
  readonly id: NotebookId;
  /** Bytes, the write-ahead log included. */
  readonly size: number;
}

/** Every notebook database in OPFS, with its size. */
export async function keptDatabases(): Promise<KeptDatabase[]> {
  const dir = await root();
  if (!dir) return [];
  const sizes = new Map<string, number>();
  const entries = (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries();
  for await (const [name, handle] of entries) {
    const m = FILE_NAME.exec(name);
    if (!m?.[1] || handle.kind !== 'file') continue;
    const size = await (handle as FileSystemFileHandle).getFile().then(
      (f) => f.size,
      () => 0,
    );
    sizes.set(m[1], (sizes.get(m[1]) ?? 0) + size);
  }
  return [...sizes].map(([id, size]) => ({ id: id as NotebookId, size }));
}

/** Deletes a notebook's database (and its log). False when a tab still has it open. */
export async function deleteDatabase(id: NotebookId): Promise<boolean> {
  const dir = await root();
  if (!dir) return true;
  let ok = true;
  for (const name of [databaseFileName(id), `${databaseFileName(id)}.wal`]) {
    await dir.removeEntry(name).catch((err: unknown) => {
      if (!(err instanceof DOMException && err.name === 'NotFoundError')) ok = false;
    });
  }
  return ok;
}

/**
 * Asks the browser to keep this app's storage (notebooks, kept tables, remembered files) when the
 * disk runs low. Chromium answers from how the site is used, without a prompt. Null: no answer.
 */
export async function askToPersist(): Promise<boolean | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (typeof storage?.persist !== 'function') return null;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return null;
  }
}
