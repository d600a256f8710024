/**
 * The grid's geometry, as pure functions: which rows and columns are on screen
 * for a scroll position. Browsers cap an element's height (about 33M px in
 * Chromium), so past MAX_SCROLL_PX the scrollbar maps proportionally to rows.
 */
export const ROW_H = 26;
/** Under Firefox's limit (about 17.9M px) too; 570,000 rows scroll exactly, more proportionally. */
export const MAX_SCROLL_PX = 15_000_000;
export const ROWNUM_W = 64;
export const MIN_COL_W = 48;
export const MAX_COL_W = 480;
/** Up to this many rows, every row is rendered: small results need no virtualisation. */
export const RENDER_ALL_ROWS = 30;
/** Up to this many columns, every column is rendered. */
export const RENDER_ALL_COLS = 40;

/** The height of the scrollable body for `total` rows. */
export function bodyHeight(total: number): number {
  return Math.min(total * ROW_H, MAX_SCROLL_PX);
}

export interface RowWindow {
  /** First row drawn. */
  readonly first: number;
  /** How many rows are drawn. */
  readonly count: number;
  /** Pixels the first row is shifted up by, for smooth scrolling between rows. */
  readonly shift: number;
}

/** Rows on screen for a scroll offset and a viewport height (of the body, header excluded). */
export function rowWindow(scrollTop: number, viewport: number, total: number): RowWindow {
  if (total <= RENDER_ALL_ROWS) return { first: 0, count: total, shift: 0 };
  const fit = Math.max(1, Math.ceil(viewport / ROW_H));
  const height = bodyHeight(total);
  const maxScroll = Math.max(1, height - viewport);
  const top = Math.max(0, Math.min(scrollTop, maxScroll));
  // Exact when the body is full height; proportional past the browser's limit.
  const exact = height === total * ROW_H ? top / ROW_H : (top / maxScroll) * Math.max(0, total - viewport / ROW_H);
  const first = Math.max(0, Math.min(Math.floor(exact), Math.max(0, total - 1)));
  const count = Math.max(0, Math.min(fit + 1, total - first));
  return { first, count, shift: Math.round((exact - first) * ROW_H) };
}

/** The scroll offset that puts `row` at the top (or, when `bottom`, at the bottom) of the viewport. */
export function scrollFor(row: number, viewport: number, total: number, bottom = false): number {
  const height = bodyHeight(total);
  const target = bottom ? row + 1 - viewport / ROW_H : row;
  if (height === total * ROW_H) return Math.max(0, target * ROW_H);
  const maxScroll = Math.max(1, height - viewport);
  return Math.max(0, (target / Math.max(1, total - viewport / ROW_H)) * maxScroll);
}

export interface ColWindow {
  readonly first: number;
  /** One past the last column drawn. */
  readonly end: number;
  /** Widths of the columns left out before and after, drawn as spacers. */
  readonly before: number;
  readonly after: number;
}

export function colWindow(widths: readonly number[], scrollLeft: number, viewport: number): ColWindow {
  const n = widths.length;
  if (n <= RENDER_ALL_COLS) return { first: 0, end: n, before: 0, after: 0 };
  let x = 0;
  let first = 0;
  while (first < n && x + (widths[first] ?? 0) < scrollLeft - ROWNUM_W) x += widths[first++] ?? 0;
  const before = x;
  let end = first;
  while (end < n && x < scrollLeft + viewport) x += widths[end++] ?? 0;
  // One more on the right, so fast horizontal scrolling does not show a gap.
  if (end < n) x += widths[end++] ?? 0;
  const total = widths.reduce((a, b) => a + b, 0);
  return { first, end, before, after: total - x };
}

/** A first guess at a column's width from its name, type label and some shown values. */
export function guessWidth(name: string, typeLabel: string, samples: readonly string[]): number {
  const chars = Math.max(name.length + 2, typeLabel.length, ...samples.map((s) => Math.min(s.length, 60)));
  // At least wide enough for the profile strip's figures.
  return Math.max(96, Math.min(MAX_COL_W, Math.round(chars * 7.4 + 20)));
}
