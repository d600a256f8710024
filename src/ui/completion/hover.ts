/** What a name under the mouse is: a table in the catalog, or a column of a table in scope. */
import type { Catalog, CatalogTable } from '../../session/catalog';
import type { ColumnInfo } from '../../engines/engine';
import { tokenize, type Token } from '../../notebook/sql-tokens';
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
    const tokens = tokenize(text);
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
