/**
 * Run in both engines (issue 13): the toolbar button, and the two answers side by side under the
 * cell, their differences marked (rows only in one, values that differ) and explained. For
 * reading now: not saved with the notebook.
 */
import { ENGINE_LABELS, type Cell } from '../notebook/cells';
import { toNotebookError, type ErrorData } from '../sql/errors';
import type { BothEngines, EngineAnswer } from '../session/both-engines';
import { sideRows, type SideRows } from '../values/compare-results';
import { useSession } from './session-context';
import { cellPanelState } from './cell-panel-state';

type CompareState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'done'; readonly both: BothEngines }
  | { readonly kind: 'error'; readonly error: ErrorData };

const compares = cellPanelState<CompareState>();

/** Rows drawn per side; the comparison itself covers the first rows each engine sends. */
const SHOWN_ROWS = 50;

export function BothEnginesButton({ cell }: { cell: Cell }) {
  const s = useSession();
  const run = async () => {
    compares.set(cell.id, { kind: 'loading' });
    try {
      const both = await s.scheduler.runInBothEngines(cell.id);
      compares.set(cell.id, both ? { kind: 'done', both } : null);
    } catch (err) {
      compares.set(cell.id, { kind: 'error', error: toNotebookError(err).toData() });
    }
  };
  return (
    <button
      type="button"
      class="both-engines"
      aria-label="Run in both engines"
      title="Run this SQL in DuckDB and in SQLite, and compare the answers"
      disabled={compares.all.value.get(cell.id)?.kind === 'loading'}
      onClick={() => void run()}
    >
      Both engines
    </button>
  );
}

function Side({
  answer,
  rows,
  only,
  differs,
  side,
}: {
  answer: EngineAnswer;
  rows: SideRows | null;
  only: readonly boolean[];
  differs: ReadonlySet<string>;
  side: 'a' | 'b';
}) {
  const label = ENGINE_LABELS[answer.engine];
  if ('error' in answer)
    return (
      <div class="both-side" role="group" aria-label={label}>
        <h4>{label}</h4>
        <p class="both-error">{answer.error.message}</p>
      </div>
    );
  const sideData = rows ?? sideRows(answer.table, SHOWN_ROWS);
  const shown = sideData.rows.slice(0, SHOWN_ROWS);
  return (
    <div class="both-side" role="group" aria-label={label}>
      <h4>
        {label}{' '}
        <span class="both-count">
          {answer.totalRows === null
            ? ''
            : `${answer.totalRows.toLocaleString('en-US')} row${answer.totalRows === 1 ? '' : 's'}`}
        </span>
      </h4>
      <table>
        <thead>
          <tr>
            {sideData.columns.map((c) => (
              <th>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, r) => (
            <tr class={only[r] ? 'only' : undefined} title={only[r] ? `Only in ${label}` : undefined}>
              {row.map((v, c) => (
                <td
                  class={
                    [v === null ? 'null' : '', differs.has(`${r}:${c}`) ? 'differs' : ''].join(' ').trim() || undefined
                  }
                  data-side={side}
                >
                  {v ?? 'NULL'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {sideData.rows.length > SHOWN_ROWS && (
        <p class="both-more">First {SHOWN_ROWS} rows shown; differences are marked in those.</p>
      )}
    </div>
  );
}

export function BothEnginesView({ cell }: { cell: Cell }) {
  const state = compares.all.value.get(cell.id);
  if (!state) return null;
  const both = state.kind === 'done' ? state.both : null;
  const c = both?.comparison ?? null;
  const same = c !== null && c.summary.length === 0;
  return (
    <section class="both-view" aria-label="Both engines">
      <header>
        <span class="both-title">
          {state.kind === 'loading'
            ? 'Running in both engines…'
            : same
              ? `Both engines give the same answer (first ${both?.compared.toLocaleString('en-US')} rows compared).`
              : 'DuckDB and SQLite answer differently'}
        </span>
        <button type="button" class="link" aria-label="Close comparison" onClick={() => compares.set(cell.id, null)}>
          Close
        </button>
      </header>
      {state.kind === 'error' && <p role="alert">{state.error.message}</p>}
      {c && c.summary.length > 0 && (
        <ul class="both-summary" aria-label="Differences">
          {c.summary.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      )}
      {both && both.notes.length > 0 && (
        <ul class="both-notes" aria-label="Why the dialects differ">
          {both.notes.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      )}
      {both && (
        <div class="both-sides">
          <Side
            answer={both.answers[0]}
            rows={c?.a ?? null}
            only={c?.onlyA ?? []}
            differs={c?.differs ?? new Set()}
            side="a"
          />
          <Side
            answer={both.answers[1]}
            rows={c?.b ?? null}
            only={c?.onlyB ?? []}
            differs={c?.differs ?? new Set()}
            side="b"
          />
        </div>
      )}
    </section>
  );
}
