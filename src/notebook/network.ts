/**
 * What a notebook may reach beyond the user's own files: remote hosts to read data from, and
 * DuckDB extensions fetched from DuckDB's extension host. Off unless the user turns it on, per
 * notebook.
 *
 * The same shape serves two purposes that must not be confused:
 * - a notebook's *request*, saved in the document (file, share link): what it asks for;
 * - the user's *grant*, kept in this browser only (the library entry): what it may do.
 * A notebook from a file or a link never grants itself anything; the user sees the request and decides.
 */
import * as v from 'valibot';
import { describeIssue, isPlainObject, type Checked } from './checked';

export interface NetworkAccess {
  /** Origins DuckDB may read from, e.g. `https://data.example.org`. */
  readonly hosts: readonly string[];
  /** DuckDB extensions loaded when DuckDB starts, from {@link EXTENSIONS_ORIGIN}. */
  readonly extensions: readonly string[];
}

export const NO_NETWORK: NetworkAccess = { hosts: [], extensions: [] };

/** Where DuckDB-Wasm fetches its extensions from. */
export const EXTENSIONS_ORIGIN = 'https://extensions.duckdb.org';

const MAX_HOSTS = 32;
const EXTENSION_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A host as a person types it (`data.example.org`, `https://data.example.org/files/x.csv`,
 * `http://localhost:8080`) as the origin that is allowed. Only https, except for this machine's
 * own loopback, which may be plain http. No user names, passwords or wildcards.
 */
export function parseHost(input: string): Checked<string> {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'type a host name, such as data.example.org' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, problem: `"${text}" is not a host name or a web address` };
  }
  if (url.username || url.password)
    return { ok: false, problem: 'a web address with a user name or password cannot be allowed' };
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return {
      ok: false,
      problem: `only https:// addresses can be allowed (plain http only for localhost), not ${url.protocol}//`,
    };
  }
  if (!loopback && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(url.hostname)) {
    return { ok: false, problem: `"${url.hostname}" is not a full host name, such as data.example.org` };
  }
  return { ok: true, value: url.origin };
}

const HostSchema = v.pipe(
  v.string(),
  v.check((h) => {
    const parsed = parseHost(h);
    return parsed.ok && parsed.value === h;
  }, 'a plain origin such as https://data.example.org'),
);

const NetworkAccessSchema = v.strictObject({
  hosts: v.pipe(v.array(HostSchema), v.maxLength(MAX_HOSTS)),
  extensions: v.pipe(
    v.array(v.pipe(v.string(), v.regex(EXTENSION_NAME, 'an extension name such as parquet'))),
    v.maxLength(MAX_HOSTS),
  ),
});

/** Checks untrusted network settings (from a file, a link or storage). */
export function checkNetworkAccess(input: unknown): Checked<NetworkAccess> {
  if (!isPlainObject(input)) return { ok: false, problem: 'the settings are not a JSON object' };
  const result = v.safeParse(NetworkAccessSchema, input, { abortPipeEarly: true });
  if (!result.success) return { ok: false, problem: describeIssue(result.issues[0]) };
  return { ok: true, value: normalize(result.output) };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}

export function normalize(a: NetworkAccess): NetworkAccess {
  return { hosts: unique(a.hosts), extensions: unique(a.extensions) };
}

export function isEmpty(a: NetworkAccess | undefined): boolean {
  return !a || (a.hosts.length === 0 && a.extensions.length === 0);
}

export function sameAccess(a: NetworkAccess, b: NetworkAccess): boolean {
  const x = normalize(a);
  const y = normalize(b);
  return x.hosts.join(' ') === y.hosts.join(' ') && x.extensions.join(' ') === y.extensions.join(' ');
}

export function union(a: NetworkAccess, b: NetworkAccess): NetworkAccess {
  return normalize({ hosts: [...a.hosts, ...b.hosts], extensions: [...a.extensions, ...b.extensions] });
}

/** What `request` asks for that `grant` does not give; empty when nothing is missing. */
export function missing(request: NetworkAccess | undefined, grant: NetworkAccess): NetworkAccess {
  if (!request) return NO_NETWORK;
  return {
    hosts: request.hosts.filter((h) => !grant.hosts.includes(h)),
    extensions: request.extensions.filter((x) => !grant.extensions.includes(x)),
  };
}

/** Every origin a DuckDB worker with this access may connect to. */
export function connectOrigins(a: NetworkAccess): string[] {
  return unique([...a.hosts, ...(a.extensions.length > 0 ? [EXTENSIONS_ORIGIN] : [])]);
}

/** True when `url` is on one of the allowed hosts. */
export function isAllowedUrl(url: string, a: NetworkAccess): boolean {
  try {
    return a.hosts.includes(new URL(url).origin);
  } catch {
    return false;
  }
}

/** A host for people: the origin without https://. */
export function hostLabel(origin: string): string {
  return origin.replace(/^https:\/\//, '');
}
