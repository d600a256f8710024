/** Keyboard navigation of the grid, and copying a selected range (fetching rows not on screen from the engine). */
import type { Field } from 'apache-arrow';
import { PAGE_ROWS, type PagedRows } from '../../session/result-view';
import type { Toast } from '../../session/session-state';
import { formatValue, type Formatted } from '../../values/format';
import { fieldKind } from '../../values/column-types';
import { readCell } from '../../values/read-cell';
import { clampPos, toMarkdown, toTsv, type Range, type Selection } from './selection';

export type KeyAction =
  | { readonly kind: 'move'; readonly selection: Selection }
  | { readonly kind: 'copy'; readonly format: 'tsv' | 'markdown' }
  | { readonly kind: 'expand' }
  | { readonly kind: 'clear' };

interface Bounds {
  readonly rows: number;
  readonly cols: number;
  /** Rows per Page Up / Page Down. */
  readonly page: number;
}

function delta(e: KeyboardEvent, b: Bounds): { dr: number; dc: number } | null {
  const far = e.ctrlKey || e.metaKey;
  switch (e.key) {
    case 'ArrowDown':
      return { dr: far ? b.rows : 1, dc: 0 };
    case 'ArrowUp':
      return { dr: far ? -b.rows : -1, dc: 0 };
    case 'ArrowRight':
      return { dr: 0, dc: far ? b.cols : 1 };
    case 'ArrowLeft':
      return { dr: 0, dc: far ? -b.cols : -1 };
    case 'PageDown':
      return { dr: b.page, dc: 0 };
    case 'PageUp':
      return { dr: -b.page, dc: 0 };
    case 'Home':
      return far ? { dr: -b.rows, dc: -b.cols } : { dr: 0, dc: -b.cols };
    case 'End':
      return far ? { dr: b.rows, dc: b.cols } : { dr: 0, dc: b.cols };
    default:
      return null;
  }
}

/** What a key does to the grid, or null to leave it to the page. */
export function keyAction(e: KeyboardEvent, sel: Selection | null, b: Bounds): KeyAction | null {
  if (b.rows === 0 || b.cols === 0) return null;
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key.toLowerCase() === 'c') return sel ? { kind: 'copy', format: e.shiftKey ? 'markdown' : 'tsv' } : null;
  if (mod && e.key.toLowerCase() === 'a')
    return { kind: 'move', selection: { anchor: { row: 0, col: 0 }, focus: { row: b.rows - 1, col: b.cols - 1 } } };
  if (e.key === 'Enter' && sel) return { kind: 'expand' };
  if (e.key === 'Escape' && sel) return { kind: 'clear' };
  const d = delta(e, b);
  if (!d) return null;
  const from = sel?.focus ?? { row: 0, col: 0 };
  const focus = sel ? clampPos({ row: from.row + d.dr, col: from.col + d.dc }, b.rows, b.cols) : from;
  return { kind: 'move', selection: { anchor: e.shiftKey && sel ? sel.anchor : focus, focus } };
}

/** Copying more than this many rows is cut, with a notice: it is a clipboard, not an export. */
const MAX_COPY_ROWS = 10_000;

function copyText(v: Formatted | null, markdown: boolean): string {
  if (!v || v.isNull) return markdown ? 'NULL' : '';
  if (v.full !== undefined) return v.full;
  return v.numeric ? v.text.replace(/,/g, '') : v.text;
}

/** The selected range as text; rows not in the page cache are read from the engine first. */
export async function copySelection(
  source: PagedRows,
  fields: readonly Field[],
  r: Range,
  format: 'tsv' | 'markdown',
  toast: (level: Toast['level'], text: string, ttlMs?: number) => void,
): Promise<void> {
  const bottom = Math.min(r.bottom, r.top + MAX_COPY_ROWS - 1);
  const rows: string[][] = [];
  for (let start = r.top; start <= bottom; start += PAGE_ROWS) {
    const end = Math.min(bottom, start + PAGE_ROWS - 1);
    for (let row = start; row <= end; row++) {
      const values: string[] = [];
      for (let c = r.left; c <= r.right; c++)
        values.push(copyText(await valueAt(source, row, c), format === 'markdown'));
      rows.push(values);
    }
  }
  const header = fields.slice(r.left, r.right + 1).map((f) => f.name);
  const multi = r.bottom > r.top || r.right > r.left;
  const numeric = fields.slice(r.left, r.right + 1).map((f) => fieldKind(f) === 'number');
  const text = format === 'markdown' ? toMarkdown(header, rows, numeric) : toTsv(multi ? header : null, rows);
  try {
    await navigator.clipboard.writeText(text);
    const cut = r.bottom > bottom ? ` (the first ${MAX_COPY_ROWS.toLocaleString('en-US')})` : '';
    toast(
      'info',
      `Copied ${rows.length.toLocaleString('en-US')} row${rows.length === 1 ? '' : 's'}${cut} as ${format === 'markdown' ? 'Markdown' : 'TSV'}.`,
      2500,
    );
  } catch {
    toast('warning', 'The clipboard is not available here.');
  }
}

async function valueAt(source: PagedRows, row: number, col: number): Promise<Formatted | null> {
  let ref = source.row(row);
  if (!ref) {
    await source.load(row);
    ref = source.row(row);
  }
  const field = ref?.table.schema.fields[col];
  return ref && field ? formatValue(readCell(ref.table.getChildAt(col), ref.index), field) : null;
}
