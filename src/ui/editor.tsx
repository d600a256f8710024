/**
 * A cell's code editor. A plain textarea paints at once and takes typing; when
 * Monaco has loaded, it replaces the textarea with the same text, cursor and focus.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TextPosition } from '../notebook/errors';

type MonacoModule = typeof import('./monaco');
type Monaco = MonacoModule['monaco'];
type CodeEditor = ReturnType<Monaco['editor']['create']>;

let monacoPromise: Promise<MonacoModule> | null = null;
export function preloadMonaco(): Promise<MonacoModule> {
  monacoPromise ??= import('./monaco');
  return monacoPromise;
}

export interface EditorMarker {
  readonly position: TextPosition;
  readonly message: string;
}

export interface EditorProps {
  readonly value: string;
  readonly language: 'sql' | 'markdown';
  readonly label: string;
  readonly focusSeq: number | null;
  readonly marker: EditorMarker | null;
  readonly onChange: (value: string) => void;
  readonly onRunInPlace: () => void;
  readonly onRunAdvance: () => void;
  readonly onFocus?: () => void;
}

const LINE_HEIGHT = 19;
const MIN_LINES = 2;
const MAX_HEIGHT = 520;

export function Editor(props: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const editor = useRef<CodeEditor | null>(null);
  const monacoRef = useRef<Monaco | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    void preloadMonaco().then(({ monaco }) => {
      if (disposed || !host.current) return;
      monacoRef.current = monaco;
      editor.current = createEditor(monaco, host.current, textarea.current, latest);
      setReady(true);
    });
    return () => {
      disposed = true;
      editor.current?.getModel()?.dispose();
      editor.current?.dispose();
      editor.current = null;
    };
  }, []);

  // Text changed elsewhere (undo of a delete, a reset): bring the editor in line.
  useEffect(() => {
    const ed = editor.current;
    if (ed && ed.getValue() !== props.value) ed.setValue(props.value);
  }, [props.value, ready]);

  useEffect(() => {
    if (props.focusSeq === null) return;
    if (editor.current) editor.current.focus();
    else textarea.current?.focus();
  }, [props.focusSeq, ready]);

  useEffect(() => {
    const ed = editor.current;
    const monaco = monacoRef.current;
    const model = ed?.getModel();
    if (!ed || !monaco || !model) return;
    monaco.editor.setModelMarkers(model, 'engine', props.marker ? [toMarker(monaco, model, props.marker)] : []);
  }, [props.marker, ready]);

  const lines = Math.max(MIN_LINES, props.value.split('\n').length);
  return (
    <div class={`editor ${ready ? 'editor-ready' : ''}`} data-language={props.language}>
      <div ref={host} class="editor-host" style={ready ? undefined : { display: 'none' }} />
      {!ready && (
        <textarea
          ref={textarea}
          class="editor-fallback"
          aria-label={props.label}
          spellcheck={false}
          value={props.value}
          rows={lines}
          style={{ height: `${Math.min(MAX_HEIGHT, lines * LINE_HEIGHT + 12)}px` }}
          onInput={(e) => props.onChange((e.target as HTMLTextAreaElement).value)}
          onFocus={() => props.onFocus?.()}
          onKeyDown={(e) => onFallbackKey(e, latest.current)}
        />
      )}
    </div>
  );
}

function onFallbackKey(e: KeyboardEvent, p: EditorProps): void {
  if (e.key !== 'Enter') return;
  if (e.shiftKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    p.onRunAdvance();
  } else if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    p.onRunInPlace();
  }
}

function createEditor(monaco: Monaco, host: HTMLElement, fallback: HTMLTextAreaElement | null, latest: { current: EditorProps }): CodeEditor {
  const p = latest.current;
  const hadFocus = fallback !== null && document.activeElement === fallback;
  const caret = fallback?.selectionStart ?? 0;
  const value = fallback?.value ?? p.value;
  host.style.display = '';
  const ed = monaco.editor.create(host, {
    value,
    language: p.language,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    lineNumbers: 'on',
    lineNumbersMinChars: 3,
    folding: false,
    glyphMargin: false,
    wordWrap: p.language === 'markdown' ? 'on' : 'off',
    renderLineHighlight: 'none',
    fontSize: 13,
    lineHeight: LINE_HEIGHT,
    scrollbar: { alwaysConsumeMouseWheel: false, vertical: 'auto' },
    overviewRulerLanes: 0,
    fixedOverflowWidgets: true,
    ariaLabel: p.label,
    padding: { top: 6, bottom: 6 },
  });
  const fit = () => {
    const h = Math.min(MAX_HEIGHT, Math.max(MIN_LINES * LINE_HEIGHT + 12, ed.getContentHeight()));
    host.style.height = `${h}px`;
    ed.layout();
  };
  ed.onDidContentSizeChange(fit);
  fit();
  ed.onDidChangeModelContent(() => latest.current.onChange(ed.getValue()));
  ed.onDidFocusEditorText(() => latest.current.onFocus?.());
  ed.addAction({ id: 'run-advance', label: 'Run cell and select next', keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter], run: () => latest.current.onRunAdvance() });
  ed.addAction({ id: 'run-in-place', label: 'Run cell', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter], run: () => latest.current.onRunInPlace() });
  if (value !== p.value) p.onChange(value);
  if (hadFocus) {
    const pos = ed.getModel()?.getPositionAt(caret);
    if (pos) ed.setPosition(pos);
    ed.focus();
  }
  return ed;
}

function toMarker(monaco: Monaco, model: NonNullable<ReturnType<CodeEditor['getModel']>>, m: EditorMarker) {
  const line = Math.min(Math.max(1, m.position.line), model.getLineCount());
  const column = Math.max(1, m.position.column);
  const word = model.getWordAtPosition({ lineNumber: line, column });
  const endColumn = word ? word.endColumn : Math.min(model.getLineMaxColumn(line), column + 1);
  return {
    startLineNumber: line,
    startColumn: word ? word.startColumn : column,
    endLineNumber: line,
    endColumn: Math.max(endColumn, column + 1),
    message: m.message,
    severity: monaco.MarkerSeverity.Error,
  };
}
