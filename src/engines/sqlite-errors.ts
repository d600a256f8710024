/**
 * Maps SQLite error messages to an offset in the statement that failed.
 * SQLite (through sql.js) reports no offset, only a message that names a
 * token or an object:
 *
 *   near "SELEC": syntax error        unrecognized token: "'abc"
 *   incomplete input                  no such table: main.foo
 *   no such column: t.x               no such function: foo
 *
 * so the offset is found by searching the statement for that token or name,
 * skipping comments (and string literals, unless the token is one).
 * The file checks at the end word why a database file cannot be attached.
 */

/** Tells whether preparing `sqlPrefix` fails with exactly `message`; lets the caller resolve repeated tokens. */
export type SyntaxProbe = (sqlPrefix: string, message: string) => boolean;

type CharClass = 'code' | 'comment' | 'string' | 'ident';

/** Offset (0-based, in `statement`) the message points at, or null when it names nothing locatable. */
export function sqliteErrorOffset(message: string, statement: string, probe?: SyntaxProbe): number | null {
  const msg = message.trim();
  if (msg === 'incomplete input') return statement.length;
  const near = /^near "([\s\S]*)": syntax error$/.exec(msg);
  if (near?.[1] !== undefined) return nearTokenOffset(near[1], msg, statement, probe);
  const token = /^unrecognized token: "([\s\S]*)"$/.exec(msg);
  if (token?.[1] !== undefined) return firstOrNull(tokenCandidates(statement, token[1]));
  const name = namedObject(msg);
  return name === null ? null : nameOffset(statement, name);
}

/**
 * The error token may occur several times ("near ")"" in `max(a), min(b))`).
 * SQLite parses left to right, so the failing occurrence is the first one where
 * the statement cut just after it already fails with the same message.
 */
function nearTokenOffset(token: string, message: string, statement: string, probe?: SyntaxProbe): number | null {
  const candidates = tokenCandidates(statement, token);
  if (probe && candidates.length > 1) {
    const hit = candidates.find((at) => probe(statement.slice(0, at + token.length), message));
    if (hit !== undefined) return hit;
  }
  return firstOrNull(candidates);
}

const NAME_PATTERNS: readonly RegExp[] = [
  /^no such (?:table|column|function|view|index|trigger|module|database|collation sequence): (.+?)(?: - should this be a string literal in single-quotes\?)?$/,
  /^ambiguous column name: (.+)$/,
  /^(?:table|index|view|trigger) (.+) already exists$/,
  /^table (.+) has \d+ columns but \d+ values were supplied$/,
  /^wrong number of arguments to function (.+)\(\)$/,
  /^misuse of (?:aggregate|window)(?: function)?:? (.+)\(\)$/,
];

/** The table, column or function name a message is about. */
export function namedObject(message: string): string | null {
  for (const re of NAME_PATTERNS) {
    const m = re.exec(message);
    if (m?.[1]) return unquote(m[1]);
  }
  return null;
}

function unquote(name: string): string {
  const m = /^"(.*)"$/.exec(name);
  return m?.[1] ?? name;
}

/** Where a (possibly dotted) name is written: `t.x`, `"t"."x"` or just `x`. */
function nameOffset(statement: string, name: string): number | null {
  const parts = name.split('.');
  const last = parts[parts.length - 1] ?? name;
  const hits = identifierCandidates(statement, last);
  if (parts.length > 1) {
    const qualifier = parts.slice(0, -1).join('.');
    const qualified = hits
      .map((at) => qualifierStart(statement, at, qualifier))
      .find((start): start is number => start !== null);
    if (qualified !== undefined) return qualified;
  }
  // A name with a dot in it may also be one quoted identifier: "my.table".
  return firstOrNull(hits) ?? firstOrNull(identifierCandidates(statement, name));
}

/** If `qualifier.` (optionally quoted, with spaces) is written right before `at`, its start. */
function qualifierStart(statement: string, at: number, qualifier: string): number | null {
  const before = statement.slice(0, at);
  const escaped = qualifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:"${escaped}"|\`${escaped}\`|\\[${escaped}\\]|${escaped})\\s*\\.\\s*["\`[]?$`, 'i').exec(
    before,
  );
  return m ? m.index : null;
}

/** Offsets where `token` starts a token in code (not inside a comment or string). */
function tokenCandidates(statement: string, token: string): number[] {
  if (token === '') return [];
  const classes = classify(statement);
  const wordy = isIdentChar(token[0] ?? '') && isIdentChar(token[token.length - 1] ?? '');
  return occurrences(statement, token, false).filter(
    (at) => classes[at] === 'code' && (!wordy || atWordBoundary(statement, at, token.length)),
  );
}

/** Offsets where an identifier is written, bare or inside a quoted identifier, matched case-insensitively. */
function identifierCandidates(statement: string, name: string): number[] {
  if (name === '') return [];
  const classes = classify(statement);
  return occurrences(statement, name, true).filter(
    (at) => (classes[at] === 'code' || classes[at] === 'ident') && atWordBoundary(statement, at, name.length),
  );
}

function occurrences(text: string, needle: string, ignoreCase: boolean): number[] {
  const hay = ignoreCase ? text.toLowerCase() : text;
  const pin = ignoreCase ? needle.toLowerCase() : needle;
  const out: number[] = [];
  for (let at = hay.indexOf(pin); at >= 0 && out.length < 64; at = hay.indexOf(pin, at + 1)) out.push(at);
  return out;
}

function isIdentChar(ch: string): boolean {
  return /[\p{L}\p{N}_$]/u.test(ch);
}

function atWordBoundary(text: string, at: number, length: number): boolean {
  return !isIdentChar(text[at - 1] ?? ' ') && !isIdentChar(text[at + length] ?? ' ');
}

function firstOrNull(xs: readonly number[]): number | null {
  return xs[0] ?? null;
}

const QUOTE_CLASS: Readonly<Record<string, CharClass>> = { "'": 'string', '"': 'ident', '`': 'ident', '[': 'ident' };

/** The class of every character. Quote delimiters count as code, so a token like `'abc'` starts in code. */
export function classify(sql: string): CharClass[] {
  const out: CharClass[] = new Array<CharClass>(sql.length).fill('code');
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] ?? '';
    const two = sql.slice(i, i + 2);
    const cls = QUOTE_CLASS[ch];
    let end: number;
    if (two === '--' || two === '/*') {
      end = two === '--' ? endAfter(sql, '\n', i + 2) : endAfter(sql, '*/', i + 2);
      out.fill('comment', i, end);
    } else if (cls) {
      end = closingQuote(sql, ch === '[' ? ']' : ch, i + 1);
      out.fill(cls, i + 1, Math.max(i + 1, end - 1));
    } else {
      end = i + 1;
    }
    i = end;
  }
  return out;
}

function endAfter(sql: string, close: string, from: number): number {
  const j = sql.indexOf(close, from);
  return j < 0 ? sql.length : j + close.length;
}

/** Index just past the closing quote; a doubled quote is an escaped one (except in [brackets]). */
function closingQuote(sql: string, quote: string, from: number): number {
  for (let j = from; j < sql.length; j++) {
    if (sql[j] !== quote) continue;
    if (quote !== ']' && sql[j + 1] === quote) {
      j++;
      continue;
    }
    return j + 1;
  }
  return sql.length + 1;
}

/** One line on what to do next, for the errors where that is not obvious. */
export function sqliteErrorHint(message: string): string | undefined {
  if (/^no such table: /.test(message)) {
    return 'SQLite cells see only tables made in SQLite cells and attached SQLite databases; files opened in DuckDB are not visible here.';
  }
  if (/^no such function: /.test(message))
    return 'SQLite has fewer built-in functions than DuckDB; check the name, or run the cell in DuckDB.';
  if (message === 'incomplete input')
    return 'The statement ends too early: check for an unclosed parenthesis, string or CASE … END.';
  return undefined;
}

/** The reason an attach failed, worded for a user who just picked a file. */
export function fileReason(message: string): string {
  return message === 'file is not a database' ? 'file is not a SQLite database' : message;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Cheap checks SQLite itself does not make up front: an empty file is a valid empty database to SQLite, and a cut-off one fails only later. */
export function headerProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the file is empty (0 bytes).';
  if (String.fromCharCode(...bytes.subarray(0, 16)) !== SQLITE_MAGIC) return 'file is not a SQLite database';
  if (bytes.length < 100) return 'the file is truncated: it ends inside the database header.';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = view.getUint32(28);
  // The header's page count is trusted only when its "version valid for" matches the change counter.
  const countValid = view.getUint32(92) === view.getUint32(24) && pageCount > 0;
  if (countValid && bytes.length < pageSize * pageCount) {
    return `the file is truncated: its header describes ${pageSize * pageCount} bytes, but it has ${bytes.length}.`;
  }
  return null;
}
