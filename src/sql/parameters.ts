/**
 * The named `$name` parameters a statement uses, read from the lexer's tokens,
 * so a `$` inside a word (`a$b`), a string, a comment or a dollar quote
 * (`$tag$…$tag$`, DuckDB) is never one. Numbered ones (`$1`) have no name and
 * are left out, as are SQLite's `:name`, `@name` and `#name`.
 */
import { codeTokens, type Dialect, type Token } from './lexer';

export interface Parameter {
  /** The name without the `$` (and, for DuckDB's `$"name"`, without the quotes). */
  readonly name: string;
  /** Offsets of the whole `$name` in the SQL. */
  readonly start: number;
  readonly end: number;
}

/** Every named parameter in `sql`, in order, repeats included. */
export function parameters(sql: string, dialect: Dialect): Parameter[] {
  const out: Parameter[] = [];
  for (const t of codeTokens(sql, dialect)) {
    const name = t.kind === 'param' && t.text.startsWith('$') ? nameOf(t) : null;
    if (name !== null) out.push({ name, start: t.start, end: t.end });
  }
  return out;
}

/** The distinct names, as first written. DuckDB matches names ignoring case (`$A` is `$a`); SQLite does not. */
export function parameterNames(sql: string, dialect: Dialect): string[] {
  const seen = new Map<string, string>();
  for (const p of parameters(sql, dialect)) {
    const key = dialect === 'duckdb' ? p.name.toLowerCase() : p.name;
    if (!seen.has(key)) seen.set(key, p.name);
  }
  return [...seen.values()];
}

function nameOf(t: Token): string | null {
  const raw = t.text.slice(1);
  if (/^[0-9]+$/.test(raw)) return null;
  if (!raw.startsWith('"')) return raw;
  const inner = (t.closed ? raw.slice(1, -1) : raw.slice(1)).replace(/""/g, '"');
  return inner === '' ? null : inner;
}
