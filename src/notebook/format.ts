/**
 * The notebook file format: a plain SQL script in which every structural line
 * is a `-- %%` comment. See docs/notebook-format.md. Pure: text in, text out.
 *
 * Opening a file and saving it again gives the same bytes: the parser keeps
 * the file's layout (line endings, byte-order mark, final newline) beside the
 * notebook, and the writer has exactly one way to write each cell.
 */
import { createCellId, type Cell, type CellId, type CellKind, type EngineId, type Notebook } from './cells';
import { NAME_PATTERN } from './cell-names';
import { NotebookError } from '../sql/errors';
import { codeTokens, type Dialect } from '../sql/lexer';
import { checkViewSettings, type ResultViewSettings } from './view-settings';
import { checkNetworkAccess, isEmpty, type NetworkAccess } from './network';

/**
 * The newest format version this app reads. A file names the lowest version that can read it:
 * version 2 added the `-- %% network` line, so a notebook that asks for no network access is
 * still written as version 1 and opens in older versions of the app.
 */
export const FORMAT_VERSION = 2;
export const FILE_EXTENSION = '.sql';
const MAGIC = '-- %% sql-notebook ';
const END = '-- %% end';
const NETWORK = '-- %% network ';
/** A structural line; body lines that would match are escaped with a backslash. */
const STRUCT = /^-- %%/;
const MARK = /^-- \\*%%/;

/** How a file was laid out, so saving it again writes the same bytes. */
export interface FileLayout {
  readonly eol: '\n' | '\r\n';
  readonly bom: boolean;
  readonly finalEol: boolean;
}

export const DEFAULT_LAYOUT: FileLayout = { eol: '\n', bom: false, finalEol: true };

export interface ParsedNotebook {
  readonly notebook: Notebook;
  readonly layout: FileLayout;
}

/** The notebook as file text. */
export function serializeNotebook(nb: Notebook, layout: FileLayout = DEFAULT_LAYOUT): string {
  const network = nb.network && !isEmpty(nb.network) ? nb.network : null;
  const lines = [`${MAGIC}${network ? 2 : 1}`, `-- %% title ${JSON.stringify(nb.title)}`];
  if (network) lines.push(`${NETWORK}${JSON.stringify({ hosts: network.hosts, extensions: network.extensions })}`);
  lines.push('');
  for (const id of nb.order) {
    const cell = Object.hasOwn(nb.cells, id) ? nb.cells[id] : undefined;
    if (cell) lines.push(...cellLines(cell), '');
  }
  lines.push(END);
  const text = lines.join(layout.eol) + (layout.finalEol ? layout.eol : '');
  return (layout.bom ? '\uFEFF' : '') + text;
}

function cellLines(cell: Cell): string[] {
  const addSemicolon = cell.kind === 'sql' && needsTerminator(cell.source, cell.engine);
  const head = [`-- %% ${cell.kind} name=${cell.name} engine=${cell.engine}${addSemicolon ? ' semicolon=added' : ''}`];
  if (cell.view && Object.keys(cell.view).length > 0) head.push(`-- %% view ${JSON.stringify(cell.view)}`);
  const body = cell.source
    .split('\n')
    .map((line) => (cell.kind === 'markdown' ? (line === '' ? '--' : `-- ${line}`) : line));
  if (addSemicolon) body.push(';');
  return [...head, ...body.map(escapeLine)];
}

/** A body line that looks like a structural line gets one more backslash: `-- %%` → `-- \%%`. */
function escapeLine(line: string): string {
  return MARK.test(line) ? `-- \\${line.slice(3)}` : line;
}

function unescapeLine(line: string): string {
  return /^-- \\+%%/.test(line) ? `-- ${line.slice(4)}` : line;
}

/**
 * True when the SQL's last statement has no closing ';', so the script would
 * run it together with the next cell's SQL. Comments and white space do not count.
 */
export function needsTerminator(sql: string, dialect: Dialect): boolean {
  const tokens = codeTokens(sql, dialect);
  const last = tokens[tokens.length - 1];
  return last !== undefined && !(last.kind === 'punct' && last.text === ';');
}

function formatError(message: string, hint: string, line?: number): NotebookError {
  return new NotebookError({ code: 'file', message: line === undefined ? message : `Line ${line}: ${message}`, hint });
}

const EDITED_HINT =
  'The file was changed outside the notebook in a way it cannot read. Compare it with the saved copy in git, or open it in a text editor and fix that line.';

/** Reads file text (already decoded) into a notebook, or throws a NotebookError saying what is wrong. */
export function parseNotebook(input: string): ParsedNotebook {
  const bom = input.startsWith('\uFEFF');
  const text = bom ? input.slice(1) : input;
  const version = checkHeader(text);
  const eol: FileLayout['eol'] = text.includes('\n') && !/(^|[^\r])\n/.test(text) ? '\r\n' : '\n';
  const finalEol = text.endsWith(eol);
  const lines = (finalEol ? text.slice(0, -eol.length) : text).split(eol);
  const structural = (i: number): string => (lines[i] ?? '').replace(/\r$/, '');
  if (structural(lines.length - 1) !== END) {
    throw formatError(
      'The notebook file is cut short: its last line should be "-- %% end".',
      'The file was probably truncated while being copied or saved. Look for a complete copy (git, a backup, or the notebook library).',
    );
  }
  const title = parseTitle(structural(1));
  let next = 2;
  let network: NetworkAccess | undefined;
  if (version >= 2 && structural(2).startsWith(NETWORK)) {
    network = parseNetwork(structural(2), 3);
    next = 3;
  }
  if (structural(next) !== '') throw formatError('expected an empty line after the title.', EDITED_HINT, next + 1);
  const cells = parseCells(lines, structural, next + 1);
  const order = cells.map((c) => c.id);
  const map: Record<CellId, Cell> = {};
  for (const c of cells) map[c.id] = c;
  // An empty request is no request: the writer leaves it out, so the reader does too.
  const asks = network && !isEmpty(network);
  const notebook: Notebook = { version: 1, title, order, cells: map, ...(asks ? { network } : {}) };
  return { notebook, layout: { eol, bom, finalEol } };
}

/** The file's format version, or a NotebookError saying why the file cannot be read. */
function checkHeader(text: string): number {
  const first = (text.split('\n', 1)[0] ?? '').replace(/\r$/, '');
  const m = /^-- %% sql-notebook (\d+)$/.exec(first);
  if (!m) {
    throw new NotebookError({
      code: 'file',
      message: 'This is not a notebook file: its first line is not "-- %% sql-notebook 1".',
      hint: 'To query a data file, use Open files instead. A plain SQL script can be pasted into a cell.',
    });
  }
  const version = Number(m[1]);
  if (version > FORMAT_VERSION) {
    throw new NotebookError({
      code: 'file',
      message: `This notebook file is format version ${version}, newer than this app understands (version ${FORMAT_VERSION}).`,
      hint: 'It was saved by a newer version of the app. Reload the page to update, then open it again.',
    });
  }
  if (version < 1) throw formatError(`unknown format version ${version}.`, EDITED_HINT, 1);
  return version;
}

/**
 * The network access the notebook asks for. Only a request: the user decides what to grant
 * (notebook/network.ts), and a file never turns anything on by itself.
 */
function parseNetwork(line: string, lineNo: number): NetworkAccess {
  const checked = checkNetworkAccess(safeJson(line.slice(NETWORK.length)));
  if (!checked.ok) throw formatError(`the network settings are not valid: ${checked.problem}.`, EDITED_HINT, lineNo);
  return checked.value;
}

function parseTitle(line: string): string {
  // `s`: JSON leaves U+2028 and U+2029 unescaped, and without it `.` stops at them.
  const m = /^-- %% title (".*")$/s.exec(line);
  const title: unknown = m?.[1] === undefined ? undefined : safeJson(m[1]);
  if (typeof title !== 'string') throw formatError('expected the title line, -- %% title "…".', EDITED_HINT, 2);
  return title;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const CELL_LINE = /^-- %% (sql|markdown) name=(\S+) engine=(duckdb|sqlite)( semicolon=added)?$/;

function parseCells(lines: readonly string[], structural: (i: number) => string, first: number): Cell[] {
  const cells: Cell[] = [];
  const names = new Set<string>();
  const last = lines.length - 1;
  let i = first;
  while (i < last) {
    const m = CELL_LINE.exec(structural(i));
    if (!m)
      throw formatError(
        `expected a cell line such as "-- %% sql name=cell1 engine=duckdb", found "${clip(structural(i))}".`,
        EDITED_HINT,
        i + 1,
      );
    const [, kind, name, engine, semicolon] = m as unknown as [string, CellKind, string, EngineId, string | undefined];
    if (!NAME_PATTERN.test(name)) throw formatError(`"${clip(name)}" is not a plain cell name.`, EDITED_HINT, i + 1);
    if (names.has(name.toLowerCase()))
      throw formatError(`two cells are named "${name}"; names must be unique.`, EDITED_HINT, i + 1);
    names.add(name.toLowerCase());
    const start = i;
    i++;
    let view: ResultViewSettings | undefined;
    if (structural(i).startsWith('-- %% view ')) view = parseView(structural(i), i + 1, name);
    if (view) i++;
    let end = i;
    while (end < last && !STRUCT.test(lines[end] ?? '')) end++;
    if (structural(end - 1) !== '' || end - 1 < i)
      throw formatError(`the cell that starts on line ${start + 1} must end with an empty line.`, EDITED_HINT, end);
    const body = lines.slice(i, end - 1).map(unescapeLine);
    cells.push(makeCell(kind, name, engine, bodySource(body, kind, semicolon !== undefined, i + 1), view));
    i = end;
  }
  return cells;
}

function bodySource(body: string[], kind: CellKind, semicolon: boolean, firstLine: number): string {
  if (semicolon) {
    if (body[body.length - 1] !== ';')
      throw formatError(
        'the cell says a ";" was added after its SQL, but its last line is not ";".',
        EDITED_HINT,
        firstLine + body.length - 1,
      );
    body = body.slice(0, -1);
  }
  if (kind === 'sql') return body.join('\n');
  return body
    .map((line, k) => {
      if (line === '--') return '';
      if (line.startsWith('-- ')) return line.slice(3);
      throw formatError('a Markdown cell line must be a comment starting with "-- ".', EDITED_HINT, firstLine + k);
    })
    .join('\n');
}

function parseView(line: string, lineNo: number, name: string): ResultViewSettings {
  const checked = checkViewSettings(safeJson(line.slice('-- %% view '.length)));
  if (!checked.ok)
    throw formatError(`the view settings of cell "${name}" are not valid: ${checked.problem}.`, EDITED_HINT, lineNo);
  return checked.value;
}

function makeCell(
  kind: CellKind,
  name: string,
  engine: EngineId,
  source: string,
  view: ResultViewSettings | undefined,
): Cell {
  return { id: createCellId(), kind, engine, source, name, ...(view ? { view } : {}) };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what file names must not hold
const UNSAFE_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** A file name for the notebook: its title made safe for file systems, with the .sql extension. */
export function notebookFileName(title: string): string {
  const stem = title.replace(UNSAFE_IN_FILE_NAMES, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'notebook';
  return `${stem}${FILE_EXTENSION}`;
}
