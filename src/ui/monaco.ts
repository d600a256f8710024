/**
 * Monaco, loaded after first paint (see editor.tsx). Only the editor core, the
 * contributions a SQL notebook uses, and the SQL and Markdown grammars are
 * bundled: the full editor.main pulls in every language service.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import 'monaco-editor/languages/definitions/sql/register.js';
import 'monaco-editor/languages/definitions/markdown/register.js';

import { installSqlFeatures, registerModel } from './completion/monaco-adapter';
import type { EditorProps } from './editor';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
// The editor's contributions are a chunk of their own, evaluated in a later task: evaluating all of
// Monaco at once was one task of 200-300 ms (more on a busy machine) that a click had to wait for.
// Editors are made only after this module has finished, so every contribution is registered first.
await new Promise((resolve) => setTimeout(resolve, 0));
await import('./monaco-contributions');
// After the contributions: with the SQL features installed before them, completion never showed.
installSqlFeatures(monaco);

// Escape belongs to Monaco while one of its widgets is open; otherwise it leaves for command mode.
const ESCAPE_FREE =
  '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !markersNavigationVisible && !inSnippetMode && !editorHasMultipleSelections && !renameInputVisible';

/** Wires one cell's editor to the notebook: completion's catalog, Escape to command mode. Returns the undo. */
export function attach(ed: monaco.editor.IStandaloneCodeEditor, latest: { current: EditorProps }): () => void {
  const model = ed.getModel();
  const { cellId, catalog } = latest.current;
  const undo =
    model && cellId && catalog
      ? registerModel(model, { cellId, catalog, engine: () => latest.current.engine ?? 'duckdb' })
      : () => undefined;
  ed.addAction({
    id: 'notebook.command-mode',
    label: 'Leave the editor (command mode)',
    keybindings: [monaco.KeyCode.Escape],
    precondition: ESCAPE_FREE,
    run: () => latest.current.onEscape?.(),
  });
  return undo;
}

/**
 * Makes Monaco's services (made on first use) and the SQL grammar ready without an editor, so that
 * the first editor's creation is a shorter task.
 */
export function warmUp(): void {
  monaco.editor.createModel('', 'sql').dispose();
}

export { monaco };
