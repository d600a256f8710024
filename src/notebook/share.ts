/**
 * Share links: the notebook's text (never its data) in the URL fragment,
 * deflate-compressed and base64url-encoded. The fragment never reaches a
 * server. A checksum of the text catches links cut short or mangled on the way.
 *
 * Fragment: `#notebook=1.<fnv-1a of the text, base36>.<base64url of deflate-raw(text)>`.
 */
import type { Notebook } from './cells';
import { NotebookError } from '../sql/errors';
import { parseNotebook, serializeNotebook } from './format';

const PREFIX = 'notebook=';
const LINK_VERSION = '1';
/** Links longer than this break in mail clients, chat apps and some browsers (duckdb-wasm #2079). */
export const MAX_LINK_LENGTH = 8000;

export type ShareLink =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly length: number; readonly error: NotebookError };

export async function shareLink(nb: Notebook, base: string): Promise<ShareLink> {
  const bytes = new TextEncoder().encode(serializeNotebook(nb));
  // The checksum covers the text as the link carries it: UTF-8 has no lone surrogates (a paste
  // can bring one into a cell), and TextEncoder wrote U+FFFD for them.
  const text = new TextDecoder().decode(bytes);
  const packed = toBase64Url(await transform(bytes, new CompressionStream('deflate-raw')));
  const url = `${base.replace(/#.*$/, '')}#${PREFIX}${LINK_VERSION}.${checksum(text)}.${packed}`;
  if (url.length <= MAX_LINK_LENGTH) return { ok: true, url };
  const error = new NotebookError({
    code: 'file',
    message: `This notebook is too large for a link: ${Math.ceil(url.length / 1000)} kB compressed, and links over ${MAX_LINK_LENGTH / 1000} kB break in many apps.`,
    hint: 'Download the notebook file and share that instead.',
  });
  return { ok: false, length: url.length, error };
}

/** True when the URL fragment holds a shared notebook. */
export function isShareFragment(hash: string): boolean {
  return hash.replace(/^#/, '').startsWith(PREFIX);
}

const BROKEN_HINT =
  'Ask for the link again, or for the notebook file; a link copied in part, or wrapped across lines, loses its end.';

/** The notebook in a share fragment, or a NotebookError saying why it cannot be read. */
export async function readShareFragment(hash: string): Promise<Notebook> {
  const body = hash.replace(/^#/, '').slice(PREFIX.length);
  const m = /^(\d+)\.([0-9a-z]+)\.([A-Za-z0-9_-]*)$/.exec(body);
  if (!m)
    throw new NotebookError({
      code: 'file',
      message: 'This share link is damaged: it is not in the form the app writes.',
      hint: BROKEN_HINT,
    });
  const [, version, sum, packed] = m as unknown as [string, string, string, string];
  if (version !== LINK_VERSION) {
    throw new NotebookError({
      code: 'file',
      message: `This share link was made by a newer version of the app (link version ${version}).`,
      hint: 'Reload the page to update, then open the link again.',
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      await transform(fromBase64Url(packed), new DecompressionStream('deflate-raw')),
    );
  } catch (err) {
    throw new NotebookError(
      {
        code: 'file',
        message: 'This share link is damaged or cut short: its notebook cannot be unpacked.',
        hint: BROKEN_HINT,
      },
      { cause: err },
    );
  }
  if (checksum(text) !== sum)
    throw new NotebookError({
      code: 'file',
      message: 'This share link is damaged: its notebook does not match its checksum.',
      hint: BROKEN_HINT,
    });
  return parseNotebook(text).notebook;
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** FNV-1a over the UTF-16 code units: small, and enough to catch a damaged link. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
