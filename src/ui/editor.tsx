/**
 * A cell's code editor. A plain textarea paints at once and takes typing; when
 * Monaco has loaded and the cell is near the visible part of the notebook (or
 * is focused), Monaco replaces the textarea with the same text, cursor and
 * focus. A 200-cell notebook so creates a couple of dozen editors, not 200.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CellId, EngineId } from '../notebook/cells';
import type { CatalogKeeper } from '../session/catalog';
import type { ErrorRange } from './error-range';
import { inTurn, whenNearView } from './lazy-view';

type MonacoModule = typeof import('./monaco');
type Monaco = MonacoModule['monaco'];
type CodeEditor = ReturnType<Monaco['editor']['create']>;

let monacoPromise: Promise<MonacoModule> | null = null;
export function preloadMonaco(): Promise<MonacoModule> {
  monacoPromise ??= import('./monaco').then(async (m) => {
    // The first editor's services are made in a task of their own, not in the first editor's.
    await new Promise((r) => setTimeout(r, 0));
    m.warmUp();
    return m;
  });
  return monacoPromise;
}

let releaseEditors: () => void = () => undefined;
/**
 * Editors of cells that are merely on screen wait for this: loading Monaco (one task of about
 * 300 ms) and creating its first editor (another) while the page starts made a click on "Add SQL
 * cell" or a key in a stand-in wait for them. A cell that is focused or pointed at does not wait.
 */
const editorsReleased = new Promise<void>((resolve) => (releaseEditors = resolve));

/** Lets the editors of cells on screen be created (main.ts calls it once the start has settled). */
export function releaseVisibleEditors(): void {
  releaseEditors();
}

/** Where to draw the cell's error; see error-range.ts. */
export type EditorMarker = ErrorRange;

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
  /** Escape with no widget open: leave the editor for command mode. */
  readonly onEscape?: () => void;
  /** The cell and engine, so completion and formatting know the dialect and catalog. */
  readonly cellId?: CellId;
  /** The session's catalog, for completion and hover in SQL. */
  readonly catalog?: CatalogKeeper;
  readonly engine?: EngineId;
  /** Another tab edits this notebook: the text can be read, selected and run, not changed. */
  readonly readOnly?: boolean;
}

const READ_ONLY_HINT = 'Another tab is editing this notebook. Press Take over (at the top) to edit it here.';

const LINE_HEIGHT = 19;
const MIN_LINES = 2;
const MAX_HEIGHT = 520;

export function Editor(props: EditorProps) {
  const root = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const editor = useRef<CodeEditor | null>(null);
  const monacoRef = useRef<Monaco | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [wanted, setWanted] = useState(false);
  // Texts this editor sent up that the notebook may still echo back, stale, while typing runs ahead of rendering.
  const emitted = useRef(new Set<string>());
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!root.current) return;
    let live = true;
    const cancel = whenNearView(root.current, () => void editorsReleased.then(() => live && setWanted(true)));
    return () => {
      live = false;
      cancel();
    };
  }, []);

  useEffect(() => {
    if (!wanted) return;
    let disposed = false;
    let cleanup: (() => void) | null = null;
    let cancelTurn: (() => void) | null = null;
    void preloadMonaco().then(({ monaco, attach }) => {
      if (disposed) return;
      // One editor per task, the one being typed in first (lazy-view.ts).
      const urgent = textarea.current !== null && document.activeElement === textarea.current;
      cancelTurn = inTurn(() => {
        if (disposed || !host.current) return;
        monacoRef.current = monaco;
        const emit = (v: string) => {
          emitted.current.add(v);
          latest.current.onChange(v);
        };
        const ed = createEditor(monaco, host.current, textarea.current, latest, emit);
        editor.current = ed;
        cleanup = attach(ed, latest);
        setReady(true);
      }, urgent);
    });
    return () => {
      disposed = true;
      cancelTurn?.();
      cleanup?.();
      editor.current?.getModel()?.dispose();
      editor.current?.dispose();
      editor.current = null;
    };
  }, [wanted]);

  // Text changed elsewhere (undo of a delete, a reset): bring the editor in line. Only a change of
  // the value does: when Monaco has just taken over, its text (the stand-in's, and any key typed
  // since) is newer than a value the notebook may not have rendered yet, and setting that would
  // drop those keys and move the caret to the start.
  const synced = useRef(props.value);
  useEffect(() => {
    const ed = editor.current;
    const changed = synced.current !== props.value;
    synced.current = props.value;
    if (!ed) return;
    if (ed.getValue() === props.value) emitted.current.clear();
    else if (changed && !emitted.current.has(props.value)) ed.setValue(props.value);
  }, [props.value, ready]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly: props.readOnly === true });
  }, [props.readOnly, ready]);

  // The label names the cell by its place ("Cell 3"), which changes when a cell is added above.
  useEffect(() => {
    editor.current?.updateOptions({ ariaLabel: props.label });
  }, [props.label, ready]);

  // A focus request goes to whichever editor exists now. Not re-run when Monaco arrives:
  // createEditor carries the textarea's focus over, and by then the user may be typing elsewhere.
  useEffect(() => {
    if (props.focusSeq === null) return;
    if (editor.current) editor.current.focus();
    else textarea.current?.focus();
  }, [props.focusSeq]);

  useEffect(() => {
    const ed = editor.current;
    const monaco = monacoRef.current;
    const model = ed?.getModel();
    if (!ed || !monaco || !model) return;
    monaco.editor.setModelMarkers(model, 'engine', props.marker ? [toMarker(monaco, props.marker)] : []);
  }, [props.marker, ready]);

  const lines = Math.max(MIN_LINES, props.value.split('\n').length);
  return (
    <div ref={root} class={`editor ${ready ? 'editor-ready' : ''}`} data-language={props.language}>
      <div ref={host} class="editor-host" style={ready ? undefined : { display: 'none' }} />
      {!ready && (
        <textarea
          ref={textarea}
          class="editor-fallback"
          aria-label={props.label}
          spellcheck={false}
          readOnly={props.readOnly === true}
          title={props.readOnly ? READ_ONLY_HINT : undefined}
          value={props.value}
          rows={lines}
          style={{ height: `${Math.min(MAX_HEIGHT, lines * LINE_HEIGHT + 12)}px` }}
          onInput={(e) => props.onChange((e.target as HTMLTextAreaElement).value)}
          onFocus={() => {
            setWanted(true);
            props.onFocus?.();
          }}
          onPointerDown={() => setWanted(true)}
          onKeyDown={(e) => onFallbackKey(e, latest.current)}
        />
      )}
    </div>
  );
}

function onFallbackKey(e: KeyboardEvent, p: EditorProps): void {
  if (e.key === 'Escape' && p.onEscape) {
    e.preventDefault();
    p.onEscape();
    return;
  }
  if (e.key !== 'Enter') return;
  if (e.shiftKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    p.onRunAdvance();
  } else if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    p.onRunInPlace();
  }
}

function createEditor(
  monaco: Monaco,
  host: HTMLElement,
  fallback: HTMLTextAreaElement | null,
  latest: { current: EditorProps },
  emit: (value: string) => void,
): CodeEditor {
  const p = latest.current;
  const hadFocus = fallback !== null && document.activeElement === fallback;
  const selection = [fallback?.selectionStart ?? 0, fallback?.selectionEnd ?? fallback?.selectionStart ?? 0] as const;
  const value = fallback?.value ?? p.value;
  host.style.display = '';
  const ed = monaco.editor.create(host, {
    value,
    language: p.language,
    readOnly: p.readOnly === true,
    readOnlyMessage: { value: READ_ONLY_HINT },
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
    suggest: { showStatusBar: true, preview: false, showWords: false },
    quickSuggestions: p.language === 'sql' ? { other: true, comments: false, strings: false } : false,
    wordBasedSuggestions: 'off',
    hover: { delay: 400 },
  });
  const fit = () => {
    const h = Math.min(MAX_HEIGHT, Math.max(MIN_LINES * LINE_HEIGHT + 12, ed.getContentHeight()));
    host.style.height = `${h}px`;
    ed.layout();
  };
  ed.onDidContentSizeChange(fit);
  fit();
  ed.onDidChangeModelContent(() => emit(ed.getValue()));
  ed.onDidFocusEditorText(() => latest.current.onFocus?.());
  // A click in the text area must land in the editor. When the editor sits at a fractional y (cells above
  // of fractional height), Chromium hit-tests the last line's box in whole pixels: the bottom pixel row of
  // that line is in the line by Monaco's arithmetic but below it for caretRangeFromPoint. Monaco then
  // calls the target UNKNOWN and leaves the mousedown alone, and the browser focuses the nearest focusable
  // ancestor, the cell's <article>: command mode, where the next keys act on cells (D D deletes it).
  // The centre of an empty two-line editor is exactly that row. Treat such a click as one a pixel higher.
  ed.onMouseDown((e) => {
    const ev = e.event;
    if (e.target.type !== monaco.editor.MouseTargetType.UNKNOWN || !ev.leftButton) return;
    if (ev.browserEvent.defaultPrevented || !e.target.element?.classList.contains('view-lines')) return;
    ev.preventDefault();
    const above = ed.getTargetAtClientPoint(ev.browserEvent.clientX, ev.browserEvent.clientY - 1);
    if (above?.position) ed.setPosition(above.position);
    ed.focus();
  });
  ed.addAction({
    id: 'run-advance',
    label: 'Run cell and select next',
    keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter],
    run: () => latest.current.onRunAdvance(),
  });
  ed.addAction({
    id: 'run-in-place',
    label: 'Run cell',
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
    run: () => latest.current.onRunInPlace(),
  });
  if (value !== p.value) emit(value);
  if (hadFocus) {
    // The text, the selection (or caret) and the focus carry over: keys typed a moment ago in the
    // stand-in are in `value`, and the next ones land where the user expects.
    const model = ed.getModel();
    if (model) {
      const [from, to] = [model.getPositionAt(selection[0]), model.getPositionAt(selection[1])];
      ed.setSelection(new monaco.Selection(from.lineNumber, from.column, to.lineNumber, to.column));
    }
    ed.focus();
  }
  return ed;
}

function toMarker(monaco: Monaco, m: EditorMarker) {
  return {
    startLineNumber: m.start.line,
    startColumn: m.start.column,
    endLineNumber: m.end.line,
    endColumn: m.end.column,
    message: m.message,
    severity: monaco.MarkerSeverity.Error,
  };
}
