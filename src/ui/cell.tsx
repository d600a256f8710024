/** One notebook cell: its toolbar, its editor and its output. */
import { useEffect, useState } from 'preact/hooks';
import { memo } from 'preact/compat';
import { useComputed } from '@preact/signals';
import { ENGINE_LABELS, type Cell, type CellId, type EngineId } from '../notebook/cells';
import type { ErrorData } from '../sql/errors';
import { shownResult, type CellRun } from '../session/cell-run';
import { ExplainButton, PlanView } from './plan-view';
import { BothEnginesButton, BothEnginesView } from './compare-view';
import { useSession } from './session-context';
import { Editor } from './editor';
import { errorRange } from './error-range';
import { enterCommandMode, onCellKeyDown, selectedCell } from './keyboard';
import { Icon } from './icons';
import { MarkdownView } from './markdown-view';
import { WrittenFiles } from './written-files';
import { ResultView } from './result-table';
import { ErrorBoundary } from './error-boundary';
import { RunWaiting } from './run-waiting';
import { formatCount, formatElapsed } from '../values/format';

interface CellViewProps {
  readonly cell: Cell;
  readonly index: number;
  readonly count: number;
}

/** Memoised: typing in one cell re-renders that cell, not the whole notebook. */
export const CellView = memo(CellViewInner);

function CellViewInner({ cell, index, count }: CellViewProps) {
  // Per-cell views of notebook-wide signals: a run, focus or selection change elsewhere does not re-render this cell.
  const id = cell.id;
  const s = useSession();
  const { runs, focusRequest } = s.state;
  const run = useComputed(() => runs.value.get(id)).value;
  const focus = useComputed(() => (focusRequest.value?.id === id ? focusRequest.value.seq : null)).value;
  const selected = useComputed(() => selectedCell.value === id).value;
  const [editing, setEditing] = useState(cell.kind === 'sql' || cell.source.trim() === '');
  const isMarkdown = cell.kind === 'markdown';
  const showEditor = !isMarkdown || editing;
  useEffect(() => {
    if (focus !== null && isMarkdown) setEditing(true);
  }, [focus]);
  const addBelow = (id: typeof cell.id) =>
    s.addCell(cell.kind === 'markdown' ? 'sql' : cell.kind, { at: 'below', of: id });
  const runInPlace = () => (isMarkdown ? setEditing(false) : void s.scheduler.runCell(cell.id));
  const advance = () => {
    if (isMarkdown) setEditing(false);
    s.scheduler.runAndAdvance(cell.id, addBelow);
  };
  const marker = run?.status === 'error' ? errorRange(cell.source, run.error, cell.engine) : null;
  return (
    <article
      class={`cell cell-${cell.kind}${selected ? ' selected' : ''}`}
      aria-label={`Cell ${index + 1}`}
      data-cell-id={cell.id}
      tabIndex={selected ? 0 : -1}
      onFocusIn={() => (selectedCell.value = cell.id)}
      onKeyDown={(e) => onCellKeyDown(s, cell.id, e)}
      data-status={run?.status ?? 'idle'}
      data-name={cell.name}
      onKeyDownCapture={(e) => {
        // Escape stops a running or queued query; otherwise it is left to the editor and command mode.
        if (e.key === 'Escape' && (run?.status === 'running' || run?.status === 'queued')) {
          e.preventDefault();
          e.stopPropagation();
          void s.scheduler.cancelCell(cell.id);
        }
      }}
    >
      <CellToolbar cell={cell} run={run} index={index} count={count} onRun={runInPlace} />
      {showEditor ? (
        <Editor
          value={cell.source}
          language={isMarkdown ? 'markdown' : 'sql'}
          label={`${isMarkdown ? 'Markdown' : 'SQL'} editor, cell ${index + 1}`}
          focusSeq={focus}
          marker={marker}
          onChange={(v) => s.setSource(cell.id, v)}
          onRunInPlace={runInPlace}
          onRunAdvance={advance}
          onEscape={() => enterCommandMode(cell.id)}
          cellId={cell.id}
          catalog={s.catalog}
          engine={cell.engine}
          readOnly={!s.library.editable}
        />
      ) : (
        <MarkdownView source={cell.source} onEdit={() => setEditing(true)} />
      )}
      {!isMarkdown && <CellOutput run={run} cell={cell} />}
      {!isMarkdown && <PlanView cell={cell} />}
      {!isMarkdown && <BothEnginesView cell={cell} />}
    </article>
  );
}

function CellToolbar({
  cell,
  run,
  index,
  count,
  onRun,
}: {
  cell: Cell;
  run: CellRun | undefined;
  index: number;
  count: number;
  onRun: () => void;
}) {
  const isSql = cell.kind === 'sql';
  const s = useSession();
  // Another tab edits this notebook: this one runs cells but changes none.
  const ro = !s.library.editable;
  return (
    <div class="cell-toolbar">
      <button
        type="button"
        class="run"
        aria-label={isSql ? 'Run cell' : 'Render cell'}
        title={isSql ? 'Run (Ctrl/Cmd+Enter)' : 'Render (Ctrl/Cmd+Enter)'}
        onClick={onRun}
      >
        <Icon name="run" />
      </button>
      <select
        aria-label="Cell kind"
        disabled={ro}
        value={cell.kind}
        onChange={(e) => s.setKind(cell.id, (e.target as HTMLSelectElement).value as Cell['kind'])}
      >
        <option value="sql">SQL</option>
        <option value="markdown">Markdown</option>
      </select>
      {isSql && <CellName cell={cell} />}
      {isSql && (
        <select
          aria-label="Engine"
          disabled={ro}
          value={cell.engine}
          onChange={(e) => s.setEngine(cell.id, (e.target as HTMLSelectElement).value as EngineId)}
        >
          {(Object.keys(ENGINE_LABELS) as EngineId[]).map((id) => (
            <option value={id}>{ENGINE_LABELS[id]}</option>
          ))}
        </select>
      )}
      {isSql && <RunInfo run={run} stale={s.freshness.staleSignal(cell.id).value} runId={cell.id} />}
      {isSql && <ExplainButton cell={cell} />}
      {isSql && <BothEnginesButton cell={cell} />}
      {isSql && (run?.status === 'running' || run?.status === 'queued') && (
        <button
          type="button"
          class="stop"
          aria-label="Stop"
          title="Stop (Escape)"
          onClick={() => void s.scheduler.cancelCell(cell.id)}
        >
          <Icon name="stop" /> Stop
        </button>
      )}
      <span class="spacer" />
      <div class="cell-actions">
        <button
          type="button"
          class="icon"
          aria-label="Insert cell above"
          title="Insert cell above"
          disabled={ro}
          onClick={() => s.addCell('sql', { at: 'above', of: cell.id })}
        >
          <Icon name="above" />
        </button>
        <button
          type="button"
          class="icon"
          aria-label="Insert cell below"
          title="Insert cell below"
          disabled={ro}
          onClick={() => s.addCell('sql', { at: 'below', of: cell.id })}
        >
          <Icon name="below" />
        </button>
        <button
          type="button"
          class="icon"
          aria-label="Move cell up"
          title="Move cell up"
          disabled={ro || index === 0}
          onClick={() => s.moveCell(cell.id, -1)}
        >
          <Icon name="up" />
        </button>
        <button
          type="button"
          class="icon"
          aria-label="Move cell down"
          title="Move cell down"
          disabled={ro || index === count - 1}
          onClick={() => s.moveCell(cell.id, 1)}
        >
          <Icon name="down" />
        </button>
        <button
          type="button"
          class="icon"
          aria-label="Duplicate cell"
          title="Duplicate cell"
          disabled={ro}
          onClick={() => s.duplicateCell(cell.id)}
        >
          <Icon name="duplicate" />
        </button>
        <button
          type="button"
          class="icon danger"
          aria-label="Delete cell"
          title="Delete cell"
          disabled={ro}
          onClick={() => s.deleteCell(cell.id)}
        >
          <Icon name="delete" />
        </button>
      </div>
    </div>
  );
}

function RunInfo({ run, stale, runId }: { run: CellRun | undefined; stale: boolean; runId: CellId }) {
  const status = run?.status ?? 'idle';
  const rows = run?.status === 'done' && run.result.kind === 'rows' ? run.result.totalRows : null;
  const elapsed =
    run?.status === 'done' || run?.status === 'error' || run?.status === 'cancelled' ? run.elapsedMs : undefined;
  return (
    <span class="run-info">
      <span class={`status status-${status}`} data-role="status">
        {status}
      </span>
      <RunWaiting run={run} />
      {run?.status === 'running' && <Elapsed since={run.startedAt} />}
      {status === 'running' && <QueryProgress id={runId} />}
      {elapsed !== undefined && (
        <span class="elapsed" data-role="elapsed">
          {formatElapsed(elapsed)}
        </span>
      )}
      {rows !== null && (
        <span class="rows" data-role="rows">
          {formatCount(rows, 'row')}
        </span>
      )}
      {stale && (
        <span
          class="stale-badge"
          data-role="stale"
          title="The text of this cell or of a cell it reads changed since it ran"
        >
          stale
        </span>
      )}
    </span>
  );
}

/** DuckDB's estimate of how far a running query has got, once it gives one. */
function QueryProgress({ id }: { id: CellId }) {
  const fraction = useSession().state.queryProgress.value.get(id);
  if (fraction === undefined) return null;
  const pct = Math.floor(fraction * 100);
  return (
    <span class="query-progress">
      <progress aria-label="Query progress" max={100} value={pct} />
      <span data-role="progress">{pct}%</span>
    </span>
  );
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(t);
  }, []);
  return <span class="elapsed">{formatElapsed(now - since)}</span>;
}

function CellOutput({ run, cell }: { run: CellRun | undefined; cell: Cell }) {
  const source = cell.source;
  if (!run) return null;
  if (run.status === 'error' || run.status === 'cancelled') return <ErrorView error={run.error} source={source} />;
  const shown = shownResult(run);
  if (!shown) return null;
  return (
    <>
      <div class={run.status === 'done' ? 'output' : 'output stale'}>
        <ErrorBoundary what="This result" resetKey={shown.result}>
          <ResultView result={shown.result} cell={cell} live={run.status === 'done'} />
        </ErrorBoundary>
      </div>
      {shown.result.written && <WrittenFiles files={shown.result.written} engine={cell.engine} />}
      {shown.notes.length > 0 && (
        <ul class="run-notes" aria-label="Notes">
          {shown.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The cell's name: other cells read its result as a table of this name. */
function CellName({ cell }: { cell: Cell }) {
  const s = useSession();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const why = s.renameCell(cell.id, draft.trim());
    setProblem(why);
    if (!why) setDraft(null);
  };
  return (
    <span class="cell-name">
      <input
        aria-label="Cell name"
        title="Other cells can read this cell's result as a table of this name"
        class={problem ? 'invalid' : ''}
        aria-invalid={problem ? true : undefined}
        spellcheck={false}
        value={draft ?? cell.name}
        size={Math.max(6, (draft ?? cell.name).length + 1)}
        onInput={(e) => {
          setDraft((e.target as HTMLInputElement).value);
          setProblem(null);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(null);
            setProblem(null);
          }
        }}
      />
      {problem && (
        <span class="name-problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}

function ErrorView({ error, source }: { error: ErrorData; source: string }) {
  // The failing statement is worth showing only when the cell holds more than it.
  const showSql = error.sql !== undefined && error.sql.trim() !== source.trim();
  const where = error.position ? ` (line ${error.position.line}, column ${error.position.column})` : '';
  return (
    <div class={`cell-error error-${error.code}`} role="alert">
      <p class="error-message">
        {error.message}
        {where}
      </p>
      {showSql && <pre class="error-sql">{error.sql}</pre>}
      {error.lesson && <p class="error-lesson">{error.lesson}</p>}
      {error.hint && <p class="error-hint">{error.hint}</p>}
    </div>
  );
}
