/**
 * The completion provider, free of Monaco: given a cell's text, the caret and
 * the engine's cached catalog, it says what fits there. monaco-adapter.ts
 * turns the answer into Monaco's shapes. It never awaits and never throws.
 */
import type { Catalog, CatalogTable } from '../../session/catalog';
import type { FunctionInfo } from '../../engines/engine';
import { analyse, type CompletionContext, type ScopeTable } from './context';
import { KEYWORDS, quoteName, type Dialect } from './dialect';
import { BUILTIN_FUNCTIONS } from './functions';

export type ItemKind = 'table' | 'view' | 'cell' | 'file' | 'schema' | 'alias' | 'column' | 'function' | 'keyword';

export interface CompletionItem {
  readonly label: string;
  readonly kind: ItemKind;
  /** Text to insert; for functions a snippet with `$0` inside the parentheses. */
  readonly insertText: string;
  readonly snippet: boolean;
  /** What the editor matches the typed prefix against. */
  readonly filterText: string;
  /** Shown beside the label: a column's type and table, a function's signature. */
  readonly detail: string;
  readonly documentation: string;
  readonly sortText: string;
}

export interface CompletionList {
  /** Offset where the replaced text starts; it ends at the caret. */
  readonly from: number;
  readonly items: readonly CompletionItem[];
}

// Sort groups: what the context asks for first, keywords last.
const RANK: Readonly<Record<ItemKind, string>> = {
  column: '1',
  alias: '2',
  cell: '3',
  file: '3',
  table: '3',
  view: '3',
  schema: '4',
  function: '5',
  keyword: '6',
};

export function complete(text: string, offset: number, catalog: Catalog): CompletionList {
  try {
    const ctx = analyse(text, offset, catalog.dialect);
    return { from: ctx.from, items: itemsFor(ctx, catalog) };
  } catch {
    return { from: offset, items: [] };
  }
}

function itemsFor(ctx: CompletionContext, catalog: Catalog): CompletionItem[] {
  const quotedPrefix = ctx.prefix.startsWith('"');
  const mk = (
    o: Omit<CompletionItem, 'filterText' | 'sortText' | 'snippet'> & { snippet?: boolean },
  ): CompletionItem => ({
    ...o,
    snippet: o.snippet ?? false,
    filterText: quotedPrefix ? o.insertText : o.label,
    sortText: RANK[o.kind] + o.label.toLowerCase(),
  });
  switch (ctx.kind) {
    case 'none':
      return [];
    case 'table':
      return [...tableItems(ctx, catalog, mk), ...functionItems(catalog, mk, true)];
    case 'member':
      return memberItems(ctx, catalog, mk);
    case 'column':
      return [
        ...columnItems(ctx.scope, catalog, mk),
        ...scopeNameItems(ctx, catalog, mk),
        ...functionItems(catalog, mk, false),
        ...keywordItems(ctx, catalog.dialect, mk),
      ];
    case 'keyword':
      return keywordItems(ctx, catalog.dialect, mk);
  }
}

type Make = (o: Omit<CompletionItem, 'filterText' | 'sortText' | 'snippet'> & { snippet?: boolean }) => CompletionItem;

function tableLabel(t: CatalogTable): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name;
}

function tableInsert(t: CatalogTable, d: Dialect): string {
  return t.schema ? `${quoteName(t.schema, d)}.${quoteName(t.name, d)}` : quoteName(t.name, d);
}

function tableDetail(t: CatalogTable): string {
  const what =
    t.kind === 'cell' ? `result of ${t.source ?? 'a cell'}` : t.kind === 'file' ? `file ${t.source ?? ''}` : t.kind;
  if (t.kind === 'cell' && t.columns.length === 0) return `${what} · not run yet`;
  return `${what} · ${t.columns.length} column${t.columns.length === 1 ? '' : 's'}`;
}

function columnList(t: CatalogTable): string {
  const shown = t.columns.slice(0, 12).map((c) => `${c.name} ${c.type}`);
  return shown.join('\n') + (t.columns.length > 12 ? `\n… and ${t.columns.length - 12} more` : '');
}

function tableItems(ctx: CompletionContext, catalog: Catalog, mk: Make): CompletionItem[] {
  const d = catalog.dialect;
  const tables = catalog.tables.map((t) =>
    mk({
      label: tableLabel(t),
      kind: t.kind,
      insertText: tableInsert(t, d),
      detail: tableDetail(t),
      documentation: columnList(t),
    }),
  );
  const schemas = catalog.schemas.map((s) =>
    mk({ label: s, kind: 'schema', insertText: quoteName(s, d), detail: 'schema', documentation: '' }),
  );
  const ctes = ctx.ctes.map((c) =>
    mk({ label: c, kind: 'table', insertText: quoteName(c, d), detail: 'defined by WITH', documentation: '' }),
  );
  return [...ctes, ...tables, ...schemas];
}

/** Finds the catalog table a name in the SQL means: exact schema first, then a bare name anywhere. */
export function resolveTable(catalog: Catalog, schema: string | null, name: string): CatalogTable | undefined {
  const n = name.toLowerCase();
  const s = schema?.toLowerCase() ?? null;
  const same = catalog.tables.filter((t) => t.name.toLowerCase() === n);
  return same.find((t) => (t.schema?.toLowerCase() ?? null) === s) ?? (s === null ? same[0] : undefined);
}

function resolveScope(scope: readonly ScopeTable[], catalog: Catalog): { ref: ScopeTable; table: CatalogTable }[] {
  return scope.flatMap((ref) => {
    const table = resolveTable(catalog, ref.schema, ref.name);
    return table ? [{ ref, table }] : [];
  });
}

function columnItems(scope: readonly ScopeTable[], catalog: Catalog, mk: Make): CompletionItem[] {
  const d = catalog.dialect;
  const resolved = resolveScope(scope, catalog);
  const several = resolved.length > 1;
  return resolved.flatMap(({ ref, table }) =>
    table.columns.map((c) =>
      mk({
        label: c.name,
        kind: 'column',
        insertText: quoteName(c.name, d),
        detail: several ? `${c.type} · ${ref.alias ?? table.name}` : c.type,
        documentation: `${tableLabel(table)}.${c.name}`,
      }),
    ),
  );
}

/** The tables and aliases in scope, so `s` completes to an alias before its `.`. */
function scopeNameItems(ctx: CompletionContext, catalog: Catalog, mk: Make): CompletionItem[] {
  const d = catalog.dialect;
  return ctx.scope.map((r) => {
    const name = r.alias ?? r.name;
    return mk({
      label: name,
      kind: 'alias',
      insertText: quoteName(name, d),
      detail: r.alias ? `alias of ${r.name}` : 'table',
      documentation: '',
    });
  });
}

function memberItems(ctx: CompletionContext, catalog: Catalog, mk: Make): CompletionItem[] {
  const d = catalog.dialect;
  const q = ctx.qualifier;
  const last = q.at(-1)?.toLowerCase();
  if (last === undefined) return [];
  const schema = q.length > 1 ? q.slice(0, -1).join('.') : null;
  const aliased = schema === null ? ctx.scope.find((r) => r.alias?.toLowerCase() === last) : undefined;
  const table = aliased ? resolveTable(catalog, aliased.schema, aliased.name) : resolveTable(catalog, schema, last);
  if (table) {
    return table.columns.map((c) =>
      mk({
        label: c.name,
        kind: 'column',
        insertText: quoteName(c.name, d),
        detail: c.type,
        documentation: `${tableLabel(table)}.${c.name}`,
      }),
    );
  }
  const inSchema = catalog.tables.filter((t) => t.schema?.toLowerCase() === q.join('.').toLowerCase());
  return inSchema.map((t) =>
    mk({
      label: t.name,
      kind: t.kind,
      insertText: quoteName(t.name, d),
      detail: tableDetail(t),
      documentation: columnList(t),
    }),
  );
}

function functionItems(catalog: Catalog, mk: Make, tableFunctions: boolean): CompletionItem[] {
  const list = catalog.functions.length > 0 ? catalog.functions : BUILTIN_FUNCTIONS[catalog.dialect];
  return list
    .filter((f) => (f.kind === 'table') === tableFunctions && /^[A-Za-z_][A-Za-z0-9_]*$/.test(f.name))
    .map((f) =>
      mk({
        label: f.name,
        kind: 'function',
        insertText: `${f.name}($0)`,
        snippet: true,
        detail: signatureLine(f),
        documentation: f.description,
      }),
    );
}

function signatureLine(f: FunctionInfo): string {
  const first = f.signatures[0] ?? `${f.name}(…)`;
  const more = f.signatures.length - 1;
  return more > 0 ? `${first}  (+${more} overload${more === 1 ? '' : 's'})` : first;
}

function keywordItems(ctx: CompletionContext, d: Dialect, mk: Make): CompletionItem[] {
  // Match the user's case: someone typing `sel` wants `select`.
  const lower = /^[a-z]/.test(ctx.prefix);
  return KEYWORDS[d].map((k) => {
    const word = lower ? k.toLowerCase() : k;
    return mk({ label: word, kind: 'keyword', insertText: word, detail: 'keyword', documentation: '' });
  });
}
