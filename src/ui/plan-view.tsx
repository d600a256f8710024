/**
 * Explain (issue 13): a cell's query plan as a tree under the cell. DuckDB's operators carry
 * their time and rows (EXPLAIN ANALYZE runs the query); SQLite's steps come from EXPLAIN QUERY
 * PLAN. Each operator's name explains itself on hover. The plan is for reading now: it is not
 * saved with the notebook.
 */
import type { Cell } from '../notebook/cells';
import { toNotebookError, type ErrorData } from '../sql/errors';
import { explainOperator, type PlanNode } from '../engines/plans';
import { formatElapsed } from '../values/format';
import { useSession } from './session-context';
import { cellPanelState } from './cell-panel-state';

type PlanState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'plan'; readonly nodes: readonly PlanNode[]; readonly engine: Cell['engine'] }
  | { readonly kind: 'error'; readonly error: ErrorData };

const plans = cellPanelState<PlanState>();

/** The toolbar's Explain button. */
export function ExplainButton({ cell }: { cell: Cell }) {
  const s = useSession();
  const explain = async () => {
    plans.set(cell.id, { kind: 'loading' });
    try {
      const nodes = await s.scheduler.explainCell(cell.id);
      plans.set(cell.id, { kind: 'plan', nodes, engine: cell.engine });
    } catch (err) {
      plans.set(cell.id, { kind: 'error', error: toNotebookError(err, { code: 'sql' }).toData() });
    }
  };
  return (
    <button
      type="button"
      class="explain"
      aria-label="Explain"
      title="Show the query plan of the last statement"
      disabled={plans.all.value.get(cell.id)?.kind === 'loading'}
      onClick={() => void explain()}
    >
      Explain
    </button>
  );
}

function rowsText(n: number): string {
  return `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
}

function Operator({ node, engine }: { node: PlanNode; engine: Cell['engine'] }) {
  const stats = [
    // Most operators of a small query take well under a millisecond: show hundredths there.
    node.ms !== undefined ? (node.ms < 1 ? `${node.ms.toFixed(2)} ms` : formatElapsed(node.ms)) : null,
    node.rows !== undefined ? rowsText(node.rows) : null,
  ].filter((x): x is string => x !== null);
  const hasChildren = node.children.length > 0;
  return (
    <li role="treeitem" aria-expanded={hasChildren ? true : undefined} aria-label={node.name}>
      <div class="plan-op">
        <span class="plan-name" title={explainOperator(engine, node.name)}>
          {node.name}
        </span>
        {stats.length > 0 && <span class="plan-stats">{stats.join(' · ')}</span>}
        {node.detail && <span class="plan-detail">{node.detail}</span>}
      </div>
      {hasChildren && (
        <ul role="group">
          {node.children.map((c) => (
            <Operator node={c} engine={engine} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The plan under a cell, once Explain was pressed. */
export function PlanView({ cell }: { cell: Cell }) {
  const state = plans.all.value.get(cell.id);
  if (!state) return null;
  const title =
    state.kind === 'plan' && state.engine === 'duckdb'
      ? 'Query plan (DuckDB, EXPLAIN ANALYZE: each operator’s own time and the rows it produced)'
      : 'Query plan (SQLite, EXPLAIN QUERY PLAN)';
  return (
    <section class="plan-view" aria-label="Query plan">
      <header>
        <span class="plan-title">{state.kind === 'loading' ? 'Explaining…' : title}</span>
        <button type="button" class="link" aria-label="Close plan" onClick={() => plans.set(cell.id, null)}>
          Close
        </button>
      </header>
      {state.kind === 'error' && (
        <p class="plan-error" role="alert">
          {state.error.message}
          {state.error.hint ? ` ${state.error.hint}` : ''}
        </p>
      )}
      {state.kind === 'plan' && (
        <ul role="tree" aria-label="Operators">
          {state.nodes.map((n) => (
            <Operator node={n} engine={state.engine} />
          ))}
        </ul>
      )}
      {state.kind === 'plan' && <p class="plan-help">Hover an operator’s name for what it does.</p>}
    </section>
  );
}
