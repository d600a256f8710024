/**
 * What the open notebook may reach beyond the user's files, for the UI: the grant the user gave
 * (kept in the library entry, in this browser only), what the notebook asks for and has not been
 * given, and the operations that change the grant. Every change restarts DuckDB with the new
 * access (engine-registry.ts), since DuckDB cannot widen or narrow it while it runs.
 */
import { computed, signal } from '@preact/signals';
import {
  EXTENSIONS_ORIGIN,
  NO_NETWORK,
  hostLabel,
  isAllowedUrl,
  isEmpty,
  missing,
  normalize,
  parseHost,
  union,
  type NetworkAccess,
} from '../notebook/network';
import { setNetworkRequest } from '../notebook/operations';
import { NotebookError } from '../sql/errors';
import type { EngineRegistry } from './engine-registry';
import type { Library } from './library';
import type { SessionState } from './session-state';
import type { NotebookId } from '../storage/library-records';

/** Images larger than this are not fetched for a Markdown cell. */
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** The image type its first bytes say, for raster types only: an SVG or anything else is not shown. */
function rasterType(b: Uint8Array): string | null {
  const starts = (...xs: number[]) => xs.every((x, i) => b[i] === x);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50)
    return 'image/webp';
  return null;
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

export class NetworkSettings {
  constructor(
    private readonly state: SessionState,
    private readonly engines: EngineRegistry,
    private readonly library: Library,
  ) {}

  /** What the user allowed the open notebook. */
  readonly allowedNetwork = computed<NetworkAccess>(() => {
    const id = this.library.currentNotebookId.value;
    return this.library.library.value.find((e) => e.id === id)?.network ?? NO_NETWORK;
  });

  /** What the open notebook asks for that the user has not allowed. */
  readonly pendingRequest = computed<NetworkAccess>(() =>
    missing(this.state.notebook.value.network, this.allowedNetwork.value),
  );

  /** True for an image URL on a host the user allowed the open notebook (Markdown shows it, fetched by DuckDB). */
  readonly remoteImagePolicy = computed<(src: string) => boolean>(() => {
    const allowed = this.allowedNetwork.value;
    return (src) => isAllowedUrl(src, allowed);
  });

  /**
   * An image from a host the user allowed the open notebook, fetched by DuckDB (the one part of the
   * app that may reach that host: the page itself may not), as a Blob the page shows by a blob: URL.
   */
  async fetchAllowedImage(url: string): Promise<Blob> {
    if (!isAllowedUrl(url, this.allowedNetwork.value))
      throw new NotebookError({ code: 'network', message: `${url} is not on a host this notebook may reach.` });
    const e = await this.engines.get('duckdb');
    const t = await e.read({ sql: 'SELECT size, content FROM read_blob(?)', params: [url] });
    const size = Number(t.getChildAt(0)?.get(0) ?? 0);
    if (size > MAX_IMAGE_BYTES)
      throw new NotebookError({
        code: 'network',
        message: `the image is ${Math.round(size / 1e6)} MB, over the 20 MB shown`,
      });
    const bytes = t.getChildAt(1)?.get(0) as Uint8Array | null | undefined;
    const type = bytes ? rasterType(bytes) : null;
    if (!bytes || !type)
      throw new NotebookError({ code: 'network', message: 'it is not a PNG, JPEG, GIF or WebP image' });
    return new Blob([bytes as BlobPart], { type });
  }

  /** Notebooks whose request the user put off for now (this page only). */
  private readonly putOff = signal<ReadonlySet<NotebookId>>(new Set());

  readonly showRequest = computed(() => {
    const id = this.library.currentNotebookId.value;
    return id !== null && !isEmpty(this.pendingRequest.value) && !this.putOff.value.has(id);
  });

  putOffRequest(): void {
    const id = this.library.currentNotebookId.value;
    if (id !== null) this.putOff.value = new Set([...this.putOff.value, id]);
  }

  /**
   * Grants the open notebook `grant` (replacing what it had), records it in the notebook's own
   * request too (so whoever it is shared with is asked for the same), and restarts DuckDB with it.
   */
  private async setGrant(grant: NetworkAccess, request: NetworkAccess): Promise<void> {
    const id = this.library.currentNotebookId.value;
    if (id === null) return;
    const next = normalize(grant);
    await this.library.updateEntry(id, { network: isEmpty(next) ? undefined : next }, true);
    this.state.notebook.value = setNetworkRequest(this.state.notebook.value, request);
    const announce = isEmpty(next)
      ? 'DuckDB restarted with no network access: it reads only the files you open. Opened files were registered again.'
      : `DuckDB restarted and may now ${describeAccess(next)}, for this notebook only. Opened files were registered again.`;
    await this.engines.useDuckdbSetup(this.library.duckdbSetupOf(id), announce);
  }

  /** Allows everything the open notebook asks for. */
  allowRequest(): Promise<void> {
    const request = this.state.notebook.value.network ?? NO_NETWORK;
    return this.setGrant(union(this.allowedNetwork.value, request), request);
  }

  /** Allows one more host for the open notebook; returns why not when `input` is not a host that can be allowed. */
  async allowHost(input: string): Promise<string | null> {
    const parsed = parseHost(input);
    if (!parsed.ok) return parsed.problem;
    const add: NetworkAccess = { hosts: [parsed.value], extensions: [] };
    await this.setGrant(
      union(this.allowedNetwork.value, add),
      union(this.state.notebook.value.network ?? NO_NETWORK, add),
    );
    return null;
  }

  removeHost(origin: string): Promise<void> {
    const without = (a: NetworkAccess): NetworkAccess => ({ ...a, hosts: a.hosts.filter((h) => h !== origin) });
    return this.setGrant(without(this.allowedNetwork.value), without(this.state.notebook.value.network ?? NO_NETWORK));
  }

  /** The DuckDB extensions the open notebook loads from DuckDB's extension host; none turns the choice off. */
  setExtensions(names: readonly string[]): Promise<void> {
    const clean = [
      ...new Set(names.map((n) => n.trim().toLowerCase()).filter((n) => /^[a-z][a-z0-9_]{0,39}$/.test(n))),
    ];
    const withNames = (a: NetworkAccess): NetworkAccess => ({ ...a, extensions: clean });
    return this.setGrant(
      withNames(this.allowedNetwork.value),
      withNames(this.state.notebook.value.network ?? NO_NETWORK),
    );
  }
}
