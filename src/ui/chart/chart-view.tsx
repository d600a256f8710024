/**
 * A chart of a result: type, x, y, colour and aggregate pickers (saved with
 * the notebook), data aggregated in the engine, drawn with Observable Plot,
 * exportable as SVG or PNG.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Field } from 'apache-arrow';
import type { ColumnKind, ViewQuery } from '../../engines/view-sql';
import type { ChartAggregate, ChartSettings, ChartType } from '../../notebook/view-settings';
import { toNotebookError } from '../../sql/errors';
import { chartData, type ChartData } from '../../session/result-chart';
import type { ResultTarget } from '../../session/result-view';
import { suggestChart } from './suggest';
import { drawPlot, pngBlob, svgText } from './plot';

const TYPES: readonly ChartType[] = ['bar', 'line', 'area', 'scatter', 'histogram', 'heatmap'];
const AGGREGATES: readonly ChartAggregate[] = ['count', 'sum', 'avg', 'min', 'max', 'none'];

interface Props {
  readonly target: ResultTarget;
  readonly query: ViewQuery;
  readonly fields: readonly Field[];
  readonly kinds: readonly ColumnKind[];
  /** Null while a result kept as a view is not counted: the chart counts what it samples. */
  readonly totalRows: number | null;
  readonly settings: ChartSettings | undefined;
  readonly onChange: (c: ChartSettings) => void;
}

type State =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: ChartData }
  | { readonly status: 'error'; readonly message: string };

export function ChartView(p: Props) {
  const names = p.fields.map((f) => f.name);
  const s = p.settings ?? suggestChart(names, p.kinds);
  const [state, setState] = useState<State>({ status: 'loading' });
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([s, p.query.filters ?? [], p.target]);
  useEffect(() => {
    let stopped = false;
    setState({ status: 'loading' });
    chartData(p.target, { filters: p.query.filters ?? [] }, s, p.totalRows).then(
      (data) => !stopped && setState({ status: 'ready', data }),
      (err: unknown) => !stopped && setState({ status: 'error', message: toNotebookError(err).message }),
    );
    return () => {
      stopped = true;
    };
  }, [key]);
  useEffect(() => {
    const el = box.current;
    if (!el || state.status !== 'ready') return;
    el.replaceChildren();
    if (state.data.rows.length > 0) el.append(drawPlot(s, state.data.rows, el.clientWidth || 640));
  }, [state]);
  const set = (patch: Partial<ChartSettings>) => p.onChange({ ...s, ...patch });
  return (
    <div class="chart">
      <div class="chart-controls" role="group" aria-label="Chart settings">
        <Picker label="Chart type" value={s.type} options={TYPES} onChange={(v) => set({ type: v as ChartType })} />
        <Picker label="x" value={s.x ?? ''} options={names} onChange={(v) => set({ x: v })} />
        {s.type !== 'histogram' && (
          <Picker
            label="y"
            value={s.y ?? ''}
            options={['', ...names]}
            onChange={(v) => set(v ? { y: v } : { y: undefined })}
          />
        )}
        {s.type !== 'histogram' && (
          <Picker
            label="Colour"
            value={s.color ?? ''}
            options={['', ...names]}
            onChange={(v) => set(v ? { color: v } : { color: undefined })}
          />
        )}
        {s.type !== 'histogram' && s.type !== 'scatter' && (
          <Picker
            label="Aggregate"
            value={s.aggregate ?? (s.y ? 'sum' : 'count')}
            options={AGGREGATES}
            onChange={(v) => set({ aggregate: v as ChartAggregate })}
          />
        )}
        <span class="spacer" />
        <button
          type="button"
          disabled={state.status !== 'ready'}
          onClick={() =>
            box.current && download(new Blob([svgText(box.current)], { type: 'image/svg+xml' }), 'chart.svg')
          }
        >
          SVG
        </button>
        <button
          type="button"
          disabled={state.status !== 'ready'}
          onClick={() => box.current && void pngBlob(box.current).then((b) => download(b, 'chart.png'))}
        >
          PNG
        </button>
      </div>
      {state.status === 'loading' && <p class="muted chart-note">Drawing…</p>}
      {state.status === 'error' && (
        <p class="result-error" role="status">
          {state.message}
        </p>
      )}
      <div
        class="chart-plot"
        ref={box}
        role="figure"
        aria-label={`${s.type} chart of ${s.y ?? 'count'} by ${s.x ?? '?'}`}
      />
      {state.status === 'ready' && (state.data.note || state.data.rows.length === 0) && (
        <p class="muted chart-note">{state.data.note ?? 'Nothing to draw.'}</p>
      )}
    </div>
  );
}

function Picker({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (v: string) => void;
}) {
  return (
    <label class="chart-picker">
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {options.map((o) => (
          <option value={o}>{o === '' ? '(none)' : o}</option>
        ))}
      </select>
    </label>
  );
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
