/**
 * A cell's result: a toolbar (row count, table or chart, profile, export) over
 * the virtual grid or the chart. Sorting, filtering, profiling, charting and
 * exporting are SQL over the result stored in the engine (session/result-view.ts).
 */
import { memo } from 'preact/compat';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Field, Table } from 'apache-arrow';
import type { QueryResult } from '../engines/engine';
import type { Cell } from '../notebook/cells';
import type { ResultViewSettings, SortKey } from '../notebook/view-settings';
import type { ColumnKind, ViewColumn } from '../engines/view-sql';
import { hasView, PagedRows, type ResultTarget } from '../session/result-view';
import { useSession } from './session-context';
import { formatCount } from '../values/format';
import { duckdbTypeOf, fieldKind } from '../values/column-types';
import { Grid } from './grid/grid';
import { parseFilter } from './grid/filter-text';
import { useProfile } from './profile/use-profile';
import { ProfileCell } from './profile/profile-cell';
import { ExportMenu } from './export/export-menu';
import { LazyChart } from './chart/lazy-chart';

/** Memoised: a cell's other changes (its status, its timer) leave the result as it is drawn. */
export const ResultView = memo(function ResultView({
  result,
  cell,
  live = false,
}: {
  result: QueryResult;
  cell?: Cell;
  live?: boolean;
}) {
  if (result.kind === 'done') {
    const text =
      result.message ?? (result.changes === null ? 'Done.' : `Done: ${formatCount(result.changes, 'row')} affected.`);
    return (
      <p class="result-done" data-role="result-summary">
        {text}
      </p>
    );
  }
  if (result.table.schema.fields.length === 0)
    return (
      <p class="result-done" data-role="result-summary">
        Done: the statement returned no columns.
      </p>
    );
  return <ResultPanel table={result.table} totalRows={result.totalRows} cell={cell} live={live} />;
});

/** Sort cycle of a header click: ascending, descending, off. Shift adds the column to the sort instead. */
export function nextSort(sort: readonly SortKey[], column: string, additive: boolean): SortKey[] {
  const cur = sort.find((k) => k.column === column);
  if (!additive) return !cur ? [{ column, desc: false }] : !cur.desc ? [{ column, desc: true }] : [];
  if (!cur) return [...sort, { column, desc: false }];
  return cur.desc
    ? sort.filter((k) => k.column !== column)
    : sort.map((k) => (k.column === column ? { ...k, desc: true } : k));
}

/** The row count as the toolbar says it; `totalRows` is null for a result kept as a view until it is counted. */
function summary(total: number | null, totalRows: number | null, filtered: boolean): string {
  if (!filtered) {
    const n = totalRows ?? total;
    return n === null ? 'counting rows…' : formatCount(n, 'row');
  }
  if (total === null) return totalRows === null ? 'filtering…' : `filtering ${formatCount(totalRows, 'row')}…`;
  return totalRows === null
    ? `${formatCount(total, 'row')} match`
    : `${formatCount(total, 'row')} of ${totalRows.toLocaleString('en-US')}`;
}

function ResultPanel({
  table,
  totalRows,
  cell,
  live,
}: {
  table: Table;
  totalRows: number | null;
  cell: Cell | undefined;
  live: boolean;
}) {
  const s = useSession();
  const fields: readonly Field[] = table.schema.fields;
  const kinds: ColumnKind[] = useMemo(() => {
    // For bench/grid.mjs: when a new result reached the view (the engine has just finished).
    performance.mark('result-view:new');
    return fields.map((f) => fieldKind(f));
  }, [table]);
  const columns: ViewColumn[] = useMemo(
    () => fields.map((f, i) => ({ name: f.name, kind: kinds[i] ?? 'other', type: duckdbTypeOf(f) })),
    [kinds],
  );
  const view: ResultViewSettings = cell?.view ?? {};
  const sort = view.sort ?? [];
  const filters = view.filters ?? [];
  const target: ResultTarget | null = useMemo(
    () => (cell && live ? s.resultTarget(cell.engine, cell.name, columns) : null),
    [cell?.engine, cell?.name, live, columns],
  );
  const query = { sort, filters };
  const queryKey = JSON.stringify(query);
  const source = useMemo(
    () => new PagedRows(target, target ? query : {}, totalRows, target && hasView(query) ? null : table),
    [table, target, queryKey],
  );
  useEffect(() => () => source.dispose(), [source]);
  const [showProfile, setShowProfile] = useState(false);
  const profile = useProfile(showProfile ? target : null, query, columns);
  const save = (next: ResultViewSettings) => cell && s.setView(cell.id, next);
  const onFilter = (column: string, kind: ColumnKind, text: string) => {
    const f = parseFilter(text, column, kind);
    const rest = filters.filter((x) => x.column !== column);
    save({ ...view, filters: f ? [...rest, f] : rest });
  };
  const total = target ? source.total.value : table.numRows;
  const mode = view.mode ?? 'table';
  const viewed = sort.length > 0 || filters.length > 0;
  return (
    <div class="result">
      <div class="result-toolbar" role="toolbar" aria-label="Result view">
        <span data-role="row-count">
          {target ? summary(total, totalRows, filters.length > 0) : rowsWithoutEngine(table, totalRows)}
        </span>
        {viewed && target && (
          <button type="button" class="link" onClick={() => save({ ...view, sort: [], filters: [] })}>
            Clear sort and filters
          </button>
        )}
        <span class="spacer" />
        <div class="segmented" role="group" aria-label="Show as">
          <button type="button" aria-pressed={mode === 'table'} onClick={() => save({ ...view, mode: 'table' })}>
            Table
          </button>
          <button
            type="button"
            aria-pressed={mode === 'chart'}
            disabled={!target}
            onClick={() => save({ ...view, mode: 'chart' })}
          >
            Chart
          </button>
        </div>
        <button
          type="button"
          aria-pressed={showProfile}
          disabled={!target || mode !== 'table'}
          onClick={() => setShowProfile(!showProfile)}
        >
          Profile
        </button>
        <ExportMenu target={target} query={query} name={cell?.name ?? 'result'} />
      </div>
      {source.error.value && (
        <p class="result-error" role="status">
          {source.error.value}
        </p>
      )}
      {mode === 'chart' && target && cell ? (
        <LazyChart
          target={target}
          query={query}
          fields={fields}
          kinds={kinds}
          totalRows={totalRows}
          settings={view.chart}
          onChange={(chart) => save({ ...view, chart })}
        />
      ) : (
        <Grid
          source={source}
          fields={fields}
          kinds={kinds}
          total={total ?? 0}
          sort={sort}
          filters={filters}
          interactive={target !== null}
          onSort={(column, additive) => save({ ...view, sort: nextSort(sort, column, additive) })}
          onFilter={onFilter}
          profile={showProfile ? (c) => <ProfileCell state={profile} col={c} kind={kinds[c] ?? 'other'} /> : null}
        />
      )}
    </div>
  );
}

/** Without the engine's copy (the cell is running again, or the engine restarted), only the window is there. */
function rowsWithoutEngine(table: Table, totalRows: number | null): string {
  if (totalRows === null) return `showing the first ${formatCount(table.numRows, 'row')}`;
  return table.numRows < totalRows
    ? `${formatCount(totalRows, 'row')}, showing the first ${table.numRows.toLocaleString('en-US')}`
    : formatCount(totalRows, 'row');
}
