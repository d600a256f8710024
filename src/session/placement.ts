/**
 * Where a file's rows should live, chosen from its size against DuckDB's memory and the space the
 * browser grants on disk (OPFS). Pure, so the rule is tested on its own.
 *
 * Measured in DuckDB-Wasm 1.32 (docs/architecture.md, Data bigger than memory): a CSV copied into an
 * in-memory table takes about 2.3× its size in DuckDB's memory (50 MB → 112 MB), a Parquet file
 * about 6.6× (17 MB → 112 MB); on disk (an OPFS database, which DuckDB's buffer manager pages) the
 * same CSV takes about 0.3× its size, and loads with a 256 MB limit; a view reads the CSV again on
 * every query (about 150 MB/s here) and takes no room at all.
 */
import type { FileKind } from '../engines/engine';
import { FILE_KIND_LABELS } from '../files/kinds';
import { formatBytes } from '../values/format';

export type Storage = 'memory' | 'disk' | 'in-place';

/** The room a placement has, in bytes; null where the browser or engine does not say. */
export interface Room {
  /** DuckDB's memory limit, and what it uses now. */
  readonly memoryLimit: number | null;
  readonly memoryUsed: number;
  /** OPFS space the browser grants that is not used yet; null without OPFS. */
  readonly diskFree: number | null;
  /** The engine runs on a database in OPFS already (the notebook keeps its tables). */
  readonly onDisk: boolean;
}

/** Where a file goes and why; `fits` is false when it goes elsewhere than memory because memory is too small. */
export type Choice =
  | { readonly ok: true; readonly storage: Storage; readonly fits: boolean; readonly why: string }
  | { readonly ok: false; readonly why: string };

/** Bytes in DuckDB's memory per byte of file, copied in. */
const MEMORY_FACTOR: Partial<Record<FileKind, number>> = {
  csv: 2.3,
  tsv: 2.3,
  parquet: 6.6,
  json: 2,
  ndjson: 2,
  arrow: 1.2,
};
/** Bytes on disk per byte of file, copied into an OPFS database. */
const DISK_FACTOR: Partial<Record<FileKind, number>> = {
  csv: 0.5,
  tsv: 0.5,
  parquet: 1.5,
  json: 0.5,
  ndjson: 0.5,
  arrow: 1,
};
/** A copy may take this share of the memory still free: queries need the rest. */
const MEMORY_SHARE = 0.5;
/** And this share of the disk still free. */
const DISK_SHARE = 0.8;

export function estimatedMemory(kind: FileKind, size: number): number {
  return size * (MEMORY_FACTOR[kind] ?? 2);
}

const mb = formatBytes;

/** Where a file of `kind` and `size` bytes should live, or why it cannot be opened at all. */
export function choosePlacement(kind: FileKind, size: number, room: Room): Choice {
  // SQLite databases and attached DuckDB files are not copied into DuckDB's tables.
  if (kind === 'sqlite' || kind === 'duckdb')
    return { ok: true, storage: 'memory', fits: true, why: 'a database file' };
  const need = estimatedMemory(kind, size);
  const free = room.memoryLimit === null ? Infinity : Math.max(0, room.memoryLimit - room.memoryUsed);
  if (need <= free * MEMORY_SHARE)
    return {
      ok: true,
      storage: room.onDisk ? 'disk' : 'memory',
      fits: true,
      why: `it fits in memory (about ${mb(need)})`,
    };
  const onDiskNeed = size * (DISK_FACTOR[kind] ?? 1);
  const limit = room.memoryLimit === null ? 'its limit' : mb(room.memoryLimit);
  const tooBig = `it needs about ${mb(need)} in memory, and DuckDB has ${mb(free)} of ${limit} free`;
  if (room.diskFree !== null && onDiskNeed <= room.diskFree * DISK_SHARE)
    return { ok: true, storage: 'disk', fits: false, why: `${tooBig}: it is kept on disk in the browser (OPFS)` };
  if (kind === 'csv' || kind === 'tsv') {
    const disk =
      room.diskFree === null ? 'the browser gives no disk space' : `the browser grants ${mb(room.diskFree)} on disk`;
    return {
      ok: true,
      storage: 'in-place',
      fits: false,
      why: `${tooBig}, and ${disk}: it is read in place, on every query`,
    };
  }
  const disk =
    room.diskFree === null ? 'this browser gives no disk space (OPFS)' : `only ${mb(room.diskFree)} is free on disk`;
  return {
    ok: false,
    why: `${tooBig}, ${disk}, and a ${FILE_KIND_LABELS[kind]} file cannot be read in place here.`,
  };
}
