/**
 * Monaco, loaded after first paint (see editor.tsx). Only the editor core, the
 * contributions a SQL notebook uses, and the SQL and Markdown grammars are
 * bundled: the full editor.main pulls in every language service.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/caretOperations/browser/caretOperations.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/editor/contrib/find/browser/findController.js';
import 'monaco-editor/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/editor/contrib/format/browser/formatActions.js';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/editor/contrib/lineSelection/browser/lineSelection.js';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints.js';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution.js';
import 'monaco-editor/editor/contrib/smartSelect/browser/smartSelect.js';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/tokenization/browser/tokenization.js';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/languages/definitions/sql/register.js';
import 'monaco-editor/languages/definitions/markdown/register.js';

import { installSqlFeatures, registerModel } from './completion/monaco-adapter';
import type { EditorProps } from './editor';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
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
