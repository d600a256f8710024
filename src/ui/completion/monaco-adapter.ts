/**
 * Connects the Monaco-free completion, hover and formatting code to Monaco.
 * Providers are registered once per language; each editor registers its
 * model here with the cell it belongs to, so a provider knows the engine.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api.js';
import { formatDialect, duckdb, sqlite } from 'sql-formatter';
import type { CellId, EngineId } from '../../notebook/cells';
import type { CatalogKeeper } from '../../session/catalog';
import { complete, type CompletionItem, type ItemKind } from './provider';
import { hoverMarkdown, hoverTarget } from './hover';

type MonacoApi = typeof Monaco;
type Model = Monaco.editor.ITextModel;

export interface ModelOwner {
  readonly cellId: CellId;
  readonly engine: () => EngineId;
  /** The session's catalog, which completion and hover read. */
  readonly catalog: CatalogKeeper;
}

const owners = new Map<string, ModelOwner>();

/** Tells the providers which cell (and so which engine) a model belongs to; returns the undo. */
export function registerModel(model: Model, owner: ModelOwner): () => void {
  const key = model.uri.toString();
  owners.set(key, owner);
  return () => {
    if (owners.get(key) === owner) owners.delete(key);
  };
}

let installed = false;
export function installSqlFeatures(monaco: MonacoApi): void {
  if (installed) return;
  installed = true;
  monaco.languages.registerCompletionItemProvider('sql', {
    triggerCharacters: ['.', ' ', '"'],
    provideCompletionItems: (model, position, context) => provideCompletion(monaco, model, position, context),
  });
  monaco.languages.registerHoverProvider('sql', {
    provideHover: (model, position) => provideHover(monaco, model, position),
  });
  monaco.languages.registerDocumentFormattingEditProvider('sql', {
    displayName: 'sql-formatter',
    provideDocumentFormattingEdits: (model) => formatEdits(model, model.getFullModelRange()),
  });
  monaco.languages.registerDocumentRangeFormattingEditProvider('sql', {
    displayName: 'sql-formatter',
    provideDocumentRangeFormattingEdits: (model, range) => formatEdits(model, range),
  });
}

function ownerOf(model: Model): ModelOwner | undefined {
  return owners.get(model.uri.toString());
}

const KINDS: Readonly<Record<ItemKind, keyof typeof Monaco.languages.CompletionItemKind>> = {
  table: 'Struct',
  view: 'Interface',
  cell: 'Reference',
  file: 'File',
  schema: 'Module',
  alias: 'Variable',
  column: 'Field',
  function: 'Function',
  keyword: 'Keyword',
};

function provideCompletion(
  monaco: MonacoApi,
  model: Model,
  position: Monaco.Position,
  context: Monaco.languages.CompletionContext,
): Monaco.languages.CompletionList {
  const owner = ownerOf(model);
  if (!owner) return { suggestions: [] };
  const text = model.getValue();
  const offset = model.getOffsetAt(position);
  const list = complete(text, offset, owner.catalog.catalogFor(owner.engine(), owner.cellId));
  // A space opens the list only where a table goes: after every word it would be noise.
  const bySpace =
    context.triggerKind === monaco.languages.CompletionTriggerKind.TriggerCharacter && context.triggerCharacter === ' ';
  if (
    bySpace &&
    !list.items.some((i) => i.kind === 'table' || i.kind === 'file' || i.kind === 'cell' || i.kind === 'view')
  )
    return { suggestions: [] };
  const start = model.getPositionAt(list.from);
  const range = new monaco.Range(start.lineNumber, start.column, position.lineNumber, position.column);
  return { suggestions: list.items.map((i) => toSuggestion(monaco, i, range)) };
}

function toSuggestion(monaco: MonacoApi, i: CompletionItem, range: Monaco.IRange): Monaco.languages.CompletionItem {
  return {
    label: { label: i.label, description: i.detail },
    kind: monaco.languages.CompletionItemKind[KINDS[i.kind]],
    insertText: i.insertText,
    ...(i.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
    filterText: i.filterText,
    sortText: i.sortText,
    detail: i.detail,
    ...(i.documentation ? { documentation: i.documentation } : {}),
    range,
  };
}

async function provideHover(
  monaco: MonacoApi,
  model: Model,
  position: Monaco.Position,
): Promise<Monaco.languages.Hover | null> {
  const owner = ownerOf(model);
  if (!owner) return null;
  const engine = owner.engine();
  const target = hoverTarget(
    model.getValue(),
    model.getOffsetAt(position),
    owner.catalog.catalogFor(engine, owner.cellId),
  );
  if (!target) return null;
  const a = model.getPositionAt(target.from);
  const b = model.getPositionAt(target.to);
  const stats = await owner.catalog.tableStats(engine, target.table, target.column?.name ?? null);
  return {
    range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column),
    // Plain Markdown only: no HTML, no command links. hoverMarkdown escapes whatever came from the data.
    contents: hoverMarkdown(target, stats).map((value) => ({ value, supportHtml: false, isTrusted: false })),
  };
}

function formatEdits(model: Model, range: Monaco.IRange): Monaco.languages.TextEdit[] {
  const owner = ownerOf(model);
  const dialect = owner?.engine() === 'sqlite' ? sqlite : duckdb;
  const text = model.getValueInRange(range);
  try {
    const formatted = formatDialect(text, { dialect, tabWidth: 2, keywordCase: 'preserve', linesBetweenQueries: 1 });
    return formatted === text ? [] : [{ range, text: formatted }];
  } catch {
    // Text the formatter cannot parse is left as it is; the engine will say what is wrong when it runs.
    return [];
  }
}
