/**
 * What the open notebook may reach beyond the user's files, for the UI: the grant the user gave
 * (kept in the library entry, in this browser only), what the notebook asks for and has not been
 * given, and the operations that change the grant. Every change restarts DuckDB with the new
 * access (engines.ts), since DuckDB cannot widen or narrow it while it runs.
 */
import { computed, signal } from '@preact/signals';
import {
  EXTENSIONS_ORIGIN,
  NO_NETWORK,
  hostLabel,
  isEmpty,
  missing,
  normalize,
  parseHost,
  union,
  type NetworkAccess,
} from '../notebook/network';
import { setNetworkRequest } from '../notebook/operations';
import { useDuckdbSetup } from './engines';
import { currentNotebookId, duckdbSetupOf, library, updateEntry } from './library';
import { notebook } from './state';
import type { NotebookId } from '../storage/library-records';

/** What the user allowed the open notebook. */
export const allowedNetwork = computed<NetworkAccess>(() => {
  const id = currentNotebookId.value;
  return library.value.find((e) => e.id === id)?.network ?? NO_NETWORK;
});

/** What the open notebook asks for that the user has not allowed. */
export const pendingRequest = computed<NetworkAccess>(() => missing(notebook.value.network, allowedNetwork.value));

/** Notebooks whose request the user put off for now (this page only). */
const putOff = signal<ReadonlySet<NotebookId>>(new Set());

export const showRequest = computed(() => {
  const id = currentNotebookId.value;
  return id !== null && !isEmpty(pendingRequest.value) && !putOff.value.has(id);
});

export function putOffRequest(): void {
  const id = currentNotebookId.value;
  if (id !== null) putOff.value = new Set([...putOff.value, id]);
}

/** The words for what `a` lets DuckDB reach, for notices. */
export function describeAccess(a: NetworkAccess): string {
  const parts: string[] = [];
  if (a.hosts.length > 0) parts.push(`read data from ${a.hosts.map(hostLabel).join(', ')}`);
  if (a.extensions.length > 0)
    parts.push(
      `load the DuckDB extension${a.extensions.length > 1 ? 's' : ''} ${a.extensions.join(', ')} from ${hostLabel(EXTENSIONS_ORIGIN)}`,
    );
  return parts.join(', and ');
}

/**
 * Grants the open notebook `grant` (replacing what it had), records it in the notebook's own
 * request too (so whoever it is shared with is asked for the same), and restarts DuckDB with it.
 */
async function setGrant(grant: NetworkAccess, request: NetworkAccess): Promise<void> {
  const id = currentNotebookId.value;
  if (id === null) return;
  const next = normalize(grant);
  await updateEntry(id, { network: isEmpty(next) ? undefined : next }, true);
  notebook.value = setNetworkRequest(notebook.value, request);
  const announce = isEmpty(next)
    ? 'DuckDB restarted with no network access: it reads only the files you open. Opened files were registered again.'
    : `DuckDB restarted and may now ${describeAccess(next)}, for this notebook only. Opened files were registered again.`;
  await useDuckdbSetup(duckdbSetupOf(id), announce);
}

/** Allows everything the open notebook asks for. */
export function allowRequest(): Promise<void> {
  const request = notebook.value.network ?? NO_NETWORK;
  return setGrant(union(allowedNetwork.value, request), request);
}

/** Allows one more host for the open notebook; returns why not when `input` is not a host that can be allowed. */
export async function allowHost(input: string): Promise<string | null> {
  const parsed = parseHost(input);
  if (!parsed.ok) return parsed.problem;
  const add: NetworkAccess = { hosts: [parsed.value], extensions: [] };
  await setGrant(union(allowedNetwork.value, add), union(notebook.value.network ?? NO_NETWORK, add));
  return null;
}

export function removeHost(origin: string): Promise<void> {
  const without = (a: NetworkAccess): NetworkAccess => ({ ...a, hosts: a.hosts.filter((h) => h !== origin) });
  return setGrant(without(allowedNetwork.value), without(notebook.value.network ?? NO_NETWORK));
}

/** The DuckDB extensions the open notebook loads from DuckDB's extension host; none turns the choice off. */
export function setExtensions(names: readonly string[]): Promise<void> {
  const clean = [...new Set(names.map((n) => n.trim().toLowerCase()).filter((n) => /^[a-z][a-z0-9_]{0,39}$/.test(n)))];
  const withNames = (a: NetworkAccess): NetworkAccess => ({ ...a, extensions: clean });
  return setGrant(withNames(allowedNetwork.value), withNames(notebook.value.network ?? NO_NETWORK));
}
