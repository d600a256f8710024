/**
 * What a name under the mouse is (a table in the catalog, or a column of a table in scope), and the
 * Markdown Monaco shows for it.
 */
import type { Catalog, CatalogTable, TableStats } from '../../session/catalog';
import type { ColumnInfo } from '../../engines/engine';
import { codeTokens, type Token } from '../../sql/lexer';
import { scopeOf } from './context';
import { resolveTable } from './provider';

export interface HoverTarget {
  readonly from: number;
  readonly to: number;
  readonly table: CatalogTable;
  /** Set when the name is a column of `table`. */
  readonly column: ColumnInfo | null;
}

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
const isDot = (t: Token | undefined): boolean => t?.kind === 'punct' && t.text === '.';

export function hoverTarget(text: string, offset: number, catalog: Catalog): HoverTarget | null {
  try {
    const tokens = codeTokens(text, catalog.dialect);
    const i = tokens.findIndex((t) => t.start <= offset && offset < t.end);
    const t = tokens[i];
    if (!isName(t)) return null;
    const span = { from: t.start, to: t.end };
    const scope = scopeOf(statementOf(text, t.start), catalog.dialect);
    const qualifier = isDot(tokens[i - 1]) && isName(tokens[i - 2]) ? (tokens[i - 2] as Token).text : null;
    if (qualifier !== null) {
      const ref = scope.find((r) => r.alias?.toLowerCase() === qualifier.toLowerCase());
      const table = ref
        ? resolveTable(catalog, ref.schema, ref.name)
        : (resolveTable(catalog, null, qualifier) ?? resolveTable(catalog, qualifier, t.text));
      if (
        table &&
        table.schema?.toLowerCase() === qualifier.toLowerCase() &&
        table.name.toLowerCase() === t.text.toLowerCase()
      )
        return { ...span, table, column: null };
      const column = table?.columns.find((c) => c.name.toLowerCase() === t.text.toLowerCase());
      return table && column ? { ...span, table, column } : null;
    }
    const table = resolveTable(catalog, null, t.text);
    if (table && !isDot(tokens[i + 1])) return { ...span, table, column: null };
    for (const ref of scope) {
      const owner = resolveTable(catalog, ref.schema, ref.name);
      const column = owner?.columns.find((c) => c.name.toLowerCase() === t.text.toLowerCase());
      if (owner && column) return { ...span, table: owner, column };
    }
    return table ? { ...span, table, column: null } : null;
  } catch {
    return null;
  }
}

/** The statement around `offset`, so scope comes from the right one. */
function statementOf(text: string, offset: number): string {
  const start = text.lastIndexOf(';', offset - 1) + 1;
  const end = text.indexOf(';', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * Text that Monaco's Markdown renderer shows as it is. Names, types and values come from notebooks
 * and files anyone may have written: `![x](https://…)` as a column name made the hover fetch the
 * image. Every ASCII punctuation character is backslash-escaped (CommonMark allows it for all of
 * them), so no image, link, autolink, HTML, entity or emphasis can form; line breaks become spaces,
 * so no block can start.
 */
export function markdownText(s: string): string {
  return oneLine(s).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A code span: its content is literal in Markdown once it holds no backtick and no line break. */
export function markdownCode(s: string): string {
  return '`' + oneLine(s).replace(/`/g, "'") + '`';
}

const oneLine = (s: string): string => s.replace(/[\r\n\u2028\u2029]+/g, ' ');

/** The hover's paragraphs, as Markdown in which every part taken from the data is escaped. */
export function hoverMarkdown(t: HoverTarget, stats: TableStats | null): string[] {
  const where = markdownText(describeTable(t.table));
  const rows =
    stats?.rows !== undefined
      ? ` · ${stats.rows.toLocaleString('en-US')} row${stats.rows === 1 ? '' : 's'}`
      : stats?.notCounted === 'view'
        ? ' · rows not counted (a view runs its query to count them)'
        : '';
  if (t.column) {
    const samples = stats?.samples.length ? `Sample values: ${stats.samples.map(markdownCode).join(', ')}` : '';
    const head = `**${markdownText(t.column.name)}** ${markdownCode(t.column.type || 'any')}`;
    return [head, `Column of ${where}${rows}`, samples].filter(Boolean);
  }
  const cols = t.table.columns
    .slice(0, 10)
    .map((c) => `${markdownText(c.name)} ${markdownCode(c.type || 'any')}`)
    .join(' · ');
  const more = t.table.columns.length > 10 ? ` · … ${t.table.columns.length - 10} more` : '';
  return [`**${markdownText(t.table.name)}** — ${where}${rows}`, `${t.table.columns.length} columns: ${cols}${more}`];
}

function describeTable(t: CatalogTable): string {
  const name = t.schema ? `${t.schema}.${t.name}` : t.name;
  if (t.kind === 'cell') return `${name}, the result of ${t.source ?? 'a cell'}`;
  if (t.kind === 'file') return `${name}, from the file ${t.source ?? ''}${t.view ? ', read in place' : ''}`;
  return `${t.kind} ${name}`;
}
