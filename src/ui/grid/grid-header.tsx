/** The grid's frozen header: names and types (click to sort), resize handles, filter boxes, and the profile row. */
import { memo } from 'preact/compat';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Field } from 'apache-arrow';
import type { ColumnFilter, SortKey } from '../../notebook/view-settings';
import type { ColumnKind } from '../../engines/view-sql';
import { fieldLabel } from '../../values/column-types';
import { filterText } from './filter-text';
import { MAX_COL_W, MIN_COL_W, type ColWindow } from './layout';

export interface HeaderProps {
  readonly fields: readonly Field[];
  readonly kinds: readonly ColumnKind[];
  readonly widths: readonly number[];
  readonly cols: ColWindow;
  readonly sort: readonly SortKey[];
  readonly filters: readonly ColumnFilter[];
  /** False when the result is not in the engine: sorting and filtering need it. */
  readonly interactive: boolean;
  readonly onSort: (column: string, additive: boolean) => void;
  readonly onFilter: (column: string, kind: ColumnKind, text: string) => void;
  readonly onResize: (col: number, width: number) => void;
  /** A cell per column for the profile row, when the profile is shown. */
  readonly profile: ((col: number) => ComponentChildren) | null;
}

function Spacer({ width, tag = 'th' }: { width: number; tag?: 'th' | 'td' }) {
  if (width <= 0) return null;
  return tag === 'th' ? <th class="pad" aria-hidden="true" /> : <td class="pad" aria-hidden="true" />;
}

function visible(cols: ColWindow): number[] {
  return Array.from({ length: cols.end - cols.first }, (_, i) => cols.first + i);
}

export const GridHeader = memo(function GridHeader(p: HeaderProps) {
  const idx = visible(p.cols);
  return (
    <thead>
      <tr class="head-row" aria-rowindex={1}>
        <th class="rownum" scope="col" aria-label="Row number">
          #
        </th>
        <Spacer width={p.cols.before} />
        {idx.map((c) => (
          <HeaderCell key={c} col={c} {...p} />
        ))}
        <Spacer width={p.cols.after} />
      </tr>
      {p.interactive && (
        <tr class="filter-row">
          <td class="rownum" aria-hidden="true" />
          <Spacer width={p.cols.before} tag="td" />
          {idx.map((c) => (
            <FilterCell key={c} col={c} {...p} />
          ))}
          <Spacer width={p.cols.after} tag="td" />
        </tr>
      )}
      {p.profile && (
        <tr class="profile-row">
          <td class="rownum profile-label">profile</td>
          <Spacer width={p.cols.before} tag="td" />
          {idx.map((c) => (
            <td key={c} class="profile-cell">
              {p.profile?.(c)}
            </td>
          ))}
          <Spacer width={p.cols.after} tag="td" />
        </tr>
      )}
    </thead>
  );
});

function HeaderCell(p: HeaderProps & { col: number }) {
  const f = p.fields[p.col] as Field;
  const kind = p.kinds[p.col];
  const at = p.sort.findIndex((k) => k.column === f.name);
  const key = at >= 0 ? p.sort[at] : undefined;
  const ariaSort = key ? (key.desc ? 'descending' : 'ascending') : 'none';
  const label = fieldLabel(f);
  return (
    <th
      scope="col"
      class={kind === 'number' ? 'num' : ''}
      aria-sort={ariaSort}
      aria-colindex={p.col + 2}
      title={`${f.name}: ${String(f.type)}${p.interactive ? '\nClick to sort; Shift+click to add to the sort' : ''}`}
    >
      <button
        type="button"
        class="col-sort"
        disabled={!p.interactive}
        aria-label={`${f.name}, ${label}${key ? `, sorted ${key.desc ? 'descending' : 'ascending'}` : ''}. Sort`}
        onClick={(e) => p.onSort(f.name, e.shiftKey)}
      >
        <span class="col-name">{f.name}</span>
        <span class="col-type">
          {label}
          {key && (
            <span class="sort-mark" aria-hidden="true">
              {key.desc ? ' ▼' : ' ▲'}
              {p.sort.length > 1 ? at + 1 : ''}
            </span>
          )}
        </span>
      </button>
      <Resizer col={p.col} name={f.name} width={p.widths[p.col] ?? 100} onResize={p.onResize} />
    </th>
  );
}

/** Drag, or focus and press the arrow keys, to change a column's width. */
function Resizer({
  col,
  name,
  width,
  onResize,
}: {
  col: number;
  name: string;
  width: number;
  onResize: (col: number, w: number) => void;
}) {
  const clamp = (w: number) => Math.max(MIN_COL_W, Math.min(MAX_COL_W * 2, Math.round(w)));
  const start = (e: PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const x0 = e.clientX;
    const el = e.currentTarget as HTMLElement;
    el.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => onResize(col, clamp(width + m.clientX - x0));
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  return (
    <div
      class="col-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize column ${name}`}
      aria-valuenow={width}
      aria-valuemin={MIN_COL_W}
      aria-valuemax={MAX_COL_W * 2}
      tabIndex={0}
      onPointerDown={start}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          e.preventDefault();
          e.stopPropagation();
          onResize(col, clamp(width + (e.key === 'ArrowRight' ? 16 : -16)));
        }
      }}
    />
  );
}

function FilterCell(p: HeaderProps & { col: number }) {
  const f = p.fields[p.col] as Field;
  const kind = p.kinds[p.col] ?? 'other';
  const saved = p.filters.find((x) => x.column === f.name);
  const shown = saved ? filterText(saved, kind) : '';
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => setDraft(null), [shown]);
  useEffect(() => {
    if (draft === null || draft === shown) return;
    // Applied as the user pauses, so each keystroke does not start an engine query.
    const t = setTimeout(() => p.onFilter(f.name, kind, draft), 450);
    return () => clearTimeout(t);
  }, [draft]);
  return (
    <td class="filter-cell">
      <input
        type="text"
        aria-label={`Filter ${f.name}`}
        placeholder={kind === 'text' ? 'contains…' : kind === 'number' ? '= > < null' : 'filter…'}
        title="text: contains · =x · !=x · >x · >=x · <x · <=x · null · !null"
        spellcheck={false}
        value={draft ?? shown}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') p.onFilter(f.name, kind, (e.target as HTMLInputElement).value);
          if (e.key === 'Escape') setDraft(null);
        }}
      />
    </td>
  );
}
