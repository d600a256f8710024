/**
 * What DuckDB may reach, enforced inside DuckDB itself (the page's Content-Security-Policy is the
 * second wall, security/csp.ts), and its refusals in words a person can act on.
 *
 * At start, after any extensions the user allowed are loaded, DuckDB gets
 * `allowed_directories` (the files the user opened, which are registered under {@link FILES_DIR},
 * and the origins the user allowed) and then `enable_external_access = false`. Measured in
 * DuckDB-Wasm 1.32 (DuckDB 1.4.3): after that, no SQL can undo either ("Cannot enable external
 * access while database is running", "Cannot change allowed_directories when
 * enable_external_access is disabled"), URLs outside the list, ATTACH, COPY … TO a URL, EXPORT
 * DATABASE, LOAD and extension autoloading are all refused before any request, and the instance
 * keeps answering. `lock_configuration = true` was measured too and is not used: it adds nothing
 * to these guarantees and would refuse every ordinary setting (threads, TimeZone, memory_limit),
 * the app's own included.
 */
import { EXTENSIONS_ORIGIN, hostLabel, type NetworkAccess } from '../notebook/network';
import { codeTokens } from '../sql/lexer';
import { quoteString } from '../sql/quote';

/** Every file the user opens is registered under this directory, the only local path DuckDB may read. */
export const FILES_DIR = '/files/';
/** Where COPY … TO writes (duckdb-copy.ts routes every local target there): DuckDB's own memory. */
export const WRITTEN_DIR = '/written/';

/** Where a file opened as `tableName` is registered: unique per table, so two `same.csv` never collide. */
export function registeredPath(tableName: string, fileName: string): string {
  return `${FILES_DIR}${tableName}/${fileName.replace(/[/\\]/g, '_')}`;
}

/**
 * The settings that close DuckDB to everything but the user's files and allowed hosts, in order.
 * `database` is the kept OPFS database, which DuckDB has open already and must go on writing.
 */
export function lockdownSettings(network: NetworkAccess, database: string | null): string[] {
  // WRITTEN_DIR: what COPY … TO writes (duckdb-copy.ts), inside DuckDB's memory.
  const dirs = [FILES_DIR, WRITTEN_DIR, ...network.hosts.map((origin) => `${origin}/`)];
  const paths = database ? [database, `${database}.wal`] : [];
  const list = (xs: readonly string[]) => `[${xs.map(quoteString).join(', ')}]`;
  return [
    `SET allowed_directories = ${list(dirs)}`,
    ...(paths.length > 0 ? [`SET allowed_paths = ${list(paths)}`] : []),
    'SET enable_external_access = false',
  ];
}

/** `INSTALL x`, `FORCE INSTALL x`, `LOAD x` (name lower-cased) or `UPDATE EXTENSIONS` (no name); null for any other statement. */
export function extensionCommand(
  statement: string,
): { verb: 'INSTALL' | 'LOAD'; name: string } | { verb: 'UPDATE'; name: null } | null {
  const t = codeTokens(statement, 'duckdb');
  if (t[0]?.upper === 'UPDATE' && t[1]?.upper === 'EXTENSIONS') return { verb: 'UPDATE', name: null };
  const at = t[0]?.upper === 'FORCE' ? 1 : 0;
  const verb = t[at]?.upper;
  const name = t[at + 1];
  if ((verb !== 'INSTALL' && verb !== 'LOAD') || !name) return null;
  const text = name.kind === 'string' ? name.text.slice(1, -1) : name.text;
  return { verb, name: text.toLowerCase() };
}

const EXTENSIONS_HINT = `allow DuckDB extensions under Remote data in the sidebar and name it there; it is fetched from ${hostLabel(EXTENSIONS_ORIGIN)} when DuckDB starts (this notebook only).`;

/** An INSTALL of an extension this notebook has not been allowed: said plainly instead of DuckDB's silent "success". */
export function installRefusal(name: string, allowed: readonly string[] = []): { message: string; hint: string } {
  const why =
    allowed.length === 0
      ? 'DuckDB extensions are off in this notebook'
      : `${name} is not among the DuckDB extensions allowed in this notebook (${allowed.join(', ')})`;
  return {
    message: `${why}, so ${name} was not installed. Nothing was sent.`,
    hint: `To use ${name}, ${EXTENSIONS_HINT}`,
  };
}

/**
 * What an extension command does here, said truthfully. DuckDB cannot fetch anything once it runs
 * (extensions come only when it starts, see boot), and answered INSTALL with "success" having
 * done nothing. `loaded` are the allowed extensions loaded at start; `failures` those that could
 * not be (offline), as "name (reason)".
 * - `refuse`: the statement is not run; the message says why and that nothing was sent.
 * - `run`: `text` is run instead of the statement, and `message` says what it did.
 * - `pass`: run as written (LOAD of an extension that was not allowed: DuckDB refuses it, or it is built in).
 */
export function extensionOutcome(
  cmd: NonNullable<ReturnType<typeof extensionCommand>>,
  loaded: readonly string[],
  failures: readonly string[],
):
  | { kind: 'refuse'; message: string; hint: string }
  | { kind: 'run'; text: string; message: string }
  | { kind: 'pass' } {
  if (cmd.verb === 'UPDATE')
    return {
      kind: 'refuse',
      message: `DuckDB in the browser cannot update extensions. Nothing was sent.`,
      hint: `Allowed extensions are fetched from ${hostLabel(EXTENSIONS_ORIGIN)} each time DuckDB starts: reload the page to get their newest version.`,
    };
  const { name } = cmd;
  const failure = failures.find((f) => f.startsWith(`${name} `));
  if (failure)
    return {
      kind: 'refuse',
      message: `${name} is allowed in this notebook, but could not be fetched from ${hostLabel(EXTENSIONS_ORIGIN)} when DuckDB started: ${failure.slice(name.length + 1)}. Nothing was sent now, and ${name} is not loaded.`,
      hint: 'When you are online again, reload the page (or change Remote data): DuckDB then fetches it.',
    };
  if (loaded.includes(name))
    return {
      kind: 'run',
      text: `LOAD ${name}`,
      message: `${name} is loaded: it was fetched from ${hostLabel(EXTENSIONS_ORIGIN)} when DuckDB started. Nothing was sent now.`,
    };
  if (cmd.verb === 'INSTALL') return { kind: 'refuse', ...installRefusal(name, loaded) };
  return { kind: 'pass' };
}

/**
 * DuckDB's refusal, said for people, or null when `message` is not one. The hint says how to
 * allow what was refused, when it can be.
 */
export function explainRefusal(message: string): { message: string; hint: string } | null {
  const access = /Permission Error: Cannot access (?:file|directory) "([^"]*)"/.exec(message);
  if (access) {
    const target = access[1] ?? '';
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? safeUrl(target) : null;
    if (url && (url.protocol === 'https:' || url.protocol === 'http:')) {
      const https = url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
      return {
        message: `Remote access is off in this notebook: DuckDB may not reach ${url.origin}. Nothing was sent.`,
        hint: https
          ? `To read from ${hostLabel(url.origin)}, add it under Remote data in the sidebar (this notebook only).`
          : 'Only https:// hosts can be allowed (plain http only on localhost).',
      };
    }
    return {
      message: `DuckDB may read only the files you open and the hosts you allow, and "${target}" is neither.`,
      hint: 'Open a file with Open files; it becomes a table. To save a result, use its Export… button.',
    };
  }
  const autoload = /Extension Autoloading Error:.*required extension '([a-z0-9_]+)'/s.exec(message);
  const missing = autoload ?? /exists in the ([a-z0-9_]+) extension/.exec(message);
  if (missing) {
    const name = missing[1] ?? 'an';
    const parquet = name === 'parquet' ? ' Parquet files open without it: use Open files.' : '';
    return {
      message: `This needs DuckDB's ${name} extension, which is not part of the app and not loaded in this notebook.${parquet}`,
      hint: `To use ${name}, ${EXTENSIONS_HINT}`,
    };
  }
  // After the autoloading case: its message ends with this one.
  if (/Loading external extensions is disabled/.test(message)) {
    return {
      message: 'DuckDB extensions are off in this notebook. Nothing was sent.',
      hint: `To use one, ${EXTENSIONS_HINT}`,
    };
  }
  if (
    /Cannot (enable external access|change enable_external_access|change allowed_(directories|paths))|Modifying the temp_directory has been disabled/.test(
      message,
    )
  ) {
    return {
      message: 'What DuckDB may reach cannot be changed from SQL in this notebook.',
      hint: 'Use Remote data in the sidebar; DuckDB restarts with the hosts you allow.',
    };
  }
  return null;
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
