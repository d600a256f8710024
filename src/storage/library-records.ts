/** The records the notebook library keeps, and their validation: what is read back may be damaged or from another version. */
import type { Notebook } from '../notebook/cells';
import type { FileLayout } from '../notebook/format';
import { parseStoredNotebook } from '../notebook/stored';
import { checkNetworkAccess, isEmpty, type NetworkAccess } from '../notebook/network';

export type NotebookId = string & { readonly __brand: 'NotebookId' };

export interface LibraryEntry {
  readonly id: NotebookId;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Set when deleted; the entry is kept until the next start so the delete can be undone. */
  readonly deletedAt?: number;
  /** The notebook file it was opened from or saved to, and that file's layout, so Save writes the same bytes. */
  readonly fileName?: string;
  readonly layout?: FileLayout;
  /** Tables created in DuckDB are kept in an OPFS database file for this notebook. */
  readonly persistent?: boolean;
  /**
   * The network access the user allowed this notebook, in this browser only. Never read from a
   * notebook file or link: those can only ask (Notebook.network).
   */
  readonly network?: NetworkAccess;
}

export interface StoredNotebook {
  readonly savedAt: number;
  readonly notebook: Notebook;
}

export function createNotebookId(): NotebookId {
  const rand = Math.floor(Math.random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `nb${Date.now().toString(36)}${rand}` as NotebookId;
}

function isLayout(x: unknown): x is FileLayout {
  const l = x as Partial<FileLayout> | null;
  return (
    typeof l === 'object' &&
    l !== null &&
    (l.eol === '\n' || l.eol === '\r\n') &&
    typeof l.bom === 'boolean' &&
    typeof l.finalEol === 'boolean'
  );
}

/** A stored grant that fails its check is dropped: the notebook then reaches nothing until allowed again. */
function grantOf(x: unknown): { network?: NetworkAccess } {
  if (x === undefined) return {};
  const checked = checkNetworkAccess(x);
  return checked.ok && !isEmpty(checked.value) ? { network: checked.value } : {};
}

function parseEntry(x: unknown): LibraryEntry | null {
  if (typeof x !== 'object' || x === null) return null;
  const r = x as Record<string, unknown>;
  if (typeof r.id !== 'string' || !/^nb[0-9a-z]+$/.test(r.id) || typeof r.title !== 'string') return null;
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return {
    id: r.id as NotebookId,
    title: r.title,
    createdAt: num(r.createdAt),
    updatedAt: num(r.updatedAt),
    ...(typeof r.deletedAt === 'number' ? { deletedAt: r.deletedAt } : {}),
    ...(typeof r.fileName === 'string' ? { fileName: r.fileName } : {}),
    ...(isLayout(r.layout) ? { layout: r.layout } : {}),
    ...(r.persistent === true ? { persistent: true } : {}),
    ...grantOf(r.network),
  };
}

/** The library's entries; damaged ones and repeated ids are dropped, never the whole list. */
export function parseIndex(raw: unknown): LibraryEntry[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: LibraryEntry[] = [];
  for (const x of raw) {
    const e = parseEntry(x);
    if (e && !seen.has(e.id)) {
      seen.add(e.id);
      out.push(e);
    }
  }
  return out;
}

export function parseStored(raw: unknown): StoredNotebook | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { savedAt?: unknown; notebook?: unknown };
  const notebook = parseStoredNotebook(r.notebook);
  return notebook && typeof r.savedAt === 'number' ? { savedAt: r.savedAt, notebook } : null;
}

/** The newer of two copies (the synchronous journal and IndexedDB); on a tie the journal, written first. */
export function newest(a: StoredNotebook | null, b: StoredNotebook | null): StoredNotebook | null {
  if (!a) return b;
  if (!b) return a;
  return b.savedAt > a.savedAt ? b : a;
}

/** Entries to show: not deleted, most recently changed first. */
export function visibleEntries(entries: readonly LibraryEntry[]): LibraryEntry[] {
  return entries.filter((e) => e.deletedAt === undefined).sort((a, b) => b.updatedAt - a.updatedAt);
}

/** A title not yet used in the library: "Untitled notebook", "Untitled notebook 2", … */
export function freeTitle(entries: readonly LibraryEntry[], base: string): string {
  const taken = new Set(visibleEntries(entries).map((e) => e.title.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  const stem = base.replace(/ \d+$/, '');
  for (let i = 2; ; i++) if (!taken.has(`${stem} ${i}`.toLowerCase())) return `${stem} ${i}`;
}
