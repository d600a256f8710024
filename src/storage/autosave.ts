/**
 * The single-notebook autosave of earlier versions. The library
 * (library-store.ts) replaced it; it stays to move a saved notebook into the
 * library on the first start after an update.
 */
import { del, get, set } from 'idb-keyval';
import type { Notebook } from '../notebook/cells';
import { parseStoredNotebook } from '../notebook/stored';

const KEY = 'notebook:current';

interface Stored {
  readonly savedAt: number;
  readonly notebook: Notebook;
}

export async function loadNotebook(): Promise<Notebook | null> {
  const fromLocal = readLocal();
  let fromIdb: Stored | null;
  try {
    fromIdb = parseStored(await get(KEY));
  } catch {
    fromIdb = null;
  }
  const newest = [fromLocal, fromIdb].filter((s): s is Stored => s !== null).sort((a, b) => b.savedAt - a.savedAt)[0];
  return newest?.notebook ?? null;
}

function parseStored(raw: unknown): Stored | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { savedAt?: unknown; notebook?: unknown };
  const notebook = parseStoredNotebook(r.notebook);
  return notebook && typeof r.savedAt === 'number' ? { savedAt: r.savedAt, notebook } : null;
}

function readLocal(): Stored | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? parseStored(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

let pending: Stored | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

/** Saves now to localStorage and soon to IndexedDB. Returns a message when saving failed. */
export function saveNotebook(notebook: Notebook): string | null {
  const stored: Stored = { savedAt: Date.now(), notebook };
  pending = stored;
  timer ??= setTimeout(() => void flushToIdb(), 150);
  try {
    localStorage.setItem(KEY, JSON.stringify(stored));
    return null;
  } catch (err) {
    return `The notebook could not be saved to local storage (${err instanceof Error ? err.message : String(err)}); it is still being saved to IndexedDB.`;
  }
}

export function flushToIdb(): Promise<void> {
  timer = null;
  const s = pending;
  pending = null;
  return s ? set(KEY, s) : Promise.resolve();
}

/** Drops the single-notebook save of earlier versions once the library has taken it over. */
export async function forgetLegacyNotebook(): Promise<void> {
  timer = null;
  pending = null;
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
  await del(KEY);
}
