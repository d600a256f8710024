/**
 * The virtual result grid. Only the rows and columns on screen are in the DOM;
 * rows come from a PagedRows source (engine pages in an LRU). The header is
 * frozen, columns resize, cells and ranges are selected with mouse or keys and
 * copied as TSV (Ctrl+C) or Markdown (Ctrl+Shift+C); Enter opens a long value.
 */
import { memo } from 'preact/compat';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Field, Table } from 'apache-arrow';
import type { PagedRows } from '../../session/result-view';
import { formatInt, formatValue, type Formatted } from '../../values/format';
import { fieldLabel } from '../../values/column-types';
import { readCell } from '../../values/read-cell';
import { GridHeader, type HeaderProps } from './grid-header';
import { ExpandedValue } from './expand';
import { bodyHeight, colWindow, guessWidth, rowWindow, scrollFor, ROW_H, ROWNUM_W } from './layout';
import { inRange, rangeOf, type Selection } from './selection';
import { copySelection, keyAction } from './grid-keys';
import { useSession } from '../session-context';

export interface GridProps extends Pick<
  HeaderProps,
  'fields' | 'kinds' | 'sort' | 'filters' | 'interactive' | 'onSort' | 'onFilter' | 'profile'
> {
  readonly source: PagedRows;
  readonly total: number;
}

const OVERSCAN = 40;
let gridSeq = 0;

/** Formatted cells per page, so scrolling back and forth formats each value once. */
const formatted = new WeakMap<Table, (Formatted | undefined)[]>();

/** One cell's value as shown, formatted by its page's column type. */
export function cellAt(source: PagedRows, row: number, col: number): Formatted | null {
  const ref = source.row(row);
  if (!ref) return null;
  const { table, index } = ref;
  const width = table.numCols;
  let cache = formatted.get(table);
  if (!cache) formatted.set(table, (cache = []));
  const at = index * width + col;
  const hit = cache[at];
  if (hit) return hit;
  const field = table.schema.fields[col];
  if (!field) return null;
  const v = formatValue(readCell(table.getChildAt(col), index), field);
  cache[at] = v;
  return v;
}

function useViewport(scroller: { current: HTMLDivElement | null }): { h: number; w: number } {
  const [size, setSize] = useState({ h: 400, w: 800 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ h: el.clientHeight, w: el.clientWidth }));
    ro.observe(el);
    setSize({ h: el.clientHeight, w: el.clientWidth });
    return () => ro.disconnect();
  }, []);
  return size;
}

export function Grid(p: GridProps) {
  const session = useSession();
  const scroller = useRef<HTMLDivElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [headH, setHeadH] = useState(56);
  const [sel, setSel] = useState<Selection | null>(null);
  const [expanded, setExpanded] = useState<{ row: number; col: number; text: string } | null>(null);
  const [id] = useState(() => `grid-${++gridSeq}`);
  const viewport = useViewport(scroller);
  // Widths belong to one set of fields: a rerun with other columns must never be drawn with the old
  // widths, not even for one render (the header would read columns that are not there).
  const guessed = useMemo(() => initialWidths(p.source, p.fields), [p.fields]);
  const [resized, setResized] = useState<{ fields: readonly Field[]; widths: number[] } | null>(null);
  const widths = resized?.fields === p.fields ? resized.widths : guessed;
  const current = useRef({ fields: p.fields, widths });
  current.current = { fields: p.fields, widths };
  void p.source.version.value; // re-render as pages arrive
  const total = p.total;
  const bodyH = Math.max(0, viewport.h - headH);
  const rows = rowWindow(scroll.top, bodyH, total);
  const cw = colWindow(widths, scroll.left, viewport.w);
  // Stable while only the rows move, so the memoised header is not drawn again on vertical scrolling.
  const cols = useMemo(() => cw, [cw.first, cw.end, cw.before, cw.after]);
  const onResize = useCallback((c: number, w: number) => {
    const { fields, widths: ws } = current.current;
    setResized({ fields, widths: ws.map((x, i) => (i === c ? w : x)) });
  }, []);

  // The header's height (one to three rows) sets where the body starts. Observed, not read on every
  // render: reading offsetHeight after each scroll's DOM changes forced a layout in every frame.
  useLayoutEffect(() => {
    const head = table.current?.tHead;
    if (!head) return;
    const ro = new ResizeObserver(() => setHeadH((h) => head.offsetHeight || h));
    ro.observe(head);
    return () => ro.disconnect();
  }, []);
  useEffect(
    () => p.source.want(Math.max(0, rows.first - OVERSCAN), rows.first + rows.count + OVERSCAN),
    [p.source, rows.first, rows.count, total],
  );
  // A new sort or filter starts at the top.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setSel(null);
    // For bench/grid.mjs: the first frame with this source's rows has been painted.
    requestAnimationFrame(() => setTimeout(() => performance.mark('grid:painted'), 0));
  }, [p.source]);

  const totalW = ROWNUM_W + widths.reduce((a, b) => a + b, 0);
  const range = useMemo(() => (sel ? rangeOf(sel) : null), [sel]);
  const onKeyDown = (e: KeyboardEvent) => {
    const act = keyAction(e, sel, {
      rows: total,
      cols: p.fields.length,
      page: Math.max(1, Math.floor(bodyH / ROW_H) - 1),
    });
    if (!act) return;
    e.preventDefault();
    if (act.kind === 'move') {
      setSel(act.selection);
      reveal(scroller.current, act.selection.focus, rows, bodyH, total, widths);
    } else if (act.kind === 'copy' && sel)
      void copySelection(p.source, p.fields, rangeOf(sel), act.format, (l, t, ms) => session.state.toast(l, t, ms));
    else if (act.kind === 'expand' && sel) openValue(sel.focus.row, sel.focus.col);
    else if (act.kind === 'clear') setSel(null);
  };
  const openValue = (row: number, col: number) => {
    const v = cellAt(p.source, row, col);
    if (v) setExpanded({ row, col, text: v.isNull ? 'NULL' : (v.full ?? v.text) });
  };
  const pick = (e: MouseEvent, extend: boolean) => {
    const td = (e.target as HTMLElement).closest<HTMLElement>('td[data-c]');
    if (!td) return;
    const pos = cellPos(td);
    // The grid keeps its own selection; the browser's text selection would fight it.
    e.preventDefault();
    table.current?.focus({ preventScroll: true });
    setSel(extend && sel ? { anchor: sel.anchor, focus: pos } : { anchor: pos, focus: pos });
  };
  return (
    <>
      <div
        class="grid-scroll"
        ref={scroller}
        style={{ height: `${Math.min(440, headH + total * ROW_H + 18)}px` }}
        onScroll={(e) =>
          setScroll({
            top: (e.currentTarget as HTMLElement).scrollTop,
            left: (e.currentTarget as HTMLElement).scrollLeft,
          })
        }
      >
        <div class="grid-sizer" style={{ height: `${headH + bodyHeight(total)}px`, width: `${totalW}px` }}>
          <table
            ref={table}
            class="grid"
            role="grid"
            aria-label="Result"
            aria-rowcount={total + 1}
            aria-colcount={p.fields.length + 1}
            aria-multiselectable="true"
            aria-activedescendant={sel ? `${id}-active` : undefined}
            tabIndex={0}
            style={{ width: `${totalW}px` }}
            onKeyDown={onKeyDown}
          >
            <colgroup>
              <col style={{ width: `${ROWNUM_W}px` }} />
              {cols.before > 0 && <col style={{ width: `${cols.before}px` }} />}
              {widths.slice(cols.first, cols.end).map((w) => (
                <col style={{ width: `${w}px` }} />
              ))}
              {cols.after > 0 && <col style={{ width: `${cols.after}px` }} />}
            </colgroup>
            <GridHeader {...p} widths={widths} cols={cols} onResize={onResize} />
            <tbody
              style={rows.shift ? { transform: `translateY(${-rows.shift}px)` } : undefined}
              onMouseDown={(e) => pick(e, e.shiftKey)}
              onMouseOver={(e) => {
                if (e.buttons === 1) pick(e, true);
              }}
              onDblClick={(e) => {
                const td = (e.target as HTMLElement).closest<HTMLElement>('td[data-c]');
                if (td) {
                  const { row, col } = cellPos(td);
                  openValue(row, col);
                }
              }}
            >
              {Array.from({ length: rows.count }, (_, i) => (
                <GridRow
                  key={i}
                  row={rows.first + i}
                  loaded={p.source.row(rows.first + i) !== null}
                  p={p}
                  cols={cols}
                  range={range}
                  active={sel?.focus ?? null}
                  id={id}
                />
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {/* Outside the scroller: its containment would clip a fixed dialog. */}
      {expanded && (
        <ExpandedValue
          column={p.fields[expanded.col]?.name ?? ''}
          row={expanded.row}
          text={expanded.text}
          onClose={() => setExpanded(null)}
        />
      )}
    </>
  );
}

interface RowProps {
  readonly row: number;
  /** Passed down so the memoised row draws again when its page arrives. */
  readonly loaded: boolean;
  readonly p: GridProps;
  readonly cols: ReturnType<typeof colWindow>;
  readonly range: ReturnType<typeof rangeOf> | null;
  readonly active: { row: number; col: number } | null;
  readonly id: string;
}

/**
 * Keyed by its slot in the window, not by row number: scrolling then rewrites the text of the rows
 * already in the DOM instead of creating rows and removing others. Measured on a static page of
 * the same table, that halved the main thread's work per frame (creating cells costs style and
 * layout-tree work that changing their text does not). Memoised, so a re-render with the same
 * window (a page arriving elsewhere, a selection) leaves the rows alone.
 */
const GridRow = memo(function GridRow({ row, loaded, p, cols, range, active, id }: RowProps) {
  const cells = [];
  for (let c = cols.first; c < cols.end; c++) {
    const v = loaded ? cellAt(p.source, row, c) : null;
    const numeric = p.kinds[c] === 'number' || v?.numeric === true;
    const isActive = active?.row === row && active.col === c;
    const cls = [
      numeric ? 'num' : '',
      v?.isNull ? 'null' : '',
      !v ? 'loading' : '',
      range && inRange(range, row, c) ? 'sel' : '',
      isActive ? 'active' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const title =
      v?.full !== undefined && v.full.length <= 2000
        ? v.full
        : v && v.text.length > 40 && v.text.length <= 2000
          ? v.text
          : undefined;
    cells.push(
      <td
        key={c}
        class={cls || undefined}
        data-c={c}
        id={isActive ? `${id}-active` : undefined}
        aria-colindex={c + 2}
        aria-selected={range ? inRange(range, row, c) : undefined}
        title={title}
      >
        {v ? v.text : ''}
      </td>,
    );
  }
  return (
    <tr aria-rowindex={row + 2} data-r={row}>
      <td class="rownum">{formatInt(row + 1)}</td>
      {cols.before > 0 && <td class="pad" aria-hidden="true" />}
      {cells}
      {cols.after > 0 && <td class="pad" aria-hidden="true" />}
    </tr>
  );
});

/** A body cell's row and column: the row is on its `tr`, so a scrolled row rewrites one attribute, not one per cell. */
function cellPos(td: HTMLElement): { row: number; col: number } {
  return { row: Number(td.parentElement?.dataset.r), col: Number(td.dataset.c) };
}

function initialWidths(source: PagedRows, fields: readonly Field[]): number[] {
  return fields.map((f, c) => {
    const samples: string[] = [];
    for (let r = 0; r < 30; r++) {
      const v = cellAt(source, r, c);
      if (v) samples.push(v.text);
    }
    return guessWidth(f.name, fieldLabel(f), samples);
  });
}

/** Scrolls so the active cell is on screen. */
function reveal(
  el: HTMLDivElement | null,
  pos: { row: number; col: number },
  rows: { first: number; count: number },
  bodyH: number,
  total: number,
  widths: readonly number[],
): void {
  if (!el) return;
  const fit = Math.max(1, Math.floor(bodyH / ROW_H));
  if (pos.row < rows.first) el.scrollTop = scrollFor(pos.row, bodyH, total, false);
  else if (pos.row >= rows.first + fit) el.scrollTop = scrollFor(pos.row, bodyH, total, true);
  const left = ROWNUM_W + widths.slice(0, pos.col).reduce((a, b) => a + b, 0);
  const right = left + (widths[pos.col] ?? 0);
  if (left - ROWNUM_W < el.scrollLeft) el.scrollLeft = left - ROWNUM_W;
  else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
}
