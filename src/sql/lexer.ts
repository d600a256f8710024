/**
 * The one SQL lexer, for both dialects (the rules are in scan.ts). Every
 * analysis of SQL text in the app starts here: splitting into statements,
 * first keywords, table references, parameters, completion and error
 * positions. Tokens are cached by text and dialect, so a cell whose text has
 * not changed is never lexed again, however many analyses read it: a Run
 * lexes its cell once, and the dependency graph, rebuilt on every keystroke,
 * lexes only the cell being typed in.
 */
import { scan, type Dialect, type Token } from './scan';

export type { Dialect, Token, TokenKind } from './scan';

/** Texts kept per dialect; a notebook's cells and their statements fit many times over. */
const CAPACITY = 500;

interface Lexed {
  readonly all: readonly Token[];
  /** The tokens without comments, made when first asked for. */
  code?: readonly Token[];
}

/** A Map keeps insertion order, so its first key is the least recently used. */
const caches: Readonly<Record<Dialect, Map<string, Lexed>>> = { duckdb: new Map(), sqlite: new Map() };
let lexes = 0;

/** How many texts have been lexed (not found in the cache) since the app started; for tests. */
export function lexCount(): number {
  return lexes;
}

function remember(cache: Map<string, Lexed>, text: string, entry: Lexed): Lexed {
  cache.set(text, entry);
  if (cache.size > CAPACITY) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return entry;
}

function lexed(text: string, dialect: Dialect): Lexed {
  const cache = caches[dialect];
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  lexes++;
  return remember(cache, text, { all: Object.freeze(scan(text, dialect)) });
}

/** Every token of `text`, comments included (kind 'comment'). Shared and frozen: never change it. */
export function tokenize(text: string, dialect: Dialect): readonly Token[] {
  return lexed(text, dialect).all;
}

/** The tokens of `text` without its comments, for analyses that read only code. */
export function codeTokens(text: string, dialect: Dialect): readonly Token[] {
  const entry = lexed(text, dialect);
  entry.code ??= Object.freeze(entry.all.filter((t) => t.kind !== 'comment'));
  return entry.code;
}

/**
 * Caches `tokens`, taken from a text already lexed, as the tokens of `part`, the piece of
 * that text starting at `offset` (a statement): the analyses that then read the
 * statement's own text lex nothing. Callers pass every token that lies in the piece.
 * Nothing is cached when a token reaches past it, as an unclosed string cut short by
 * trimming does: lexing the piece alone would end that token elsewhere.
 */
export function sharePart(part: string, dialect: Dialect, tokens: readonly Token[], offset: number): void {
  const cache = caches[dialect];
  if (cache.has(part)) return;
  const last = tokens[tokens.length - 1];
  const first = tokens[0];
  if ((first && first.start < offset) || (last && last.end > offset + part.length)) return;
  const shifted = tokens.map((t) => ({ ...t, start: t.start - offset, end: t.end - offset }));
  remember(cache, part, { all: Object.freeze(shifted) });
}
